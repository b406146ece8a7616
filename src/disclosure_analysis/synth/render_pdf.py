"""A report as a PDF with real text (fpdf2): ruled tables drawn cell by cell, merged cells spanning
rows and columns, 表三 running over a page break in reports laid out that way, page numbers below.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from fpdf import FPDF

from disclosure_analysis.synth.fonts import FAMILY, check_covered, font_path
from disclosure_analysis.synth.model import Block, Grid, Placed, Text
from disclosure_analysis.synth.report import Report

PT = 25.4 / 72  # mm per point
_SIZES = {"title": 16, "heading": 12, "subheading": 11, "para": 10.5, "sign": 10.5}
TABLE_SIZE = 7.5
PAD = 0.8  # mm inside cells
MIN_ROWS_BEFORE_BREAK = 6  # a table that may split starts on the current page if this many rows fit
NO_LINE_START = set("，。、；：！？）》”’")  # punctuation that stays at the end of the previous line
CHINA = dt.timezone(dt.timedelta(hours=8))
_WIDTHS: dict[tuple[float, str], float] = {}  # (size, char) -> mm; the font never changes


class _PDF(FPDF):
    def footer(self) -> None:
        self.set_font(FAMILY, size=9)
        text = f"- {self.page_no()} -"
        self.text((self.w - _width(self, text)) / 2, self.h - 12, text)


def _width(pdf: FPDF, text: str) -> float:
    total = 0.0
    for ch in text:
        key = (pdf.font_size_pt, ch)
        if key not in _WIDTHS:
            _WIDTHS[key] = pdf.get_string_width(ch)
        total += _WIDTHS[key]
    return total


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Break text into lines of at most `width` mm, between any two characters (CJK has no spaces),
    never starting a line with closing punctuation. Source line breaks inside cells are dropped: the
    PDF wraps to its own widths.
    """
    out, line, w = [], "", 0.0
    for ch in text.replace("\n", ""):
        cw = _width(pdf, ch)
        if line and w + cw > width and ch not in NO_LINE_START:
            out.append(line)
            line, w = "", 0.0
        line, w = line + ch, w + cw
    return [*out, line]


@dataclass
class _TableLayout:
    xs: list[float]  # left edge of each column, plus the right edge
    heights: list[float]
    lines: dict[tuple[int, int], list[str]]  # (row, col) of each cell -> its wrapped lines
    segments: list[tuple[int, int]] = field(default_factory=list)  # rows [start, end) page by page


def _layout(pdf: FPDF, grid: Grid) -> _TableLayout:
    scale = pdf.epw / sum(grid.widths)
    xs = [pdf.l_margin]
    for w in grid.widths:
        xs.append(xs[-1] + w * scale)
    line_h = TABLE_SIZE * PT * 1.3
    placed = grid.placed()
    lines = {
        (p.row, p.col): _wrap(pdf, p.cell.text, xs[p.col + p.cell.colspan] - xs[p.col] - 2 * PAD)
        for p in placed
    }
    heights = [line_h + 2 * PAD] * len(grid.rows)
    for p in sorted(placed, key=lambda p: p.cell.rowspan):
        need = len(lines[p.row, p.col]) * line_h + 2 * PAD
        span = range(p.row, p.row + p.cell.rowspan)
        have = sum(heights[r] for r in span)
        if need > have:
            heights[span[-1]] += need - have
    return _TableLayout(xs, heights, lines)


def _first_part(grid: Grid, lay: _TableLayout) -> float:
    """The height that must fit on the page a table starts on: all of it, unless it may split."""
    return sum(lay.heights[:MIN_ROWS_BEFORE_BREAK] if grid.may_split else lay.heights)


def _table_height_needed(pdf: FPDF, grid: Grid) -> float:
    size = pdf.font_size_pt
    pdf.set_font(FAMILY, size=TABLE_SIZE)
    need = _first_part(grid, _layout(pdf, grid))
    pdf.set_font(FAMILY, size=size)
    return need


def _paginate(pdf: FPDF, grid: Grid, lay: _TableLayout) -> None:
    """Choose page breaks: keep a table together unless it may run over a page break."""
    bottom = pdf.h - pdf.b_margin
    if pdf.get_y() + _first_part(grid, lay) > bottom:
        pdf.add_page()
    y, start = pdf.get_y(), 0
    for r, h in enumerate(lay.heights):
        if r > start and y + h > bottom:
            lay.segments.append((start, r))
            start, y = r, pdf.t_margin
        y += h
    lay.segments.append((start, len(lay.heights)))


def _draw_table(pdf: FPDF, grid: Grid) -> None:
    pdf.set_font(FAMILY, size=TABLE_SIZE)
    lay = _layout(pdf, grid)
    _paginate(pdf, grid, lay)
    placed = grid.placed()
    for i, (start, end) in enumerate(lay.segments):
        if i:
            pdf.add_page()
            pdf.set_font(FAMILY, size=TABLE_SIZE)
        top = pdf.get_y()
        row_y = {r: top + sum(lay.heights[start:r]) for r in range(start, end)}
        for p in placed:
            rows = [r for r in range(p.row, p.row + p.cell.rowspan) if start <= r < end]
            if rows:
                _draw_cell(pdf, p, lay, rows, row_y, _text_segment(p, lay.segments) == i)
        pdf.set_y(top + sum(lay.heights[start:end]))
    pdf.ln(3)


def _text_segment(p: Placed, segments: list[tuple[int, int]]) -> int:
    """The page part of a merged cell that carries its text: the one with most of its rows."""
    span = range(p.row, p.row + p.cell.rowspan)
    counts = [len([r for r in span if s <= r < e]) for s, e in segments]
    return counts.index(max(counts))


def _draw_cell(
    pdf: FPDF, p: Placed, lay: _TableLayout, rows: list[int], row_y: dict[int, float], text: bool
) -> None:
    x0, x1 = lay.xs[p.col], lay.xs[p.col + p.cell.colspan]
    y0 = row_y[rows[0]]
    h = sum(lay.heights[r] for r in rows)
    pdf.rect(x0, y0, x1 - x0, h)
    if not text:
        return
    lines = lay.lines[p.row, p.col]
    line_h = TABLE_SIZE * PT * 1.3
    y = y0 + (h - len(lines) * line_h) / 2 + line_h * 0.78
    for line in lines:
        pdf.text(x0 + (x1 - x0 - _width(pdf, line)) / 2, y, line)
        y += line_h


def _paragraph(pdf: FPDF, block: Text, keep_with: float = 0.0) -> None:
    """Write a paragraph; a heading moves to the next page unless `keep_with` mm fit under it."""
    size = _SIZES[block.role]
    pdf.set_font(FAMILY, size=size)
    line_h = size * PT * 1.6
    if block.role == "heading":
        pdf.ln(1.5)
        if pdf.get_y() + line_h + keep_with > pdf.h - pdf.b_margin:
            pdf.add_page()
            pdf.set_font(FAMILY, size=size)
    indent = 2 * _width(pdf, "中") if block.role == "para" else 0.0
    lines = _wrap(pdf, block.text, pdf.epw - indent)
    for i, line in enumerate(lines):
        if pdf.get_y() + line_h > pdf.h - pdf.b_margin:
            pdf.add_page()
            pdf.set_font(FAMILY, size=size)
        x = pdf.l_margin + (indent if i == 0 else 0.0)
        if block.role == "title":
            x = (pdf.w - _width(pdf, line)) / 2
        elif block.role == "sign":
            x = pdf.w - pdf.r_margin - _width(pdf, line)
        pdf.text(x, pdf.get_y() + line_h * 0.75, line)
        pdf.set_y(pdf.get_y() + line_h)


def render(report: Report, blocks: list[Block]) -> bytes:
    check_covered("".join(c.cell.text for b in blocks if isinstance(b, Grid) for c in b.placed()))
    check_covered("".join(b.text for b in blocks if isinstance(b, Text)))
    pdf = _PDF(format="A4")
    pdf.set_margins(25, 25, 25)
    pdf.set_auto_page_break(False, margin=22)
    pdf.add_font(FAMILY, "", str(font_path()))
    for font in pdf.fonts.values():
        font.ttfont.recalcBBoxes = False  # the subset keeps the outlines: skip re-deriving every glyph's box
    pdf.set_creation_date(dt.datetime.combine(report.published, dt.time(9, 0), CHINA))
    pdf.set_title(report.narrative.title)
    pdf.set_author(report.agency.name)
    pdf.add_page()
    previous = "title"
    for b, after in zip(blocks, [*blocks[1:], None], strict=True):
        if isinstance(b, Grid):
            _draw_table(pdf, b)
            previous = "table"
            continue
        if previous == "title" and b.role != "title":
            pdf.ln(4)  # space under the title
        _paragraph(pdf, b, _table_height_needed(pdf, after) if isinstance(after, Grid) else 0.0)
        previous = b.role
    return bytes(pdf.output())
