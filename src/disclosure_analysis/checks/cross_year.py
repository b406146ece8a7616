"""The rule across a report's years: X1, this year's 上年结转 equals last year's 结转下年度.

Reports take part when they were read, are dated and are in the 2019+ format (`carries_over`); the
findings point at this year's 上年结转 cell of each applicant column that disagrees.
"""

from __future__ import annotations

from collections.abc import Iterable

from disclosure_analysis import formats
from disclosure_analysis.checks.report import ERROR, Cells, number_text
from disclosure_analysis.errors import READ_STATUSES, Finding


def check_carry_over(prev: Cells, cur: Cells, prev_year: int) -> list[Finding]:
    """X1: this year's 上年结转 equals last year's 结转下年度, per applicant column."""
    out = []
    for col, label in formats.table3().columns:
        a, b = cur.get(f"t3.carried_in.{col}"), prev.get(f"t3.carried_out.{col}")
        if a is None or b is None or a == b:
            continue
        out.append(Finding(
            "X1", ERROR, "t3", "carried_in", col, b, a,
            f"表三 {label}列：上年结转 {number_text(a)} 件，但 {prev_year} 年报告的结转下年度为 {number_text(b)} 件",
        ))
    return out


def carries_over(res: dict) -> bool:
    """Whether a report takes part in the carry-over check (X1): read, dated, in the 2019+ format."""
    return res["status"] in READ_STATUSES and bool(res.get("year")) and res.get("template") != "pre2019"


def carry_over_findings(reports: Iterable[tuple[str, int, str, dict]]) -> list[dict]:
    """X1 findings: carry-over chain between consecutive years of the same agency. `reports` are
    (agency_id, year, report_id, cells) in corpus order; the first report of an agency-year counts."""
    by_key: dict[tuple[str, int], tuple[str, dict]] = {}
    for aid, year, rid, cells in reports:
        by_key.setdefault((aid, year), (rid, cells))
    out = []
    for (aid, year), (rid, cells) in sorted(by_key.items()):
        prev = by_key.get((aid, year - 1))
        if prev is None:
            continue
        key = {"report_id": rid, "agency_id": aid, "year": year}
        out.extend({**key, **f.as_dict()} for f in check_carry_over(prev[1], cells, year - 1))
    return out
