"""Plain text whose table cells are cut by pipes or by lines, as users paste web tables (renderings.md §1–4).

Three layouts, told apart by the text's lines (`layout`):

- `PIPE_ROWS`: one table row per line, cells separated by `|`, a `|` ending each row. A row whose line
  does not end in `|` goes on over the next lines (a cell holding a newline); a short line right above a
  row, not a sentence or a section heading, is the first line of its first cell.
- `PIPE_PER_LINE`: one cell per line, each ending in ` |` (a lone `|` is then an empty cell), or lone
  `|` lines between cells (an empty line between two is an empty cell). A line of pipes only (`|||||`)
  stands for the row's empty cells, collapsed into one place: which columns they were is lost.
- `CELL_LINES`: one cell per line; where the cells are separated by blank lines (the usual case), the
  lines between two blank lines are one cell. Empty cells leave nothing.

In the last two, rows are not marked: a row is its label cells followed by its value cells (numbers and
blank markers, `values.is_value`), the next label cell starting the next row. A table whose empty cells may
have vanished (`CELL_LINES`, or collapsed pipes) is marked `collapsed`: the mapping then places a row
with fewer values than columns only where the identities leave one way (`ingest.placement`).
Text around the tables (sentences, headings) becomes paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Block, Paragraph, Table
from disclosure_analysis.ingest.stream import _PAGE_NUMBER, _heading_key
from disclosure_analysis.ingest.values import is_value

PIPE_ROWS, PIPE_PER_LINE, CELL_LINES = "pipe_rows", "pipe_per_line", "cell_lines"

_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SENTENCE_END = re.compile(r"[。！？；]")
_DIGIT = re.compile(r"\d")
MIN_ROWS = 5  # pipe rows that make a text one of `PIPE_ROWS`
MIN_CELLS = 10  # lone cells (`PIPE_PER_LINE`) or lone numbers (`CELL_LINES`) that make a text one
MIN_RUN = 3  # consecutive lone numbers: a table's row, not page numbers
LABEL_LENGTH = 60  # the longest line of a label cell
LONE_NUMBER = 24  # the longest line that is a number only (with a remark: "22（其中修订16件）")
_NUMBER_START = frozenset("0123456789０１２３４５６７８９+-＋－.")
COLLAPSED = None  # a cell standing for a row's empty cells, collapsed into one place


def layout(lines: list[str]) -> str | None:
    """The layout of a text's tables, or None when they are none of the three (tabs, Markdown, prose)."""
    piped = [s for ln in lines if "|" in ln and (s := ln.strip())]
    rows = sum(s.count("|") >= 2 and not s.startswith("|") for s in piped)
    single = sum(s.endswith("|") and s.count("|") == 1 and len(s) > 1 for s in piped)
    lone = sum(set(s) == {"|"} for s in piped)
    if rows >= MIN_ROWS and rows >= single:
        return PIPE_ROWS
    if single + lone >= MIN_CELLS:
        return PIPE_PER_LINE
    if any("\t" in ln for ln in lines):
        return None  # Word text flattened, or tab-separated rows (`readers.text`)
    run = longest = count = 0
    for ln in lines:
        s = ln.strip()
        if not s:
            continue
        if _lone_number(s):
            count, run = count + 1, run + 1
            longest = max(longest, run)
        else:
            run = 0
    return CELL_LINES if count >= MIN_CELLS and longest >= MIN_RUN else None


def _lone_number(line: str) -> bool:
    """A line holding a number only."""
    return len(line) <= LONE_NUMBER and line[0] in _NUMBER_START and is_value(line) and bool(_DIGIT.search(line))


def read_blocks(lines: list[str], style: str, budget: limits.CellBudget) -> list[Block]:
    """The text's paragraphs and tables, its tables laid out as `style`."""
    if style == PIPE_ROWS:
        return _pipe_rows(lines, budget)
    items = _pipe_cells(lines) if style == PIPE_PER_LINE else _line_cells(lines)
    return _rows_by_content(items, style == CELL_LINES, budget)


# --- the pieces: paragraphs and cells --------------------------------------------------------------


@dataclass(frozen=True)
class _Text:
    """A paragraph between cells."""

    text: str


def _label_like(line: str) -> bool:
    """A line that may be (part of) a table cell: short, not a sentence, not a section heading."""
    return len(line) <= LABEL_LENGTH and not _SENTENCE_END.search(line) and _heading_key(line) is None


def _cell_and_text(pending: list[str]) -> tuple[list[_Text], list[str]]:
    """Lines that end in a cell: the paragraphs before it, and its lines (the label-like lines at the end)."""
    k = len(pending)
    while k > 0 and _label_like(pending[k - 1]):
        k -= 1
    return [_Text(p) for p in pending[:k]], pending[k:]


def _furniture(line: str) -> bool:
    return bool(_PAGE_NUMBER.match(line)) and not is_value(line)


# --- PIPE_ROWS -------------------------------------------------------------------------------------


def _split_row(lines: list[str]) -> list[str]:
    """A row's cells: its lines joined (a cell may hold a newline) and cut at the pipes."""
    text = "\n".join(lines).strip()
    cells = [c.strip() for c in text.split("|")]
    if text.startswith("|"):
        cells = cells[1:]  # a Markdown border
    if text.endswith("|"):
        cells = cells[:-1]
    return cells


def _pipe_rows(lines: list[str], budget: limits.CellBudget) -> list[Block]:
    multi = [s for ln in lines if (s := ln.strip()).count("|") >= 2 and not s.startswith("|")]
    terminated = sum(s.endswith("|") for s in multi) >= 0.8 * len(multi)
    out: list[Block] = []
    rows: list[tuple[str, ...]] = []
    pending: list[str] = []  # lines read since the last row

    def text(paragraphs: list[str]) -> None:
        if paragraphs and rows:
            out.append(Table(tuple(rows)))
            budget.end_table()
            rows.clear()
        out.extend(Paragraph(p) for p in paragraphs)

    for raw in lines:
        s = raw.strip()
        if not s or _MD_SEPARATOR.match(s) or (_furniture(s) and "|" not in s):
            if not s and not any("|" in p for p in pending):
                text(pending)
                pending.clear()
            continue
        pending.append(s)
        if "|" not in s or (terminated and not s.endswith("|")):
            continue  # a paragraph, or a row going on over the next line
        first = next(i for i, p in enumerate(pending) if "|" in p)
        before, cell = _cell_and_text(pending[:first])
        text([t.text for t in before])
        rows.append(tuple(_split_row([*cell, *pending[first:]])))
        budget.add(len(rows[-1]))
        pending.clear()
    text(pending)
    if rows:
        out.append(Table(tuple(rows)))
        budget.end_table()
    return out


# --- PIPE_PER_LINE and CELL_LINES: a stream of cells ---------------------------------------------------


def _pipe_cells(lines: list[str]) -> list[_Text | str | None]:
    """Cells ending in ` |` (a lone `|` an empty cell), or cells between lone `|` lines."""
    stripped = [s for ln in lines if (s := ln.strip())]
    suffixed = sum(s.endswith("|") and s.count("|") == 1 and len(s) > 1 for s in stripped)
    lone = sum(s == "|" for s in stripped)
    between = lone > suffixed and suffixed < MIN_CELLS  # ` |` ends an empty cell too: count the filled ones
    items: list[_Text | str | None] = []
    pending: list[str] = []
    for raw in lines:
        s = raw.strip()
        if not s or _furniture(s):
            continue
        if len(s) > 1 and set(s) == {"|"}:
            items += [_Text(p) for p in pending]
            pending.clear()
            items.append(COLLAPSED)
            continue
        if between and s != "|":
            pending.append(s)
            continue
        if not between and not s.endswith("|"):
            pending.append(s)
            continue
        if not between and s == "|":  # an empty cell: the lines before it are text
            items += [*(_Text(p) for p in pending), ""]
            pending.clear()
            continue
        if not between:
            pending.append(s[:-1].strip())
        text, cell = _cell_and_text(pending)
        items += [*text, "\n".join(cell)]
        pending.clear()
    return [*items, *(_Text(p) for p in pending)]


def _line_cells(lines: list[str]) -> list[_Text | str | None]:
    """Cells one per line: the lines between blank lines are one cell where blank lines separate the
    cells, else every line is one; a number line is always a cell of its own."""
    stripped = [ln.strip() for ln in lines]
    numbers = [i for i, s in enumerate(stripped) if s and _lone_number(s)]
    alone = sum((i == 0 or not stripped[i - 1]) and (i + 1 == len(stripped) or not stripped[i + 1]) for i in numbers)
    grouped = alone >= 0.8 * len(numbers)
    items: list[_Text | str | None] = []
    pending: list[str] = []

    def flush() -> None:
        text, cell = _cell_and_text(pending)
        items.extend(text)
        if cell:
            items.extend([*cell] if not grouped else ["\n".join(cell)])
        pending.clear()

    for s in stripped:
        if not s or is_value(s):
            flush()
            if s:
                items.append(s)
            continue
        if _furniture(s):
            continue
        if not _label_like(s):
            flush()
            items.append(_Text(s))
            continue
        pending.append(s)
    flush()
    return items


def _rows_by_content(items: list[_Text | str | None], vanish: bool, budget: limits.CellBudget) -> list[Block]:
    """Rows from a stream of cells: label cells, then value cells; paragraphs in between end a table.
    `vanish`: empty cells leave nothing in this layout, so every table is `collapsed`."""
    out: list[Block] = []
    rows: list[tuple[str, ...]] = []
    labels: list[str] = []
    values: list[str] = []
    collapsed = vanish

    def end_row() -> None:
        rows.append((*labels, *values))
        budget.add(len(rows[-1]))
        labels.clear()
        values.clear()

    def end_table() -> None:
        nonlocal collapsed
        if values:
            end_row()
        if rows:
            out.append(Table(tuple(rows), collapsed=collapsed))
            budget.end_table()
            rows.clear()
        out.extend(Paragraph(lb) for lb in labels)  # labels of no row: text
        labels.clear()
        collapsed = vanish

    for item in items:
        if isinstance(item, _Text):
            end_table()
            out.append(Paragraph(item.text))
        elif item is COLLAPSED:
            collapsed = True
        elif is_value(item):
            if item or labels or values:  # an empty cell before a row's labels is no value
                values.append(item)
        else:
            if values:
                end_row()
            labels.append(item)
    end_table()
    return out
