"""`on_time`: publication date against the deadline that applies to the agency (first matching rule wins).

A rule is a mapping with `date` ("MM-DD" of the year after the report year), `basis`, and optional
conditions: `is_government` (bool), `level` and `region` (a name or a list; region matches by substring),
`from_year` / `until_year` (report years). A condition on something the report does not tell (level or
agency type unknown) makes the deadline, and so the outcome, `unknown` — as does a missing date.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import NUMBER, Indicator, IndicatorType, Param, share
from disclosure_analysis.assess.model import ASSESSED, UNKNOWN, Check, Outcome

_CONDITIONS = {"is_government", "level", "region", "from_year", "until_year"}
DEFAULT_DEADLINES = [
    {"until_year": 2018, "date": "03-31", "basis": "2007年《政府信息公开条例》第三十一条"},
    {"is_government": True, "date": "03-31", "basis": "《政府信息公开条例》第四十九条"},
    {"date": "01-31", "basis": "《政府信息公开条例》第四十九条"},
]


def _check_rules(rules: Any) -> str | None:
    for i, rule in enumerate(rules, start=1):
        if not isinstance(rule, dict):
            return f"第 {i} 条期限规则应为映射（date、basis 及可选条件）"
        unknown = set(rule) - _CONDITIONS - {"date", "basis"}
        if unknown:
            return f"第 {i} 条期限规则有未知的键 {sorted(unknown)}（可用 date, basis, {', '.join(sorted(_CONDITIONS))}）"
        if not rule.get("basis"):
            return f"第 {i} 条期限规则缺少 basis（依据）"
        try:
            dt.date(2001, *map(int, str(rule.get("date", "")).split("-")))
        except (TypeError, ValueError):
            return f'第 {i} 条期限规则的 date 应为“月-日”，如 "01-31"，收到 {rule.get("date")!r}'
    return None


def _matches(rule: dict, report: pd.Series) -> bool | None:
    """Whether `rule` applies to `report`; None when a condition cannot be decided."""
    year = int(report["year"])
    if year < rule.get("from_year", year) or year > rule.get("until_year", year):
        return False
    for key in ("is_government", "level", "region"):
        if key not in rule:
            continue
        value = report[key]
        if pd.isna(value):
            return None
        wanted = rule[key] if isinstance(rule[key], list) else [rule[key]]
        if key == "region" and not any(str(w) in value for w in wanted):
            return False
        if key != "region" and value not in wanted:
            return False
    return True


def deadline(rules: list[dict], report: pd.Series) -> tuple[dt.date, str] | None:
    """(deadline, basis) of the first rule that applies, or None when it cannot be told."""
    if pd.isna(report["year"]):
        return None
    for rule in rules:
        match = _matches(rule, report)
        if match is None:
            return None
        if match:
            month, day = map(int, str(rule["date"]).split("-"))
            return dt.date(int(report["year"]) + 1, month, day), str(rule["basis"])
    return None


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    out = []
    for rid, report in ctx.reports.iterrows():
        due = deadline(ind.params["deadlines"], report)
        if pd.isna(report["published"]):
            out.append(
                Outcome(
                    rid,
                    UNKNOWN,
                    (Check("on_time", "info", "报告中没有找到发布日期，无法判断是否按时发布", 0.0),),
                )
            )
            continue
        if due is None:
            out.append(Outcome(rid, UNKNOWN, note="报告年度或机关类型、层级不明，无法确定发布期限"))
            continue
        published = dt.date.fromisoformat(report["published"])
        late = (published - due[0]).days - ind.params["grace_days"]
        checks = ()
        if late > 0:
            checks = (
                Check(
                    "on_time",
                    "error",
                    f"发布日期 {published.isoformat()} 晚于期限 {due[0].isoformat()}（{due[1]}），晚 {late} 天",
                    ind.params["late_penalty"],
                ),
            )
        out.append(Outcome(rid, ASSESSED, checks, note=f"期限 {due[0].isoformat()}（{due[1]}）"))
    return out


TYPE = IndicatorType(
    "on_time",
    "发布日期与法定（或本地更早的）期限比较；日期不明为 unknown，不算达标",
    {
        "deadlines": Param((list,), DEFAULT_DEADLINES, "期限规则，按顺序第一条适用的为准", _check_rules),
        "grace_days": Param((int,), 0, "宽限天数"),
        "late_penalty": Param(NUMBER, 1.0, "逾期的扣分（占该指标的比例）", share),
    },
    evaluate,
)
