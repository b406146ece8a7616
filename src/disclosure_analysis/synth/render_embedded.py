"""A report stored as an escaped HTML string inside a script or a data file (renderings.md §8).

Portals that draw the article with JavaScript keep it in a string: a `.js` file (`var content = "<p
style=\\"…\\">…";`), or the JSON their page asks for (`{"data": {"title": …, "content": "<table>…"}}`,
non-ASCII and `<` sometimes escaped as `\\uXXXX`). The article is the HTML a CMS keeps of a Word file:
styled cells with a paragraph inside (`<td style="width:38px;"><p align="center">821</p></td>`),
`&nbsp;` in empty cells. The title and the publication time are fields beside the content.
"""

from __future__ import annotations

import json
from html import escape

from disclosure_analysis.synth.model import Block, Grid, Text
from disclosure_analysis.synth.render_pasted import variant
from disclosure_analysis.synth.report import Report


def _cell(text: str, rowspan: int, colspan: int, width: int) -> str:
    span = "".join(f' {k}="{v}"' for k, v in (("rowspan", rowspan), ("colspan", colspan)) if v > 1)
    inner = "<br/>".join(escape(t) for t in text.split("\n")) or "&nbsp;"
    return f'<td{span} style="width:{width}px;"><p align="center">{inner}</p></td>'


def _table(grid: Grid) -> str:
    unit = 600 / sum(grid.widths)
    rows = []
    for row in grid.rows:
        tds = "".join(_cell(c.text, c.rowspan, c.colspan, round(unit * c.colspan)) for c in row)
        rows.append(f"<tr>{tds}</tr>")
    return '<table border="1" cellspacing="0" style="border-collapse:collapse;">' + "".join(rows) + "</table>"


def _article(blocks: list[Block], with_title: bool) -> str:
    parts = []
    for b in blocks:
        if isinstance(b, Grid):
            parts.append(_table(b))
        elif isinstance(b, Text) and (b.role != "title" or with_title):
            align = {"title": "center", "sign": "right"}.get(b.role, "justify")
            parts.append(f'<p style="text-align:{align};text-indent:2em;">{escape(b.text)}</p>')
    return "\n".join(parts)


def render(report: Report, blocks: list[Block]) -> bytes:
    how = variant(report, "embedded", 4)
    article = _article(blocks, with_title=how == 0)
    title, when = report.narrative.title, f"{report.published.isoformat()} 10:00:00"
    if how < 2:  # a script
        values = [json.dumps(v, ensure_ascii=False).replace("/", "\\/") for v in (title, when, article)]
        text = "var title = {};\nvar pubDate = {};\nvar content = {};\n".format(*values)
        return (text + 'document.getElementById("zoom").innerHTML = content;\n').encode("utf-8")
    record = {"code": 200, "data": {"title": title, "publishTime": when, "source": report.agency.name, "content": article}}
    text = json.dumps(record, ensure_ascii=how == 3)
    if how == 3:  # as Go's encoder writes it
        text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.encode("utf-8")
