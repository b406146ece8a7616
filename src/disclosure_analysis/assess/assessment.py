"""`assess(corpus, …)`: the whole assessment of a corpus as tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from disclosure_analysis.analysis import metrics
from disclosure_analysis.assess import decisions as dec
from disclosure_analysis.assess.context import build_context
from disclosure_analysis.assess.coverage import missing_reports
from disclosure_analysis.assess.rubric import Rubric, load_rubric
from disclosure_analysis.assess.scoring import findings_table, outcomes_table, run_indicators, scores_table
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.corpus.register import Register


@dataclass
class Assessment:
    """The results: `scores` (one row per scored report), `outcomes` (per report and indicator), `findings`,
    `missing` (expected agency-years without a report), `duplicates` (reports not scored because another of
    the same agency-year is), `cross_level`, the decisions it was given (`present.decisions` makes the file
    to hand back), the `years` whose reports were expected, and the register it was made with."""

    rubric: Rubric
    scores: pd.DataFrame
    outcomes: pd.DataFrame
    findings: pd.DataFrame
    missing: pd.DataFrame
    duplicates: pd.DataFrame
    cross_level: pd.DataFrame
    given_decisions: pd.DataFrame
    years: list[int] = field(default_factory=list)
    register: Register | None = None



def assess(
    corpus: Corpus,
    rubric: Rubric | None = None,
    register: Register | None = None,
    decisions: pd.DataFrame | None = None,
    years: Iterable[int] | None = None,
    agencies: Iterable[str] | None = None,
) -> Assessment:
    """Assess every report of `corpus` (last-year links use the whole corpus), then keep the reports of the
    given `years` and `agencies` (None or empty = all); ranks are among the kept reports. Missing reports are
    looked for in `years` (default: the latest year of the corpus)."""
    rubric = rubric or load_rubric()
    decisions = dec.empty() if decisions is None else decisions
    ctx = build_context(corpus, register, rubric.duplicates)
    results = run_indicators(ctx, rubric)
    findings = findings_table(ctx, results, decisions)
    outcomes = outcomes_table(ctx, rubric, results, findings)
    years = [int(y) for y in years or []]
    keep = set(metrics.subset(ctx.reports, agencies, years).index)

    def scoped(df: pd.DataFrame) -> pd.DataFrame:
        return df[df["report_id"].isin(keep)].reset_index(drop=True)

    dated = ctx.reports["year"].dropna()
    expected = years or ([int(dated.max())] if not dated.empty else [])
    duplicates = ctx.duplicates[ctx.duplicates["scored_report_id"].isin(keep)].reset_index(drop=True)
    return Assessment(
        rubric,
        scores_table(scoped(outcomes), ctx.reports, rubric),
        scoped(outcomes),
        scoped(findings),
        missing_reports(ctx.reports, register, expected),
        duplicates,
        scoped(ctx.cross_level),
        decisions,
        expected,
        register,
    )
