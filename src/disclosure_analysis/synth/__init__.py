"""Synthetic annual reports with known ground truth: a fictional city's agencies, in four file formats,
and the embedded sample corpus made from them (`sample`). May import `formats`; nothing else.

`generate` is imported on first use: it loads the PDF and docx writers, which reading a cached sample
does not need.
"""

from __future__ import annotations

FORMATS = ("txt", "html", "docx", "pdf")  # the file formats `generate` writes
TRUTH_FILE = "truth.jsonl"  # the ground truth `generate` writes beside the reports

__all__ = ["FORMATS", "TRUTH_FILE", "generate"]


def __getattr__(name: str):
    if name == "generate":
        from disclosure_analysis.synth.generator import generate

        return generate
    raise AttributeError(name)
