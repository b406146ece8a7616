"""PDF reader: tables and lines in reading order, frames as paragraphs, refused inputs, real reports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pdfplumber
import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Paragraph, Table, make_table
from disclosure_analysis.ingest.readers.pdf import read

REAL_PDFS = ("2023_huaian-hongze-qu.pdf", "2024_huaian-hongze-qu.pdf", "2024_huaian-shi.pdf")


def test_tables_and_lines_in_reading_order_with_pages(report_pdf: bytes) -> None:
    doc = read(report_pdf, "report.pdf")
    assert doc.kind == "pdf"
    assert doc.blocks == [
        Paragraph("某某区人民政府2023年政府信息公开工作年度报告", page=0),
        Paragraph("一、总体情况", page=0),
        Paragraph("本年度共收到申请 12 件，均已按时答复。", page=0),
        Table(
            (
                ("（勾稽关系）", "申请人情况", None, None, None),
                (None, "自然人", "商业\n企业", "科研\n机构", "总计"),
                ("一、本年新收申请数量", "10", "2", "0", "12"),
                ("二、上年结转申请数量", "1", "0", "0", "1"),
            ),
            page=0,
        ),
        Paragraph("四、政府信息公开行政复议、行政诉讼情况", page=0),
        Paragraph("- 1 -", page=0),
        # the one-column table on page 2 is a frame around running text: one paragraph per line
        Paragraph("五、存在的主要问题及改进情况", page=1),
        Paragraph("一是公开意识有待加强，", page=1),
        Paragraph("二是平台建设有待完善。", page=1),
        Paragraph("- 2 -", page=1),
        # a single rectangle around the text is no table (pdfplumber wants two cells): plain lines
        Paragraph("六、其他需要报告的事项", page=2),
        Paragraph("本年度未收取信息处理费。", page=2),
        Paragraph("特此报告。", page=2),
        Paragraph("- 3 -", page=2),
    ]


def test_info_dictionary_decoded_into_meta(report_pdf: bytes) -> None:
    meta = read(report_pdf, "report.pdf").meta
    assert meta["Title"] == "某某区人民政府2023年政府信息公开工作年度报告"
    assert meta["Author"] == "某某区人民政府办公室"
    assert meta["CreationDate"].startswith("D:20")
    assert meta["page_count"] == "3"


def test_password_protected_pdf_is_refused(make_latin_pdf: Callable[..., bytes]) -> None:
    with pytest.raises(ReportError) as err:
        read(make_latin_pdf(owner_password="owner", user_password="secret"), "locked.pdf")
    assert err.value.code == "encrypted_pdf"
    assert "密码" in err.value.message


def test_owner_password_only_still_opens(make_latin_pdf: Callable[..., bytes]) -> None:
    """Permission-only encryption (no password to open) is common on portals and must read normally."""
    doc = read(make_latin_pdf(owner_password="owner"), "restricted.pdf")
    assert doc.blocks[0] == Paragraph("Annual report line 0 with enough characters", page=0)


@pytest.mark.parametrize("keep", [0.5, 0.97])
def test_truncated_pdf_is_corrupt(make_latin_pdf: Callable[..., bytes], keep: float) -> None:
    data = make_latin_pdf()
    with pytest.raises(ReportError) as err:
        read(data[: int(len(data) * keep)], "cut.pdf")
    assert err.value.code == "corrupt_file"
    assert "截断" in err.value.message


def test_garbage_after_pdf_header_is_corrupt() -> None:
    with pytest.raises(ReportError) as err:
        read(b"%PDF-1.7\n" + bytes(range(256)) * 8 + b"\n%%EOF\n", "junk.pdf")
    assert err.value.code == "corrupt_file"


def test_image_only_pdf_needs_ocr(scanned_pdf: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "off")
    with pytest.raises(ReportError) as err:
        read(scanned_pdf, "scan.pdf")
    assert err.value.code == "needs_ocr"
    assert err.value.status == "needs_ocr"
    assert "PDF 没有文本层（扫描件），需要先做 OCR 才能提取" in err.value.message


# --- the real reports in ../shared/corpus --------------------------------------------------------


def _pdfplumber_tables(path: Path) -> list[Table]:
    """What pdfplumber alone (pdfminer parsing) finds: the reference for the PDFium-fed finder."""
    tables = []
    with pdfplumber.open(path) as pdf:
        for number, page in enumerate(pdf.pages):
            for found in page.find_tables():
                rows = found.extract()
                if not all(sum(1 for cell in row if cell) <= 1 for row in rows):
                    tables.append(make_table([list(row) for row in rows], page=number))
    return tables


@pytest.mark.corpus
@pytest.mark.slow
@pytest.mark.parametrize("name", REAL_PDFS)
def test_real_pdf_tables_match_pdfplumber(shared_corpus: Path, name: str) -> None:
    path = shared_corpus / "raw" / name
    doc = read(path.read_bytes(), str(path))
    assert [b for b in doc.blocks if isinstance(b, Table)] == _pdfplumber_tables(path)


@pytest.mark.corpus
def test_whole_page_frame_becomes_paragraphs(shared_corpus: Path) -> None:
    """2023 洪泽: page 1 is a frame around the running text; pdfplumber sees a one-column table."""
    doc = read((shared_corpus / "raw" / "2023_huaian-hongze-qu.pdf").read_bytes(), "hongze-2023.pdf")
    first_page = [b for b in doc.blocks if b.page == 0]
    assert all(isinstance(b, Paragraph) for b in first_page)
    texts = [b.text for b in first_page]
    assert texts[:2] == ["洪泽区人民政府", "2023 年政府信息公开工作年度报告"]
    assert "一、总体情况" in texts
    assert texts[-1] == "- 1 -"
    assert doc.meta["Title"] == "洪泽区人民政府2023年政府信息公开工作年度报告"


@pytest.mark.corpus
def test_table3_split_over_pages_with_broken_header_words(shared_corpus: Path) -> None:
    doc = read((shared_corpus / "raw" / "2024_huaian-shi.pdf").read_bytes(), "huaian-2024.pdf")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    t3 = next(t for t in tables if any(row[0] and "勾稽关系" in row[0] for row in t.rows))
    assert "商业企\n业" in t3.rows[2]  # the header word broken over two lines, as printed
    assert (
        "一、本年新收政府信息公开申请数量",
        None,
        None,
        "3001",
        "53",
        "0",
        "0",
        "61",
        "4",
        "3119",
    ) in t3.rows
    continued = tables[tables.index(t3) + 1]  # the rest of 表三 on the next page
    assert continued.page == t3.page + 1
    assert ("四、结转下年度继续办理", None, None, "103", "0", "0", "0", "0", "0", "103") in continued.rows
    pages = [b.page for b in doc.blocks]
    assert pages == sorted(pages)
    assert "- 4 -" in [b.text for b in doc.blocks if isinstance(b, Paragraph)]
