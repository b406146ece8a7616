"""Indicators → findings (with keys and decisions) → per-report outcomes → scores, totals and ranks.

An assessed indicator scores 1 minus the penalties of its findings that were not dismissed (at least 0);
an unknown one scores its rubric `unknown_score` (or nothing); a not applicable / not assessed one
nothing. The total is the weighted mean of the indicators that have a score, × 100; the rank is within
the year (1 = best; ties share the better rank).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict

import numpy as np
import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.decisions import DISMISSED, apply_decisions, finding_key
from disclosure_analysis.assess.evidence import Cells, file_name
from disclosure_analysis.assess.indicators import TYPES
from disclosure_analysis.assess.model import ASSESSED, FINDING_COLUMNS, UNKNOWN, Outcome, status_of
from disclosure_analysis.assess.rubric import Rubric

OUTCOME_COLUMNS = [
    "report_id",
    "agency_id",
    "agency",
    "register_id",
    "year",
    "indicator",
    "label",
    "weight",
    "status",
    "score",
    "findings",
    "note",
]
#: what every report row of the scores carries before its indicators
REPORT_COLUMNS = [
    "report_id",
    "agency_id",
    "agency",
    "register_id",
    "agency_kind",
    "year",
    "published",
    "published_source",
    "source",
    "read_by",  # text or ocr (the manifest's)
    "ocr_uncertain",  # cells read by OCR that may be misread
]


def run_indicators(ctx: Context, rubric: Rubric) -> dict[str, list[Outcome]]:
    """Every indicator's outcomes, by indicator id."""
    return {ind.id: TYPES[ind.type].evaluate(ctx, ind) for ind in rubric.indicators}


def findings_table(ctx: Context, outcomes: dict[str, list[Outcome]], decisions: pd.DataFrame) -> pd.DataFrame:
    """Every finding: those the indicators raised or scored, the unscored rest of the pool, and one per report
    left unscored as a duplicate (on the report scored instead); each located in its report (`evidence`)."""
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
    rows += [
        {
            "report_id": d.scored_report_id,
            "indicator": None,
            "rule": "duplicate",
            "severity": "info",
            "message": f"同一机构同一年度另有报告 {file_name(d.source)}（未计分）：按评估指标只评估本份",
            "penalty": 0.0,
            "row": d.report_id,  # one finding per unscored report
        }
        for d in ctx.duplicates.itertuples()
    ]
    columns = [c for c in FINDING_COLUMNS if c not in ("decision", "decision_note", "location_key")]
    table = pd.DataFrame(rows, columns=columns)
    about = ["agency_id", "agency", "register_id", "year"]
    table[about] = ctx.reports[about].reindex(table["report_id"]).to_numpy()
    table["source"] = ctx.reports["source"].reindex(table["report_id"]).map(file_name).to_numpy()
    cells = Cells(ctx.corpus, set(table["report_id"]))
    located = [cells.locate(f) for _, f in table.iterrows()]
    table["label"] = [x[0] for x in located]
    table["printed_text"] = [x[1] for x in located]
    table["location"] = [x[2] for x in located]
    by_ocr = ctx.reports["read_by"].reindex(table["report_id"]).eq("ocr").fillna(False).to_numpy()
    table["ocr"] = [x[3] or ("报告由 OCR 识别" if ocr else None) for x, ocr in zip(located, by_ocr, strict=True)]
    table["finding_key"] = unique_keys(
        finding_key(*k)
        for k in zip(table["report_id"], table["rule"], table["table"], table["row"], table["column"], strict=True)
    )
    numbers = {"year": "Int64", "expected": "Float64", "printed": "Float64", "penalty": "Float64"}
    table = table.astype({c: numbers.get(c, "string") for c in table.columns})
    return apply_decisions(table, decisions)[FINDING_COLUMNS]


def unique_keys(keys: Iterable[str]) -> list[str]:
    """The keys, a repeated one numbered (-2, -3 …) in order, so that every finding has its own."""
    seen: dict[str, int] = {}
    out = []
    for key in keys:
        seen[key] = seen.get(key, 0) + 1
        out.append(key if seen[key] == 1 else f"{key}-{seen[key]}")
    return out


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
                    "register_id": report["register_id"],
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


def scores_table(outcomes: pd.DataFrame, reports: pd.DataFrame, rubric: Rubric) -> pd.DataFrame:
    """One row per report: what it is (`REPORT_COLUMNS`), each indicator's score (0–100), the total, the rank
    in the year, and the indicators that could not be judged (`unknown`, ids joined by ",")."""
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
    unknown = outcomes[outcomes["status"] == UNKNOWN].groupby("report_id")["indicator"].agg(",".join)
    out = reports.loc[wide.index, REPORT_COLUMNS].copy()
    out["source"] = out["source"].map(file_name)
    out = out.join((wide * 100).round(1)).assign(total=(total * 100).round(1))
    out["unknown"] = unknown.reindex(out.index).astype("string")
    out = out.sort_values(["year", "total", "agency_id", "report_id"], ascending=[True, False, True, True])
    out["rank"] = (
        out.groupby("year", dropna=False)["total"].rank(method="min", ascending=False).astype("Int64")
    )
    return out.reset_index(drop=True)
