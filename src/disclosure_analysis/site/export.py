"""Executed notebook → one HTML page (no CDN, no code cells unless asked, no stderr; Vega-Lite charts drawn by
the site's own scripts in assets/)."""

from __future__ import annotations

import json
import posixpath
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
from nbconvert import HTMLExporter
from nbconvert.exporters.templateexporter import TemplateExporter
from nbconvert.filters.highlight import Highlight2HTML
from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

from disclosure_analysis.page.charts import MIMETYPE as VEGALITE
from disclosure_analysis.site.fonts import FONT_CSS

if TYPE_CHECKING:
    from traitlets.config import Config  # nbconvert's configuration objects

TEMPLATES = Path(__file__).parent / "templates"
#: what the charts' pages load from the site's assets/ folder, in this order (see `site.copy_assets`)
CHART_SCRIPTS = ("vega.min.js", "vega-lite.min.js", "charts.js")
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
STYLESHEET = "notebook.css"  # in the site's assets/ folder (see `notebook_css`)
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_IMG_WITHOUT_ALT = re.compile(r"<img(?![^>]*\balt=)")
_FOCUSABLE = re.compile(r'<div class="(jp-Cell-inputWrapper|[^"]*\bjp-OutputArea-output\b[^"]*)"')


class PageExporter(HTMLExporter):
    """nbconvert's HTML exporter without its BeautifulSoup pass over the page (0.2 s a page).

    That pass gives images alt text and makes inputs and outputs focusable; `accessible` does the same
    with two substitutions. Otherwise this is `HTMLExporter.from_notebook_node` (nbconvert 7). Vega-Lite
    outputs (`charts`) come before the other formats; a page that has any loads the chart scripts from
    the site's assets/ folder (`resources["chart_scripts"]`, relative to the page); every page declares
    the site's font there (`resources["font_css"]`, `site.fonts`).
    """

    @property
    def default_config(self) -> Config:
        config = super().default_config
        priority = config.NbConvertBase.display_data_priority
        config.NbConvertBase.display_data_priority = [VEGALITE, *(p for p in priority if p != VEGALITE)]
        return config

    def from_notebook_node(
        self, nb: nbformat.NotebookNode, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[str, dict[str, Any]]:
        langinfo = nb.metadata.get("language_info", {})
        lexer = langinfo.get("pygments_lexer", langinfo.get("name", None))
        highlight = self.filters.get("highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self))
        resources = self._init_resources(resources)
        prefix = asset_prefix(resources.get("site_home", ""))
        resources["stylesheet"] = f"{prefix}assets/{STYLESHEET}"
        resources["font_css"] = f"{prefix}assets/{FONT_CSS}"
        resources["chart_scripts"] = [f"{prefix}assets/{s}" for s in CHART_SCRIPTS] if has_charts(nb) else []
        data_type = WidgetsDataTypeFilter(
            notebook_metadata=self._nb_metadata, parent=self, resources=resources
        )
        self.register_filter("highlight_code", highlight)
        self.register_filter("filter_data_type", data_type)
        html, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
        return accessible(html), resources


def notebook_css() -> str:
    """The notebook styles nbconvert's lab template puts into every page (260 KB: JupyterLab's CSS and
    its light theme), written once per site as assets/notebook.css and linked from each page."""
    template = exporter(show_code=False).environment.get_template("lab/index.html.j2")
    context = template.new_context({"resources": exporter(show_code=False)._init_resources({})})
    block = "".join(template.blocks["notebook_css"](context))
    return "\n".join(part.strip() for part in _STYLE.findall(block)) + "\n"


def accessible(html: str) -> str:
    """Alt text on images that have none; notebook inputs and outputs reachable by keyboard."""
    html = _IMG_WITHOUT_ALT.sub('<img alt="图表"', html)
    return _FOCUSABLE.sub(r'<div class="\1" tabindex="0"', html)


def has_charts(nb: nbformat.NotebookNode) -> bool:
    """Whether an output of `nb` is a Vega-Lite chart."""
    return any(VEGALITE in out.get("data", {}) for cell in nb.cells for out in cell.get("outputs", []))


def asset_prefix(home: str) -> str:
    """The relative path from a page to the site's folder, from its link to index.html ("../index.html"
    gives "../")."""
    folder = posixpath.dirname(home)
    return f"{folder}/" if folder else ""


def script_json(data: Any) -> str:
    """`data` as JSON to put inside a <script> element: no "<", ">" or "&" that could end it (report text
    such as an agency name is in the data), keys sorted so that the same data give the same page."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return text.translate(_SCRIPT_UNSAFE)


@cache
def exporter(show_code: bool) -> PageExporter:
    """One exporter per process and setting (compiling the templates costs 0.3 s)."""
    return PageExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        optimistic_validation=True,  # validate once, not after each of its preprocessors
        language_code="zh",  # the pages are in Chinese (ISO 639-1; nbconvert takes no region)
        filters={"script_json": script_json},
    )


def pop_stderr(nb: nbformat.NotebookNode) -> list[str]:
    """Remove stderr stream outputs (warnings) from `nb` in place and return their text."""
    removed = []
    for cell in nb.cells:
        kept = []
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                removed.append(out.get("text", ""))
            else:
                kept.append(out)
        if "outputs" in cell:
            cell["outputs"] = kept
    return removed


class _PageCopy(nbformat.NotebookNode):
    """The copy of an executed notebook that `to_html` makes for one export: its cells are copies, so the
    exporter's preprocessors (which replace a cell's outputs, never change one) leave the notebook as it
    was, and nbconvert's own deep copy of every output is skipped (25 ms a page)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> _PageCopy:
        return self


def to_html(nb: nbformat.NotebookNode, title: str, show_code: bool, home: str) -> tuple[str, list[str]]:
    """The page for executed notebook `nb` and the stderr text that was left out of it.

    `title` may come from a report (the template escapes it); `home` is the relative link to index.html.
    """
    page = _PageCopy(nb)
    page.metadata = nbformat.NotebookNode({**nb.metadata, "title": title})
    page.cells = [nbformat.NotebookNode(cell) for cell in nb.cells]
    warnings = pop_stderr(page)
    body, _ = exporter(show_code).from_notebook_node(page, resources={"site_home": home})
    return body, warnings
