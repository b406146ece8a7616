"""Indicators → findings (with keys and decisions) → per-report outcomes → scores, totals and ranks.

An assessed indicator scores 1 minus the penalties of its findings that were not dismissed (at least 0);
an unknown one scores its rubric `unknown_score` (or nothing); a not applicable / not assessed one
nothing. The total is the weighted mean of the indicators that have a score, × 100; the rank is within
the year (1 = best; ties share the better rank).
"""

from __future__ import annotations

from dataclasses import asdict

import numpy as np
import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.decisions import DISMISSED, apply_decisions, finding_key
from disclosure_analysis.assess.indicators import TYPES
from disclosure_analysis.assess.model import ASSESSED, FINDING_COLUMNS, UNKNOWN, Outcome, status_of
from disclosure_analysis.assess.rubric import Rubric

OUTCOME_COLUMNS = [
    "report_id",
    "agency_id",
    "agency",
    "roster_id",
    "year",
    "indicator",
    "label",
    "weight",
    "status",
    "score",
    "findings",
    "note",
]


def run_indicators(ctx: Context, rubric: Rubric) -> dict[str, list[Outcome]]:
    """Every indicator's outcomes, by indicator id."""
    return {ind.id: TYPES[ind.type].evaluate(ctx, ind) for ind in rubric.indicators}


def findings_table(ctx: Context, outcomes: dict[str, list[Outcome]], decisions: pd.DataFrame) -> pd.DataFrame:
    """Every finding: those the indicators raised or scored, then the unscored rest of the pool."""
    rows, scored = [], set()
    for indicator, results in outcomes.items():
        for o in results:
            for check in o.checks:
                rows.append({"report_id": o.report_id, "indicator": indicator, **asdict(check)})
                scored.add(check.pool_id)
    rest = ctx.pool[~ctx.pool.index.isin(scored)]
    rows += [
        {**r, "indicator": None, "penalty": 0.0}
        for r in rest.drop(columns=["agency_id", "year"]).to_dict("records")
    ]
    table = pd.DataFrame(rows, columns=[c for c in FINDING_COLUMNS if c not in ("decision", "decision_note")])
    about = ["source", "agency_id", "agency", "year"]
    table[about] = ctx.reports[about].reindex(table["report_id"]).to_numpy()
    located = zip(
        table["report_id"], table["rule"], table["table"], table["row"], table["column"], strict=True
    )
    table["finding_key"] = [finding_key(*k) for k in located]
    numbers = {"year": "Int64", "expected": "Float64", "printed": "Float64", "penalty": "Float64"}
    table = table.astype({c: numbers.get(c, "string") for c in table.columns})
    return apply_decisions(table, decisions)[FINDING_COLUMNS]


def outcomes_table(
    ctx: Context, rubric: Rubric, outcomes: dict[str, list[Outcome]], findings: pd.DataFrame
) -> pd.DataFrame:
    """One row per report and indicator: status, score (0–1), number of findings that count."""
    counted = findings[findings["indicator"].notna() & (findings["decision"] != DISMISSED)]
    cost = counted.groupby(["report_id", "indicator"])["penalty"].agg(["sum", "count"])
    rows = []
    for ind in rubric.indicators:
        for o in outcomes[ind.id]:
            total, n = cost.loc[(o.report_id, ind.id)] if (o.report_id, ind.id) in cost.index else (0.0, 0)
            if o.status == ASSESSED:
                score: float | None = max(0.0, 1.0 - float(total))
                status = status_of(score)
            else:
                score, status = (ind.unknown_score if o.status == UNKNOWN else None), o.status
            report = ctx.report(o.report_id)
            rows.append(
                {
                    "report_id": o.report_id,
                    "agency_id": report["agency_id"],
                    "agency": report["agency"],
                    "roster_id": report["roster_id"],
                    "year": report["year"],
                    "indicator": ind.id,
                    "label": ind.label,
                    "weight": ind.weight,
                    "status": status,
                    "score": score,
                    "findings": int(n),
                    "note": o.note,
                }
            )
    return pd.DataFrame(rows, columns=OUTCOME_COLUMNS).astype({"year": "Int64", "score": "Float64"})


def scores_table(outcomes: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """One row per report: agency (and roster id), year, each indicator's score (0–100), total, rank in the year."""
    keys = ["report_id", "agency_id", "agency", "roster_id", "year"]
    ids = [i.id for i in rubric.indicators]
    wide = outcomes.pivot(index="report_id", columns="indicator", values="score").reindex(columns=ids)
    values = wide.to_numpy(dtype=float, na_value=np.nan)
    weights = np.array([i.weight for i in rubric.indicators])
    denominator = (~np.isnan(values) * weights).sum(axis=1)
    with np.errstate(invalid="ignore"):
        total = pd.Series(
            np.nansum(values * weights, axis=1) / denominator, index=wide.index, dtype="Float64"
        )
    wide = pd.DataFrame(values, index=wide.index, columns=ids).astype("Float64")
    out = outcomes[keys].drop_duplicates("report_id").set_index("report_id", drop=False).rename_axis(None)
    out = out.join((wide * 100).round(1)).assign(total=(total * 100).round(1))
    out = out.sort_values(["year", "total", "agency_id", "report_id"], ascending=[True, False, True, True])
    out["rank"] = (
        out.groupby("year", dropna=False)["total"].rank(method="min", ascending=False).astype("Int64")
    )
    return out.reset_index(drop=True)
