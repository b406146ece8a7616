"""Reading pictures of reports offline: scanned PDF pages, image files, and the table images of saved web
pages and Word files (the optional extra `[ocr]`).

    image    PDF pages rasterised (PDFium) and image files as grayscale arrays; red seals dropped; deskewed
    grid     tables found from their ruling lines: rows, columns, merged cells
    layout   a page's table cells and running text cut into single lines and recognised
    engine   the recogniser (PP-OCRv4 on onnxruntime, one thread, CPU), with each character's probability

Every OCR'd table keeps each cell's `Reading` (its least character probability, and the texts a changed
digit would give; a blank cell, one without ink, has probability 1); `checks.ocr` turns them, with the
tables' identities, into flagged cells.

`mode()` is how much to OCR (environment `DISCLOSURE_ANALYSIS_OCR`, set by the commands' `--ocr`):
`auto` (default) OCRs only what has no text layer, `force` every PDF page and picture, `off` nothing
(such inputs stay `needs_ocr`). Without the extra installed, `auto` is `off` and `needs_ocr` says how to
install it.
"""

from __future__ import annotations

import os
from importlib.util import find_spec
from typing import TYPE_CHECKING

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Block, Document, Paragraph, Reading, Table

if TYPE_CHECKING:
    import numpy as np

MODES = ("auto", "off", "force")
ENV = "DISCLOSURE_ANALYSIS_OCR"
INSTALL = "pip install 'disclosure-analysis[ocr]'"


def available() -> bool:
    """True when the `[ocr]` extra (onnxruntime, OpenCV and the models' wheel) is installed."""
    return all(find_spec(name) is not None for name in ("onnxruntime", "cv2", "rapidocr_onnxruntime"))


def mode() -> str:
    """The OCR mode in force: `auto`, `off` or `force` (see the module's docstring)."""
    value = os.environ.get(ENV, "auto").strip().lower() or "auto"
    if value not in MODES:
        raise ReportError("internal_error", f"{ENV}={value!r}：OCR 模式只能是 auto、off 或 force")
    return value


def enabled() -> bool:
    """True when pictures are to be read (mode auto or force, and the extra installed)."""
    return mode() != "off" and available()


def refuse(source: str, what: str) -> ReportError:
    """The `needs_ocr` error for an input that only OCR could read, saying why it was not."""
    if mode() == "off":
        return ReportError("needs_ocr", f"{source}: {what}，需要先做 OCR 才能提取（OCR 已关闭：--ocr off）")
    return ReportError("needs_ocr", f"{source}: {what}，需要先做 OCR 才能提取；安装 OCR 组件：{INSTALL}")


def pdf_pages_to_read(source: str, count: int, scanned: list[int], no_text_layer: bool) -> list[int]:
    """Which pages of a PDF to OCR: those without text but with pictures (`scanned`), every page under
    `force`; raises `needs_ocr` for a PDF without a text layer that is not to be OCR'd."""
    if enabled():
        return list(range(count)) if mode() == "force" else scanned
    if no_text_layer and scanned:
        raise refuse(source, "PDF 没有文本层（扫描件）")
    return []


def read_pdf_pages(data: bytes, numbers: list[int]) -> dict[int, list[Block]]:
    """The blocks of the given pages of a PDF, read by OCR."""
    if not numbers:
        return {}
    import pypdfium2 as pdfium

    from disclosure_analysis.ingest.readers.ocr.image import pdf_pages

    pdf = pdfium.PdfDocument(data)
    try:
        return {number: page_blocks(gray, number) for number, gray in pdf_pages(pdf, numbers)}
    finally:
        pdf.close()


def read_image(data: bytes, source: str, kind: str) -> Document:
    """An image file (each frame a page) read by OCR; `kind` names the format for messages."""
    if not enabled():
        raise refuse(source, f"这是一张 {kind} 图片，不是文字报告")
    return Document(source=source, kind="image", blocks=picture_blocks(data, source, kind), read_by="ocr")


def picture_blocks(data: bytes, source: str, kind: str, page: int | None = 0) -> list[Block]:
    """The blocks of a picture (each frame a page, numbered from `page`; None: a picture in a page that
    has no page numbers). Raises `too_large` or `corrupt_file` for a picture that cannot be decoded."""
    from PIL import Image, UnidentifiedImageError

    from disclosure_analysis.ingest.readers.ocr.image import image_pages

    blocks: list[Block] = []
    try:
        for number, gray in enumerate(image_pages(data)):
            blocks.extend(page_blocks(gray, None if page is None else page + number))
    except Image.DecompressionBombError as exc:
        raise ReportError("too_large", f"{source}: {kind} 图片的像素过多，超过上限，不读取") from exc
    except (OSError, UnidentifiedImageError, ValueError, SyntaxError) as exc:  # its text may hold an object's address
        raise ReportError("corrupt_file", f"{source}: {kind} 图片已损坏，无法解码") from exc
    return blocks


def page_blocks(gray: np.ndarray, number: int | None) -> list[Block]:
    """One grayscale page → its tables and lines, top to bottom."""
    from disclosure_analysis.ingest.readers.ocr.layout import read_page

    page = read_page(gray)
    placed: list[tuple[int, Block]] = [(top, Paragraph(text, page=number)) for top, text in page.lines]
    for table in page.tables:
        keep = [r for r, row in enumerate(table.texts) if any(c is not None for c in row)]
        rows = tuple(tuple(table.texts[r]) for r in keep)
        readings = tuple(
            tuple(
                None if text is None else cell_reading(found) if found else Reading(1.0)
                for text, found in zip(table.texts[r], table.readings[r], strict=True)
            )
            for r in keep
        )
        placed.append((table.top, Table(rows=rows, page=number, readings=readings)))
    placed.sort(key=lambda x: x[0])
    return [block for _, block in placed]


def cell_reading(found: list) -> Reading:
    """A cell's `Reading` from the recognised lines of its text: the least probability of any character,
    and, for a one-line cell, each text that one digit's runner-up would give."""
    confidence = min(r.confidence for r in found)
    alternatives: list[str] = []
    if len(found) == 1:
        text = found[0].text
        for i, other in enumerate(found[0].runner_up):
            if other is not None:
                alternatives.append(text[:i] + other + text[i + 1 :])
    return Reading(round(confidence, 3), tuple(alternatives))
