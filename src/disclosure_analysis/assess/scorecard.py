"""One self-contained HTML scorecard per agency: per year the total, rank, each indicator and the findings.

Everything taken from a report (agency names, messages quoting text) is escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from disclosure_analysis.assess.model import RULE_TEXT, STATUS_TEXT
from disclosure_analysis.assess.rubric import Rubric

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 1100px; margin: 1em auto; padding: 0 1em; line-height: 1.5; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.pass { color: #1a7f37; } .fail { color: #c62828; } .partial { color: #b26a00; }
.muted { color: #777; font-size: 0.9em; }
"""
_SEVERITY = {"error": "错误", "warning": "警告", "info": "提示"}
_DECISION = {
    "confirmed": "已确认",
    "dismissed": "已驳回",
    "open": "待处理",
    "reopened": "报告已变化，待重新确认",
}


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return escape(f"{value:g}" if isinstance(value, float) else str(value))


def _table(headers: list[str], rows: list[list[str]]) -> str:
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def scorecard(
    agency_id: str, scores: pd.DataFrame, outcomes: pd.DataFrame, findings: pd.DataFrame, rubric: Rubric
) -> str:
    """The scorecard page of one agency (all its reports in `scores`)."""
    mine = scores[scores["agency_id"] == agency_id].sort_values("year", ascending=False)
    name = next((a for a in mine["agency"] if isinstance(a, str)), agency_id)
    per_year = scores.groupby("year")["report_id"].count()
    parts = [
        f"<h1>{escape(name)} · 年报评估记分卡</h1>",
        f"<p class='muted'>评估指标：{escape(rubric.name)}（{escape(rubric.source)}）。"
        "总分为已评分指标的加权平均（0–100），“不适用”“未评估”的指标不计入；名次为同一年度内的名次。</p>",
        _table(
            ["指标", "权重", "依据"],
            [[escape(i.label), _cell(i.weight), escape("；".join(i.basis))] for i in rubric.indicators],
        ),
    ]
    for report in mine.itertuples():
        year = "年度不明" if pd.isna(report.year) else f"{report.year} 年度"
        rank = "—" if pd.isna(report.rank) else f"{report.rank} / {per_year.get(report.year, '—')}"
        parts.append(f"<h2>{escape(year)}：总分 {_cell(report.total)}，名次 {escape(rank)}</h2>")
        rows = []
        for o in outcomes[outcomes["report_id"] == report.report_id].itertuples():
            css = o.status if o.status in ("pass", "partial", "fail") else ""
            score = "—" if pd.isna(o.score) else f"{o.score * 100:.0f}"
            rows.append(
                [
                    escape(o.label),
                    f"<span class='{css}'>{escape(STATUS_TEXT[o.status])}</span>",
                    score,
                    _cell(o.note),
                ]
            )
        parts.append(_table(["指标", "结果", "得分", "说明"], rows))
        found = findings[(findings["report_id"] == report.report_id) & (findings["severity"] != "info")]
        if found.empty:
            parts.append("<p>没有错误或警告。</p>")
            continue
        parts.append(
            _table(
                ["规则", "级别", "表", "行", "列", "说明", "评估人员决定", "编号"],
                [
                    [
                        escape(RULE_TEXT.get(f.rule, f.rule)),
                        escape(_SEVERITY.get(f.severity, f.severity)),
                        _cell(f.table),
                        _cell(f.row),
                        _cell(f.column),
                        _cell(f.message),
                        escape(_DECISION.get(f.decision, f.decision)),
                        f"<code>{escape(f.finding_key)}</code>",
                    ]
                    for f in found.itertuples()
                ],
            )
        )
    return (
        f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{escape(name)} 记分卡</title>"
        f"<style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"
    )
