"""Choosing the report a lesson is built around: by agency name and year, or the most instructive one.

A report is instructive for what a class can find in it by hand: an identity that does not add up (R1, R2,
R3 or R5), a 上年结转 that differs from last year's 结转下年度 (X1), a narrative figure that contradicts the
table (T1), a section 五 copied from last year. Only reports whose 表三 has numbers can be a lesson's case
(its exercises are computed from them). In "two reports" mode the case is an agency's 2021-format report
set beside its 2019-format one (`partner_id`).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from disclosure_analysis.analysis.metrics import subset
from disclosure_analysis.analysis.problems.similarity import COPIED_FLAG, repeated
from disclosure_analysis.corpus import Corpus

#: what makes a report instructive, in the order a lesson prefers them (weights: 8, 4, 2, 1)
INSTRUCTIVE: dict[str, str] = {
    "identity": "表内勾稽关系不成立（R1/R2/R3/R5）",
    "carry_over": "上年结转与上年报告的结转下年度不符（X1）",
    "narrative": "正文所述数字与表格不一致（T1）",
    "copied": f"第五部分与上年雷同（{COPIED_FLAG:.0%} 以上的文字与上年逐字相同）",
}
IDENTITY_RULES = ("R1", "R2", "R3", "R5")
OLD, NEW = "2019", "2021"  # the two formats a two-report lesson sets side by side (by `template`)
_SHOWN = 12  # names listed in an error message


class CaseError(ValueError):
    """No report fits what was asked; the message says why and what there is (Chinese)."""


@dataclass(frozen=True)
class Case:
    """The report a lesson reads (`report_id`), why it is instructive, and the reports it is compared with."""

    report_id: str
    agency_id: str
    agency: str
    year: int
    template: str
    reasons: tuple[str, ...]  # keys of INSTRUCTIVE found in this report
    previous_id: str | None  # the same agency's report for year − 1
    partner_id: str | None = None  # two-report mode: the agency's report in the other format

    @property
    def title(self) -> str:
        return f"{self.agency} {self.year} 年度报告"


def equals(column: pd.Series, value: object) -> pd.Series:
    """`column == value` where a null in the column is False (a report of unknown year or agency)."""
    return column.eq(value).fillna(False).astype(bool)


def instructive(corpus: Corpus) -> pd.DataFrame:
    """One row per report whose 表三 has numbers: report_id, agency_id, agency, year, template, a boolean
    column per kind of INSTRUCTIVE finding, `score` (their weights summed), `findings` (errors and warnings)
    and `filled` (表三 cells printed); best case first."""
    t3 = corpus.table3
    filled = t3.loc[t3["value"].notna(), "report_id"].value_counts()
    out = corpus.reports[corpus.reports["report_id"].isin(filled.index)]
    out = out[["report_id", "agency_id", "agency", "year", "template"]].dropna(subset=["year"])
    out = out.assign(filled=out["report_id"].map(filled).astype(int))
    found = corpus.findings[corpus.findings["severity"].isin(["error", "warning"])]
    rules: dict[str, set[str]] = {}
    for rid, rule in zip(found["report_id"].tolist(), found["rule"].tolist(), strict=True):
        rules.setdefault(rid, set()).add(rule)
    has = [rules.get(rid, set()) for rid in out["report_id"].tolist()]
    out["identity"] = [bool(r & set(IDENTITY_RULES)) for r in has]
    out["carry_over"] = ["X1" in r for r in has]
    out["narrative"] = ["T1" in r for r in has]
    out["copied"] = out["report_id"].map(copied_sections(corpus)).fillna(False).astype(bool)
    out["score"] = sum(out[k].astype(int) * 2 ** (len(INSTRUCTIVE) - 1 - i) for i, k in enumerate(INSTRUCTIVE))
    out["findings"] = out["report_id"].map(found.groupby("report_id").size()).fillna(0).astype(int)
    order = ["score", "findings", "filled", "year", "report_id"]
    out = out.sort_values(order, ascending=[False, False, False, False, True])
    return out.reset_index(drop=True)


def copied_sections(corpus: Corpus) -> dict[str, bool]:
    """Report id → whether its section 五 repeats at least `COPIED_FLAG` of the agency's previous year's
    (only reports with both sections are keys)."""
    five = corpus.sections[corpus.sections["section"] == "problems"].drop_duplicates("report_id")
    five = five.dropna(subset=["year", "agency_id"])
    text = {(a, int(y)): (rid, t) for rid, a, y, t in five[["report_id", "agency_id", "year", "text"]].itertuples(index=False)}
    out = {}
    for (agency, year), (rid, current) in text.items():
        before = text.get((agency, year - 1))
        if before is not None:
            out[rid] = repeated(current, before[1]).copied_share >= COPIED_FLAG
    return out


def find_agency(reports: pd.DataFrame, name: str) -> str:
    """The agency id `name` designates: an agency id, a full agency name, or a part of one name (洪泽区)."""
    known = reports.dropna(subset=["agency_id"])
    if name in set(known["agency_id"]):
        return name
    for matches in (known[known["agency"] == name], known[known["agency"].fillna("").str.contains(name, regex=False)]):
        ids = sorted(set(matches["agency_id"]))
        if len(ids) == 1:
            return ids[0]
        if len(ids) > 1:
            names = "、".join(sorted(set(matches["agency"].dropna())))
            raise CaseError(f"名称含“{name}”的机构不止一个：{names}；请写出完整的机构名称")
    raise CaseError(f"语料中没有名称含“{name}”的机构；语料中的机构有：{_listed(known['agency'])}")


def choose_case(
    corpus: Corpus,
    agency: str = "",
    year: int | None = None,
    two_reports: bool = False,
    agencies: tuple[str, ...] = (),
    years: tuple[int, ...] = (),
) -> Case:
    """The lesson's case among the reports of `agencies` and `years` (empty = all): the report of `agency`
    (an id, a name or part of one) for `year`, the agency's or year's most instructive report when either
    is left out. `two_reports`: a 2021-format report with a 2019-format report of the same agency beside it.
    Raises CaseError when nothing fits."""
    ranked = instructive(corpus)
    ranked = ranked[ranked["report_id"].isin(subset(corpus.reports, agencies, years)["report_id"])]
    if ranked.empty:
        raise CaseError("语料中没有读出表三数字的报告，无法生成课堂教学材料")
    if agency:
        agency_id = find_agency(corpus.reports, agency)
        own = ranked[equals(ranked["agency_id"], agency_id)]
        if own.empty:
            raise CaseError(f"机构“{agency}”没有读出表三数字的报告（或不在所选年度内），不能作为案例")
        ranked = own
    if two_reports:
        return _pair(corpus, ranked, year)
    if year:
        chosen = ranked[equals(ranked["year"], year)]
        if chosen.empty:
            raise CaseError(f"没有 {year} 年度读出表三数字的报告；可选年度：{_listed(ranked['year'])}")
        ranked = chosen
    return _case(corpus, ranked.iloc[0])


def _pair(corpus: Corpus, ranked: pd.DataFrame, year: int | None) -> Case:
    """The best (new, old) pair of one agency: the most instructive, then the closest in years, the latest."""
    pairs = []
    for agency_id, own in ranked.groupby("agency_id", sort=True):
        old, new = own[equals(own["template"], OLD)], own[equals(own["template"], NEW)]
        mains = new if not year else own[equals(own["year"], year)]
        for main in mains.itertuples(index=False):
            others = old if main.template == NEW else new if main.template == OLD else old.iloc[0:0]
            for other in others.itertuples(index=False):
                gap = abs(int(main.year) - int(other.year))
                pairs.append((-(main.score + other.score), gap, -int(main.year), agency_id, main, other))
    if not pairs:
        where = f" {year} 年度" if year else ""
        raise CaseError(
            f"没有同一机构{where}既有 2019 年版格式、又有 2021 年版格式的一对报告（格式混用的报告不算）；"
            "请改用单份报告，或在语料中加入该机构另一种格式的报告"
        )
    *_, main, other = min(pairs, key=lambda p: p[:4])
    return _case(corpus, pd.Series(main._asdict()), partner=str(other.report_id))


def report_of(reports: pd.DataFrame, agency_id: str, year: int) -> str | None:
    """The id of the agency's report for `year` (the first one listed), None when there is none."""
    found = reports[equals(reports["agency_id"], agency_id) & equals(reports["year"], year)]
    return str(found["report_id"].iloc[0]) if not found.empty else None


def _case(corpus: Corpus, row: pd.Series, partner: str | None = None) -> Case:
    return Case(
        report_id=str(row["report_id"]),
        agency_id=str(row["agency_id"]),
        agency=str(row["agency"]) if pd.notna(row["agency"]) else "（未读出机构名称）",
        year=int(row["year"]),
        template=str(row["template"]),
        reasons=tuple(k for k in INSTRUCTIVE if bool(row[k])),
        previous_id=report_of(corpus.reports, str(row["agency_id"]), int(row["year"]) - 1),
        partner_id=partner,
    )


def _listed(values: pd.Series) -> str:
    shown = sorted({str(v) for v in values.dropna()})
    more = f" 等 {len(shown)} 个" if len(shown) > _SHOWN else ""
    return "、".join(shown[:_SHOWN]) + more
