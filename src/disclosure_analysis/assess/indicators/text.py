"""Indicators read from the sections' text: `fee` (六 reports 信息处理费) and `gov_items` (governments report
工作考核、社会评议和责任追究 in 一 or 六)."""

from __future__ import annotations

import re

import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import (
    NUMBER,
    Indicator,
    IndicatorType,
    Param,
    choices,
    regex_list,
    share,
)
from disclosure_analysis.assess.indicators.form import SECTIONS
from disclosure_analysis.assess.model import ASSESSED, NOT_APPLICABLE, UNKNOWN, Check, Outcome

FEE_PATTERNS = [
    r"信息(?:公开)?处理费",
    r"(?:未|没有|无|不)(?:收取|发生|涉及)[^。；]{0,12}(?:费|收费)",
    r"收取[^。；]{0,20}费",
    r"收费情况",
]
GOV_ITEMS = {"工作考核": [r"考核"], "社会评议": [r"社会评议|评议"], "责任追究": [r"责任追究|追责|问责"]}


def _found(texts: dict[str, str], sections: list[str], patterns: list[str]) -> list[str]:
    """The sections among `sections` whose text matches one of `patterns`."""
    return [s for s in sections if any(re.search(p, texts.get(s, "")) for p in patterns)]


def _year_in_scope(report: pd.Series, from_year: int) -> str | None:
    """Why the indicator does not apply to `report` (None when it does)."""
    if pd.isna(report["year"]):
        return "报告年度不明"
    return (
        f"{int(report['year'])} 年度不适用（自 {from_year} 年度起）"
        if int(report["year"]) < from_year
        else None
    )


def evaluate_fee(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    out = []
    for rid, report in ctx.reports.iterrows():
        if (why := _year_in_scope(report, p["from_year"])) is not None:
            out.append(Outcome(rid, UNKNOWN if pd.isna(report["year"]) else NOT_APPLICABLE, note=why))
            continue
        texts = ctx.texts.get(rid, {})
        where = "、".join(SECTIONS[s] for s in p["sections"])
        checks: tuple[Check, ...] = ()
        if not _found(texts, p["sections"], p["patterns"]):
            elsewhere = _found(texts, [s for s in SECTIONS if s not in p["sections"]], p["patterns"])
            if elsewhere:
                checks = (
                    Check(
                        "fee",
                        "warning",
                        f"信息处理费情况写在了第{SECTIONS[elsewhere[0]]}部分，而不是第{where}部分",
                        p["elsewhere_penalty"],
                        section=elsewhere[0],
                    ),
                )
            else:
                checks = (
                    Check(
                        "fee",
                        "error",
                        f"第{where}部分没有报告信息处理费的收取情况（收取或未收取都应写明）",
                        1.0,
                        section=",".join(p["sections"]),
                    ),
                )
        out.append(Outcome(rid, ASSESSED, checks))
    return out


def evaluate_gov_items(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    out = []
    for rid, report in ctx.reports.iterrows():
        if pd.isna(report["is_government"]):
            ask = Check(
                "gov_items",
                "warning",
                f"待确认机构类型：{report['agency']}的名称不能说明是否为人民政府（或发布本区域政府年报的管委会），"
                "请在登记表中填写类型",
                0.0,
            )
            out.append(Outcome(rid, UNKNOWN, (ask,), note="无法判断是否为人民政府的年报"))
            continue
        if not report["is_government"]:
            out.append(Outcome(rid, NOT_APPLICABLE, note="不是人民政府的年报，不要求"))
            continue
        if (why := _year_in_scope(report, p["from_year"])) is not None:
            out.append(Outcome(rid, UNKNOWN if pd.isna(report["year"]) else NOT_APPLICABLE, note=why))
            continue
        texts = ctx.texts.get(rid, {})
        where = "或".join(f"第{SECTIONS[s]}部分" for s in p["sections"])
        checks = tuple(
            Check(
                "gov_items",
                "error",
                f"政府年报应在{where}报告{item}结果情况，没有找到",
                1 / len(p["items"]),
                row=item,
                section=",".join(p["sections"]),
            )
            for item, patterns in p["items"].items()
            if not _found(texts, p["sections"], patterns)
        )
        out.append(Outcome(rid, ASSESSED, checks))
    return out


def _items(value: dict) -> str | None:
    if not value:
        return "至少要列出一项"
    for name, patterns in value.items():
        if not isinstance(patterns, list) or (msg := regex_list(patterns)):
            return f"{name}：{msg or '应为正则表达式的列表'}"
    return None


FEE = IndicatorType(
    "fee",
    "第六部分报告信息处理费的收取情况（含“未收取”），2021 年度起",
    {
        "from_year": Param((int,), 2021, "自该年度报告起适用"),
        "sections": Param((list,), ["other"], "应写在哪些部分", choices(tuple(SECTIONS))),
        "patterns": Param((list,), FEE_PATTERNS, "识别收费说明的正则表达式", regex_list),
        "elsewhere_penalty": Param(NUMBER, 0.5, "写在其他部分时的扣分", share),
    },
    evaluate_fee,
)

GOV_ITEMS_TYPE = IndicatorType(
    "gov_items",
    "各级人民政府的年报包括工作考核、社会评议和责任追究结果情况（条例第五十条）",
    {
        "from_year": Param((int,), 2019, "自该年度报告起适用"),
        "sections": Param((list,), ["overview", "other"], "在哪些部分查找", choices(tuple(SECTIONS))),
        "items": Param((dict,), GOV_ITEMS, "事项 → 识别它的正则表达式列表", _items),
    },
    evaluate_gov_items,
)
