"""A report as the text of a flip-book viewer (renderings.md §7): portals that show a PDF one page per
HTML page give each page's text as space-separated tokens.

The page is laid out as the PDF would be (`render_pdf` widths): prose wrapped at a line width, a table's
cells wrapped to their columns' widths and centred down their rows, and every line of the page printed
as its pieces left to right, separated by spaces. The narrow number columns of 表三 and 表四 hold one
character per line, so their headers come out one character per token (`结 结 其 尚` / `果 果 他 未`);
a group label merged down the rows shares its characters out among them. Pages end in a page number
(`- 3 -`), as the viewer prints it.
"""

from __future__ import annotations

import re

from disclosure_analysis.synth.model import Block, Grid
from disclosure_analysis.synth.render_pasted import pasted_blocks
from disclosure_analysis.synth.report import Report

LINE = 34  # characters of a prose line
PAGE = 38  # lines of a page
CHARS_PER_WIDTH = 1.6  # characters per unit of a table's relative column width
#: a table as wide as the page: 表三's narrow columns hold one character, its label column ten
TABLE_UNITS = {"t2": 9.0, "t3": 16.0, "t4": 15.0}
_UNBROKEN = re.compile(r"[!-~]+|.", re.S)  # a run of printable ASCII (a number, a word), or one character


def _wrap(text: str, width: int) -> list[str]:
    """`text` cut into lines of at most `width` characters, as a word processor wraps Chinese: between
    any two characters but never inside a number or other run of Latin characters (`1579.57万元` may wrap
    before 万, never inside 1579.57); a run wider than the column overflows it."""
    text = text.replace("\n", "")
    if not text or text.isascii() or width <= 0:
        return [text]
    lines = [""]
    for piece in _UNBROKEN.findall(text):
        if lines[-1] and len(lines[-1]) + len(piece) > width:
            lines.append("")
        lines[-1] += piece
    return lines


def _table(grid: Grid) -> list[str]:
    scale = CHARS_PER_WIDTH * TABLE_UNITS.get(grid.name, sum(grid.widths)) / sum(grid.widths)
    widths = [max(1, int(w * scale)) for w in grid.widths]
    placed = grid.placed()
    texts = {(p.row, p.col): _wrap(p.cell.text, sum(widths[p.col : p.col + p.cell.colspan])) for p in placed}
    heights = [1] * len(grid.rows)
    for p in sorted(placed, key=lambda p: p.cell.rowspan):
        span = range(p.row, p.row + p.cell.rowspan)
        short = len(texts[p.row, p.col]) - sum(heights[r] for r in span)
        if short > 0:
            heights[span[-1]] += short
    tops = [sum(heights[:r]) for r in range(len(heights) + 1)]
    lines: list[dict[int, str]] = [{} for _ in range(tops[-1])]
    for p in placed:
        cell_lines = texts[p.row, p.col]
        top, room = tops[p.row], tops[p.row + p.cell.rowspan] - tops[p.row]
        first = top + (room - len(cell_lines)) // 2  # centred down its rows
        for i, text in enumerate(cell_lines):
            if text:
                lines[first + i][p.col] = text
    return [" ".join(line[c] for c in sorted(line)) for line in lines if line]


def render(report: Report, blocks: list[Block]) -> bytes:
    lines: list[str] = []
    for b in pasted_blocks(report, blocks):
        if isinstance(b, Grid):
            lines += _table(b)
        elif b.role in ("title", "sign"):
            lines.append(b.text)
        else:
            lines += _wrap(("" if b.role == "heading" else "　　") + b.text, LINE)
    pages = [lines[i : i + PAGE] for i in range(0, len(lines), PAGE)]
    out = [line for n, page in enumerate(pages, 1) for line in (*page, f"- {n} -")]
    return ("\n".join(out) + "\n").encode("utf-8")

