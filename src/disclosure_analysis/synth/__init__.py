"""Synthetic annual reports with known ground truth: a fictional city's agencies, in four file formats
(and as scans, and as a crawler's run-together text),
and the embedded sample corpus made from them (`sample`). May import `formats`; nothing else.

`generate` is imported on first use: it loads the PDF and docx writers, which reading a cached sample
does not need.
"""

from __future__ import annotations

FORMATS = ("txt", "html", "docx", "pdf")  # the file formats `generate` writes by default
#: every format `generate` can write: also "scan", an image-only PDF (read only with the OCR extra), and
#: "crawl", a crawler's text of the page with the table cells run together
ALL_FORMATS = (*FORMATS, "scan", "crawl")
SUFFIXES = {"scan": "scan.pdf", "crawl": "crawl.txt"}  # a format's file suffix, where it is not its name
TRUTH_FILE = "truth.jsonl"  # the ground truth `generate` writes beside the reports

__all__ = ["ALL_FORMATS", "FORMATS", "SUFFIXES", "TRUTH_FILE", "generate"]


def __getattr__(name: str):
    if name == "generate":
        from disclosure_analysis.synth.generator import generate

        return generate
    raise AttributeError(name)
