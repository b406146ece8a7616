"""表二, 表三 and 表四 rows whose cells ran together, split as the formats and their identities allow.

Each function takes a table's runs (a row's printed value strings, cut at whitespace) and returns, per
flat cell key, the cell's printed characters (None when not determined) and a flag saying why not,
plus notes (in Chinese) naming each ambiguity.

Whether every cell is printed (a blank cell leaves nothing in a run) is borne out by 表三's identities
over its 25 rows; 表二 has no identity and 表四's three are weak, so those two are split trusting that
every cell is printed only when the page's 表三 showed it (`printed_in_full`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from disclosure_analysis import formats
from disclosure_analysis.formats.identities import Identity, table3_identities, table4_identities
from disclosure_analysis.ingest.labels import clean
from disclosure_analysis.ingest.readers.runtogether.solver import (
    AMBIGUOUS,
    BY_IDENTITIES,
    RunRow,
    Solution,
    solve,
)
from disclosure_analysis.ingest.values import AMOUNT, CHANGE, COUNT

# Flags (why a cell of a run-together row is null)
SPLIT_AMBIGUOUS = "split_ambiguous"  # the row's digits split into its cells in more than one way
SPLIT_NO_FIT = "split_no_fit"  # no split of the table's digits fits its cells and the identities

_UNIT = re.compile(r"(万元|亿元|元)$")


@dataclass
class Split:
    """Per flat key: (printed characters or None, flag or None); notes on the rows left unsplit."""

    cells: dict[str, tuple[str | None, str | None]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: 表三: every row present, and its identities bear out that every cell is printed
    printed_in_full: bool = False


def split_table3(version: str, runs: Mapping[str, Sequence[str]]) -> Split:
    """表三 rows (row code -> its run's segments) of format `version`, with R1, R2 and R3."""
    fmt = formats.table3()
    rows = [
        RunRow(clean(fmt.rows[code].label), _segments(segs), tuple(f"t3.{code}.{c}" for c in fmt.column_codes),
               (COUNT,) * len(fmt.column_codes))
        for code, segs in runs.items()
    ]
    split, solution = _split("表三", rows, table3_identities(version), True)
    split.printed_in_full = not solution.blanks_suspected and set(runs) == set(fmt.versions[version])
    return split


def split_table4(segments: Sequence[str], printed_in_full: bool) -> Split:
    """表四's one row of 15 cells, with R5."""
    keys = tuple(formats.table4().keys())
    row = RunRow("表四", _segments(segments), keys, (COUNT,) * len(keys))
    return _split("表四", [row], table4_identities(), printed_in_full)[0]


def split_table2(rows: Mapping[str, Sequence[str]], version: str, printed_in_full: bool) -> Split:
    """表二 rows (row code -> its run's segments) of format `version`; no identity links their cells."""
    fmt = formats.table2()
    specs = {s.code: s for s in fmt.versions[version]}
    units: dict[str, str] = {}
    run_rows = []
    for code, segments in rows.items():
        spec, segs = specs[code], list(_segments(segments))
        if segs and (m := _UNIT.search(segs[-1])):
            units[f"t2.{spec.codes[-1]}"], segs[-1] = m.group(1), segs[-1][: m.start()]
        kinds = tuple(AMOUNT if c in fmt.amounts else CHANGE if c in fmt.signed else COUNT for c in spec.codes)
        run_rows.append(RunRow(spec.label, tuple(segs), tuple(f"t2.{c}" for c in spec.codes), kinds))
    split = _split("表二", run_rows, [], printed_in_full)[0]
    for key, unit in units.items():
        raw, flag = split.cells[key]
        if raw is not None:
            split.cells[key] = (raw + unit, flag)
    return split


def _segments(values: Sequence[str]) -> tuple[str, ...]:
    """A row's printed value strings cut at whitespace: no cell spans it."""
    return tuple(part for v in values for part in v.split())


def _split(table: str, rows: list[RunRow], identities: list[Identity], trusted: bool) -> tuple[Split, Solution]:
    solution = solve(rows, identities, trust_printed=trusted)
    out = Split()
    for key, cell in solution.cells.items():
        if cell.raw is not None:
            out.cells[key] = (cell.raw, None)
        else:
            out.cells[key] = (None, SPLIT_AMBIGUOUS if cell.status == AMBIGUOUS else SPLIT_NO_FIT)
    for row in rows:
        flags = {out.cells[k][1] for k in row.keys} - {None}
        run = " ".join(row.segments)
        where = f"{table}「{row.name}」行" if row.name != table else table
        if row.name in solution.alternatives:
            ways = "；".join("|".join(s) for s in solution.alternatives[row.name])
            out.notes.append(f"{where}的数字“{run}”连在一起，可拆为 {ways} 等多种方式，不能确定的单元格记为空")
        elif row.name in solution.unproven:
            out.notes.append(
                f"{where}的数字“{run}”连在一起：空白单元格在抓取时会消失，而{table}的勾稽关系和本页的表三都不能说明"
                "每格都印了数字，数字可能属于别的列，不能确定的单元格记为空"
            )
        elif SPLIT_AMBIGUOUS in flags and not solution.blanks_suspected:
            out.notes.append(f"{where}的数字“{run}”连在一起，拆法太多，不能确定的单元格记为空")
    by_identities = sum(any(solution.cells[k].status == BY_IDENTITIES for k in row.keys) for row in rows)
    if by_identities:
        out.notes.append(
            f"{table}有 {by_identities} 行的数字连在一起，按表格的勾稽关系才能唯一拆分；这些行的勾稽关系核对不是独立的验证"
        )
    if solution.broken:
        out.notes.append(f"{table}连在一起的数字按唯一拆法读出后不符合勾稽关系（{'、'.join(solution.broken)}）")
    if solution.blanks_suspected:
        out.notes.append(
            f"{table}连在一起的数字有的填不满各列或不符合勾稽关系，可能有空白单元格在抓取时消失："
            "只保留不受空白影响的行（不能少拆成几格的），其余单元格记为空"
        )
    return out, solution
