"""A report as published on a government portal page: site chrome around the article."""

from __future__ import annotations

import zlib
from functools import cache
from html import escape

from disclosure_analysis.synth.model import Block, Grid, Picture
from disclosure_analysis.synth.report import Report
from disclosure_analysis.synth.resources import load

_CSS = (
    "body{font-family:'Microsoft YaHei',SimSun,sans-serif;margin:0}"
    ".header{background:#b5001e;color:#fff;padding:16px 40px;font-size:26px}"
    ".nav li{display:inline-block;padding:8px 18px}.crumb{padding:8px 40px;color:#666}"
    ".article{width:1000px;margin:0 auto}.article table{border-collapse:collapse}"
    ".article td{border:1px solid #000;text-align:center}.footer{background:#eee;padding:20px;text-align:center}"
)
_PARA = {
    "title": '<p style="text-align:center;font-size:22px"><strong>{}</strong></p>',
    "heading": '<p style="text-indent:2em"><strong>{}</strong></p>',
    "subheading": '<p style="text-indent:2em"><span style="font-family:楷体">{}</span></p>',
    "para": '<p style="text-indent:2em;line-height:2">{}</p>',
    "sign": '<p style="text-align:right">{}</p>',
}


@cache
def _portal() -> dict:
    return load("portal.yaml")


def _cell(text: str, paragraphs: bool) -> str:
    lines = [escape(t) for t in text.split("\n")]
    if paragraphs:
        return "".join(f"<p>{t}</p>" for t in lines)
    return "<br/>".join(lines)


def _table(grid: Grid, paragraphs: bool) -> str:
    rows = []
    for row in grid.rows:
        tds = []
        for cell in row:
            span = "".join(
                f' {k}="{v}"' for k, v in (("rowspan", cell.rowspan), ("colspan", cell.colspan)) if v > 1
            )
            tds.append(f"<td{span}>{_cell(cell.text, paragraphs)}</td>")
        rows.append("<tr>" + "".join(tds) + "</tr>")
    return (
        '<table border="1" cellspacing="0" cellpadding="2" width="100%"><tbody>\n'
        + "\n".join(rows)
        + "\n</tbody></table>"
    )


def _meta_box(report: Report, labels: dict[str, str]) -> str:
    a, d = report.agency, report.published
    index = f"{zlib.crc32(a.id.encode()) % 10**9:09d}/{d.year}-{d.month:02d}{d.day:02d}1"
    cells = [
        (labels["index"], index),
        (labels["category"], _portal()["category"]),
        (labels["publisher"], a.name),
        (labels["date"], d.isoformat()),
    ]
    tds = "".join(f"<td>{escape(k)}：</td><td>{escape(v)}</td>" for k, v in cells)
    return f'<table class="meta"><tr>{tds}</tr></table>'


def render(report: Report, blocks: list[Block]) -> bytes:
    portal, st, a = _portal(), report.style, report.agency
    charset = "gbk" if st.html_gbk else "utf-8"
    fill = {
        "region": a.region,
        "site_code": f"{zlib.crc32(a.region.encode()):010d}",
        "icp": f"{zlib.crc32(a.portal.encode()) % 10**8:08d}",
    }
    title = escape(report.narrative.title)
    body = []
    for b in blocks:
        if isinstance(b, Grid):
            body.append(_table(b, st.html_cell_paragraphs))
        elif isinstance(b, Picture):
            body.append(f'<p style="text-align:center"><img src="{escape(b.src)}" width="{round(b.width_mm * 4)}"></p>')
        else:
            body.append(_PARA[b.role].format(escape(b.text)))
    nav = "".join(f'<li><a href="#">{escape(item.format_map(fill))}</a></li>' for item in portal["nav"])
    crumb = " &gt; ".join(f'<a href="#">{escape(c)}</a>' for c in portal["breadcrumb"])
    footer = "".join(f"<p>{escape(line.format_map(fill))}</p>" for line in portal["footer"])
    tools = " ".join(f'<a href="javascript:void(0)">{escape(t)}</a>' for t in portal["tools"])
    page = f"""<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="{charset}">
<title>{title}-{escape(a.portal)}</title>
<meta name="PubDate" content="{report.published.isoformat()}">
<style>{_CSS}</style>
</head>
<body>
<div class="header">{escape(a.portal)}</div>
<ul class="nav">{nav}</ul>
<div class="crumb">{escape(portal["crumb_label"])}{crumb}</div>
{_meta_box(report, portal["meta_labels"]) if st.html_meta_table else ""}
<div class="article">
{chr(10).join(body)}
<div class="tools">{tools}</div>
</div>
<div class="footer">{footer}</div>
<script type="text/javascript">
var siteId = "{fill["site_code"]}";
function showDate() {{ var d = new Date(); document.getElementById("today").innerHTML = d.toLocaleDateString(); }}
</script>
</body>
</html>
"""
    return page.encode(charset)
