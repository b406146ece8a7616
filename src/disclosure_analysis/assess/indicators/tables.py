"""`findings`: score a report by the table findings of chosen rules (R1–R5, N1, T1, F1, X1, L1 …): each costs
the penalty given for its rule, else for its severity. `requires` limits the reports it applies to: in a
unified format, with last year's report (X1), a government report with its departments' reports (L1).

The findings come from the shared pool (the validator's findings, blank cells, cross-level sums), so a
finding the evaluator dismissed costs nothing.
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import (
    Indicator,
    IndicatorType,
    Param,
    choices,
    penalties,
    pre2019,
)
from disclosure_analysis.assess.model import ASSESSED, NOT_APPLICABLE, UNKNOWN, Check, Outcome

REQUIREMENTS = ("unified_format", "previous_year", "parent_report")
TABLES = {"t2": "table2", "t3": "table3", "t4": "table4"}
DEFAULT_PENALTY = {"error": 0.25, "warning": 0.1, "info": 0.0}


def unified(report: pd.Series) -> bool:
    """A report in one of the unified formats (2019 or later)."""
    return not pre2019(report) and (pd.isna(report["year"]) or int(report["year"]) >= 2019)


def _unmet(ctx: Context, rid: str, requires: list[str]) -> str | None:
    report = ctx.report(rid)
    if "unified_format" in requires and not unified(report):
        return "2019 年以前的报告没有统一格式的表格"
    if "previous_year" in requires:
        prev = ctx.previous.get(rid)
        if prev is None or not unified(ctx.report(prev)):
            return "语料中没有同一机关上一年度的统一格式报告"
    if "parent_report" in requires and rid not in set(ctx.cross_level["report_id"]):
        return "不是有下级年报可核对的政府年报"
    return None


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    cost = DEFAULT_PENALTY | p["penalty"]
    pool = ctx.pool[ctx.pool["rule"].isin(p["rules"])]
    by_report = {rid: rows for rid, rows in pool.groupby("report_id")}
    with_tables = {rid for t in p["tables"] for rid in getattr(ctx.corpus, TABLES[t])["report_id"]}
    out = []
    for rid in ctx.reports.index:
        if (why := _unmet(ctx, rid, p["requires"])) is not None:
            out.append(Outcome(rid, NOT_APPLICABLE, note=why))
            continue
        if p["tables"] and rid not in with_tables:
            out.append(Outcome(rid, UNKNOWN, note="报告中没有可核对的表格"))
            continue
        rows = by_report.get(rid, pool.iloc[:0])
        checks = tuple(
            Check(
                f.rule,
                f.severity,
                f.message,
                cost.get(f.rule, cost[f.severity]),
                _text(f.table),
                _text(f.row),
                _text(f.column),
                _number(f.expected),
                _number(f.printed),
                pool_id=int(i),
            )
            for i, f in zip(rows.index, rows.itertuples(), strict=True)
        )
        out.append(Outcome(rid, ASSESSED, checks))
    return out


def _rules(value: list) -> str | None:
    if not value or not all(isinstance(v, str) and v for v in value):
        return "应为非空的规则编号列表，如 [R1, R2, R3]"
    return None


def _text(value: object) -> str | None:
    return None if pd.isna(value) else str(value)


def _number(value: object) -> float | None:
    return None if pd.isna(value) else float(value)


TYPE = IndicatorType(
    "findings",
    "按规则（R1–R5、T1、F1、X1、L1 等）统计报告的校验问题，按级别扣分",
    {
        "rules": Param((list,), [], "计入本指标的规则", _rules),
        "penalty": Param(
            (dict,),
            DEFAULT_PENALTY,
            "每条问题的扣分：按规则编号，否则按级别（未列出的级别用默认值）",
            penalties,
        ),
        "requires": Param((list,), ["unified_format"], "适用条件", choices(REQUIREMENTS)),
        "tables": Param((list,), [], "须至少有其中一张表才可核对（否则为无法判断）", choices(tuple(TABLES))),
    },
    evaluate,
)
