"""Small real input files for the reader tests, built once per test session."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from fpdf import FPDF
from PIL import Image, ImageDraw


@pytest.fixture(scope="session")
def cjk_font() -> Path:
    """Noto Sans CJK from the noto-cjk-sans-otc wheel (fpdf2 reads the .ttc collection directly)."""
    noto = pytest.importorskip(
        "noto_cjk_sans_otc", reason="noto-cjk-sans-otc (a project dependency) not installed"
    )
    path = Path(str(noto.FONT_PATH))
    if not path.is_file():
        pytest.skip(f"Noto CJK font file missing at {path}")
    return path


class _Report(FPDF):
    def footer(self) -> None:
        self.set_y(-15)
        self.cell(0, 8, f"- {self.page_no()} -", align="C")


@pytest.fixture(scope="session")
def report_pdf(cjk_font: Path) -> bytes:
    """A three-page report: title and text, a ruled table with a rowspan, a colspan and two-line
    header cells, a heading after it; on page 2 a one-column table of running text (a row may hold
    two lines); on page 3 one rectangle framing three lines of text."""
    pdf = _Report(format="A4")
    pdf.add_font("noto", "", str(cjk_font), collection_font_number=2)  # 2 = Simplified Chinese face
    pdf.set_font("noto", size=11)
    pdf.set_title("某某区人民政府2023年政府信息公开工作年度报告")
    pdf.set_author("某某区人民政府办公室")
    pdf.add_page()
    pdf.cell(0, 10, "某某区人民政府2023年政府信息公开工作年度报告", new_x="LMARGIN", new_y="NEXT", align="C")
    pdf.cell(0, 8, "一、总体情况", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, "本年度共收到申请 12 件，均已按时答复。")
    pdf.ln(3)
    with pdf.table(col_widths=(60, 25, 25, 25, 25), line_height=7, first_row_as_headings=False) as table:
        row = table.row()
        row.cell("（勾稽关系）", rowspan=2)
        row.cell("申请人情况", colspan=4)
        row = table.row()
        for label in ("自然人", "商业\n企业", "科研\n机构", "总计"):
            row.cell(label)
        for label, numbers in (
            ("一、本年新收申请数量", ("10", "2", "0", "12")),
            ("二、上年结转申请数量", ("1", "0", "0", "1")),
        ):
            row = table.row()
            row.cell(label)
            for number in numbers:
                row.cell(number)
    pdf.ln(3)
    pdf.cell(0, 8, "四、政府信息公开行政复议、行政诉讼情况", new_x="LMARGIN", new_y="NEXT")
    pdf.add_page()
    with pdf.table(col_widths=(160,), line_height=8, first_row_as_headings=False) as table:
        for text in ("五、存在的主要问题及改进情况", "一是公开意识有待加强，\n二是平台建设有待完善。"):
            table.row().cell(text)
    pdf.add_page()
    pdf.rect(15, 15, 180, 60)  # one rectangle framing the page text
    pdf.set_xy(20, 20)
    pdf.multi_cell(170, 8, "六、其他需要报告的事项\n本年度未收取信息处理费。\n特此报告。")
    return bytes(pdf.output())


def _latin_pdf(**encryption: str) -> bytes:
    """A one-page PDF of plain Latin text (fast to build), optionally encrypted."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for i in range(5):
        pdf.cell(0, 10, f"Annual report line {i} with enough characters", new_x="LMARGIN", new_y="NEXT")
    if encryption:
        pdf.set_encryption(**encryption)
    return bytes(pdf.output())


@pytest.fixture(scope="session")
def make_latin_pdf() -> Callable[..., bytes]:
    """Build a one-page Latin-text PDF; keyword arguments go to fpdf2's `set_encryption`."""
    return _latin_pdf


@pytest.fixture(scope="session")
def scanned_pdf() -> bytes:
    """Two pages that are only a picture of a page (no text layer), like a scanned report."""
    picture = Image.new("RGB", (400, 560), "white")
    draw = ImageDraw.Draw(picture)
    draw.rectangle((40, 80, 360, 300), outline="black")
    for y in range(320, 520, 20):
        draw.line((40, y, 360, y), fill="black")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(buffer, x=10, y=10, w=180)
    return bytes(pdf.output())
