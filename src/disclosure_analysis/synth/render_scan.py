"""A report as a scanned PDF: the PDF rendering printed, stamped and scanned — pages rasterised at 150 dpi
with a slight rotation, a red seal over part of a table, grain and JPEG compression, and no text layer.

Deterministic: the rotation, the seal's place and the noise come from the report's agency and year.
"""

from __future__ import annotations

import hashlib
import io

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from disclosure_analysis.synth.model import Block
from disclosure_analysis.synth.render_pdf import render as render_pdf
from disclosure_analysis.synth.report import Report

DPI = 150
MAX_ROTATION = 1.5  # degrees either way
NOISE = 8.0  # standard deviation of the grain, in gray levels
JPEG_QUALITY = 70


def render(report: Report, blocks: list[Block]) -> bytes:
    """The report as an image-only PDF (see the module's docstring)."""
    seed = int.from_bytes(hashlib.sha256(f"scan|{report.agency.id}|{report.year}".encode()).digest()[:8], "big")
    rng = np.random.default_rng(seed)
    pdf = pdfium.PdfDocument(render_pdf(report, blocks))
    try:
        pages = [pdf[i].render(scale=DPI / 72).to_pil().convert("RGB") for i in range(len(pdf))]
    finally:
        pdf.close()
    scanned = [scan_page(page, rng, stamped=(n == min(1, len(pages) - 1))) for n, page in enumerate(pages)]
    out = io.BytesIO()
    scanned[0].save(out, format="PDF", save_all=True, append_images=scanned[1:], resolution=DPI, quality=JPEG_QUALITY)
    return out.getvalue()


def scan_page(page: Image.Image, rng: np.random.Generator, stamped: bool) -> Image.Image:
    """A printed page as scanned: a red seal if `stamped`, a slight rotation, grain."""
    if stamped:
        page = _stamp(page, rng)
    angle = float(rng.uniform(-MAX_ROTATION, MAX_ROTATION))
    page = page.rotate(angle, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    pixels = np.asarray(page, dtype=np.float32)
    pixels = pixels + rng.normal(0.0, NOISE, pixels.shape[:2])[..., None]
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8))


def _stamp(page: Image.Image, rng: np.random.Generator) -> Image.Image:
    """A red seal (a ring, a star and an inner ring), translucent, in the page's middle band."""
    w, h = page.size
    r = int(0.8 * DPI)
    cx, cy = int(rng.uniform(0.3, 0.7) * w), int(rng.uniform(0.3, 0.7) * h)
    seal = Image.new("RGBA", page.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    red = (220, 30, 30, 150)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=max(4, r // 12))
    draw.ellipse((cx - r * 2 // 3, cy - r * 2 // 3, cx + r * 2 // 3, cy + r * 2 // 3), outline=red, width=2)
    star = [(cx + r / 3 * np.cos(np.pi / 2 + k * 4 * np.pi / 5), cy - r / 3 * np.sin(np.pi / 2 + k * 4 * np.pi / 5)) for k in range(5)]
    draw.polygon(star, fill=red)
    return Image.alpha_composite(page.convert("RGBA"), seal).convert("RGB")
