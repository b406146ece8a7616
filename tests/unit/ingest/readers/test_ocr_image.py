"""Deskewing a scanned page: the skew of a ruled table, rotated by a known small angle, is measured to
within 0.1° (a table's ruling lines 0.4° off over its width already break into spurious rows)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from disclosure_analysis.ingest.readers import ocr

if not ocr.available():
    pytest.skip("the OCR extra is not installed (pip install 'disclosure-analysis[ocr]')", allow_module_level=True)


def _ruled_page(seal: bool) -> Image.Image:
    """An A4 page at 144 dpi: a heading, a ruled table of 24 rows × 8 columns with a number in each
    cell, and (if `seal`) a red seal over part of it."""
    page = Image.new("RGB", (1190, 1684), "white")
    draw = ImageDraw.Draw(page)
    draw.rectangle((150, 100, 700, 120), fill="black")
    x0, x1, y0, row = 140, 1050, 180, 29
    for r in range(25):
        draw.line((x0, y0 + r * row, x1, y0 + r * row), fill=(40, 40, 40), width=2)
    for c in range(9):
        x = x0 + c * (x1 - x0) // 8
        draw.line((x, y0, x, y0 + 24 * row), fill=(40, 40, 40), width=2)
    for r in range(24):
        for c in range(8):
            draw.text((x0 + c * (x1 - x0) // 8 + 40, y0 + r * row + 8), str((r * 7 + c * 3) % 40), fill="black")
    if seal:
        draw.ellipse((600, 420, 840, 660), outline=(220, 30, 30), width=8)
    return page


@pytest.mark.parametrize("seal", [False, True])
@pytest.mark.parametrize("angle", [-1.3, -0.6, -0.2, 0.0, 0.2, 0.4, 1.1])
def test_skew_measured_within_a_tenth_of_a_degree(angle: float, seal: bool) -> None:
    from disclosure_analysis.ingest.readers.ocr.image import skew_angle

    page = _ruled_page(seal).rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    gray = np.ascontiguousarray(np.asarray(page)[:, :, 0])
    assert abs(skew_angle(gray) + angle) <= 0.1, skew_angle(gray)
