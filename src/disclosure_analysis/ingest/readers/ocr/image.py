"""Page images: rasterised PDF pages and image files as grayscale arrays, cleaned and deskewed.

A page becomes one 8-bit grayscale array (0 black, 255 white). Red ink (seals stamped over a table) is
dropped by taking the red channel, where red is as light as the paper and black text stays black.
Skew is measured from the ink's row profile (the angle at which text lines and ruling lines are sharpest)
and undone before anything is recognised.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

import cv2
import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageSequence

#: PDF pages are rendered at this many dots per inch (text of 10.5 pt is then ≈ 21 px tall)
RENDER_DPI = 144
#: images are scaled to this width, an A4 page's at RENDER_DPI (the layout's sizes are in these pixels)
PAGE_WIDTH = 1190
_SKEW_RANGE = 5.0  # degrees searched either way, in coarse steps, then around the best in fine steps
_SKEW_COARSE = 0.25
_SKEW_FINE = 0.05
_SKEW_INK = 60  # ink for the skew: this much darker than the paper


def pdf_pages(pdf: pdfium.PdfDocument, numbers: list[int], dpi: int = RENDER_DPI) -> Iterator[tuple[int, np.ndarray]]:
    """(page number, grayscale array) of the given pages, rendered at `dpi`."""
    for number in numbers:
        page = pdf[number]
        try:
            bitmap = page.render(scale=dpi / 72, grayscale=False)
            rgb = bitmap.to_numpy()
        finally:
            page.close()
        yield number, clean(rgb[:, :, ::-1] if bitmap.format == pdfium.raw.FPDFBitmap_BGR else rgb)


def image_pages(data: bytes) -> Iterator[np.ndarray]:
    """Grayscale arrays of the frames of an image file (a TIFF may hold several pages)."""
    with Image.open(io.BytesIO(data)) as img:
        for frame in ImageSequence.Iterator(img):
            rgb = np.asarray(frame.convert("RGB"))
            scale = PAGE_WIDTH / rgb.shape[1]
            method = cv2.INTER_AREA if scale < 1 else cv2.INTER_CUBIC
            yield clean(cv2.resize(rgb, None, fx=scale, fy=scale, interpolation=method))


def clean(rgb: np.ndarray) -> np.ndarray:
    """The red channel of an RGB page (red seals vanish), deskewed."""
    gray = np.ascontiguousarray(rgb[:, :, 0]) if rgb.ndim == 3 else rgb
    return deskew(gray)


def skew_angle(gray: np.ndarray) -> float:
    """The page's skew in degrees (counter-clockwise positive), from the sharpness of its row profile:
    coarse steps on the page at half size, fine steps on the page itself (0.05° is ≈ 1 px across it; a
    table's ruling lines 0.4° off over its width break into spurious rows)."""
    whole = _skew_ink(gray)
    if whole.sum() < 50:
        return 0.0
    half = _skew_ink(cv2.resize(gray, None, fx=0.5, fy=0.5, interpolation=cv2.INTER_AREA))
    coarse = np.arange(-_SKEW_RANGE, _SKEW_RANGE + 1e-9, _SKEW_COARSE)
    best = max(coarse, key=lambda angle: _sharpness(half, angle))
    fine = np.arange(best - _SKEW_COARSE, best + _SKEW_COARSE + 1e-9, _SKEW_FINE)
    return round(float(max(fine, key=lambda angle: _sharpness(whole, angle))), 2)


def _skew_ink(gray: np.ndarray) -> np.ndarray:
    paper = float(np.percentile(gray[::2, ::2], 75))
    return (gray < paper - _SKEW_INK).astype(np.float32)


def _sharpness(ink: np.ndarray, angle: float) -> float:
    """How sharp the row profile of `ink` is once rotated by `angle` (text lines and rulings level)."""
    h, w = ink.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    rows = cv2.warpAffine(ink, m, (w, h), flags=cv2.INTER_LINEAR).sum(axis=1)
    return float(np.square(np.diff(rows)).sum())


def deskew(gray: np.ndarray) -> np.ndarray:
    """The page rotated back by its skew (white fills the corners)."""
    angle = skew_angle(gray)
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
