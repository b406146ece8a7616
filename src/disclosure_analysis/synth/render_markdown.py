"""A report as a PDF → Markdown converter leaves it (renderings.md §9).

- Prose keeps the PDF's visual lines (`render_flipbook.LINE` characters), a blank line after each
  paragraph; page footers (`— 4 —`) fall between any two lines, inside paragraphs and between table rows.
- A table comes out as one small Markdown table per row (`| 规章 | 0 | 0 | 0 |` and its `|---|` line);
  the header rows stay loose text, each broken over two lines (the tops of the cells, then the rest).
- In some reports 表二's 本年废止件数 carries a remark (`3（含到期失效3件）`): the converter pushes that
  cell out of its row as loose lines above it, so the row prints one cell fewer.
"""

from __future__ import annotations

from disclosure_analysis.synth.model import Block, Grid
from disclosure_analysis.synth.render_flipbook import LINE, PAGE, _wrap
from disclosure_analysis.synth.render_pasted import cell_rows, pasted_blocks, variant
from disclosure_analysis.synth.report import Report

REMARK = "（含到期失效{}件）"


def _is_data(row: list[str]) -> bool:
    return any((c and c[0].isdigit()) or c in ("/", "—") for c in row[1:])


def _header(row: list[str]) -> list[str]:
    """A header row as loose text over two lines: the first halves of its cells, then the rest."""
    cells = [c.replace("\n", "") for c in row if c]
    halves = [(c[: (len(c) + 1) // 2], c[(len(c) + 1) // 2 :]) for c in cells]
    return ["".join(a for a, _ in halves), "".join(b for _, b in halves)]


def _table(report: Report, grid: Grid) -> list[str]:
    remarks = grid.name == "t2" and variant(report, "remark", 3) == 0
    out: list[str] = []
    for row in cell_rows(grid):
        if not _is_data(row):
            out += [*_header(row), ""] if len(row) > 1 else [row[0], ""]
            continue
        cells = [c.replace("\n", "") for c in row]
        if remarks and len(cells) == 4 and cells[2].isdigit() and cells[2] != "0":
            out += [cells[2], REMARK.format(cells[2])]  # pushed out of the row
            del cells[2]
        out += ["| " + " | ".join(cells) + " |", "|" + "---|" * len(cells), ""]
    return out


def render(report: Report, blocks: list[Block]) -> bytes:
    lines: list[str] = []
    for b in pasted_blocks(report, blocks):
        if isinstance(b, Grid):
            lines += _table(report, b)
            continue
        lines += [*_wrap(b.text, LINE), ""] if b.role == "para" else [b.text, ""]
    dash = ("— {} —", "-{}-", "- {} -")[variant(report, "footer", 3)]
    out: list[str] = []
    for i, line in enumerate(lines):
        out.append(line)
        if (i + 1) % PAGE == 0:
            out.append(dash.format((i + 1) // PAGE))
    return ("\n".join(out).rstrip("\n") + "\n").encode("utf-8")
