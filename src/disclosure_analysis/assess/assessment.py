"""`assess(corpus, …)`: the whole assessment of a corpus as tables."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from disclosure_analysis.analysis import metrics
from disclosure_analysis.assess import decisions as dec
from disclosure_analysis.assess.context import build_context
from disclosure_analysis.assess.roster import MISSING_COLUMNS, Roster, missing_reports
from disclosure_analysis.assess.rubric import Rubric, load_rubric
from disclosure_analysis.assess.scoring import findings_table, outcomes_table, run_indicators, scores_table
from disclosure_analysis.corpus import Corpus


@dataclass
class Assessment:
    """The results: `scores` (one row per report), `outcomes` (per report and indicator), `findings`,
    `missing` (roster agencies without a report), `cross_level`, and `decisions` (the file to hand back)."""

    rubric: Rubric
    scores: pd.DataFrame
    outcomes: pd.DataFrame
    findings: pd.DataFrame
    missing: pd.DataFrame
    cross_level: pd.DataFrame
    decisions: pd.DataFrame

    def sheets(self) -> dict[str, pd.DataFrame]:
        """The workbook's sheets by name."""
        return {
            "scores": self.scores,
            "findings": self.findings,
            "missing": self.missing,
            "cross_level": self.cross_level,
            "outcomes": self.outcomes,
            "rubric": self.rubric.table(),
        }


def assess(
    corpus: Corpus,
    rubric: Rubric | None = None,
    roster: Roster | None = None,
    decisions: pd.DataFrame | None = None,
    years: Iterable[int] | None = None,
    agencies: Iterable[str] | None = None,
) -> Assessment:
    """Assess every report of `corpus` (last-year links use the whole corpus), then keep the reports of the
    given `years` and `agencies` (None or empty = all); ranks are among the kept reports."""
    rubric = rubric or load_rubric()
    decisions = dec.empty() if decisions is None else decisions
    ctx = build_context(corpus, roster)
    results = run_indicators(ctx, rubric)
    findings = findings_table(ctx, results, decisions)
    outcomes = outcomes_table(ctx, rubric, results, findings)
    years = [int(y) for y in years or []]
    keep = set(metrics.subset(ctx.reports, agencies, years).index)

    def scoped(df: pd.DataFrame) -> pd.DataFrame:
        return df[df["report_id"].isin(keep)].reset_index(drop=True)

    if roster is None:
        missing = pd.DataFrame(columns=MISSING_COLUMNS)
    else:
        published = ctx.reports.dropna(subset=["roster_id", "year"])
        missing = missing_reports(
            roster, published, years or sorted(set(ctx.reports["year"].dropna().astype(int)))
        )
    return Assessment(
        rubric,
        scores_table(scoped(outcomes), rubric),
        scoped(outcomes),
        scoped(findings),
        missing,
        scoped(ctx.cross_level),
        dec.decisions_file(findings, decisions),
    )
