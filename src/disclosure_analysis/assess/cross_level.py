"""Cross-level check: a government's report against the sum of its departments' reports of the same year.

Children of a government report are, with an agency register, the agencies whose `parent` is the government
and that are expected to publish that year (those without a report are listed as missing); without one,
the department reports (not governments) of the same level whose region names the same place. A
region-wide (全区域) report cannot be smaller than the sum of its parts; a report of the government's own
office (本机关) may well be: a smaller parent figure is a warning (rule L1) for the evaluator to confirm or
dismiss.
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.corpus import schema
from disclosure_analysis.corpus.register import Register

#: (table, row, column, what) of the compared figures
MEASURES = (
    ("t3", "new_received", "total", "表三 本年新收政府信息公开申请 总计"),
    ("t4", None, "review_total", "表四 行政复议 总计"),
    ("t4", None, "suit_direct_total", "表四 行政诉讼（未经复议直接起诉）总计"),
    ("t4", None, "suit_after_review_total", "表四 行政诉讼（复议后起诉）总计"),
)
COLUMNS = [
    "report_id",
    "agency",
    "year",
    "measure",
    "parent_value",
    "children_sum",
    "children_reported",
    "children_without_value",
    "children_expected",
    "children_missing",
    "status",
]


def _values(table3: pd.DataFrame, table4: pd.DataFrame) -> dict[tuple[str, str], float | None]:
    """(report_id, measure column key) → value for the compared figures."""
    t3 = table3[(table3["row"] == "new_received") & (table3["column"] == "total")]
    out = {
        (r, "total"): (None if pd.isna(v) else float(v))
        for r, v in zip(t3["report_id"], t3["value"], strict=True)
    }
    t4 = table4[table4["outcome"] == "total"]
    out |= {
        (r, f"{g}_total"): (None if pd.isna(v) else float(v))
        for r, g, v in zip(t4["report_id"], t4["group"], t4["value"], strict=True)
    }
    return out


def _same_place(a: object, b: object) -> bool:
    return isinstance(a, str) and isinstance(b, str) and (a.endswith(b) or b.endswith(a))


def _children(
    reports: pd.DataFrame, parent: pd.Series, register: Register | None
) -> tuple[list[str], list[str] | None]:
    """Report ids of the parent's children that year, and (with a register) the names of those missing."""
    same_year = reports[reports["year"].eq(parent["year"]).fillna(False)].drop_duplicates("entity")
    if register is not None and pd.notna(parent["register_id"]):
        expected = [e for e in register.children(parent["register_id"]) if e.expects(int(parent["year"]))]
        have = dict(zip(same_year["register_id"], same_year.index, strict=True))
        return [have[e.id] for e in expected if e.id in have], [e.name for e in expected if e.id not in have]
    found = same_year[
        same_year["is_government"].eq(False).fillna(False)
        & same_year["level"].eq(parent["level"]).fillna(False)
        & same_year["region"].map(lambda r: _same_place(r, parent["region"]))
    ]
    return list(found.index), None


def cross_level(
    reports: pd.DataFrame, table3: pd.DataFrame, table4: pd.DataFrame, register: Register | None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The comparison table and its L1 findings (schema "findings" columns)."""
    values = _values(table3, table4)
    rows, findings = [], []
    parents = reports[
        reports["is_government"].eq(True).fillna(False)
        & reports["year"].notna()
        & reports["template"].ne("pre2019").fillna(True)  # before 2019 there were no unified tables to add up
    ]
    for rid, parent in parents.iterrows():
        kids, missing = _children(reports, parent, register)
        if not kids and not missing:
            continue
        for table, row, column, what in MEASURES:
            mine = values.get((rid, column))
            theirs = [values.get((k, column)) for k in kids]
            known = [v for v in theirs if v is not None]
            total = sum(known) if known else None
            status = _status(mine, total)
            rows.append(
                {
                    "report_id": rid,
                    "agency": parent["agency"],
                    "year": parent["year"],
                    "measure": what,
                    "parent_value": mine,
                    "children_sum": total,
                    "children_reported": len(kids),
                    "children_without_value": len(theirs) - len(known),
                    "children_expected": None if missing is None else len(kids) + len(missing),
                    "children_missing": "、".join(missing or []),
                    "status": status,
                }
            )
            if mine is not None and total is not None and mine < total:
                findings.append(
                    {
                        "report_id": rid,
                        "agency_id": parent["agency_id"],
                        "year": parent["year"],
                        "rule": "L1",
                        "severity": "warning",
                        "table": table,
                        "row": row,
                        "column": column,
                        "expected": total,
                        "printed": mine,
                        "message": f"{what} {mine:g} 小于所属 {len(known)} 个下级报告之和 {total:g}："
                        "若本报告是全区域汇总报告则不一致；若只反映本机关情况则属正常，请确认或驳回",
                    }
                )
    table = pd.DataFrame(rows, columns=COLUMNS).astype({"year": "Int64", "children_expected": "Int64"})
    return table, schema.frame("findings", findings)


def _status(mine: float | None, total: float | None) -> str:
    if mine is None:
        return "本级未填"
    if total is None:
        return "下级无数字"
    return "本级小于下级之和" if mine < total else "本级等于下级之和" if mine == total else "本级大于下级之和"
