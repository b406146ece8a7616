"""Synthetic annual reports with known ground truth: a fictional city's agencies, in four file formats
(and as scans, as web pages and Word files whose 表三/表四 are pictures, and in the renderings users really
have: crawled, pasted, converted, embedded in a script),
and the embedded sample corpus made from them (`sample`). May import `formats`; nothing else.

`generate` is imported on first use: it loads the PDF and docx writers, which reading a cached sample
does not need.
"""

from __future__ import annotations

FORMATS = ("txt", "html", "docx", "pdf")  # the file formats `generate` writes by default
#: the renderings of ../shared/spec/renderings.md as text (`render_pasted`, `render_flipbook`,
#: `render_markdown`, `render_embedded`, `render_crawl`): what users have besides the publisher's files
RENDERINGS = ("pipe", "pipeline", "cells", "skeleton", "flipbook", "embedded", "markdown", "crawl")
#: every format `generate` can write: also "scan", an image-only PDF (read only with the OCR extra),
#: "htmlimg", a saved web page showing 表三/表四 as pictures from its `<name>_files/` folder, and "docximg",
#: a Word file with 表三/表四 pasted in as pictures
ALL_FORMATS = (*FORMATS, "scan", "htmlimg", "docximg", *RENDERINGS)
#: a format's file suffix, where it is not its name
SUFFIXES = {"scan": "scan.pdf", "htmlimg": "img.html", "docximg": "img.docx", "embedded": "js", "markdown": "md"} | {
    r: f"{r}.txt" for r in RENDERINGS if r not in ("embedded", "markdown")
}
TRUTH_FILE = "truth.jsonl"  # the ground truth `generate` writes beside the reports

__all__ = ["ALL_FORMATS", "FORMATS", "RENDERINGS", "SUFFIXES", "TRUTH_FILE", "generate"]


def __getattr__(name: str):
    if name == "generate":
        from disclosure_analysis.synth.generator import generate

        return generate
    raise AttributeError(name)
