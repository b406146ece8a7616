"""The agency register: read from CSV or XLSX (Chinese or English headers), rejected with file and line when it
cannot be used, matched to reports by normalised name, overriding kind, level and dates; pre-filled from a
corpus with unknown kinds for the evaluator to settle."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from disclosure_analysis.corpus import schema
from disclosure_analysis.corpus.register import (
    FROM_REGISTER,
    FROM_TEXT,
    RegisterError,
    load_register,
    normalise_name,
    register_frame,
    with_register,
    write_register,
)
from disclosure_analysis.corpus.tables import Corpus
from disclosure_analysis.ingest.metadata import agency_info

HEADER = "编号,名称,其他名称,上级,类型,层级,地区,应发布年度,年报网址,发布日期,备注\n"


def _write(tmp_path: Path, text: str, name: str = "register.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("示例县人民政府办公室", "示例县政府办"),
        ("示例县人民政府办公厅", "示例县政府办公室"),
        ("示例县 公安局", "示例县公安局"),
        ("东坡街道办事处", "东坡街道"),
        ("（示例县）发展和改革局", "示例县发展和改革局"),
        ("ＡＢ局", "AB局"),
    ],
)
def test_name_variants_normalise_alike(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_read_with_chinese_headers(tmp_path: Path) -> None:
    register = load_register(
        _write(
            tmp_path,
            HEADER
            + "pt,平潭综合实验区,平潭县人民政府,,管委会,,,2019-,http://x.example/nb,2023=2024年3月20日；2022=2023-03-01,\n"
            + "pt-czj,平潭综合实验区财政金融局,,平潭综合实验区,,,,2019-2021、2023,,,\n",
        )
    )
    pt, czj = register.get("pt"), register.get("pt-czj")
    assert (pt.kind, pt.kind_given, pt.url) == ("committee", True, "http://x.example/nb")
    assert pt.published_for(2023) == "2024-03-20" and pt.published_for(2021) is None
    assert (czj.kind, czj.kind_given, czj.parent) == ("department", False, "pt")  # kind from the name
    assert czj.expects(2021) and not czj.expects(2022) and czj.expects(2023)
    assert register.match("平潭县政府") == "pt" and register.children("pt") == [czj]


def test_read_xlsx_and_english_headers(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["id", "name", "kind", "published"])
    book.active.append(["a", "示例县东坡街道办事处", "township", "2023=2024-01-20"])
    book.save(tmp_path / "r.xlsx")
    entry = load_register(tmp_path / "r.xlsx").get("a")
    assert (entry.kind, entry.level, entry.published) == ("township", "乡镇街道", ((2023, "2024-01-20"),))


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("x,示例县公安局\nx,示例县教育局\n", "第 3 行：编号 x 重复"),
        (",示例县公安局\n", "第 2 行：编号（id）和名称（name）不能为空"),
        ("x,示例县公安局,,,局\n", "第 2 行：类型“局”无法识别"),
        ("x,示例县公安局,,,,县里\n", "第 2 行：层级“县里”无法识别"),
        ("x,示例县公安局,,,,,,2024-2020\n", "起止年份颠倒"),
        ("x,示例县公安局,,,,,,明年\n", "应发布年度“明年”无法识别"),
        ("x,示例县公安局,,,,,,,,2024-01-20\n", "写作“报告年度=发布日期”"),
        ("x,示例县公安局,,,,,,,,2024=2023-01-20\n", "早于它所报告的年度"),
        ("x,示例县公安局,,某局\n", "上级“某局”不是表中任何机构"),
        ("x,示例县政府办,,\ny,示例县人民政府办公室,,\n", "规范化后相同"),
    ],
)
def test_bad_registers_are_rejected_naming_file_and_line(tmp_path: Path, rows: str, message: str) -> None:
    path = _write(tmp_path, HEADER + rows)
    with pytest.raises(RegisterError) as err:
        load_register(path)
    assert str(path) in str(err.value) and message in str(err.value)


def test_missing_columns_are_named(tmp_path: Path) -> None:
    with pytest.raises(RegisterError, match="缺少列 名称"):
        load_register(_write(tmp_path, "编号,层级\nx,县级\n"))


def _corpus(*reports: dict) -> Corpus:
    rows = []
    for i, r in enumerate(reports):
        info = agency_info(r["agency"])
        rows.append(
            {
                "report_id": f"r{i}",
                "source": f"/cache/x/{i}.pdf",
                "agency_id": r.get("agency_id", f"a{i}"),
                "level": info.level,
                "region": info.region,
                "is_government": info.is_government,
                "agency_kind": info.kind,
                "status": "ok",
                **r,
            }
        )
    empty = {name: schema.frame(name) for name in Corpus.TABLES}
    return Corpus(**{**empty, "reports": schema.frame("reports", rows)})


def test_apply_overrides_kind_level_and_dates(tmp_path: Path) -> None:
    register = load_register(
        _write(tmp_path, HEADER + "pt,平潭综合实验区,,,管委会,市级,平潭,,,2023=2024-03-20,\n")
    )
    corpus = _corpus(
        {"agency": "平潭综合实验区", "year": 2023, "published": None},
        {"agency": "平潭综合实验区", "year": 2022, "published": "2023-02-01"},
        {"agency": "平潭实验区", "agency_id": "a0", "year": 2021, "published": None},  # joined by the corpus
        {"agency": "别的县公安局", "year": 2023, "published": "2024-01-05"},
    )
    out = register.apply(corpus.reports)
    assert list(out["register_id"].fillna("-")) == ["pt", "pt", "pt", "-"]
    assert list(out["agency_kind"]) == ["committee", "committee", "committee", "department"]
    assert list(out["is_government"]) == [True, True, True, False]
    assert list(out["published"].fillna("-")) == ["2024-03-20", "2023-02-01", "-", "2024-01-05"]
    assert list(out["published_source"].fillna("-")) == [FROM_REGISTER, FROM_TEXT, "-", FROM_TEXT]
    assert out.loc[0, "level"] == "市级"


def test_a_register_view_is_shared_by_pages_with_an_equal_register(tmp_path: Path) -> None:
    rows = HEADER + "pt,平潭综合实验区,,,管委会,市级,平潭,,,,\n"
    corpus = _corpus({"agency": "平潭综合实验区", "year": 2023, "published": None})
    view = with_register(corpus, load_register(_write(tmp_path, rows)))
    assert list(view.reports["agency_kind"]) == ["committee"] and view is not corpus
    view.derived["frame"] = "computed once"
    again = with_register(corpus, load_register(tmp_path / "register.csv"))  # read again, as each page does
    assert again is view and again.derived["frame"] == "computed once"
    other = with_register(corpus, load_register(_write(tmp_path, rows.replace("管委会", "人民政府"))))
    assert other is not view and list(other.reports["agency_kind"]) == ["government"] and not other.derived
    assert with_register(corpus, None) is corpus


def test_a_register_pre_filled_from_a_corpus() -> None:
    corpus = _corpus(
        {"agency": "平潭综合实验区", "year": 2023, "published": None},
        {"agency": "平潭综合实验区财政金融局", "year": 2023, "published": "2024-01-10"},
        {"agency": "淮安市人民政府", "year": 2024, "published": None},
        {"agency": "淮安市洪泽区人民政府", "year": 2024, "published": "2025-02-01"},
        {"agency": "洪泽区人民政府", "agency_id": "a3", "year": 2023, "published": "2024-02-01"},
        {"agency": "淮安市洪泽区教育局", "year": 2024, "published": "2025-01-10"},
    )
    frame = register_frame(corpus).set_index("名称")
    assert list(frame.columns) == ["编号", "其他名称", "上级", "类型", "层级", "地区", "应发布年度", "年报网址", "发布日期", "备注"]
    assert frame.loc["平潭综合实验区", "类型"] == "待确认" and "登记表中填写类型" in frame.loc["平潭综合实验区", "备注"]
    assert "2023 年度的报告中没有找到发布日期" in frame.loc["平潭综合实验区", "备注"]
    assert frame.loc["淮安市洪泽区人民政府", "其他名称"] == "洪泽区人民政府"
    assert frame.loc["淮安市洪泽区人民政府", "上级"] == "淮安市人民政府"  # by name, which loads back
    assert frame.loc["淮安市洪泽区教育局", "上级"] == "淮安市洪泽区人民政府"
    assert frame.loc["平潭综合实验区财政金融局", "上级"] == "平潭综合实验区"
    assert frame.loc["淮安市洪泽区教育局", "类型"] == "政府部门"
    assert pd.isna(frame.loc["淮安市人民政府", "上级"]) or frame.loc["淮安市人民政府", "上级"] == ""


def test_the_pre_filled_register_loads_back(tmp_path: Path) -> None:
    corpus = _corpus(
        {"agency": "淮安市人民政府", "year": 2024, "published": None},
        {"agency": "淮安市洪泽区人民政府", "year": 2024, "published": "2025-02-01"},
    )
    write_register(register_frame(corpus), tmp_path / "r.csv")
    register = load_register(tmp_path / "r.csv")
    assert [e.parent for e in register.entries] == [None, "a0"]
