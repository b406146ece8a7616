"""The assessment folder: a workbook in Chinese (sheets, headers, codes in words, a 说明 sheet, formatted),
decisions.csv, scorecards linked to the assessment page, the page's data; params YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from disclosure_analysis.assess import assess, load_rubric
from disclosure_analysis.assess.config import AssessConfig, load_assess_config
from disclosure_analysis.assess.output import read_assessment, write_assessment
from disclosure_analysis.corpus.register import load_register
from disclosure_analysis.site.config import ConfigError


def _result(build, rubric):
    corpus = (
        build()
        .report("a")
        .table3("a")
        .finding("a", "R1", column="total")
        .report("b", agency="=HYPERLINK(1)")
        .corpus()
    )
    return assess(
        corpus,
        rubric(
            {"type": "on_time", "label": "按时发布"},
            {"type": "findings", "label": "表格勾稽关系", "params": {"rules": ["R1"]}},
        ),
    )


def test_workbook_sheets_headers_and_formatting(build, rubric, tmp_path: Path) -> None:
    write_assessment(_result(build, rubric), tmp_path)
    book = load_workbook(tmp_path / "assessment.xlsx")
    assert book.sheetnames == ["说明", "评分", "问题清单", "缺报", "重复报告", "上下级核对", "指标结果", "评估指标"]
    header = {name: [c.value for c in book[name][1]] for name in book.sheetnames}
    assert header["评分"][:6] == ["名次", "机构", "机构类型", "年度", "发布日期", "日期来源"]
    assert {"按时发布", "表格勾稽关系", "总分", "无法判断的指标", "来源文件"} <= set(header["评分"])
    assert {"问题编号", "指标", "规则", "级别", "表", "行", "列", "报告中的行名", "报告所填", "位置", "说明", "决定"} <= set(
        header["问题清单"]
    )
    scores = book["评分"]
    agencies = [c.value for c in scores["B"][1:]]
    assert "=HYPERLINK(1)" in agencies and all(c.data_type == "s" for c in scores["B"][1:])  # never a formula
    findings = book["问题清单"]
    assert findings.auto_filter.ref and findings.freeze_panes == "C2"
    assert findings.column_dimensions["A"].width >= 16 and findings["A1"].font.bold
    rows = {r[4].value: r for r in findings.iter_rows(min_row=2)}
    r1 = rows["表三列平衡（新收+结转=办结+结转下年）"]
    assert (r1[3].value, r1[5].value, r1[6].value, r1[8].value) == ("表格勾稽关系", "错误", "表三", "总计")
    assert all(r[12].value for r in findings.iter_rows(min_row=2))  # every finding has a location
    assert (tmp_path / "decisions.csv").read_text(encoding="utf-8-sig").startswith("问题编号,决定,理由,决定人,日期")
    cards = sorted((tmp_path / "scorecards").glob("*.html"))
    assert len(cards) == 2
    page = cards[0].read_text(encoding="utf-8")
    assert "<script" not in page and "href='../assessment.html'" in page
    assert set(read_assessment(tmp_path)) == {*book.sheetnames, "记分卡"}


def test_params_file_shared_with_run(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "corpus: reports/\noutput: outputs/x\nyears: [2023]\nnotebooks: [agency]\nregister: r.csv\n",
        encoding="utf-8",
    )
    config = load_assess_config(path)
    assert config == AssessConfig(
        corpus="reports/", output=Path("outputs/x"), years=(2023,), register=Path("r.csv")
    )
    assert config.with_overrides(corpus=None, output=Path("o")).output == Path("o")


def test_params_file_with_unknown_key_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("rubrik: x.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="rubrik"):
        load_assess_config(path)


def test_demo_params_and_register_load() -> None:
    repo = Path(__file__).resolve().parents[3]
    config = load_assess_config(repo / "params" / "assess-demo.yaml")
    assert config.register == Path("params/register-sample.csv")
    register = load_register(repo / config.register)
    assert register.match("示例市国土资源局") == "shili-shi-ziranziyuanju"  # an old name, listed as a variant
    assert register.get("yangben-xian-dongpo-jiedao").kind == "township"
    assert load_rubric(repo / config.rubric).indicators
