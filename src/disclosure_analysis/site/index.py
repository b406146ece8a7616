"""index.html: the site's table of contents for readers; everything from reports is escaped.

The index describes the site, not the run that wrote it: it shows no build status (whether a page was made
in this run or kept from an earlier one is the command line's business), only the pages, and apart from
them the pages that could not be made and the input files that could not be read, with why. The time of
writing is shown only when asked for, so the same inputs give the same index however the site was
brought up to date.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from disclosure_analysis.site.fonts import font_link
from disclosure_analysis.site.links import index_link
from disclosure_analysis.site.pages import FAILED, PageResult, RunResult

_STYLE = """
body { font-family: "DA Noto Sans SC", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei",
       system-ui, sans-serif; max-width: 1100px; margin: 0 auto; padding: 1em 2em; color: #222; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border-bottom: 1px solid #ddd; padding: 0.35em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
pre { white-space: pre-wrap; margin: 0; font-size: 0.85em; }
code, pre { font-family: ui-monospace, monospace, "DA Noto Sans SC"; }
details { margin: 0.5em 0; }
"""


def _row(result: PageResult) -> str:
    page = result.page
    years = "、".join(str(y) for y in page.years) or "—"
    return (
        f'<tr><td><a href="{escape(page.html)}">{escape(page.title)}</a></td>'
        f"<td><code>{escape(page.agency_id or '')}</code></td><td>{years}</td></tr>"
    )


def _table(results: list[PageResult], first: str) -> str:
    head = f"<tr><th>{first}</th><th>编号</th><th>年度</th></tr>"
    return "<table>" + head + "".join(_row(r) for r in results) + "</table>"


def _failed(results: list[PageResult]) -> str:
    if not results:
        return ""
    items = "".join(
        f"<li>{escape(r.page.title)}（<code>{escape(r.page.path)}</code>）<pre>{escape(r.error or '')}</pre></li>"
        for r in results
    )
    return f"<details><summary>未能生成的页面（{len(results)} 个）</summary><ul>{items}</ul></details>"


def _span(result: RunResult) -> str:
    years = sorted({y for r in result.pages for y in r.page.years})
    return f"{years[0]}–{years[-1]} 年度" if len(years) > 1 else f"{years[0]} 年度" if years else "年度不详"


def render_index(result: RunResult, corpus_label: str, written: dt.datetime | None = None) -> str:
    """The site's index page; `written`: the time to show as the time of writing (none by default)."""
    made = [r for r in result.pages if r.status != FAILED]
    agencies = sorted((r for r in made if r.page.notebook == "agency"), key=lambda r: r.page.path)
    others = [r for r in made if r.page.notebook != "agency"]
    stamp = f"生成时间：{written.strftime('%Y-%m-%d %H:%M')}。" if written else ""
    skipped = ""
    if result.unread_files:
        items = "".join(f"<li>{escape(s)}</li>" for s in result.unread_files)
        skipped = (
            f"<details><summary>未能读作年报的文件（{len(result.unread_files)} 个）</summary><ul>{items}</ul></details>"
        )
    problems = _failed([r for r in result.pages if r.status == FAILED]) + skipped
    return f"""<!DOCTYPE html>
<html lang="zh-CN">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>政府信息公开工作年度报告分析</title>{font_link("assets/")}<style>{_STYLE}</style></head>
<body>
<h1>政府信息公开工作年度报告分析</h1>
<p>语料：{escape(corpus_label)}；{len(agencies)} 个机构，{_span(result)}。{stamp}</p>
{index_link(result.output)}
<h2>总览与案例</h2>
{_table(others, "页面")}
<h2>各机构（{len(agencies)} 个）</h2>
{_table(agencies, "机构")}
{"<h2>说明</h2>" + problems if problems else ""}
<p>表中数据来自各机构公布的年度报告；页面中的“—”表示报告中该格为空白或“/”，不等于 0。
每张图下方可下载图表数据（CSV），全部主要表格见 <a href="data/tables.xlsx">data/tables.xlsx</a>。</p>
</body>
</html>
"""
