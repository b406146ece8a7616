"""`format`: the report follows the unified format of its year — six sections, tables in the right version."""

from __future__ import annotations

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.indicators.base import (
    NUMBER,
    Indicator,
    IndicatorType,
    Param,
    choices,
    pre2019,
    share,
)
from disclosure_analysis.assess.model import ASSESSED, NOT_APPLICABLE, UNKNOWN, Check, Outcome

SECTIONS = {s.key: f"{s.number}、{s.title}" for s in formats.sections()}
#: a section whose body may be only its table (corpus frame, table code)
_TABLE_OF = {
    "active": ("table2", "t2"),
    "applications": ("table3", "t3"),
    "review_litigation": ("table4", "t4"),
}
_FORMAT_NAME = {
    "2019": "2019 年试行格式（国办公开办函〔2019〕60号）",
    "2021": "2021 年格式（国办公开办函〔2021〕30号）",
}


def expected_version(year: int) -> str:
    """The format a report for `year` should use: 2021 from the 2021 reports on."""
    return "2021" if year >= 2021 else "2019"


def present_sections(ctx: Context) -> dict[str, set[str]]:
    """Per report, the sections with text, plus 二/三/四 when their table was read — or found missing (F1):
    a missing table is scored by the F1 rule, so its section is not counted missing a second time."""
    found = {rid: set(ctx.texts.get(rid, {})) for rid in ctx.reports.index}
    f1 = ctx.pool[ctx.pool["rule"] == "F1"]
    for key, (frame, code) in _TABLE_OF.items():
        ids = set(getattr(ctx.corpus, frame)["report_id"]) | set(f1.loc[f1["table"] == code, "report_id"])
        for rid in ids & set(found):
            found[rid].add(key)
    return found


def evaluate(ctx: Context, ind: Indicator) -> list[Outcome]:
    p = ind.params
    present = present_sections(ctx)
    out = []
    for rid, report in ctx.reports.iterrows():
        if pd.isna(report["year"]):
            out.append(Outcome(rid, UNKNOWN, note="报告年度不明，无法确定应使用的格式"))
            continue
        year = int(report["year"])
        if year < p["from_year"]:
            out.append(Outcome(rid, NOT_APPLICABLE, note=f"{year} 年的报告早于统一格式"))
            continue
        if pre2019(report):
            checks = (
                Check("format", "error", f"{year} 年度报告没有使用统一格式（仍是 2019 年以前的体例）", 1.0),
            )
            out.append(Outcome(rid, ASSESSED, checks))
            continue
        missing = [s for s in p["sections"] if s not in present[rid]]
        checks = [
            Check("format", "warning", f"没有找到第{SECTIONS[s]}部分", p["section_penalty"], row=s, section=s)
            for s in missing
        ]
        want = expected_version(year)
        for table, name in (("t2", "表二"), ("t3", "表三")):
            got = report[f"{table}_version"]
            if pd.notna(got) and got != want:
                checks.append(
                    Check(
                        "format",
                        "error",
                        f"{year} 年度报告的{name}使用了{_FORMAT_NAME[got]}，应使用{_FORMAT_NAME[want]}",
                        p["version_penalty"],
                        table=table,
                    )
                )
        out.append(Outcome(rid, ASSESSED, tuple(checks)))
    return out


TYPE = IndicatorType(
    "format",
    "六个部分齐全；表二、表三使用本年度应使用的格式版本（2021 年起不得沿用 2019 年表二栏目）",
    {
        "sections": Param((list,), list(SECTIONS), "必须具备的部分", choices(tuple(SECTIONS))),
        "section_penalty": Param(NUMBER, 0.15, "每缺一个部分的扣分", share),
        "version_penalty": Param(NUMBER, 0.5, "每张表格式版本不符的扣分", share),
        "from_year": Param((int,), 2019, "自该年度报告起适用统一格式"),
    },
    evaluate,
)
