"""Every file in truth.jsonl exists and opens with the library a reader would use."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pdfplumber
import pypdfium2 as pdfium
from lxml import html

from disclosure_analysis.formats import table3


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _title(record: dict) -> str:
    return f"{record['agency']}{record['year']}年政府信息公开工作年度报告"


def test_every_format_is_written(truth_lines: list[dict]) -> None:
    assert {r["format"] for r in truth_lines} == {"txt", "html", "docx", "pdf"}


def _text(path: Path, fmt: str) -> str:
    """The text of a file, read the way a reader of that format would (PDF: pdfium, for speed)."""
    data = path.read_bytes()
    if fmt == "txt":
        return data.decode("utf-8")
    if fmt == "html":
        charset = re.search(rb'<meta charset="([^"]+)"', data).group(1).decode()
        return html.document_fromstring(data.decode(charset)).text_content()
    if fmt == "docx":
        doc = docx.Document(str(path))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)
    pdf = pdfium.PdfDocument(data)
    return "\n".join(page.get_textpage().get_text_range() for page in pdf)


def test_every_file_exists_and_parses(corpus: tuple[Path, list[dict]], truth_lines: list[dict]) -> None:
    out, _ = corpus
    for r in truth_lines:
        path = out / r["file"]
        assert path.is_file(), r["file"]
        text = _squash(_text(path, r["format"]))
        assert _title(r) in text, r["file"]
        has_t3 = any(k.startswith("t3.") for k in r["cells"])
        assert ("本列数据的勾稽关系" in text) == has_t3, r["file"]


def test_pdf_text_is_extractable_with_pdfplumber(
    corpus: tuple[Path, list[dict]], truth_lines: list[dict]
) -> None:
    out, _ = corpus
    for r in truth_lines:
        if r["format"] == "pdf":
            with pdfplumber.open(out / r["file"]) as pdf:
                assert _title(r) in _squash(pdf.pages[0].extract_text()), r["file"]


def test_some_html_pages_are_gbk(corpus: tuple[Path, list[dict]], truth_lines: list[dict]) -> None:
    out, _ = corpus
    pages = [(out / r["file"]).read_bytes() for r in truth_lines if r["format"] == "html"]
    gbk = [p for p in pages if b'<meta charset="gbk">' in p]
    assert gbk and len(gbk) < len(pages)
    assert all(b"<script" in p and b"rowspan=" in p for p in pages)


def test_docx_tables_have_real_merged_cells(corpus: tuple[Path, list[dict]], truth_lines: list[dict]) -> None:
    out, _ = corpus
    r = next(r for r in truth_lines if r["format"] == "docx" and not r["faults"])
    tables = docx.Document(str(out / r["file"])).tables
    assert len(tables) == 3
    t3 = tables[1]
    assert t3.cell(0, 0)._tc is t3.cell(2, 2)._tc  # the 3×3 corner note is one cell
    first_result = 3 + table3().versions[r["template"]].index("granted")
    assert t3.cell(first_result, 0)._tc is t3.cell(first_result + 5, 0)._tc  # 三、本年度办理结果 spans rows


def test_txt_is_flattened_like_word(corpus: tuple[Path, list[dict]], truth_lines: list[dict]) -> None:
    out, _ = corpus
    r = next(r for r in truth_lines if r["format"] == "txt" and r["template"] == "2021" and not r["faults"])
    lines = (out / r["file"]).read_text(encoding="utf-8").splitlines()
    start = lines.index("\t一、本年新收政府信息公开申请数量")
    row = lines[start : start + 8]
    assert [int(x) if x.strip() else None for x in (c.lstrip("\t") for c in row[1:])] == [
        r["cells"][f"t3.new_received.{c}"] for c in table3().column_codes
    ]
    assert lines[start + 8] == ""  # a blank line ends the row


def test_missing_table_leaves_no_t3(truth_lines: list[dict]) -> None:
    missing = [r for r in truth_lines if any(f["type"] == "missing_table" for f in r["faults"])]
    assert missing
    for r in missing:
        assert not any(k.startswith("t3.") for k in r["cells"])
