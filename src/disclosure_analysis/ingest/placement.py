"""Rows that print fewer values than their table has columns because the source dropped the empty
cells (`Table.collapsed`: text with one cell per line): which column each value is in.

The values keep their order; every way of putting them into the row's columns (the other cells blank)
is a placement. A placement is kept only when the tables' identities (`formats.identities`) can still
hold, a blank cell counting as 0, within its row and, through the runtogether solver's search
(`solver.supported`), together with the other rows. A cell gets a value (or stays blank) only when every
kept placement agrees on it; otherwise it is null and flagged `COLUMN_AMBIGUOUS`, and when no placement
fits, `CELL_MISSING`. Numbers are never shifted into the first columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations

from disclosure_analysis.formats.identities import Identity
from disclosure_analysis.ingest.readers.runtogether.solver import Budget, supported
from disclosure_analysis.ingest.values import parse_value

COLUMN_AMBIGUOUS = "column_ambiguous"  # the row's values fit its columns in more than one way
CELL_MISSING = "cell_missing"  # no placement of the row's values fits the identities

MAX_PLACEMENTS = 10_000  # placements of one row considered (C(15, 7) = 6435 for 表四)
#: search nodes for a table's placements together: where symmetric columns (all but one of the applicant
#: columns blank) leave many solutions the search stops early, and every placement left counts as kept
SEARCH_NODES = 10_000


@dataclass(frozen=True)
class Row:
    """A printed row: its name (for notes), its cells' flat keys in column order, its printed values."""

    name: str
    keys: tuple[str, ...]
    values: tuple[str, ...]


@dataclass
class Placement:
    """Per flat key: (printed text, "" for a blank cell, or None) and a flag; notes in Chinese."""

    cells: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _number(raw: str) -> int | float | None:
    parsed = parse_value(raw)
    return None if parsed is None else parsed.value if raw.strip() else 0


def _placements(row: Row, local: Sequence[Identity]) -> list[tuple[tuple[str, ...], tuple]] | None:
    """Every placement of the row's values into its columns that its own identities allow: the cells'
    printed texts ("" blank) and numbers (a blank 0); None when there are more than MAX_PLACEMENTS."""
    n, k = len(row.keys), len(row.values)
    numbers = [_number(v) for v in row.values]
    if k == n:
        return [(row.values, tuple(numbers))]
    index = {key: i for i, key in enumerate(row.keys)}
    out = []
    for count, columns in enumerate(combinations(range(n), k)):
        if count >= MAX_PLACEMENTS:
            return None
        cells, placed = [""] * n, [0] * n
        for c, v, x in zip(columns, row.values, numbers, strict=True):
            cells[c], placed[c] = v, x
        if all(_holds(idn, placed, index) for idn in local):
            out.append((tuple(cells), tuple(placed)))
    return out


def _holds(idn: Identity, numbers: list, index: dict[str, int]) -> bool:
    total = [numbers[index[k]] for k in idn.total]
    parts = [numbers[index[k]] for k in idn.parts]
    return None in total + parts or sum(total) == sum(parts)


def place(table: str, rows: Sequence[Row], identities: Sequence[Identity]) -> Placement:
    """The cells of `rows` (of `table`, e.g. "表三"): each value placed where the identities leave one way."""
    owner = {k: (r, i) for r, row in enumerate(rows) for i, k in enumerate(row.keys)}
    usable = [idn for idn in identities if all(k in owner for k in idn.keys)]
    local: dict[int, list[Identity]] = {}
    spanning = []
    for idn in usable:
        owners = {owner[k][0] for k in idn.keys}
        if len(owners) == 1:
            local.setdefault(owners.pop(), []).append(idn)
        else:
            spanning.append(idn)
    candidates = {r: _placements(row, local.get(r, ())) for r, row in enumerate(rows)}
    finite = {r: c for r, c in candidates.items() if c}  # rows with too many placements, or none, left out
    spanning = [i for i in spanning if all(owner[k][0] in finite for k in i.keys)]
    kept, feasible = supported({r: [p[1] for p in c] for r, c in finite.items()}, spanning, owner, Budget(SEARCH_NODES))
    out = Placement()
    for r, row in enumerate(rows):
        if len(row.values) == len(row.keys):
            out.cells |= dict(zip(row.keys, ((v, None) for v in row.values), strict=True))
            continue
        fitting = [finite[r][k][0] for k in kept[r]] if feasible and r in kept else []
        many = candidates[r] is None or len(fitting) > 1
        for i, key in enumerate(row.keys):
            printed = {p[i] for p in fitting}
            out.cells[key] = (printed.pop(), None) if len(printed) == 1 else (None, COLUMN_AMBIGUOUS if many else CELL_MISSING)
        out.notes.append(_note(table, row, fitting, many))
    return out


def _note(table: str, row: Row, fitting: list[tuple[str, ...]], many: bool) -> str:
    where = f"{table}「{row.name}」行" if row.name != table else table
    printed = f"只有 {len(row.values)} 个数字（{' '.join(row.values)}），空白单元格在文本中消失了"
    if many:
        return f"{where}{printed}；按勾稽关系有多种放法，不能确定所在列的单元格记为空"
    if not fitting:
        return f"{where}{printed}，按勾稽关系放不进各列，这些单元格记为空"
    return f"{where}{printed}；按勾稽关系只有一种放法，各数字所在的列由此确定（该行勾稽关系的核对不是独立的验证）"
