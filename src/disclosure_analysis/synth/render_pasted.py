"""A report as users paste a web page into plain text (renderings.md §1–4 and §6, "No title line").

- `pipe`: one table row per line, cells separated by `|` with padding, a `|` at the end; a cell holding
  several lines breaks its row's line; a group label merged down the rows shares the line of its
  group's first row (`三、本年度办理结果 | （一）予以公开 | 5 | …`).
- `pipeline`: one cell per line, each ending in ` |`, or a lone `|` line between cells; in some
  reports the empty cells collapse into one line of pipes after the row's filled cells (§4).
- `cells`: one cell per line, a blank line between cells; empty cells vanish (§3–4), so the columns of
  a row with empty cells are not said by the text.
- `skeleton`: the `pipe` rendering of a report whose tables carry no numbers (§6; the generator blanks
  the cells, so the truth is null).

About a third of the reports lose their title line and start at the preamble (`untitled`), which may
name the agency and year in a sentence of its own (`phrases.yaml` `preambles`).
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator

from disclosure_analysis.synth.model import Block, Grid, Text
from disclosure_analysis.synth.narrative import phrases
from disclosure_analysis.synth.report import Report


def variant(report: Report, what: str, n: int) -> int:
    """A per-report choice among `n` ways of doing `what` (fixed by the report's identity)."""
    return zlib.crc32(f"{report.agency.id}/{report.year}/{what}".encode()) % n


def untitled(report: Report) -> bool:
    """Whether this report's pasted text starts at the preamble (no title line)."""
    return variant(report, "untitled", 3) == 0


def pasted_blocks(report: Report, blocks: list[Block]) -> list[Block]:
    """The blocks a paste starts with: without the title lines when `untitled`, the preamble then
    opening with one of `phrases.yaml` `preambles` (or the report's own intro alone)."""
    if not untitled(report):
        return blocks
    body = [b for b in blocks if not (isinstance(b, Text) and b.role == "title")]
    preambles = phrases()["preambles"]
    choice = variant(report, "preamble", len(preambles) + 1)
    if choice == len(preambles):
        return body
    values = {"agency": report.agency.name, "year": report.year}
    return [Text(preambles[choice].format_map(values)), *body]


def cell_rows(grid: Grid) -> list[list[str]]:
    """The table's rows as a web page prints them: each row's own cells (a merged cell once, in the row
    where it starts), their texts as printed."""
    return [[c.text for c in row] for row in grid.rows]


def _lines(report: Report, blocks: list[Block], table: callable) -> bytes:
    gap = variant(report, "gap", 2) == 0  # a blank line between paragraphs, or none
    out: list[str] = []
    for b in pasted_blocks(report, blocks):
        if isinstance(b, Grid):
            out += table(b)
        else:
            out.append(b.text)
        if gap:
            out.append("")
    return ("\n".join(out).strip("\n") + "\n").encode("utf-8")


def render_pipe(report: Report, blocks: list[Block]) -> bytes:
    sep = (" | ", " |  ", "|")[variant(report, "sep", 3)]

    def table(grid: Grid) -> list[str]:
        return [sep.join(row) + sep.rstrip() for row in cell_rows(grid)]

    return _lines(report, blocks, table)


def _pipe_per_line(row: list[str], style: int) -> Iterator[str]:
    """One row's cells, each on its own line(s): ending in ` |` (0), between lone `|` lines (1), or
    ending in ` |` with the empty cells collapsed into one line of pipes at the row's end (2)."""
    if style == 2:
        empty = sum(not c for c in row)
        yield from (f"{c} |" for c in row if c)
        if empty:
            yield "|" * (empty + 2)
    elif style == 1:
        for c in row:
            yield c
            yield "|"
    else:
        yield from (f"{c} |" for c in row)


def render_pipeline(report: Report, blocks: list[Block]) -> bytes:
    style = variant(report, "pipeline", 3)
    return _lines(report, blocks, lambda g: [ln for row in cell_rows(g) for ln in _pipe_per_line(row, style)])


def render_cells(report: Report, blocks: list[Block]) -> bytes:
    def table(grid: Grid) -> list[str]:
        return ["", *(part for row in cell_rows(grid) for c in row if c for part in (c, ""))]

    return _lines(report, blocks, table)
