"""`on_time`: publication date against the deadline that applies to the agency (first matching rule wins).

A rule is a mapping with `date` ("MM-DD" of the year after the report year), `basis`, and optional
conditions: `kind` (agency kinds: government, committee, department, township, institution), `level` and
`region` (a name or a list; region matches by substring), `from_year` / `until_year` (report years).

The date is the one entered by hand in the agency register when there is one, else the one printed in the
report. An unknown date is scored as the rubric says (`unknown_score`, 0 by default; it may not be left
out of the total) with a "待补录发布日期" finding. An agency whose kind is unknown (a management committee
without a register entry) is judged under every kind's deadline: when they all give the same verdict that
is the outcome, else the outcome is unknown with a finding asking for the kind — never a wrong deadline.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import NUMBER, Indicator, IndicatorType, Param, share
from disclosure_analysis.assess.model import ASSESSED, UNKNOWN, Check, Outcome

_CONDITIONS = {"kind", "level", "region", "from_year", "until_year"}
KINDS = tuple(k for k in formats.agency_kinds().names if k != "unknown")
DEFAULT_DEADLINES = [
    {"until_year": 2018, "date": "03-31", "basis": "2007年《条例》第三十一条：每年3月31日前公布"},
    {"kind": "government", "date": "03-31", "basis": "《条例》第四十九条：本级政府年报3月31日前公布"},
    {"kind": "committee", "date": "03-31", "basis": "管委会发布本区域的政府年报，按《条例》第四十九条本级政府年报的期限"},
    {"kind": "department", "date": "01-31", "basis": "《条例》第四十九条：县级以上人民政府部门1月31日前公布"},
    {"kind": "township", "date": "03-31", "basis": "乡镇、街道不在《条例》第四十九条所列，期限由地方规定；未规定时按3月31日"},
    {"kind": "institution", "date": "03-31", "basis": "公共企事业单位的期限由主管部门规定；未规定时按3月31日"},
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
        kinds = rule.get("kind", [])
        if bad := [k for k in (kinds if isinstance(kinds, list) else [kinds]) if k not in KINDS]:
            return f"第 {i} 条期限规则的 kind {bad} 不是机构类型（可用 {', '.join(KINDS)}）"
        try:
            dt.date(2001, *map(int, str(rule.get("date", "")).split("-")))
        except (TypeError, ValueError):
            return f'第 {i} 条期限规则的 date 应为“月-日”，如 "01-31"，收到 {rule.get("date")!r}'
    return None


def _matches(rule: dict, report: pd.Series, kind: str) -> bool | None:
    """Whether `rule` applies to `report` of `kind`; None when a condition cannot be decided."""
    year = int(report["year"])
    if year < rule.get("from_year", year) or year > rule.get("until_year", year):
        return False
    for key in ("kind", "level", "region"):
        if key not in rule:
            continue
        value = kind if key == "kind" else report[key]
        if pd.isna(value):
            return None
        wanted = rule[key] if isinstance(rule[key], list) else [rule[key]]
        if key == "region" and not any(str(w) in value for w in wanted):
            return False
        if key != "region" and value not in wanted:
            return False
    return True


def deadline(rules: list[dict], report: pd.Series, kind: str) -> tuple[dt.date, str] | None:
    """(deadline, basis) of the first rule that applies to `report` as an agency of `kind`, or None."""
    if pd.isna(report["year"]):
        return None
    for rule in rules:
        match = _matches(rule, report, kind)
        if match is None:
            return None
        if match:
            month, day = map(int, str(rule["date"]).split("-"))
            return dt.date(int(report["year"]) + 1, month, day), str(rule["basis"])
    return None


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    scored = f"按评估指标，无法判断时计 {100 * (ind.unknown_score or 0):g} 分"
    out = []
    for rid, report in ctx.reports.iterrows():
        if pd.isna(report["published"]):
            year = f"{int(report['year'])}=" if pd.notna(report["year"]) else "报告年度="
            next_year = int(report["year"]) + 1 if pd.notna(report["year"]) else "次年"
            text = (
                "待补录发布日期：报告中没有印发布日期，登记表中也没有；请在登记表的“发布日期”列补录"
                f"（写作 {year}发布日期，如 {year}{next_year}-01-20）。{scored}"
            )
            out.append(Outcome(rid, UNKNOWN, (Check("on_time", "warning", text, 0.0),), note="发布日期不明"))
            continue
        kind = report["agency_kind"] if pd.notna(report["agency_kind"]) else "unknown"
        published = dt.date.fromisoformat(report["published"])
        verdicts = {
            k: (due, (published - due[0]).days - p["grace_days"])
            for k in ([kind] if kind != "unknown" else KINDS)
            if (due := deadline(p["deadlines"], report, k)) is not None
        }
        if not verdicts or (kind != "unknown" and kind not in verdicts):
            out.append(Outcome(rid, UNKNOWN, note="报告年度或机构层级不明，或没有适用的期限规则，无法确定发布期限"))
            continue
        late = {k: days for k, (_, days) in verdicts.items() if days > 0}
        if late and len(late) < len(verdicts):
            detail = "；".join(
                f"按{formats.agency_kinds().names[k]}的期限 {due[0].isoformat()}{f'晚 {days} 天' if days > 0 else '按时'}"
                for k, (due, days) in verdicts.items()
            )
            text = f"待确认机构类型：{report['agency']}的名称不能说明机构类型，{detail}。请在登记表中填写类型。{scored}"
            out.append(Outcome(rid, UNKNOWN, (Check("on_time", "warning", text, 0.0),), note="机构类型待确认"))
            continue
        # one verdict for every deadline that can apply: that of the agency's kind, or the latest one
        due, days = max(verdicts.values(), key=lambda v: v[0][0])
        which = "" if kind != "unknown" else "（机构类型待确认，但按任何类型的期限结论相同）"
        checks: tuple[Check, ...] = ()
        if days > 0:
            checks = (
                Check(
                    "on_time",
                    "error",
                    f"发布日期 {published.isoformat()}{_source(report)}晚于期限 {due[0].isoformat()}"
                    f"（{due[1]}），晚 {days} 天{which}",
                    p["late_penalty"],
                ),
            )
        note = f"期限 {due[0].isoformat()}（{due[1]}）；发布日期 {published.isoformat()}{_source(report)}{which}"
        out.append(Outcome(rid, ASSESSED, checks, note=note))
    return out


def _source(report: pd.Series) -> str:
    source = report.get("published_source")
    return f"（{source}）" if isinstance(source, str) and source else ""


TYPE = IndicatorType(
    "on_time",
    "发布日期（登记表中补录的优先，其次报告所印）与该类机构的法定（或本地更早的）期限比较；"
    "日期不明按评估指标规定的分数计分并提示补录，不从总分中略去",
    {
        "deadlines": Param((list,), DEFAULT_DEADLINES, "期限规则，按顺序第一条适用的为准", _check_rules),
        "grace_days": Param((int,), 0, "宽限天数"),
        "late_penalty": Param(NUMBER, 1.0, "逾期的扣分（占该指标的比例）", share),
    },
    evaluate,
    unknown_score=0.0,
    unknown_required=True,
)
