"""One self-contained HTML scorecard per agency: per year the total, rank, each indicator and the findings,
with links to the assessment page and to the agency's analysis page of the site.

Everything taken from a report (agency names, messages quoting text) is escaped.
"""

from __future__ import annotations

from html import escape

import pandas as pd

from disclosure_analysis.assess.assessment import Assessment

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 1200px; margin: 1em auto; padding: 0 1em; line-height: 1.5; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.5em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.达标 { color: #1a7f37; } .不达标 { color: #c62828; } .部分达标 { color: #b26a00; }
.muted { color: #777; font-size: 0.9em; } nav a { margin-right: 1.5em; }
"""
#: the columns of a finding shown on a scorecard
_FINDING_COLUMNS = ["指标", "规则", "级别", "表", "行", "列", "报告中的行名", "报告所填", "应为", "位置", "说明", "决定", "问题编号"]


def _cell(value: object) -> str:
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    return escape(f"{value:g}" if isinstance(value, float) else str(value))


def _table(frame: pd.DataFrame, css: str | None = None) -> str:
    head = "".join(f"<th>{escape(str(h))}</th>" for h in frame.columns)
    body = "".join(
        "<tr>"
        + "".join(
            f"<td class='{escape(str(v))}'>{_cell(v)}</td>" if css == c else f"<td>{_cell(v)}</td>"
            for c, v in zip(frame.columns, row, strict=True)
        )
        + "</tr>"
        for row in frame.itertuples(index=False)
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def scorecard(
    agency_id: str, result: Assessment, sheets: dict[str, pd.DataFrame], agency_page: str | None = None
) -> str:
    """The scorecard page of one agency (all its scored reports); `sheets`: the result as `present.sheets`
    shows it; `agency_page`: a relative link to the agency's page of the site, when there is one."""
    scores, shown = result.scores, sheets["评分"]
    mine = scores.index[scores["agency_id"] == agency_id]
    ordered = scores.loc[mine].sort_values("year", ascending=False).index
    name = next((a for a in scores.loc[mine, "agency"] if isinstance(a, str)), "（机构名称未读出）")
    per_year = scores.groupby("year")["report_id"].count()
    links = ["<a href='../assessment.html'>返回评估结果</a>"]
    if agency_page:
        links.append(f"<a href='{escape(agency_page)}'>本机构的年报分析页</a>")
    kinds = shown.loc[mine, "机构类型"].dropna()
    parts = [
        f"<nav>{''.join(links)}</nav>",
        f"<h1>{escape(name)} · 年报评估记分卡</h1>",
        f"<p class='muted'>机构类型：{escape(kinds.iloc[0] if not kinds.empty else '待确认')}。评估指标："
        f"{escape(result.rubric.name)}。总分为有得分的指标的加权平均（0–100）；名次为同一年度内的名次。</p>",
        _table(sheets["评估指标"][["指标", "权重", "依据"]]),
    ]
    outcomes, outcome_rows = result.outcomes, sheets["指标结果"]
    findings, finding_rows = result.findings, sheets["问题清单"]
    for i in ordered:
        report = scores.loc[i]
        year = "年度不明" if pd.isna(report["year"]) else f"{report['year']} 年度"
        rank = "—" if pd.isna(report["rank"]) else f"{report['rank']} / {per_year.get(report['year'], '—')}"
        published = shown.loc[i, "发布日期"]
        dated = f"发布日期 {published}（{shown.loc[i, '日期来源']}）" if isinstance(published, str) else "发布日期不明"
        parts.append(f"<h2>{escape(year)}：总分 {_cell(report['total'])}，名次 {escape(rank)}</h2>")
        parts.append(f"<p class='muted'>{escape(dated)}；文件 {_cell(report['source'])}</p>")
        rows = outcome_rows[outcomes["report_id"] == report["report_id"]]
        parts.append(_table(rows[["指标", "结果", "得分", "说明"]], css="结果"))
        found = finding_rows[(findings["report_id"] == report["report_id"]) & (findings["severity"] != "info")]
        parts.append(_table(found[_FINDING_COLUMNS]) if not found.empty else "<p>没有错误或警告。</p>")
    return (
        f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{escape(name)} 记分卡</title>"
        f"<style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"
    )
