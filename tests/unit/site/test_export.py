"""HTML export: no CDN, no code cells by default, no stderr, escaped title, charts embedded safely — without
running a kernel."""

from __future__ import annotations

import json
import re
from html import escape as html_escape

import pandas as pd
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from disclosure_analysis.page import charts
from disclosure_analysis.site.export import asset_prefix, script_json, to_html

CDN = re.compile(r"<(?:script[^>]+src|link[^>]+href)\s*=\s*[\"']?(?:https?:)?//", re.I)
XSS_NAME = "甲市</script><script>alert(1)</script><!--局&amp;"


def executed() -> object:
    cells = [
        new_markdown_cell("# 标题\n\n说明文字"),
        new_code_cell(
            "secret_code = 1",
            outputs=[
                new_output("stream", name="stdout", text="正常输出\n"),
                new_output("stream", name="stderr", text="UserWarning: Glyph 20013 missing from font(s)\n"),
                new_output("display_data", data={"text/html": "<p>表格</p>", "text/plain": "表格"}),
            ],
        ),
    ]
    return new_notebook(cells=cells)


def test_default_page_has_no_code_no_stderr_no_cdn() -> None:
    html, warnings = to_html(
        executed(), "甲局<script>alert(1)</script>", show_code=False, home="../index.html"
    )
    assert "secret_code" not in html and "Glyph" not in html and "正常输出" in html and "<p>表格</p>" in html
    assert warnings == ["UserWarning: Glyph 20013 missing from font(s)\n"]
    assert not CDN.search(html), CDN.search(html)
    assert "require.js" not in html and "mathjax" not in html.lower() and "mermaid" not in html.lower()
    assert "<title>甲局&lt;script&gt;alert(1)&lt;/script&gt;</title>" in html
    assert 'href="../index.html"' in html and "返回目录" in html


def test_page_links_the_shared_stylesheet_and_leaves_the_notebook_alone() -> None:
    nb = executed()
    before = json.dumps(nb, sort_keys=True)
    html, _ = to_html(nb, "页", show_code=False, home="../index.html")
    assert '<link rel="stylesheet" href="../assets/notebook.css">' in html
    assert "Jupyter Development Team" not in html and len(html) < 20_000  # not JupyterLab's 260 KB of CSS inlined
    assert json.dumps(nb, sort_keys=True) == before  # stderr is left out of the page, not of the notebook


def test_show_code_keeps_code_cells() -> None:
    html, _ = to_html(executed(), "页", show_code=True, home="index.html")
    assert "secret_code" in html and not CDN.search(html)


def charted(title: str) -> object:
    """A notebook whose one output is a chart of `charts` about untrusted names."""
    long = pd.DataFrame(
        {"agency": [XSS_NAME, "乙局"], "group": ["予以公开", "部分公开"], "share": [0.5, 0.25]}
    )
    spec = charts.bars_spec(long, "agency", "group", "share", title=title, value_label="%", stacked=True)
    bundle = charts.Chart(spec, title)._repr_mimebundle_()
    return new_notebook(
        cells=[new_code_cell("charts.bars(...)", outputs=[new_output("display_data", data=bundle)])]
    )


def embedded(html: str) -> list[str]:
    return re.findall(
        r'<div class="vega-chart"[^>]*><script type="application/json">(.*?)</script></div>', html, re.S
    )


def test_chart_spec_is_embedded_safely_and_loads_the_site_scripts() -> None:
    title = f"{XSS_NAME}办理结果"
    html, warnings = to_html(charted(title), "页", show_code=False, home="../index.html")
    assert not warnings
    (spec_json,) = embedded(html)
    assert "<" not in spec_json and ">" not in spec_json and "&" not in spec_json
    spec = json.loads(spec_json)
    assert spec["title"] == title and XSS_NAME in spec["encoding"]["x"]["sort"]  # the names, intact
    assert f'aria-label="{html_escape("图表：" + title)}"' in html and 'role="img"' in html
    assert "<script>alert" not in html and "</script><script>alert" not in html
    scripts = re.findall(r'<script src="([^"]+)"', html)
    assert scripts == ["../assets/vega.min.js", "../assets/vega-lite.min.js", "../assets/charts.js"]
    assert not CDN.search(html)
    again, _ = to_html(charted(title), "页", show_code=False, home="../index.html")
    assert embedded(again) == [spec_json]  # the same chart gives the same page


def test_chart_scripts_only_on_pages_with_charts_relative_to_the_page() -> None:
    top, _ = to_html(charted("图"), "页", show_code=False, home="index.html")
    assert re.findall(r'<script src="([^"]+)"', top)[0] == "assets/vega.min.js"
    plain, _ = to_html(executed(), "页", show_code=False, home="../index.html")
    assert "<script src=" not in plain and 'class="vega-chart"' not in plain
    assert asset_prefix("../../index.html") == "../../" and asset_prefix("") == ""


def test_script_json_escapes_what_could_end_the_script() -> None:
    text = script_json({"b": "</script><!--&", "a": [1.5, None]})
    assert text == '{"a":[1.5,null],"b":"\\u003c/script\\u003e\\u003c!--\\u0026"}'
    assert json.loads(text) == {"b": "</script><!--&", "a": [1.5, None]}
