"""Plain text as Word's "save as text" flattens a report: one table cell per tab-prefixed line.

A blank line ends a table row; a merged cell appears once (a vertically merged cell leaves an empty
cell in the rows below); a cell holding several lines continues on lines without a tab.
"""

from __future__ import annotations

from disclosure_analysis.synth.model import Block, Grid, Text
from disclosure_analysis.synth.report import Report


def table_lines(grid: Grid) -> list[str]:
    """The lines of one table, ending with the blank lines Word leaves after it."""
    owners = grid.owners()
    out: list[str] = []
    for r, row in enumerate(owners):
        for c, p in enumerate(row):
            if p.col != c:
                continue  # covered by a cell merged across columns: already printed
            if p.row != r:
                out.append("\t")  # the lower part of a cell merged down the rows
                continue
            first, *rest = p.cell.text.split("\n")
            out += ["\t" + first, *rest]
        out.append("")
    return [*out, "", ""]


def render(report: Report, blocks: list[Block]) -> bytes:
    lines: list[str] = []
    for i, b in enumerate(blocks):
        if isinstance(b, Grid):
            lines += table_lines(b)
            continue
        lines.append(b.text)
        if b.role == "title" and not (
            i + 1 < len(blocks) and isinstance(blocks[i + 1], Text) and blocks[i + 1].role == "title"
        ):
            lines.append("")  # a blank line under the title
    return ("\n".join(lines) + "\n").encode("utf-8")
