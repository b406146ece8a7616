"""Publishing errors injected into a share of the reports, each recorded exactly where it is.

Types: R1/R2/R3 (a 表三 figure that does not add up), R5 (a 表四 total), X1 (上年结转 ≠ last year's
结转下年度), T1 (the narrative's application count disagrees with 表三), missing_table (表三 left out)
and slash (a figure printed as "/").
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from disclosure_analysis.formats import table4
from disclosure_analysis.synth.identities import violations
from disclosure_analysis.synth.rand import rng_for
from disclosure_analysis.synth.tables import NP, TOTAL, Cells, YearTables

TYPES = ("X1", "R3", "T1", "R5", "missing_table", "slash", "R1", "R2")
# the printed cell each total fault changes: (row, column) in 表三
_TOTAL_TARGETS = {"R1": ("new_received", NP), "R2": ("granted", TOTAL), "R3": ("handled_total", NP)}
# cells the narrative quotes or the neighbouring years chain on: a "/" there would be a second error
_QUOTED_ROWS = ("new_received", "carried_in", "handled_total", "carried_out")


def plan(seed: int, reports: Sequence[tuple[str, int]], rate: float) -> dict[tuple[str, int], str]:
    """Which reports get which fault: round(rate × n) of them, the types taken in turn.

    X1 needs last year's report of the same agency among `reports`; a report that cannot take the
    next type in the queue takes the first one it can.
    """
    if not 0 <= rate <= 1:
        raise ValueError(f"faults must be a rate between 0 and 1, got {rate}")
    present = set(reports)
    order = list(reports)
    rng_for(seed, "faults").shuffle(order)
    queue = list(TYPES)
    out = {}
    for agency_id, year in order[: round(rate * len(order))]:
        kind = next(t for t in queue if t != "X1" or (agency_id, year - 1) in present)
        queue.remove(kind)
        queue.append(kind)
        out[agency_id, year] = kind
    return out


def record(
    kind: str,
    table: str,
    row: str | None,
    column: str | None,
    printed: dict,
    expected: dict,
    identities: list[str],
) -> dict:
    """A fault as written to truth.jsonl."""
    return {
        "type": kind,
        "table": table,
        "row": row,
        "column": column,
        "keys": list(printed),
        "printed": printed,
        "expected": expected,
        "identities": identities,
    }


def chain_break(year_tables: YearTables) -> dict:
    """The record of an X1 fault (the break itself is drawn by `tables.simulate`)."""
    prev = year_tables.prev_carried_out or {}
    cells = year_tables.cells
    cols = [c for c in prev if cells[f"t3.carried_in.{c}"] != prev[c]]
    printed = {f"t3.carried_in.{c}": cells[f"t3.carried_in.{c}"] for c in cols}
    expected = {f"t3.carried_in.{c}": prev[c] for c in cols}
    return record("X1", "t3", "carried_in", cols[0], printed, expected, [f"X1:{c}" for c in cols])


def _shift(rng: random.Random, value: int | float) -> int:
    deltas = [d for d in (1, -1, 2, 10, -10, 3) if value + d >= 0]
    return int(value) + rng.choice(deltas)


def apply(
    kind: str, rng: random.Random, cells: Cells, version: str, received: int
) -> tuple[Cells, int, dict]:
    """Inject a printed-value fault: the cells and narrative figure as printed, and the record."""
    cells = dict(cells)
    if kind == "T1":
        wrong = _shift(rng, received)
        key = "narrative.applications_received"
        return (
            cells,
            wrong,
            record(
                kind, "t3", "new_received", TOTAL, {key: wrong}, {key: received}, ["T1:applications_received"]
            ),
        )
    if kind == "missing_table":
        cells = {k: v for k, v in cells.items() if not k.startswith("t3.")}
        return cells, received, record(kind, "t3", None, None, {}, {}, [])
    if kind in _TOTAL_TARGETS:
        row, col = _TOTAL_TARGETS[kind]
        key, table = f"t3.{row}.{col}", "t3"
    elif kind == "R5":
        group = rng.choice([g for g, _ in table4().groups])
        row, col, key, table = group, TOTAL, f"t4.{group}_{TOTAL}", "t4"
    elif kind == "slash":
        key = _slash_target(rng, cells)
        table, row, col = key.split(".")[0], *_row_col(key)
    else:
        raise ValueError(f"unknown fault type {kind!r}")
    expected = cells[key]
    cells[key] = None if kind == "slash" else _shift(rng, expected or 0)
    printed = "/" if kind == "slash" else cells[key]
    broken = sorted(violations(cells, version))
    return cells, received, record(kind, table, row, col, {key: printed}, {key: expected}, broken)


def _row_col(key: str) -> tuple[str | None, str]:
    parts = key.split(".")
    return (parts[1], parts[2]) if len(parts) == 3 else (None, parts[1])


def _slash_target(rng: random.Random, cells: Cells) -> str:
    """A printed, preferably non-zero 表三 result cell (else a 表二 figure) to print as "/"."""
    candidates = [
        k
        for k, v in cells.items()
        if k.startswith("t3.") and v is not None and k.split(".")[1] not in _QUOTED_ROWS
    ]
    nonzero = [k for k in candidates if cells[k]] or [
        k for k, v in cells.items() if k.startswith("t2.") and v
    ]
    return rng.choice(nonzero or candidates)
