"""The rules across a report's years (template-spec A.6): X1, this year's 上年结转 equals last year's 结转下年度;
X2/X3, the soft 表二 stock-and-flow relations, within the year and against last year's report.

X2 (2019 format): 本年新公开数量 ≤ 对外公开总数量; 上一年项目数量 = last year's 上一年项目数量 + 本年增/减;
对外公开总数量 ≈ last year's + 本年新公开数量. X3 (2021 format): 本年制发件数 ≤ 现行有效件数 + 本年废止件数;
现行有效件数 ≈ last year's + 本年制发件数 − 本年废止件数. Never across the 2019→2021 change. A report that says
it rebased its figures after a clean-up (清理后调整, 根据清理结果进行了调整) gets an info finding, not a warning.

Reports take part when they were read, are dated and are in the 2019+ format (`carries_over`); of two
reports of one agency and year the first counts. The findings point at this year's cell.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from disclosure_analysis import formats
from disclosure_analysis.checks.report import ERROR, INFO, WARNING, Cells, number_text
from disclosure_analysis.errors import READ_STATUSES, Finding
from disclosure_analysis.formats import names

#: how reports say that their 表二 stocks were rebased after a clean-up
EXPLANATIONS = (r"清理[^。；]{0,60}调整", r"调整[^。；]{0,20}以本年度?(?:报告)?为准")
_DOCUMENTS = ("regulations", "normative")
_ITEMS = ("licensing", "other_services", "punishment", "coercion", "fees")
#: the 表二 cells the stock relations read
STOCK_CODES = tuple(
    [f"{row}_{c}" for row in _DOCUMENTS for c in ("new_published", "published_total", "issued", "repealed", "in_force")]
    + [f"{row}_{c}" for row in _ITEMS for c in ("prev_items", "change")]
)


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


@dataclass(frozen=True)
class Relation:
    """`printed` (表二 cell `code`) should equal `expected` — or, when `at_most`, not exceed it."""

    rule: str
    code: str
    expected: float
    printed: float
    basis: str
    at_most: bool = False

    def broken(self, tolerance: float = 0) -> bool:
        diff = self.printed - self.expected
        return diff > tolerance if self.at_most else abs(diff) > tolerance

    def message(self) -> str:
        head = f"表二「{names.T2_CELLS.get(self.code, self.code)}」为 {self.printed:g}"
        return (
            f"{head}，大于{self.basis} {self.expected:g}"
            if self.at_most
            else f"{head}，按{self.basis}应为 {self.expected:g}"
        )

    def finding(self, explained: str | None) -> Finding:
        """The finding of this broken relation: a warning, or info when the report explains it."""
        if explained:
            return Finding(self.rule, INFO, "t2", None, self.code, self.expected, self.printed,
                           f"{self.message()}；报告已说明：“{explained}”")
        return Finding(self.rule, WARNING, "t2", None, self.code, self.expected, self.printed, self.message())


def stock_relations(version: str, cur: Cells, prev: Cells | None) -> Iterator[Relation]:
    """Every checkable 表二 relation of a report in format `version`; `prev` is last year's cells in the same
    format version, or None (then only the relations within the year)."""

    def get(cells: Cells, key: str) -> float | None:
        value = cells.get(f"t2.{key}")
        return None if value is None else float(value)

    if version == "2019":
        for row in _DOCUMENTS:
            new, total = get(cur, f"{row}_new_published"), get(cur, f"{row}_published_total")
            if new is None or total is None:
                continue
            label = f"「{names.T2_CELLS[f'{row}_published_total']}」"
            yield Relation("X2", f"{row}_new_published", total, new, label, at_most=True)
            if prev is not None and (last := get(prev, f"{row}_published_total")) is not None:
                yield Relation("X2", f"{row}_published_total", last + new, total, "上年对外公开总数量加本年新公开数量")
        for row in _ITEMS if prev is not None else ():
            base, change, now = get(prev, f"{row}_prev_items"), get(prev, f"{row}_change"), get(cur, f"{row}_prev_items")
            if base is not None and change is not None and now is not None:
                yield Relation("X2", f"{row}_prev_items", base + change, now, "上年报告的上一年项目数量加本年增/减")
    elif version == "2021":
        for row in _DOCUMENTS:
            issued, repealed = get(cur, f"{row}_issued"), get(cur, f"{row}_repealed")
            in_force = get(cur, f"{row}_in_force")
            if issued is None or repealed is None or in_force is None:
                continue
            yield Relation("X3", f"{row}_issued", in_force + repealed, issued, "现行有效件数与本年废止件数之和",
                           at_most=True)
            if prev is not None and (last := get(prev, f"{row}_in_force")) is not None:
                yield Relation("X3", f"{row}_in_force", last + issued - repealed, in_force,
                               "上年现行有效件数加本年制发、减本年废止")


def explanation(texts: Iterable[str], patterns: Iterable[str] = EXPLANATIONS) -> str | None:
    """The words of a report (its sections' text, its 表二 remarks) saying its stocks were rebased, or None."""
    patterns = list(patterns)
    for text in texts:
        for p in patterns:
            if m := re.search(p, text):
                return m.group(0)
    return None


def carries_over(res: dict) -> bool:
    """Whether a report takes part in the cross-year checks: read, dated, in the 2019+ format."""
    return res["status"] in READ_STATUSES and bool(res.get("year")) and res.get("template") != "pre2019"


@dataclass(frozen=True)
class YearReport:
    """What the cross-year rules read of one report: its agency, year, flat cells and 表二 format version."""

    agency_id: str
    year: int
    report_id: str
    cells: Cells
    t2_version: str | None = None


def cross_year_findings(
    reports: Iterable[YearReport], explained: Callable[[str], str | None] = lambda _: None
) -> list[dict]:
    """X1, X2 and X3 findings of the reports (in corpus order; the first report of an agency-year counts),
    each with its report_id, agency_id and year. `explained(report_id)` is the report's explanation of a
    rebased 表二 (`explanation`), asked only when one of its relations is broken."""
    by_key: dict[tuple[str, int], YearReport] = {}
    for r in reports:
        by_key.setdefault((r.agency_id, r.year), r)
    out = []
    for (aid, year), r in sorted(by_key.items()):
        prev = by_key.get((aid, year - 1))
        key = {"report_id": r.report_id, "agency_id": aid, "year": year}
        found = check_carry_over(prev.cells, r.cells, year - 1) if prev else []
        if r.t2_version:
            same = prev.cells if prev is not None and prev.t2_version == r.t2_version else None
            broken = [rel for rel in stock_relations(r.t2_version, r.cells, same) if rel.broken()]
            said = explained(r.report_id) if broken else None
            found += [rel.finding(said) for rel in broken]
        out.extend({**key, **f.as_dict()} for f in found)
    return out
