"""Executed notebook → one self-contained HTML page (no CDN, no code cells unless asked, no stderr)."""

from __future__ import annotations

import copy
from pathlib import Path

import nbformat
from nbconvert import HTMLExporter

TEMPLATES = Path(__file__).parent / "templates"


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


def to_html(nb: nbformat.NotebookNode, title: str, show_code: bool, home: str) -> tuple[str, list[str]]:
    """The page for executed notebook `nb` and the stderr text that was left out of it.

    `title` may come from a report (the template escapes it); `home` is the relative link to index.html.
    """
    page = copy.deepcopy(nb)
    warnings = pop_stderr(page)
    page.metadata["title"] = title
    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not show_code,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
    )
    body, _ = exporter.from_notebook_node(page, resources={"site_home": home})
    return body, warnings
