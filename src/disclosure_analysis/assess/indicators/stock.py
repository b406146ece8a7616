"""`stock_flow`: soft 表二 plausibility, within the year and against last year's report (spec A.6 X2/X3).

The relations are the validator's (`checks.cross_year`: the corpus and `validate` report them with no
tolerance); this indicator scores them with the rubric's tolerance, explanations and penalties. A broken
relation is the pool's X2/X3 finding at the same cell when there is one (so it is listed once); a pool
finding within the rubric's tolerance is kept under this indicator at no cost.
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import (
    NUMBER,
    Indicator,
    IndicatorType,
    Param,
    pre2019,
    regex_list,
    share,
)
from disclosure_analysis.assess.model import ASSESSED, NOT_APPLICABLE, UNKNOWN, Check, Outcome
from disclosure_analysis.checks.cross_year import EXPLANATIONS, explanation, stock_relations

RULES = ("X2", "X3")


def _cells(table2: pd.DataFrame) -> dict[str, dict[str, float]]:
    known = table2.dropna(subset=["value"])
    return {
        rid: {f"t2.{c}": float(v) for c, v in zip(g["code"], g["value"], strict=True)}
        for rid, g in known.groupby("report_id")
    }


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    cells = _cells(ctx.corpus.table2)
    remarks = ctx.corpus.table2.dropna(subset=["remark"]).groupby("report_id")["remark"].apply(list).to_dict()
    pool = ctx.pool[ctx.pool["rule"].isin(RULES)]
    pooled = {(r.report_id, r.rule, r.column): i for i, r in zip(pool.index, pool.itertuples(), strict=True)}
    out = []
    for rid, report in ctx.reports.iterrows():
        if pre2019(report):
            out.append(Outcome(rid, NOT_APPLICABLE, note="2019 年以前的报告没有统一格式的表二"))
            continue
        version = report["t2_version"]
        if rid not in cells or pd.isna(version):
            out.append(Outcome(rid, UNKNOWN, note="没有可核对的表二数字"))
            continue
        prev_id = ctx.previous.get(rid)
        same = prev_id is not None and ctx.report(prev_id)["t2_version"] == version
        prev = cells.get(prev_id, {}) if same else None
        said = explanation([*ctx.texts.get(rid, {}).values(), *remarks.get(rid, [])], p["explanations"])
        checks = []
        for rel in stock_relations(version, cells[rid], prev):
            if not rel.broken():
                continue
            at = pooled.get((rid, rel.rule, rel.code))
            if not rel.broken(max(p["tolerance"], p["relative_tolerance"] * abs(rel.expected))):
                if at is not None:  # the validator's finding, within the rubric's tolerance
                    text = f"{rel.message()}（在评估指标允许的误差内，不扣分）"
                    checks.append(Check(rel.rule, "info", text, 0.0, "t2", None, rel.code, rel.expected,
                                        rel.printed, pool_id=at))
                continue
            f = rel.finding(said)
            penalty = p["explained_penalty"] if said else p["penalty"]
            checks.append(
                Check(f.rule, f.severity, f.message, penalty, "t2", None, rel.code, rel.expected, rel.printed,
                      pool_id=at)
            )
        note = "" if same else "没有同一格式的上一年度报告，只核对了本年内的关系"
        out.append(Outcome(rid, ASSESSED, tuple(checks), note=note))
    return out


TYPE = IndicatorType(
    "stock_flow",
    "表二存量与流量的年度衔接（X2/X3，软性核对；说明了清理后调整的不计为问题）",
    {
        "tolerance": Param(NUMBER, 0, "允许的绝对差"),
        "relative_tolerance": Param(NUMBER, 0.0, "允许的相对差（占应为值的比例）", share),
        "explanations": Param((list,), list(EXPLANATIONS), "识别“清理后调整”等说明的正则表达式", regex_list),
        "penalty": Param(NUMBER, 0.25, "每条未说明的不衔接的扣分", share),
        "explained_penalty": Param(NUMBER, 0.0, "已说明的不衔接的扣分", share),
    },
    evaluate,
)
