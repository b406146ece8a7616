"""HTML export: no CDN, no code cells by default, no stderr, escaped title — without running a kernel."""

from __future__ import annotations

import re

from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from disclosure_analysis.render.export import to_html

CDN = re.compile(r"<(?:script[^>]+src|link[^>]+href)\s*=\s*[\"']?(?:https?:)?//", re.I)


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


def test_show_code_keeps_code_cells() -> None:
    html, _ = to_html(executed(), "页", show_code=True, home="index.html")
    assert "secret_code" in html and not CDN.search(html)
