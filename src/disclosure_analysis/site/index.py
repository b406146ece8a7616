"""index.html: links to every page with its status; everything from reports is escaped.

The index describes the site, not the run that wrote it: a page kept from an earlier run is listed as made
(the command line says which were skipped), and the time of writing is shown only when asked for, so the
same inputs give the same index however the site was brought up to date.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from disclosure_analysis.site.links import index_link
from disclosure_analysis.site.pages import FAILED, OK, SKIPPED, STATUS_TEXT, PageResult, RunResult

_STYLE = """
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif;
       max-width: 1100px; margin: 0 auto; padding: 1em 2em; color: #222; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.failed { color: #b00020; } .ok { color: #1b5e20; }
pre { white-space: pre-wrap; margin: 0; font-size: 0.85em; }
"""


def _status(result: PageResult) -> str:
    """The page's status in the site: one skipped in this run was made by an earlier one."""
    return OK if result.status == SKIPPED else result.status


def _row(result: PageResult) -> str:
    page = result.page
    status = _status(result)
    link = escape(page.html)
    name = escape(page.title)
    title = name if result.status == FAILED else f'<a href="{link}">{name}</a>'
    years = "、".join(str(y) for y in page.years) or "—"
    error = f"<pre>{escape(result.error)}</pre>" if result.error else ""
    return (
        f"<tr><td>{title}</td><td><code>{escape(page.agency_id or '')}</code></td><td>{years}</td>"
        f'<td class="{escape(status)}">{STATUS_TEXT[status]}</td><td>{error}</td></tr>'
    )


def _table(results: list[PageResult], first: str) -> str:
    head = f"<tr><th>{first}</th><th>编号</th><th>年度</th><th>状态</th><th>说明</th></tr>"
    return "<table>" + head + "".join(_row(r) for r in results) + "</table>"


def render_index(result: RunResult, corpus_label: str, written: dt.datetime | None = None) -> str:
    """The site's index page; `written`: the time to show as the time of writing (none by default)."""
    agencies = sorted((r for r in result.pages if r.page.notebook == "agency"), key=lambda r: r.page.path)
    others = [r for r in result.pages if r.page.notebook != "agency"]
    statuses = [_status(r) for r in result.pages]
    counts = "，".join(f"{STATUS_TEXT[s]} {statuses.count(s)} 页" for s in STATUS_TEXT if s in statuses)
    stamp = f"生成时间：{written.strftime('%Y-%m-%d %H:%M')}。" if written else ""
    skipped = ""
    if result.unread_files:
        items = "".join(f"<li>{escape(s)}</li>" for s in result.unread_files)
        skipped = f"<h2>未能读作年报的文件（{len(result.unread_files)} 个）</h2><ul>{items}</ul>"
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>政府信息公开工作年度报告分析</title><style>{_STYLE}</style></head>
<body>
<h1>政府信息公开工作年度报告分析</h1>
<p>语料：{escape(corpus_label)}。{stamp}{counts}。</p>
{index_link(result.output)}
<h2>总览与案例</h2>
{_table(others, "页面")}
<h2>各机构（{len(agencies)} 个）</h2>
{_table(agencies, "机构")}
{skipped}
<p>表中数据来自各机构公布的年度报告；页面中的“—”表示报告中该格为空白或“/”，不等于 0。
每张图下方可下载图表数据（CSV），全部主要表格见 <a href="data/tables.xlsx">data/tables.xlsx</a>。</p>
</body>
</html>
"""
