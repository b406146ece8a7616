"""Reports whose 表三 and 表四 are pictures, as portals and Word users publish them: a web page saved by a
browser that shows the two tables as scanned JPEGs from its `<name>_files/` folder (`html`), and a Word
file with the two tables pasted in as PNG screenshots (`docx`). Everything else (表二 too) is text.

A table's picture is the table drawn by the PDF rendering on a page of its own, rasterised at 150 dpi and
cut to the table; the web page's is then scanned like `render_scan` (slight rotation, grain, JPEG),
the Word file's is a clean screenshot. Deterministic, as every rendering.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import replace

import numpy as np
import pypdfium2 as pdfium
from PIL import Image

from disclosure_analysis.synth import render_docx, render_html, render_pdf, render_scan
from disclosure_analysis.synth.model import Block, Grid, Picture
from disclosure_analysis.synth.report import Report

PICTURED = ("t3", "t4")  # the tables shown as pictures
WIDTH_MM = 160.0  # the width the page and the Word file give a table's picture
_MARGIN = 12  # pixels of paper kept around the table
_PAPER = 200  # a pixel darker than this is ink


def render_html_page(report: Report, blocks: list[Block], name: str) -> dict[str, bytes]:
    """The saved web page `name` and its pictures (`<stem>_files/t3.jpg`, …): file name → bytes."""
    folder = f"{name.rsplit('.', 1)[0]}_files"
    files: dict[str, bytes] = {}
    shown: list[Block] = []
    for b in blocks:
        if isinstance(b, Grid) and b.name in PICTURED:
            data = _scanned(report, b)
            files[f"{folder}/{b.name}.jpg"] = data
            shown.append(Picture(f"{folder}/{b.name}.jpg", data, WIDTH_MM))
        else:
            shown.append(b)
    return {name: render_html.render(report, shown), **files}


def render_word(report: Report, blocks: list[Block]) -> bytes:
    """The Word file with 表三 and 表四 pasted in as PNG screenshots."""
    shown = [
        Picture(f"{b.name}.png", _png(_table_image(report, b)), WIDTH_MM) if isinstance(b, Grid) and b.name in PICTURED else b
        for b in blocks
    ]
    return render_docx.render(report, shown)


def _table_image(report: Report, grid: Grid) -> Image.Image:
    """The table drawn alone (on one page) at the scan's resolution, cut to its ruling lines."""
    pdf = pdfium.PdfDocument(render_pdf.render(report, [replace(grid, may_split=False)]))
    try:
        page = pdf[0].render(scale=render_scan.DPI / 72).to_pil().convert("RGB")
    finally:
        pdf.close()
    ink = np.asarray(page.convert("L")) < _PAPER
    rows = np.flatnonzero(ink.any(axis=1))
    # the table is the first run of inked rows (ruling lines leave no gap in it); the page number is below
    gaps = np.flatnonzero(np.diff(rows) > _MARGIN)
    top, bottom = rows[0], rows[gaps[0]] if gaps.size else rows[-1]
    cols = np.flatnonzero(ink[top : bottom + 1].any(axis=0))
    box = (int(cols[0]) - _MARGIN, int(top) - _MARGIN, int(cols[-1]) + _MARGIN + 1, int(bottom) + _MARGIN + 1)
    return page.crop(box)


def _scanned(report: Report, grid: Grid) -> bytes:
    """The table's picture as scanned (see the module docstring), as JPEG."""
    seed = int.from_bytes(hashlib.sha256(f"picture|{report.agency.id}|{report.year}|{grid.name}".encode()).digest()[:8], "big")
    image = render_scan.scan_page(_table_image(report, grid), np.random.default_rng(seed), stamped=False)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=render_scan.JPEG_QUALITY)
    return out.getvalue()


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
