"""Tables on a page image, from their ruling lines: where the lines are, and the cells they enclose.

Long horizontal and vertical strokes are kept by morphological opening; a group of crossing strokes with
at least two of each is a table. Its row and column boundaries are the strokes' positions; two
neighbouring grid positions belong to one (merged) cell when no stroke separates them. Each cell comes
with its box, so that its text can be cut out and recognised on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

_MIN_TABLE_SHARE = 0.25  # a table is at least this share of the page's width
_INK_CONTRAST = 60  # text is at least this much darker than the paper around it
#: pixels (on a page 1190 px wide, see `image`): longer than any stroke of a heading's characters, shorter
#: than the side of a cell
_MIN_STROKE = 38
_LINE_CONTRAST = 30  # a ruling line is at least this much darker than the paper
_THICK = 9  # pixels: a "stroke" thicker than this is a filled area (dark shading), not a ruling line
_MIN_ROW = 15  # pixels: the least height of a row of text
_COVER = 0.6  # a stroke separates two grid positions when it covers this share of their common side


@dataclass(frozen=True)
class CellBox:
    """One (possibly merged) cell: its first grid row and column, its span, and its box in pixels."""

    row: int
    col: int
    rowspan: int
    colspan: int
    box: tuple[int, int, int, int]  # x0, y0, x1, y1 (inside the ruling lines)


@dataclass(frozen=True)
class Grid:
    """A table: its box, the number of grid rows and columns, its cells (row-major)."""

    box: tuple[int, int, int, int]
    nrows: int
    ncols: int
    cells: tuple[CellBox, ...]


def ink(gray: np.ndarray) -> np.ndarray:
    """Dark pixels (uint8 0/1) of a region: clearly darker than its own paper (its 75th percentile), so that
    light shading is paper and thin light print is still ink. A slight blur evens out JPEG noise."""
    if gray.size == 0:
        return np.zeros(gray.shape, np.uint8)
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    paper = float(np.percentile(blurred[::2, ::2], 75))
    return (blurred < paper - _INK_CONTRAST).astype(np.uint8)


def rulings(gray: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Masks of the horizontal and of the vertical strokes (at least `_MIN_STROKE` long).

    Ruling lines are often printed light gray: they are looked for among all pixels clearly darker than
    the paper. A filled area (shaded cells) is not a stroke: only its outline is kept."""
    paper = float(np.percentile(gray[::4, ::4], 75))
    dark = (cv2.GaussianBlur(gray, (3, 3), 0) < paper - _LINE_CONTRAST).astype(np.uint8)
    long_h, long_v = _rect(_MIN_STROKE, 1), _rect(1, _MIN_STROKE)
    horizontal = cv2.morphologyEx(_thin(cv2.morphologyEx(dark, cv2.MORPH_OPEN, long_h), _rect(1, _THICK)), cv2.MORPH_OPEN, long_h)
    vertical = cv2.morphologyEx(_thin(cv2.morphologyEx(dark, cv2.MORPH_OPEN, long_v), _rect(_THICK, 1)), cv2.MORPH_OPEN, long_v)
    # close small gaps left by noise or a faint print along a stroke
    return cv2.dilate(horizontal, _rect(5, 3)), cv2.dilate(vertical, _rect(3, 5))


def _rect(width: int, height: int) -> np.ndarray:
    return cv2.getStructuringElement(cv2.MORPH_RECT, (width, height))


def _thin(strokes: np.ndarray, across: np.ndarray) -> np.ndarray:
    """`strokes` with their parts that are thick across the stroke (filled areas) reduced to outlines."""
    thick = cv2.morphologyEx(strokes, cv2.MORPH_OPEN, across)
    outline = cv2.morphologyEx(thick, cv2.MORPH_GRADIENT, _rect(3, 3))
    return cv2.bitwise_or(cv2.subtract(strokes, thick), outline)


def find_grids(horizontal: np.ndarray, vertical: np.ndarray) -> list[Grid]:
    """The tables of a page (from its stroke masks), top to bottom."""
    w = horizontal.shape[1]
    both = cv2.bitwise_or(horizontal, vertical)
    count, _, stats, _ = cv2.connectedComponentsWithStats(both, connectivity=8)
    grids = []
    for k in range(1, count):
        x, y, bw_, bh = (int(v) for v in stats[k, :4])
        if bw_ < w * _MIN_TABLE_SHARE or bh < 20:
            continue
        for top, bottom in _bands(vertical[y : y + bh, x : x + bw_]):
            grid = _grid(horizontal[y + top : y + bottom, x : x + bw_], vertical[y + top : y + bottom, x : x + bw_], (x, y + top))
            if grid is not None:
                grids.append(grid)
    return sorted(grids, key=lambda g: g.box[1])


def _bands(vmask: np.ndarray) -> list[tuple[int, int]]:
    """The parts of a group of strokes that vertical strokes cross: two tables joined by a rule, with a
    heading between them, are two tables."""
    crossed = vmask.any(axis=1)
    bands = _positions(crossed.astype(np.int32), 1)
    # keep the rule at either end (it belongs to the table)
    return [(max(a - _THICK, 0), min(b + _THICK, len(crossed))) for a, b in bands if b - a >= 20]


def _positions(profile: np.ndarray, minimum: int) -> list[tuple[int, int]]:
    """Runs of indices whose profile reaches `minimum`: (start, end) of each stroke."""
    on = profile >= minimum
    runs, start = [], None
    for i, v in enumerate(on):
        if v and start is None:
            start = i
        elif not v and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(on)))
    return runs


def _grid(hmask: np.ndarray, vmask: np.ndarray, origin: tuple[int, int]) -> Grid | None:
    bh, bw = hmask.shape
    rows = _positions(hmask.sum(axis=1), max(bw // 20, 10))
    cols = _positions(vmask.sum(axis=0), max(bh // 30, 10))
    if not rows or len(cols) < 2:
        return None
    # a table cut by a page break has no rule at the cut: its columns' strokes end there
    crossed = np.flatnonzero(vmask.any(axis=1))
    if crossed[0] < rows[0][0] - _MIN_ROW:
        rows.insert(0, (int(crossed[0]), int(crossed[0]) + 1))
    if crossed[-1] > rows[-1][1] + _MIN_ROW:
        rows.append((int(crossed[-1]), int(crossed[-1]) + 1))
    if len(rows) < 2:
        return None
    nrows, ncols = len(rows) - 1, len(cols) - 1
    ys = [((a + b) // 2) for a, b in rows]
    xs = [((a + b) // 2) for a, b in cols]
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def separated(mask: np.ndarray, stroke: tuple[int, int], lo: int, hi: int, axis: int) -> bool:
        a, b = stroke
        band = mask[a:b, lo:hi] if axis == 0 else mask[lo:hi, a:b]
        covered = band.any(axis=axis)
        return covered.size > 0 and covered.mean() >= _COVER

    for i in range(nrows):
        for j in range(ncols):
            if j + 1 < ncols and not separated(vmask, cols[j + 1], ys[i] + 2, ys[i + 1] - 1, 1):
                parent[find(i * ncols + j + 1)] = find(i * ncols + j)
            if i + 1 < nrows and not separated(hmask, rows[i + 1], xs[j] + 2, xs[j + 1] - 1, 0):
                parent[find((i + 1) * ncols + j)] = find(i * ncols + j)
    members: dict[int, list[tuple[int, int]]] = {}
    for i in range(nrows):
        for j in range(ncols):
            members.setdefault(find(i * ncols + j), []).append((i, j))
    ox, oy = origin
    cells = []
    for group in members.values():
        r0, r1 = min(i for i, _ in group), max(i for i, _ in group)
        c0, c1 = min(j for _, j in group), max(j for _, j in group)
        box = (ox + cols[c0][1], oy + rows[r0][1], ox + cols[c1 + 1][0], oy + rows[r1 + 1][0])
        cells.append(CellBox(r0, c0, r1 - r0 + 1, c1 - c0 + 1, box))
    cells.sort(key=lambda c: (c.row, c.col))
    return Grid((ox + cols[0][0], oy + rows[0][0], ox + cols[-1][1], oy + rows[-1][1]), nrows, ncols, tuple(cells))
