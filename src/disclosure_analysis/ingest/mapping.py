"""Find 表二, 表三 and 表四 in a document's line stream and map their cells to field codes.

Everything format-specific comes from `formats/` (labels, columns, codes); the version (2019/2021) is
detected per table. Cells are returned as printed (null for blank), each with an optional flag saying
why the parser is unsure of it. Nothing is corrected here — that is `validate`'s job to report.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from disclosure_analysis import formats
from disclosure_analysis.formats.identities import table3_identities, table4_identities
from disclosure_analysis.ingest import values
from disclosure_analysis.ingest.document import Reading
from disclosure_analysis.ingest.labels import Observed, Target, align, clean, match_unordered, numbering
from disclosure_analysis.ingest.placement import COLUMN_AMBIGUOUS, Row, place
from disclosure_analysis.ingest.readers.runtogether.tables import (
    SPLIT_AMBIGUOUS,
    SPLIT_NO_FIT,
    split_table2,
    split_table3,
    split_table4,
)
from disclosure_analysis.ingest.stream import _SENTENCE, DataRow, Line, Section, data_row
from disclosure_analysis.ingest.values import AMOUNT, CHANGE, COUNT, normalize, parse_value

# Flags (why a cell is uncertain)
ROW_BY_POSITION = "row_by_position"  # the row's label was missing or garbled; placed by its position
ROW_MISSING = "row_missing"  # the format has this row but the document does not show it
CELL_MISSING = "cell_missing"  # the row has fewer cells than the format; this one could not be placed
EXTRA_CELLS = "extra_cells"  # the row had more cells than the format; the surplus was ignored
NOT_A_NUMBER = "not_a_number"  # the cell holds text that is neither a number nor a blank marker
# a printed number the cell cannot hold (`values.as_field`): null, except UNIT_CONVERTED
NOT_A_COUNT, OUT_OF_RANGE, UNIT_MISMATCH = values.NOT_A_COUNT, values.OUT_OF_RANGE, values.UNIT_MISMATCH
ROUNDED = values.ROUNDED
UNIT_CONVERTED = values.UNIT_CONVERTED
# a run-together row's cell (crawler texts, `readers/runtogether`): its digits split more than one way
# (SPLIT_AMBIGUOUS), or no split fits the table (SPLIT_NO_FIT)
# a cell of a row whose empty cells vanished (`placement`): its values fit the columns in several ways
# (COLUMN_AMBIGUOUS), or in none (CELL_MISSING)
#: flags of a cell whose printed text is not its value (kept in `Cell.raw`, `extract --json` cell_printed)
PRINTED_FLAGS = frozenset({NOT_A_NUMBER, NOT_A_COUNT, OUT_OF_RANGE, UNIT_MISMATCH, ROUNDED, UNIT_CONVERTED})
#: flags of a cell left null because it could not be read (the report is then `partial`)
UNREAD_FLAGS = frozenset({
    CELL_MISSING, ROW_MISSING, NOT_A_NUMBER, NOT_A_COUNT, OUT_OF_RANGE, UNIT_MISMATCH, ROUNDED, SPLIT_AMBIGUOUS,
    SPLIT_NO_FIT, COLUMN_AMBIGUOUS,
})

OCR_UNCERTAIN = "ocr_uncertain"  # read by OCR, and may be misread (see `Cell.doubt`; set by `checks.ocr`)


@dataclass(frozen=True)
class Doubt:
    """Why a cell read by OCR may be misread: its identities that fail (e.g. "R2:partial"), whether a
    character was read with a low probability, the values the failed identities allow it to be, and the
    one value two identities both point to (a suggestion only: never written into the value)."""

    identities: tuple[str, ...] = ()
    low_confidence: bool = False
    alternatives: tuple[int, ...] = ()
    suggested: int | None = None


@dataclass
class Cell:
    value: float | int | None
    raw: str | None = None
    flag: str | None = None
    remark: str | None = None
    unit: str | None = None
    reading: Reading | None = None  # how OCR recognised it (None: read from text)
    doubt: Doubt | None = None  # with flag OCR_UNCERTAIN
    page: int | None = None  # 0-based page of the document the cell is printed on (PDF, OCR), if known
    label: str | None = None  # the row's label as printed (表二, 表三)


@dataclass
class TableResult:
    table: str  # t2, t3, t4
    version: str | None  # "2019"/"2021" (t4: None), None if not found
    cells: dict[str, Cell] = field(default_factory=dict)  # flat key -> cell
    found: bool = False
    notes: list[str] = field(default_factory=list)
    printed_in_full: bool = False  # 表三 ran together and its identities bear out that every cell is printed


def _cell(
    raw: str | None, flag: str | None = None, field: str = COUNT, unit: str | None = None,
    reading: Reading | None = None,
) -> Cell:
    """The cell of a printed text in a field (`values.as_field`); `flag` says how it was placed, `reading`
    how OCR recognised it."""
    if raw is None:
        return Cell(None, None, flag or CELL_MISSING)
    parsed = parse_value(raw)
    if parsed is None:
        return Cell(None, raw, NOT_A_NUMBER, reading=reading)
    value, printed_unit, problem = values.as_field(parsed, field, unit)
    return Cell(value, raw, problem or flag, parsed.remark, printed_unit, reading)


def _fit(values: tuple[str, ...], n: int) -> tuple[list[int | None], str | None]:
    """Place a row's printed values into n columns: for each column, the index of its value or None.

    Surplus blank cells at the ends (an extra rule in the PDF) are dropped; with too few cells, the
    first ones fill the first columns and the last one the last column, the gap is unknown.
    """
    lo, hi = 0, len(values)
    while hi - lo > n and values[hi - 1].strip() == "":
        hi -= 1
    while hi - lo > n and values[lo].strip() == "":
        lo += 1
    kept: list[int | None] = list(range(lo, hi))
    if len(kept) == n:
        return kept, None
    if len(kept) > n:
        return kept[-n:], EXTRA_CELLS
    if not kept:
        return [None] * n, CELL_MISSING
    return [*kept[:-1], *([None] * (n - len(kept))), kept[-1]], CELL_MISSING


def _placed_values(values: tuple[str, ...], readings: tuple[Reading | None, ...], n: int) -> tuple[list[tuple[str | None, Reading | None]], str | None]:
    """`_fit`: each column's (printed value, OCR reading), and the fit's flag."""
    positions, flag = _fit(values, n)
    return [(None, None) if i is None else (values[i], readings[i]) for i in positions], flag


def _placed(table: str, rows: list[Row], identities: list, result: TableResult) -> dict[str, Cell]:
    """The cells of rows whose empty cells vanished (`Table.collapsed`), each value placed in its column
    only where the identities leave one way (`placement`)."""
    placement = place(table, rows, identities)
    result.notes.extend(placement.notes)
    return {key: _cell(raw, flag) for key, (raw, flag) in placement.cells.items()}


def _collapsed(row: DataRow, n: int) -> bool:
    """A row printing fewer values than its n columns in a text whose empty cells vanish: a table marked
    so (`Table.collapsed`), or a line of text (space-separated numbers leave nothing for an empty cell)."""
    return (row.line.collapsed or not row.line.is_table) and not row.line.joined and len(row.values) < n


def _printed_label(row: DataRow) -> str | None:
    """The row's label cells as printed, joined by a blank (a group label, then the row's own)."""
    return " ".join(lb.strip() for lb in row.labels if lb.strip()) or None


def _located(cell: Cell, row: DataRow) -> Cell:
    cell.page, cell.label = row.line.page, _printed_label(row)
    return cell


def _observed(row: DataRow, wrapped: dict[int, tuple[str, str]]) -> Observed:
    labels = [lb for lb in row.labels if clean(lb)]
    specific = [*labels[-1:], "".join(labels)] if labels else []
    return Observed((*specific, *_with_wrapped(row, wrapped)), numbering(labels[-1]) if labels else None)


_FRAGMENT = 16  # the longest line taken for a piece of a row label wrapped over lines


def _wrapped(lines: list[Line]) -> dict[int, tuple[str, str]]:
    """For each line of text ending in numbers: the short lines of text just above and below it, which
    may be its label's start and end (a label wrapped over lines in a PDF's or flip-book's text)."""

    def fragment(ln: Line) -> str:
        text = ln.text if not ln.is_table else ""
        return text if len(text) <= _FRAGMENT and data_row(ln) is None and not _SENTENCE.search(text) else ""

    out = {}
    for i, ln in enumerate(lines):
        if not ln.is_table and data_row(ln) is not None:
            before = fragment(lines[i - 1]) if i else ""
            after = fragment(lines[i + 1]) if i + 1 < len(lines) else ""
            if before or after:
                out[ln.index] = (before, after)
    return out


def _with_wrapped(row: DataRow, wrapped: dict[int, tuple[str, str]]) -> tuple[str, ...]:
    """The row's label with the pieces wrapped above and below it (`_wrapped`), as more candidates."""
    if row.line.index not in wrapped or not row.labels:
        return ()
    before, after = wrapped[row.line.index]
    label = row.labels[-1]
    return tuple(dict.fromkeys(x for x in (before + label, label + after, before + label + after) if x != label))


# --- 表三 ------------------------------------------------------------------------------------------


def _t3_targets(version: str) -> list[Target]:
    return [Target(r.code, r.labels, r.number) for r in formats.table3().row_specs(version)]


def map_table3(lines: list[Line], default_version: str) -> TableResult:
    fmt = formats.table3()
    columns = fmt.column_codes
    ncols = len(columns)
    rows = [
        r for ln in lines
        if (r := data_row(ln)) and (r.labels or r.has_number)
        and (len(r.values) >= 3 or ln.joined or ((ln.collapsed or not ln.is_table) and r.labels and r.has_number))
    ]
    result = TableResult("t3", None)
    if not rows:
        return result
    wrapped = _wrapped(lines)
    observed = [_observed(r, wrapped) for r in rows]
    best: tuple[float, str, list[int | None]] | None = None
    for version in sorted(fmt.versions, key=lambda v: v != default_version):
        score, assignment = align(observed, _t3_targets(version))
        if best is None or score > best[0] + 1e-9:
            best = (score, version, assignment)
    assert best is not None
    _, version, assignment = best
    result.version, result.found = version, True
    targets = _t3_targets(version)
    joined = {  # rows whose cells ran together: split as one table (readers/runtogether)
        t.code: rows[i].values for t, i in zip(targets, assignment, strict=True) if i is not None and rows[i].line.joined
    }
    split = split_table3(version, joined) if joined else None
    if split:
        result.notes.extend(split.notes)
        result.printed_in_full = split.printed_in_full
    collapsed = {  # rows of a text whose empty cells vanish: placed by the identities if one is short
        t.code: rows[i] for t, i in zip(targets, assignment, strict=True)
        if i is not None and (rows[i].line.collapsed or not rows[i].line.is_table) and len(rows[i].values) <= ncols
    }
    placed = {}
    if any(_collapsed(r, ncols) for r in collapsed.values()):
        keys = {code: tuple(f"t3.{code}.{c}" for c in columns) for code in collapsed}
        printed = [Row(clean(fmt.rows[code].label), keys[code], r.values) for code, r in collapsed.items()]
        placed = _placed("表三", printed, table3_identities(version), result)
    for target, idx in zip(targets, assignment, strict=True):
        keys = [f"t3.{target.code}.{c}" for c in columns]
        if idx is None:
            result.cells |= {k: Cell(None, None, ROW_MISSING) for k in keys}
            result.notes.append(f"表三缺少一行：{fmt.rows[target.code].label}")
            continue
        if split and target.code in joined:
            result.cells |= {k: _cell(*split.cells[k]) for k in keys}
            continue
        if keys[0] in placed:
            result.cells |= {k: _located(placed[k], rows[idx]) for k in keys}
            continue
        row = rows[idx]
        placed_values, fit_flag = _placed_values(row.values, row.value_readings, ncols)
        row_flag = ROW_BY_POSITION if not observed[idx].labels else None
        for key, (raw, reading) in zip(keys, placed_values, strict=True):
            result.cells[key] = _located(_cell(raw, fit_flag or row_flag, reading=reading), row)
    return result


# --- 表二 ------------------------------------------------------------------------------------------


def _t2_version(lines: list[Line], rows: list[DataRow], default_version: str) -> str:
    fmt = formats.table2()
    text = normalize(" ".join(ln.text for ln in lines))
    scores = {v: sum(normalize(c) in text for c in cues) for v, cues in fmt.header_cues.items()}
    for row in rows:
        lab = clean("".join(row.labels))
        if lab in ("其他对外管理服务事项", "政府集中采购"):
            scores["2019"] += 2
        if lab in ("行政许可", "行政处罚", "行政强制") and not row.line.joined:
            scores["2019" if len(row.values) >= 3 else "2021"] += 1
    top = max(scores.values())
    winners = [v for v, s in scores.items() if s == top]
    return default_version if default_version in winners else winners[0]


def map_table2(lines: list[Line], default_version: str, printed_in_full: bool = False) -> TableResult:
    fmt = formats.table2()
    rows = [r for ln in lines if (r := data_row(ln)) and r.labels]
    result = TableResult("t2", None)
    if not rows:
        return result
    version = _t2_version(lines, rows, default_version)
    specs = fmt.versions[version]
    targets = [Target(s.code, s.labels) for s in specs]
    wrapped = _wrapped(lines)
    observed = [Observed((clean("".join(r.labels)), r.labels[-1], *_with_wrapped(r, wrapped)), None) for r in rows]
    assignment = match_unordered(observed, targets)
    if all(i is None for i in assignment):
        return result
    result.version, result.found = version, True
    joined = {  # rows whose cells ran together (readers/runtogether)
        s.code: rows[i].values for s, i in zip(specs, assignment, strict=True) if i is not None and rows[i].line.joined
    }
    split = split_table2(joined, version, printed_in_full) if joined else None
    if split:
        result.notes.extend(split.notes)
    for spec, idx in zip(specs, assignment, strict=True):
        if idx is None:
            for code in spec.codes:
                result.cells[f"t2.{code}"] = Cell(None, None, ROW_MISSING)
            result.notes.append(f"表二缺少一行：{spec.label}")
            continue
        if split and spec.code in joined:
            cells = [(*split.cells[f"t2.{c}"], None) for c in spec.codes]
        elif _collapsed(rows[idx], len(spec.codes)):  # no identity links 表二's cells: placed only if full
            keys = tuple(f"t2.{c}" for c in spec.codes)
            placement = place("表二", [Row(spec.label, keys, rows[idx].values)], [])
            result.notes.extend(placement.notes)
            cells = [(*placement.cells[k], None) for k in keys]
        else:
            placed, fit_flag = _placed_values(rows[idx].values, rows[idx].value_readings, len(spec.codes))
            cells = [(raw, fit_flag if raw is None or fit_flag == EXTRA_CELLS else None, reading) for raw, reading in placed]
        for code, (raw, flag, reading) in zip(spec.codes, cells, strict=True):
            field = AMOUNT if code in fmt.amounts else CHANGE if code in fmt.signed else COUNT
            cell = _located(_cell(raw, flag, field, fmt.units.get(code), reading), rows[idx])
            if code in fmt.units and cell.unit is None and cell.value is not None:
                cell.unit = fmt.units[code]
            result.cells[f"t2.{code}"] = cell
    return result


# --- 表四 ------------------------------------------------------------------------------------------


def map_table4(lines: list[Line], printed_in_full: bool = False) -> TableResult:
    fmt = formats.table4()
    codes = fmt.codes
    result = TableResult("t4", None)
    values: list[str] = []
    readings: list[Reading | None] = []
    joined = collapsed = False
    pages: list[int | None] = []  # the page of each value
    for ln in lines:
        row = data_row(ln)
        if row is None:
            continue
        collapsed = collapsed or ln.collapsed or not ln.is_table
        if ln.joined and row.values and not values:
            values, joined = list(row.values), True  # one run holds the whole row
            break
        if not ln.is_table and row.labels:
            continue  # running text that happens to end in a number
        if not row.has_number and (row.labels or len(row.values) < 5):
            continue  # a header row (its empty cells `&nbsp;` are no values), or a few stray blanks
        values.extend(row.values)
        readings.extend(row.value_readings)
        pages.extend([ln.page] * len(row.values))
        if len(values) >= len(codes):
            break
    if not values:
        if any(_t4_header(ln) for ln in lines):  # the table's header without its numbers (a skeleton)
            result.found = True
            result.cells = {f"t4.{code}": Cell(None) for code in codes}
        return result
    if joined:
        split = split_table4(values, printed_in_full)
        result.found = True
        result.notes.extend(split.notes)
        result.cells = {key: _cell(*cell) for key, cell in split.cells.items()}
        return result
    result.found = True
    if collapsed and len(values) < len(codes):
        keys = tuple(f"t4.{c}" for c in codes)
        result.cells = _placed("表四", [Row("表四", keys, tuple(values))], table4_identities(), result)
        page = pages[0] if len(set(pages)) == 1 else None  # which value went where is the placement's
        for cell in result.cells.values():
            cell.page = page if cell.value is not None else None
        return result
    where, flag = _fit(tuple(values), len(codes))
    for code, i in zip(codes, where, strict=True):
        cell = result.cells[f"t4.{code}"] = _cell(
            None if i is None else values[i], flag, reading=None if i is None else readings[i]
        )
        cell.page = None if i is None else pages[i]
    if flag:
        result.notes.append(f"表四应有 {len(codes)} 个数字，实际读到 {len(values)} 个")
    return result


def _t4_header(line: Line) -> bool:
    """A line of 表四's header: three or more of its outcome labels (结果维持, 结果纠正, 其他结果 …)."""
    text = normalize(line.text)
    return sum(normalize(label) in text for _, label in formats.table4().outcomes) >= 3


# --- regions -------------------------------------------------------------------------------------


def table_regions(lines: list[Line], sections: list[Section]) -> dict[str, list[Line]]:
    """The lines in which each table is looked for: its section, or (heading missing) its markers."""
    by_key = {s.key: s for s in sections}
    regions: dict[str, list[Line]] = {}
    for table, key, markers in (
        ("t2", "active", formats.table2().markers),
        ("t3", "applications", formats.table3().markers),
        ("t4", "review_litigation", formats.table4().markers),
    ):
        if key in by_key:
            s = by_key[key]
            regions[table] = lines[s.start + 1 : s.end]
            continue
        start = next((ln.index for ln in lines if any(m in normalize(ln.text) for m in markers[:1])), None)
        if start is None:
            regions[table] = []
            continue
        later = [s.start for s in sections if s.start > start]
        regions[table] = lines[start : (min(later) if later else len(lines))]
    return regions
