"""Which identities of the printed tables fail (R1/R2/R3 on 表三, R5 on 表四); used to describe faults.

Identity ids: `R1:<column>`, `R2:<row>`, `R3:<column>`, `R5:<group>`. A null cell counts as 0.
"""

from __future__ import annotations

from disclosure_analysis.formats import table3, table4
from disclosure_analysis.synth.tables import TOTAL, Cells, result_rows


def _n(cells: Cells, key: str) -> float:
    return cells.get(key) or 0


def violations(cells: Cells, version: str) -> set[str]:
    """The identities that do not hold in `cells` (表三 ones only when 表三 is present)."""
    out: set[str] = set()
    t3 = table3()
    if any(k.startswith("t3.") for k in cells):
        results = result_rows(version)
        for c in t3.column_codes:

            def v(row: str, c: str = c) -> float:
                return _n(cells, f"t3.{row}.{c}")

            if v("new_received") + v("carried_in") != v("handled_total") + v("carried_out"):
                out.add(f"R1:{c}")
            if sum(v(r) for r in results) != v("handled_total"):
                out.add(f"R3:{c}")
        parts = [c for c in t3.column_codes if c != TOTAL]
        for spec in t3.row_specs(version):
            if sum(_n(cells, f"t3.{spec.code}.{c}") for c in parts) != _n(cells, f"t3.{spec.code}.{TOTAL}"):
                out.add(f"R2:{spec.code}")
    for group, _ in table4().groups:
        parts = [f"t4.{group}_{o}" for o, _ in table4().outcomes if o != TOTAL]
        if sum(_n(cells, k) for k in parts) != _n(cells, f"t4.{group}_{TOTAL}"):
            out.add(f"R5:{group}")
    return out
