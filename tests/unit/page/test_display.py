"""Page helpers escape untrusted text, show nulls as "—" and keep data files inside the output folder."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.page import display

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def test_text_and_note_escape() -> None:
    html = display.text(XSS + "\n第二行").data
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html and "<br>" in html
    assert "<img" not in display.note("机构：{name}", name=XSS).data
    with pytest.raises(ValueError):
        display.text("x", tag="script")


def test_table_escapes_cells_and_headers_and_formats() -> None:
    df = pd.DataFrame(
        {
            "agency": [XSS, "乙"],
            "count": pd.array([1234, None], dtype="Int64"),
            "share": [0.5, None],
            XSS: [1, 2],
        }
    )
    html = display.table(df, labels={"agency": "机构"}, percent=["share"], caption=XSS).to_html()
    assert "<script>" not in html and "<img" not in html
    assert "1,234" in html and "50.0%" in html and display.NULL in html and "机构" in html
    assert repr(display.table(df, labels={"agency": "机构"})).startswith("表格：2 行（机构、count、share、")


def test_formats() -> None:
    assert display.count(pd.NA) == "—" and display.count(3.0) == "3" and display.count(2.5) == "2.5"
    assert display.pct(None) == "—" and display.pct(0.123) == "12.3%"
    assert display.count(96171.6) == "96,171.6" and display.count(0.4444444444444444) == "0.44"
    assert display.points(3.24) == "+3.2 个百分点" and display.points(-1) == "−1.0 个百分点" and display.points(None) == "—"
    assert display.signed(1292) == "+1,292" and display.signed(-12.0) == "−12" and display.signed(0) == "0"


def test_lower_bounds_notes_and_compaction() -> None:
    df = pd.DataFrame({
        "year": pd.array([2023, 2024, 2025], dtype="Int64"),
        "n": pd.array([5500, 4000, None], dtype="Float64"),
        "rate": pd.array([0.5, None, None], dtype="Float64"),
        "blank": pd.array([None, None, None], dtype="Float64"),
    })
    html = display.table(
        df, percent=["rate"], at_least={"n": [True, False, False]}, null_text={"rate": ["", "表内不平衡", None]}
    ).to_html()
    assert "≥ 5,500" in html and ">4,000<" in html and "表内不平衡" in html and ">50.0%<" in html
    shown = display.compact(df)
    assert list(shown.columns) == ["year", "n", "rate"] and list(shown["year"]) == [2023, 2024]


def test_data_sink_writes_csv_and_rejects_unsafe_names(tmp_path: Path) -> None:
    sink = display.DataSink(str(tmp_path), "agency-1", page_dir="agencies")
    assert sink.href == "../data/agency-1"
    link = sink.save(pd.DataFrame({"a": ["=cmd()", "甲"]}), "chart-1")
    assert link is not None and 'href="../data/agency-1/chart-1.csv"' in link.to_html()
    text = (tmp_path / "data" / "agency-1" / "chart-1.csv").read_text(encoding="utf-8-sig")
    assert "甲" in text and "\n'=cmd()" in text  # formula-like text is neutralised for spreadsheets
    assert display.DataSink(str(tmp_path), "agencies/a-1", page_dir="agencies").href == "../data/agencies/a-1"
    for bad in ("../x", "A", "", "a/../b", "/a"):
        with pytest.raises(ValueError):
            display.DataSink(str(tmp_path), bad)
    with pytest.raises(ValueError):
        sink.save(pd.DataFrame(), "../../etc")
    assert display.DataSink("", "x").save(pd.DataFrame({"a": [1]}), "y") is None  # no output folder: no file


def test_csv_is_what_pandas_writes_with_formulas_neutralised(tmp_path: Path) -> None:
    df = pd.DataFrame(
        {
            "text": pd.array(["甲, \"乙\"", None, "-1"], dtype="string"),
            "count": pd.array([1, None, 3], dtype="Int64"),
            "share": [0.1 + 0.2, float("nan"), 3.0],
            "flag": pd.array([True, None, False], dtype="boolean"),
            "plain": [1, 2, 3],
            "raw": ["+x", "@y", None],
        }
    )
    display.write_csv(df, tmp_path / "mine.csv")
    safe = df.assign(text=["甲, \"乙\"", None, "'-1"], raw=["'+x", "'@y", None])
    safe.to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8-sig")
    assert (tmp_path / "mine.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()
    display.write_csv(df.iloc[:0], tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8-sig") == "text,count,share,flag,plain,raw\n"


def test_table_shows_years_plainly_and_booleans_in_chinese() -> None:
    df = pd.DataFrame({"year": pd.array([2024], dtype="Int64"), "ok": pd.array([True], dtype="boolean")})
    html = display.table(df).to_html()
    assert "2024" in html and "2,024" not in html and "是" in html


def test_last_non_null_value() -> None:
    assert display.last(pd.Series(["甲", None], dtype="string")) == "甲"
    assert display.last(pd.Series([None], dtype="string"), "x") == "x"


def test_block_joins_escaped_parts_into_one_output() -> None:
    joined = display.block(display.text(XSS, tag="h3"), display.table(pd.DataFrame({"a": [XSS]}))).data
    assert joined.startswith("<h3>&lt;script&gt;") and "<table" in joined and "<script>" not in joined
    assert display.block(None, display.note("甲"), None).data == "<p>甲</p>"  # parts not there are left out



def test_numbers_read_by_ocr_are_marked_with_their_confidence() -> None:
    cells = pd.DataFrame(
        {
            "report_id": ["r1", "r1", "r1", "r2"],
            "row": ["new_received"] * 4,
            "column": ["natural_person", "commercial", "research", "natural_person"],
            "value": [5, 7, 1, 3],
            "flag": pd.array([None, "ocr_uncertain", None, None], dtype="string"),
            "confidence": pd.array([0.97, 0.412, None, None], dtype="Float64"),
        }
    )
    shown = pd.DataFrame({"report_id": ["r1", "r1", "r1", "r2"], "applicant": ["natural_person", "commercial", "research", "natural_person"], "count": [5, 7, 1, 3]})
    marks = display.ocr_marks(shown, cells, {"report_id": "report_id", "column": "applicant"}, {"count": {"row": "new_received"}})
    assert marks == {(0, "count"): display.Ocr(0.97, False), (1, "count"): display.Ocr(0.412, True)}
    out = display.table(shown[["applicant", "count"]], ocr=marks).to_html()
    assert '<td class="ocr" title="OCR 识别，置信度 0.97">5<sup class="ocr-mark">※</sup></td>' in out
    assert 'class="ocr ocr-doubt" title="OCR 识别，置信度 0.41；可能识别有误，请对照原件">7<sup' in out
    assert "<td>1</td>" in out and out.count('class="ocr-note"') == 1
    assert display.table(shown).to_html().count("ocr") == 0  # no marks, no note
    assert display.read_by("ocr", 3) == "OCR 识别（3 格可能识别有误）"
    assert (display.read_by("ocr", 0), display.read_by("text", pd.NA), display.read_by(None, None)) == ("OCR 识别", "文字", None)
