"""Split runs of digits into table cells where the tables' identities leave one answer.

A crawler's `get_text()` prints a row's cells with nothing between them: `640020470` is 64|0|0|2|0|4|70.
What the solver takes as certain, and nothing more (no assumption on magnitudes):

- a run is exactly its row's cells, every cell printed (but see below): a run whose digits cannot fill
  the row's cells is left unsplit (NO_FIT), never shifted into other columns;
- a cell is a number without leading zeros: "0" is a whole cell ("0520" is never "05"|"20" nor "0520");
  a count has no sign or decimals, an amount may have decimals, a change (本年增/减) may carry a sign;
  "/" and "—" are cells printing nothing (null);
- whitespace inside a run separates two cells (a cell never spans it);
- the identities (`formats.identities`), used only to choose between splits.

A cell keeps a value only when every split that fits gives it the same value. Statuses: PRINTED (the
run alone decides it), BY_IDENTITIES (the identities left one value), AMBIGUOUS (several values fit),
NO_FIT (no split fits: the digits cannot fill the cells, or no split satisfies the identities).

"Every cell is printed" is taken on trust only while the table bears it out. A blank cell vanishes
from a crawled run, and a run with a vanished cell still splits into the row's cells more often than
not — wrongly. So when a row of the table cannot fill its cells, when the certain cells break an
identity, or when no split satisfies the identities, the table may have lost blank cells: then only
the rows whose characters cannot be fewer cells (`0000000`: each 0 a cell whatever is blank) keep
their values, and every other cell of the table is NO_FIT. A table whose identities are too weak to
bear it out (表二 has none) is split with `trust_printed=False` unless the page shows otherwise: only
such blank-proof rows keep values, the others are AMBIGUOUS.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from disclosure_analysis.formats.identities import Identity
from disclosure_analysis.ingest.values import AMOUNT, CHANGE, COUNT, MAX_DIGITS

PRINTED, BY_IDENTITIES, AMBIGUOUS, NO_FIT = "printed", "by_identities", "ambiguous", "no_fit"

# a number without leading zeros, of at most MAX_DIGITS digits (a longer one is never a value)
_COUNT = rf"(?:0|[1-9]\d{{0,2}}(?:,\d{{3}})+|[1-9]\d{{0,{MAX_DIGITS - 1}}})"
_KIND = {  # what a cell of each field may print (`values.as_field`)
    COUNT: re.compile(_COUNT, re.ASCII),
    CHANGE: re.compile(rf"[+-]?{_COUNT}", re.ASCII),
    AMOUNT: re.compile(rf"{_COUNT}(?:\.\d+)?", re.ASCII),
}
_NULL = re.compile(r"[/／\\—－–-]+")
_ANY = re.compile(rf"[+-]?{_COUNT}(?:\.\d+)?", re.ASCII)  # any cell of any kind

#: limits of the search (splits kept per row, nodes per row or search, nodes per table for the runs
#: alone and under the identities); beyond them a cell is AMBIGUOUS, never guessed
MAX_SPLITS = 5000
MAX_NODES = 20_000
PLAIN_NODES, TABLE_NODES = 50_000, 150_000

Value = int | float | None


@dataclass(frozen=True)
class RunRow:
    """A printed row whose cells ran together: its run cut at whitespace, and its cells in order."""

    name: str
    segments: tuple[str, ...]
    keys: tuple[str, ...]
    kinds: tuple[str, ...]  # the field of each cell: values.COUNT, CHANGE or AMOUNT


@dataclass(frozen=True)
class SplitCell:
    status: str
    raw: str | None = None  # the cell's characters in the run (None unless a value was kept)
    value: Value = None


@dataclass
class Solution:
    cells: dict[str, SplitCell] = field(default_factory=dict)
    #: row name -> the splits that fit (AMBIGUOUS rows; at most a few, as printed pieces)
    alternatives: dict[str, list[tuple[str, ...]]] = field(default_factory=dict)
    #: identities the certain cells already break ("R2:granted", …): a printing error, or lost blanks
    broken: list[str] = field(default_factory=list)
    #: the table may have lost blank cells (see the module docstring); only blank-proof rows kept
    blanks_suspected: bool = False
    #: rows left null because, not trusting that every cell is printed, a blank may have vanished
    unproven: list[str] = field(default_factory=list)


class _TooMany(Exception):
    pass


class Budget:
    """Search nodes left for one table (shared by its rows' splits and the searches across rows)."""

    def __init__(self, nodes: int = TABLE_NODES) -> None:
        self.nodes = nodes

    def spend(self) -> None:
        self.nodes -= 1
        if self.nodes < 0:
            raise _TooMany


def value_of(raw: str) -> Value:
    """The number a cell's characters print (None for a null marker)."""
    if _NULL.fullmatch(raw):
        return None
    num = raw.replace(",", "")
    return float(num) if "." in num else int(num)


def _valid(raw: str, kind: str) -> bool:
    return bool(_KIND[kind].fullmatch(raw) or _NULL.fullmatch(raw))


def row_splits(
    row: RunRow, identities: Sequence[Identity] = (), budget: Budget | None = None
) -> list[tuple[str, ...]] | None:
    """Every split of `row`'s run into its cells that satisfies `identities` (all within this row);
    None when there are more than MAX_SPLITS or the search exceeds MAX_NODES or the budget."""
    budget = budget or Budget()
    text = "".join(row.segments)
    n = len(row.keys)
    seg_of: list[int] = []
    seg_start: list[int] = []
    pos = 0
    for i, seg in enumerate(row.segments):
        seg_of += [i] * len(seg)
        seg_start += [pos] * len(seg)
        pos += len(seg)
    index = {k: i for i, k in enumerate(row.keys)}
    checks = [
        [(index[k], 1) for k in idn.total] + [(index[k], -1) for k in idn.parts] for idn in identities
    ]
    by_cell: list[list[list[tuple[int, int]]]] = [[] for _ in range(n)]
    for terms in checks:
        for i, _ in terms:
            by_cell[i].append(terms)
    # bounds on partial sums hold only for non-negative cells that cannot turn out null
    bounded = not _NULL.search(text) and all(k == COUNT for k in row.kinds)
    digit_sum = [0]  # of text[:i]: the cells of a prefix add up to at least its digits' sum
    for ch in text:
        digit_sum.append(digit_sum[-1] + (int(ch) if ch.isdigit() else 0))
    raws: list[str] = [""] * n
    values: list[Value] = [None] * n
    assigned = [False] * n
    out: list[tuple[str, ...]] = []
    nodes = 0

    def fits(terms: list[tuple[int, int]], j: int, start: int) -> bool:
        """Whether the identity can still hold, cells j.. assigned and 0..j-1 left for text[:start]."""
        total = parts = 0
        open_total = open_parts = False
        left = 0  # cells of 0..j-1 that are parts of this identity
        for i, sign in terms:
            if not assigned[i]:
                open_total, open_parts = open_total or sign > 0, open_parts or sign < 0
                left += sign < 0
                continue
            v = values[i]
            if v is None:
                return True  # a null cell: the identity cannot be checked
            if sign > 0:
                total += v
            else:
                parts += v
        if not open_total and not open_parts:
            return total == parts
        if not bounded:
            return True
        if not open_total:
            rest = total - parts
            if rest < 0:
                return False
            if left == j:  # the whole prefix is this identity's parts: bound their sum both ways
                return digit_sum[start] <= rest <= j * (10 ** (start - j + 1) - 1)
            return True
        if not open_parts:
            return total <= parts
        return True

    def place(j: int, end: int) -> None:
        nonlocal nodes
        nodes += 1
        budget.spend()
        if nodes > MAX_NODES:
            raise _TooMany
        if j < 0:
            if end == 0:
                out.append(tuple(raws))
                if len(out) > MAX_SPLITS:
                    raise _TooMany
            return
        if end <= 0:
            return
        first = seg_start[end - 1]
        for start in range(end - 1, first - 1, -1):
            if start < j:
                break  # the j cells to the left need a character each
            segments_left = seg_of[start - 1] + 1 if start > 0 else 0
            if segments_left > j or (j == 0 and start != 0):
                continue
            raw = text[start:end]
            if not _valid(raw, row.kinds[j]):
                continue
            raws[j], values[j], assigned[j] = raw, value_of(raw), True
            if all(fits(t, j, start) for t in by_cell[j]):
                place(j - 1, start)
            assigned[j] = False

    try:
        place(n - 1, len(text))
    except _TooMany:
        return None
    return out


def fewer_cells_fit(row: RunRow) -> bool:
    """Whether the run could be fewer cells than the row has, i.e. the row with some cells blank."""
    n = len(row.keys)
    counts = {0}  # the numbers of cells the segments so far can be split into
    for seg in row.segments:
        reach: list[set[int]] = [set() for _ in range(len(seg) + 1)]
        reach[0].add(0)
        for end in range(1, len(seg) + 1):
            for start in range(end):
                if reach[start] and (_ANY.fullmatch(seg[start:end]) or _NULL.fullmatch(seg[start:end])):
                    reach[end] |= {m + 1 for m in reach[start] if m + 1 < n}
        counts = {c + m for c in counts for m in reach[-1] if c + m < n}
    return bool(counts)


def _agreed(splits: Sequence[tuple[str, ...]], n: int) -> dict[int, str]:
    """Cell positions where every split has the same value, with the characters of the first split."""
    if not splits:
        return {}
    first = splits[0]
    return {
        i: first[i] for i in range(n) if all(value_of(s[i]) == value_of(first[i]) for s in splits[1:])
    }


def solve(rows: Sequence[RunRow], identities: Sequence[Identity], trust_printed: bool = True) -> Solution:
    """Split every row, using the identities only where a row's run can be split several ways;
    `trust_printed=False`: keep only rows whose run cannot be fewer cells (a blank cell vanished)."""
    owner = {k: (r, i) for r, row in enumerate(rows) for i, k in enumerate(row.keys)}
    plain, budget = Budget(PLAIN_NODES), Budget()  # the splits of the runs alone; those under the identities
    structural = [row_splits(row, (), plain) for row in rows]
    certain: dict[str, Value] = {}
    for row, splits in zip(rows, structural, strict=True):
        if splits:
            certain |= {row.keys[i]: value_of(raw) for i, raw in _agreed(splits, len(row.keys)).items()}
    solution = Solution()
    no_fit = {r for r, s in enumerate(structural) if s == []}
    used: list[Identity] = []
    for idn in identities:
        if not all(k in owner for k in idn.keys) or any(owner[k][0] in no_fit for k in idn.keys):
            continue  # a row missing, or one whose digits cannot fill its cells: values unknown
        if all(k in certain for k in idn.keys):
            if None not in [certain[k] for k in idn.keys] and sum(certain[k] for k in idn.total) != sum(
                certain[k] for k in idn.parts
            ):
                solution.broken.append(f"{idn.rule}:{idn.name}")
            continue  # decided by the printed cells: it constrains nothing
        used.append(idn)
    local: dict[int, list[Identity]] = {}
    spanning: list[Identity] = []
    for idn in used:
        owners = {owner[k][0] for k in idn.keys}
        if len(owners) == 1:
            local.setdefault(owners.pop(), []).append(idn)
        else:
            spanning.append(idn)
    candidates: dict[int, list[tuple[str, ...]] | None] = {
        r: row_splits(row, local[r], budget) if r in local or structural[r] is None else structural[r]
        for r, row in enumerate(rows)
        if r not in no_fit
    }
    finite = {r: c for r, c in candidates.items() if c is not None}
    spanning = [i for i in spanning if all(owner[k][0] in finite for k in i.keys)]
    kept, feasible = supported(
        {r: [tuple(map(value_of, s)) for s in c] for r, c in finite.items()}, spanning, owner, budget
    )
    for r, row in enumerate(rows):
        fitting = [finite[r][k] for k in kept[r]] if feasible and r in kept else None
        agreed = _agreed(fitting, len(row.keys)) if fitting else {}
        for i, key in enumerate(row.keys):
            solution.cells[key] = _status(key, i, certain, structural[r], candidates.get(r), feasible, agreed)
        if fitting and len({tuple(map(value_of, s)) for s in fitting}) > 1:
            solution.alternatives[row.name] = fitting[:3]
    if no_fit or solution.broken or not feasible:
        solution.blanks_suspected = True
        solution.alternatives.clear()
        for r, row in enumerate(rows):
            keep = structural[r] and not fewer_cells_fit(row)
            for key in row.keys:
                if not (keep and solution.cells[key].status == PRINTED):
                    solution.cells[key] = SplitCell(NO_FIT)
    elif not trust_printed:
        for row in rows:
            if fewer_cells_fit(row) and any(solution.cells[k].raw is not None for k in row.keys):
                solution.unproven.append(row.name)
                solution.alternatives.pop(row.name, None)
                solution.cells |= dict.fromkeys(row.keys, SplitCell(AMBIGUOUS))
    return solution


def _status(
    key: str,
    i: int,
    certain: dict[str, Value],
    structural: list[tuple[str, ...]] | None,
    candidates: list[tuple[str, ...]] | None,
    feasible: bool,
    agreed: dict[int, str],
) -> SplitCell:
    """Cell `i` of a row: decided by its run alone, by the identities (`agreed` over the splits of
    the row that belong to a split of the whole table), or not."""
    if key in certain and structural:
        raw = structural[0][i]
        return SplitCell(PRINTED, raw, value_of(raw))
    if structural == [] or (candidates is not None and not feasible):
        return SplitCell(NO_FIT)
    if i in agreed:
        return SplitCell(BY_IDENTITIES, agreed[i], value_of(agreed[i]))
    return SplitCell(AMBIGUOUS)


def supported(
    candidates: dict[int, list[tuple[Value, ...]]],
    identities: Sequence[Identity],
    owner: dict[str, tuple[int, int]],
    budget: Budget,
) -> tuple[dict[int, list[int]], bool]:
    """For each row (its candidate cell values), the indices of its candidates that belong to at least
    one choice for the whole table satisfying the identities (a candidate whose search ran out of nodes
    counts as belonging); and whether any such choice exists. `owner`: flat key -> (row, cell index)."""
    if any(not c for c in candidates.values()):
        return {}, False
    usable = [  # a null cell in some candidate: that identity cannot be checked
        {k: 1 for k in idn.total} | {k: -1 for k in idn.parts}
        for idn in identities
        if all(s[owner[k][1]] is not None for k in idn.keys for s in candidates[owner[k][0]])
    ]
    rows = sorted({owner[k][0] for signs in usable for k in signs})
    # each row's contribution to each identity (Σ total side − Σ parts side); candidates that
    # contribute alike are one option for the search
    options: dict[int, dict[tuple[int, ...], list[int]]] = {}
    for r in rows:
        terms = [[(owner[k][1], sign) for k, sign in signs.items() if owner[k][0] == r] for signs in usable]
        options[r] = {}
        for k, values in enumerate(candidates[r]):
            vector = tuple(sum(sign * values[i] for i, sign in t) for t in terms)
            options[r].setdefault(vector, []).append(k)
    domains = _narrowed({r: list(options[r]) for r in rows}, len(usable))
    if domains is None:
        return {}, False
    chosen: dict[int, set[tuple[int, ...]]] = {r: set() for r in rows}
    first = _search(domains, len(usable), budget)
    if first is False:
        return {}, False
    if first is None:  # search too long: every candidate left may belong
        chosen = {r: set(domains[r]) for r in rows}
    else:
        for r in rows:
            chosen[r].add(first[r])
        for r in rows:
            for vector in domains[r]:
                if vector in chosen[r]:
                    continue
                found = _search({**domains, r: [vector]}, len(usable), budget)
                if found is None:  # search too long: the candidate may belong
                    chosen[r].add(vector)
                elif found is not False:
                    for q, v in found.items():
                        chosen[q].add(v)
    out = {r: list(range(len(c))) for r, c in candidates.items()}
    out |= {r: sorted(k for v in vs for k in options[r][v]) for r, vs in chosen.items()}
    return out, True


def _narrowed(domains: dict[int, list[tuple[int, ...]]], m: int) -> dict[int, list[tuple[int, ...]]] | None:
    """The options of each row that can still make every identity sum to 0 given the others' ranges
    (repeated until nothing changes); None when a row has none left."""
    changed = True
    while changed:
        changed = False
        for i in range(m):
            low = {r: min(o[i] for o in opts) for r, opts in domains.items()}
            high = {r: max(o[i] for o in opts) for r, opts in domains.items()}
            all_low, all_high = sum(low.values()), sum(high.values())
            for r, opts in domains.items():
                kept = [o for o in opts if o[i] + all_low - low[r] <= 0 <= o[i] + all_high - high[r]]
                if not kept:
                    return None
                if len(kept) < len(opts):
                    domains[r], changed = kept, True
                    all_low += min(o[i] for o in kept) - low[r]
                    all_high += max(o[i] for o in kept) - high[r]
                    low[r], high[r] = min(o[i] for o in kept), max(o[i] for o in kept)
    return domains


def _search(
    domains: dict[int, list[tuple[int, ...]]],
    m: int,
    budget: Budget,
) -> dict[int, tuple[int, ...]] | bool | None:
    """One option per row with every identity summing to 0; False if there is none, None if the
    search exceeded MAX_NODES or the budget."""
    order = sorted(domains, key=lambda r: len(domains[r]))
    lo = [[0] * m for _ in range(len(order) + 1)]
    hi = [[0] * m for _ in range(len(order) + 1)]
    for p in range(len(order) - 1, -1, -1):
        options = domains[order[p]]
        for i in range(m):
            lo[p][i] = lo[p + 1][i] + min(o[i] for o in options)
            hi[p][i] = hi[p + 1][i] + max(o[i] for o in options)
    choice: dict[int, tuple[int, ...]] = {}
    nodes = 0

    def go(p: int, partial: list[int]) -> bool:
        nonlocal nodes
        nodes += 1
        budget.spend()
        if nodes > MAX_NODES:
            raise _TooMany
        if p == len(order):
            return not any(partial)
        r = order[p]
        for c in domains[r]:
            nxt = [partial[i] + c[i] for i in range(m)]
            if all(nxt[i] + lo[p + 1][i] <= 0 <= nxt[i] + hi[p + 1][i] for i in range(m)):
                choice[r] = c
                if go(p + 1, nxt):
                    return True
        return False

    try:
        return dict(choice) if go(0, [0] * m) else False
    except _TooMany:
        return None
