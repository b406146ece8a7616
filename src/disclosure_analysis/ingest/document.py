"""The common intermediate document every reader produces.

A `Document` is an ordered list of blocks: `Paragraph` (a line or paragraph of running text) and
`Table` (a grid of cells with merged cells resolved). In a table grid, a cell covered by a merged
neighbour (rowspan/colspan) is `None`; an empty printed cell is `""`. Readers do not interpret the
content: finding the three report tables and their cells is the job of `mapping`.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Paragraph:
    """A run of text as it appears in the source (one line or one paragraph)."""

    text: str
    page: int | None = None


@dataclass(frozen=True)
class Reading:
    """How a cell read by OCR was recognised: the least probable character's probability, and other
    texts the recogniser found nearly as likely (one digit changed)."""

    confidence: float
    alternatives: tuple[str, ...] = ()


@dataclass(frozen=True)
class Table:
    """A table as a rectangular-ish grid; `None` marks a position covered by a merged cell.

    `readings` (tables read by OCR only) has the grid's shape: each position's `Reading`, None where
    nothing was recognised (a merged or empty position). `joined`: the source printed each row's cells
    without separators (a crawler's text), so a row's value cells are runs of numbers still to be split
    into the row's cells. `collapsed`: the source drops empty cells (text with one cell per line), so a
    row with fewer values than the table has columns does not say which columns they are in."""

    rows: tuple[tuple[str | None, ...], ...]
    page: int | None = None
    readings: tuple[tuple[Reading | None, ...], ...] | None = None
    joined: bool = False
    collapsed: bool = False


Block = Paragraph | Table


@dataclass
class Document:
    """What a reader made of one input file."""

    source: str
    kind: str  # "text", "html", "docx" or "pdf"
    blocks: list[Block] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)  # e.g. HTML <meta>, PDF info, detected encoding
    notes: list[str] = field(default_factory=list)  # reader observations worth keeping (not errors)
    read_by: str = "text"  # "text" (a text layer or markup) or "ocr" (recognised from images)


def make_table(rows: list[list[str | None]], page: int | None = None) -> Table:
    """Build a `Table` from lists, normalising cell text (strip; keep `None` for merged positions)."""
    return Table(
        rows=tuple(tuple(None if c is None else c.strip() for c in row) for row in rows if row),
        page=page,
    )
