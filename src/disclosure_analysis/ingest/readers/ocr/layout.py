"""One page image → blocks: each table's cells recognised one by one, and the text around the tables
line by line.

Text is cut into lines by the ink's row profile (inside a cell, and on the page outside the tables,
where a line is further split at wide gaps). Each line is recognised on its own crop; a cell's lines
are joined with "\\n", as the PDF reader gives a wrapped cell. A cell without ink is empty ("").
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from disclosure_analysis.ingest.readers.ocr.engine import Recognised, recogniser
from disclosure_analysis.ingest.readers.ocr.grid import Grid, find_grids, ink, rulings

_MIN_LINE_INK = 6  # pixels: less than this in a line is a speck, not text
_PAD = 4  # pixels of paper kept around a line's ink
_MARGIN = 3  # pixels cut from a cell's edges (the ruling line's anti-aliasing)


@dataclass
class OcrTable:
    """A table read from an image: texts (None under a merged cell) and each text's reading."""

    texts: list[list[str | None]]
    readings: list[list[list[Recognised]]]  # per grid position, the readings of its lines
    top: int


@dataclass
class OcrPage:
    tables: list[OcrTable] = field(default_factory=list)
    lines: list[tuple[int, str]] = field(default_factory=list)  # (top, text) of each line outside tables


def _line_spans(bw: np.ndarray, gap: int = 1) -> list[tuple[int, int]]:
    """Row ranges holding ink, separated by at least `gap` blank rows."""
    rows = np.flatnonzero(bw.sum(axis=1) > 0)
    if rows.size == 0:
        return []
    spans, start, prev = [], rows[0], rows[0]
    for r in rows[1:]:
        if r - prev > gap:
            spans.append((int(start), int(prev) + 1))
            start = r
        prev = r
    spans.append((int(start), int(prev) + 1))
    return spans


def _col_spans(bw: np.ndarray, gap: int) -> list[tuple[int, int]]:
    return _line_spans(bw.T, gap)


@dataclass
class _Crop:
    key: tuple
    image: np.ndarray


def _crops_of_region(gray: np.ndarray, region: np.ndarray, box: tuple[int, int, int, int], key: tuple,
                     split_gap: int | None) -> list[_Crop]:
    """Crops of the text lines of `region` (its ink), the part `box` of the page."""
    x0, y0, _, y1 = box
    out = []
    min_height = max(4, (y1 - y0) // 200)
    for n, (a, b) in enumerate(_line_spans(region, gap=1)):
        if b - a < min_height:
            continue
        line = region[a:b]
        gap = split_gap if split_gap is not None else line.shape[1]
        for m, (c, d) in enumerate(_col_spans(line, gap=max(gap, b - a))):
            if line[:, c:d].sum() < _MIN_LINE_INK:
                continue
            ya, yb = max(y0 + a - _PAD, 0), min(y0 + b + _PAD, gray.shape[0])
            xa, xb = max(x0 + c - _PAD, 0), min(x0 + d + _PAD, gray.shape[1])
            out.append(_Crop((*key, n, m, y0 + a), gray[ya:yb, xa:xb]))
    return out


def read_page(gray: np.ndarray) -> OcrPage:
    """Tables and lines of one deskewed grayscale page."""
    horizontal, vertical = rulings(gray)
    grids = find_grids(horizontal, vertical)
    text_ink = ink(gray)
    crops: list[_Crop] = []
    for t, grid in enumerate(grids):
        gx0, gy0, gx1, gy1 = grid.box
        text_ink[gy0:gy1, gx0:gx1] = 0
        for cell in grid.cells:
            x0, y0, x1, y1 = cell.box
            inner = (x0 + _MARGIN, y0 + _MARGIN, x1 - _MARGIN, y1 - _MARGIN)
            if inner[2] - inner[0] < 4 or inner[3] - inner[1] < 4:
                continue
            region = ink(gray[inner[1] : inner[3], inner[0] : inner[2]])
            crops.extend(_crops_of_region(gray, region, inner, ("cell", t, cell.row, cell.col), None))
    h, w = gray.shape
    crops.extend(_crops_of_region(gray, text_ink, (0, 0, w, h), ("text",), split_gap=w // 25))
    readings = recogniser().read([c.image for c in crops])
    page = OcrPage()
    tables = [_empty_table(g) for g in grids]
    pieces: dict[int, list[tuple[int, str]]] = {}
    for crop, reading in zip(crops, readings, strict=True):
        if crop.key[0] == "cell":
            _, t, r, c = crop.key[:4]
            tables[t].readings[r][c].append(reading)
        elif reading.text.strip():
            _, n, _, top = crop.key
            pieces.setdefault(n, []).append((top, reading.text.strip()))
    page.lines = [(parts[0][0], " ".join(text for _, text in parts)) for _, parts in sorted(pieces.items())]
    for table in tables:
        for r, row in enumerate(table.readings):
            row[:] = [[_digits(x) for x in found] if len(found) == 1 else found for found in row]
            for c, found in enumerate(row):
                if table.texts[r][c] is not None:
                    table.texts[r][c] = "\n".join(x.text for x in found if x.text)
    page.tables = tables
    return page


def _digits(reading: Recognised) -> Recognised:
    """A lone cell text read as a lookalike of digits ("o" for 0) taken as the digits, with the digits'
    own (low) probability, so that the cell is a number, and flagged as uncertain."""
    if reading.as_digits is None:
        return reading
    text, prob = reading.as_digits
    return Recognised(text, tuple(min(prob, p) for p in (prob,) * len(text)), (None,) * len(text))


def _empty_table(grid: Grid) -> OcrTable:
    texts: list[list[str | None]] = [[None] * grid.ncols for _ in range(grid.nrows)]
    for cell in grid.cells:
        texts[cell.row][cell.col] = ""
    readings: list[list[list[Recognised]]] = [[[] for _ in range(grid.ncols)] for _ in range(grid.nrows)]
    return OcrTable(texts, readings, grid.box[1])
