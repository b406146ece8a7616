"""`stock_flow`: soft 表二 plausibility, within the year and against last year's report (spec A.6 X2/X3).

2019 format (X2): 本年新公开数量 ≤ 对外公开总数量; 上一年项目数量 = last year's 上一年项目数量 + 本年增/减;
对外公开总数量 ≈ last year's + 本年新公开数量. 2021 format (X3): 本年制发件数 ≤ 现行有效件数 + 本年废止件数;
现行有效件数 ≈ last year's + 本年制发件数 − 本年废止件数. Not across the 2019→2021 change (X4). A report that
says it rebased its figures after a clean-up (清理后调整, 根据清理结果进行了调整) gets an info finding, not a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

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
from disclosure_analysis.formats import names

EXPLANATIONS = [r"清理[^。；]{0,60}调整", r"调整[^。；]{0,20}以本年度?(?:报告)?为准"]
_DOCUMENTS = ("regulations", "normative")
_ITEMS = ("licensing", "other_services", "punishment", "coercion", "fees")

Cells = dict[str, float]


@dataclass(frozen=True)
class Relation:
    """`printed` (cell `code`) should equal `expected` — or, when `at_most`, not exceed it."""

    rule: str
    code: str
    expected: float
    printed: float
    basis: str
    at_most: bool = False

    def broken(self, tolerance: float) -> bool:
        diff = self.printed - self.expected
        return diff > tolerance if self.at_most else abs(diff) > tolerance

    def message(self) -> str:
        head = f"表二「{_label(self.code)}」为 {self.printed:g}"
        return (
            f"{head}，大于{self.basis} {self.expected:g}"
            if self.at_most
            else f"{head}，按{self.basis}应为 {self.expected:g}"
        )


def _cells(table2: pd.DataFrame) -> dict[str, Cells]:
    known = table2.dropna(subset=["value"])
    return {
        rid: dict(zip(g["code"], g["value"].astype(float), strict=True))
        for rid, g in known.groupby("report_id")
    }


def _label(code: str) -> str:
    return names.T2_CELLS.get(code, code)


def relations(version: str, cur: Cells, prev: Cells | None) -> Iterator[Relation]:
    """Every checkable relation; `prev` is last year's cells in the same format version, or None."""
    get = cur.get
    if version == "2019":
        for row in _DOCUMENTS:
            new, total = get(f"{row}_new_published"), get(f"{row}_published_total")
            if new is None or total is None:
                continue
            yield Relation(
                "X2",
                f"{row}_new_published",
                total,
                new,
                f"「{_label(f'{row}_published_total')}」",
                at_most=True,
            )
            if prev and f"{row}_published_total" in prev:
                yield Relation(
                    "X2",
                    f"{row}_published_total",
                    prev[f"{row}_published_total"] + new,
                    total,
                    "上年对外公开总数量加本年新公开数量",
                )
        for row in _ITEMS if prev else ():
            base, change, now = (
                prev.get(f"{row}_prev_items"),
                prev.get(f"{row}_change"),
                get(f"{row}_prev_items"),
            )
            if None not in (base, change, now):
                yield Relation(
                    "X2", f"{row}_prev_items", base + change, now, "上年报告的上一年项目数量加本年增/减"
                )
    else:
        for row in _DOCUMENTS:
            issued, repealed, in_force = get(f"{row}_issued"), get(f"{row}_repealed"), get(f"{row}_in_force")
            if None in (issued, repealed, in_force):
                continue
            yield Relation(
                "X3",
                f"{row}_issued",
                in_force + repealed,
                issued,
                "现行有效件数与本年废止件数之和",
                at_most=True,
            )
            if prev and f"{row}_in_force" in prev:
                yield Relation(
                    "X3",
                    f"{row}_in_force",
                    prev[f"{row}_in_force"] + issued - repealed,
                    in_force,
                    "上年现行有效件数加本年制发、减本年废止",
                )


def _explanation(texts: list[str], patterns: list[str]) -> str | None:
    for text in texts:
        for p in patterns:
            if m := re.search(p, text):
                return m.group(0)
    return None


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    cells = _cells(ctx.corpus.table2)
    remarks = ctx.corpus.table2.dropna(subset=["remark"]).groupby("report_id")["remark"].apply(list).to_dict()
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
        said = _explanation([*ctx.texts.get(rid, {}).values(), *remarks.get(rid, [])], p["explanations"])
        checks = []
        for rel in relations(version, cells[rid], prev):
            if not rel.broken(max(p["tolerance"], p["relative_tolerance"] * abs(rel.expected))):
                continue
            severity, penalty, text = (
                ("info", p["explained_penalty"], f"{rel.message()}；报告已说明：“{said}”")
                if said
                else ("warning", p["penalty"], rel.message())
            )
            checks.append(
                Check(rel.rule, severity, text, penalty, "t2", None, rel.code, rel.expected, rel.printed)
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
        "explanations": Param((list,), EXPLANATIONS, "识别“清理后调整”等说明的正则表达式", regex_list),
        "penalty": Param(NUMBER, 0.25, "每条未说明的不衔接的扣分", share),
        "explained_penalty": Param(NUMBER, 0.0, "已说明的不衔接的扣分", share),
    },
    evaluate,
)
