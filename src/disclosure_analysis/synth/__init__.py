"""Synthetic annual reports with known ground truth: a fictional city's agencies, in four file formats
(and as scans, as web pages and Word files whose 表三/表四 are pictures, and as a crawler's run-together
text),
and the embedded sample corpus made from them (`sample`). May import `formats`; nothing else.

`generate` is imported on first use: it loads the PDF and docx writers, which reading a cached sample
does not need.
"""

from __future__ import annotations

FORMATS = ("txt", "html", "docx", "pdf")  # the file formats `generate` writes by default
#: every format `generate` can write: also "scan", an image-only PDF (read only with the OCR extra),
#: "htmlimg", a saved web page showing 表三/表四 as pictures from its `<name>_files/` folder, "docximg", a
#: Word file with 表三/表四 pasted in as pictures, and "crawl", a crawler's text of the page with the table
#: cells run together
ALL_FORMATS = (*FORMATS, "scan", "htmlimg", "docximg", "crawl")
#: a format's file suffix, where it is not its name
SUFFIXES = {"scan": "scan.pdf", "htmlimg": "img.html", "docximg": "img.docx", "crawl": "crawl.txt"}
TRUTH_FILE = "truth.jsonl"  # the ground truth `generate` writes beside the reports

__all__ = ["ALL_FORMATS", "FORMATS", "SUFFIXES", "TRUTH_FILE", "generate"]


def __getattr__(name: str):
    if name == "generate":
        from disclosure_analysis.synth.generator import generate

        return generate
    raise AttributeError(name)
