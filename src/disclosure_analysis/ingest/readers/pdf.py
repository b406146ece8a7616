"""PDF reports: tables found by pdfplumber's table finder, running text as lines, in reading order.

Parsing a page's content stream with pdfminer (what `pdfplumber.open` does) costs about 0.15 s a page
for the WPS-made reports in the corpus, far too slow for a corpus of thousands. So PDFium (pypdfium2)
reads the page — characters with their boxes, and the straight segments of drawn paths — and
pdfplumber's own `TableFinder` and `Table.extract` run on those objects, through a small stand-in for
a pdfplumber page. The table finder runs only on pages that draw ruling lines.

Per page, blocks come top to bottom: each table found (a `Table`), or, when every row of a "table" has
at most one non-empty cell (a frame drawn around running text), one `Paragraph` per line of each row;
text outside the tables comes as one `Paragraph` per line. Cell text is kept as pdfplumber gives it (line breaks
inside a cell are "\\n"). Nothing else is dropped: page numbers ("- 1 -") come out as paragraphs.

Limits (`ingest.limits`): a page with more ruling segments than `MAX_PAGE_RULINGS` is refused before the
table finder intersects them, and the cells of each table found are counted (`table_too_large`).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
from pdfplumber.table import TableFinder
from pdfplumber.utils import cluster_objects, extract_words

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Block, Document, Paragraph, make_table
from disclosure_analysis.ingest.readers import ocr

#: a page with fewer non-blank characters than this (on average) has no usable text layer
MIN_CHARS_PER_PAGE = 20
#: PDF readers look for the %%EOF marker in the last 1024 bytes; a file without one there is truncated
_EOF_WINDOW = 1024
_AXIS_TOLERANCE = 0.01  # points: how far a segment may lean and still count as a ruling line
_TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
_NOT_DRAWN = {0, 0x0A, 0x0D, 0xFFFE, 0xFFFF}  # PDFium's markers, never a printed character
_INK_RATIO = 3  # a loose character box taller than this many times the glyph's ink gets checked
_SIZE_RATIO = 1.5  # ... and is wrong when taller than this many times the effective font size
_LINE_TOLERANCE = 3  # pdfplumber's default y tolerance for grouping characters into lines


@dataclass
class _Page:
    """The part of a `pdfplumber.Page` that `TableFinder` and `Table.extract` use, filled by PDFium."""

    bbox: tuple[float, float, float, float]
    chars: list[dict[str, Any]] = field(default_factory=list)
    edges: list[dict[str, Any]] = field(default_factory=list)
    images: int = 0


def read(data: bytes, source: str) -> Document:
    """Read a PDF report into a Document (one `page` number per block, 0-based)."""
    tail = data.rstrip(b"\x00\t\n\r\f ")[-_EOF_WINDOW:]
    if b"%%EOF" not in tail:
        raise ReportError(
            "corrupt_file",
            f"{source}: PDF 文件不完整——文件末尾没有 PDF 的结束标记，很可能下载或复制时被截断了",
        )
    pdf = _open(data, source)
    try:
        doc = Document(source=source, kind="pdf", meta=_meta(pdf))
        pages = [_load_page(pdf[i]) for i in range(len(pdf))]
    except pdfium.PdfiumError as exc:
        raise ReportError("corrupt_file", f"{source}: PDF 文件已损坏，有的页面读不出来（{exc}）") from exc
    finally:
        pdf.close()
    text_chars = [sum(1 for c in p.chars if not c["text"].isspace()) for p in pages]
    no_text_layer = sum(text_chars) < MIN_CHARS_PER_PAGE * max(len(pages), 1)
    scanned = [n for n, (p, k) in enumerate(zip(pages, text_chars, strict=True)) if k < MIN_CHARS_PER_PAGE and p.images]
    ocred = ocr.read_pdf_pages(data, ocr.pdf_pages_to_read(source, len(pages), scanned, no_text_layer))
    if no_text_layer and not scanned:
        doc.notes.append("PDF 里几乎没有可提取的文字，也没有图片（文字可能被转成了线条）")
    if ocred:
        doc.read_by = "ocr"
        doc.notes.append(f"第 {'、'.join(str(n + 1) for n in sorted(ocred))} 页由 OCR 识别（没有可用的文本层）")
    budget = limits.CellBudget(source)
    for number, page in enumerate(pages):
        if number in ocred:
            doc.blocks.extend(ocred[number])
            continue
        if number in scanned:
            doc.notes.append(
                f"第 {number + 1} 页几乎没有文字、只有图片（可能是扫描页），这一页的内容读不出来"
            )
        doc.blocks.extend(_page_blocks(page, number, budget))
    return doc


def _open(data: bytes, source: str) -> pdfium.PdfDocument:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if exc.err_code == pdfium_c.FPDF_ERR_PASSWORD:
            raise ReportError(
                "encrypted_pdf", f"{source}: PDF 设了打开密码（已加密），没有密码无法读取"
            ) from exc
        if exc.err_code == pdfium_c.FPDF_ERR_SECURITY:
            raise ReportError("encrypted_pdf", f"{source}: PDF 用了不支持的加密方式，无法读取") from exc
        raise ReportError("corrupt_file", f"{source}: PDF 文件已损坏或不是真正的 PDF，无法打开") from exc
    if len(pdf) == 0:
        pdf.close()
        raise ReportError("corrupt_file", f"{source}: PDF 文件已损坏：找不到任何页面")
    return pdf


def _meta(pdf: pdfium.PdfDocument) -> dict[str, str]:
    meta = {key: value.strip() for key, value in pdf.get_metadata_dict().items() if value and value.strip()}
    meta["page_count"] = str(len(pdf))
    return meta


def _load_page(page: pdfium.PdfPage) -> _Page:
    left, bottom, right, top = page.get_bbox()  # the visible page box (the others ignore inheritance)
    loaded = _Page(bbox=(0.0, 0.0, right - left, top - bottom))
    textpage = page.get_textpage()
    try:
        loaded.chars = _chars(textpage, left, top)
    finally:
        textpage.close()
    _walk_objects(page, loaded, left, top)
    page.close()
    return loaded


def _chars(textpage: pdfium.PdfTextPage, left: float, top: float) -> list[dict[str, Any]]:
    """Characters drawn on the page (not PDFium's generated spaces/line breaks), in pdfplumber's shape."""
    boxes = _CharBoxes(textpage.raw)
    chars: list[dict[str, Any]] = []
    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(boxes.raw, index)
        if code in _NOT_DRAWN or pdfium_c.FPDFText_IsGenerated(boxes.raw, index) == 1:
            continue
        box = boxes.get(index)
        if box is None:
            continue
        x0, x1 = box[0] - left, box[1] - left
        char_top, char_bottom = top - box[3], top - box[2]
        chars.append(
            {
                "text": chr(code),
                "x0": x0,
                "x1": x1,
                "top": char_top,
                "bottom": char_bottom,
                "doctop": char_top,
                "width": x1 - x0,
                "height": char_bottom - char_top,
                "upright": True,
            }
        )
    return chars


class _CharBoxes:
    """(left, right, bottom, top) of each character's line box in PDF space, reusing ctypes buffers.

    PDFium's "loose" box (font ascent to descent, like pdfminer's) is right for almost every character,
    but for some text objects it ignores the text matrix and comes out hundreds of points tall. A loose
    box much taller than the glyph's ink is checked against the effective font size; when it is wrong,
    the box is rebuilt from the baseline origin (ascent 0.88, descent 0.12 of the size, as in CJK fonts).
    """

    def __init__(self, raw: Any):
        self.raw = raw
        self.loose = pdfium_c.FS_RECTF()
        self.matrix = pdfium_c.FS_MATRIX()
        self.left, self.right, self.bottom, self.top = (ctypes.c_double() for _ in range(4))
        self.origin_x, self.origin_y = ctypes.c_double(), ctypes.c_double()

    def get(self, index: int) -> tuple[float, float, float, float] | None:
        raw, loose = self.raw, self.loose
        if not pdfium_c.FPDFText_GetCharBox(raw, index, self.left, self.right, self.bottom, self.top):
            return None
        left, right, bottom, top = self.left.value, self.right.value, self.bottom.value, self.top.value
        has_loose = pdfium_c.FPDFText_GetLooseCharBox(raw, index, loose)
        if has_loose and loose.top - loose.bottom <= _INK_RATIO * max(right - left, top - bottom, 1.0):
            return loose.left, loose.right, loose.bottom, loose.top
        m = self.matrix
        pdfium_c.FPDFText_GetMatrix(raw, index, m)
        size = pdfium_c.FPDFText_GetFontSize(raw, index) * abs(m.a * m.d - m.b * m.c) ** 0.5
        if has_loose and loose.top - loose.bottom <= _SIZE_RATIO * size:
            return loose.left, loose.right, loose.bottom, loose.top
        pdfium_c.FPDFText_GetCharOrigin(raw, index, self.origin_x, self.origin_y)
        x, y = self.origin_x.value, self.origin_y.value
        return min(left, x), max(right, x + size / 2), y - 0.12 * size, y + 0.88 * size


def _walk_objects(page: pdfium.PdfPage, loaded: _Page, left: float, top: float) -> None:
    """Collect ruling-line edges of path objects and count images, descending into form XObjects."""
    identity = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    count = pdfium_c.FPDFPage_CountObjects(page.raw)
    stack = [(pdfium_c.FPDFPage_GetObject(page.raw, i), identity) for i in reversed(range(count))]
    matrix = pdfium_c.FS_MATRIX()
    while stack:
        obj, outer = stack.pop()
        kind = pdfium_c.FPDFPageObj_GetType(obj)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            loaded.images += 1
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
            inner = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
            n = pdfium_c.FPDFFormObj_CountObjects(obj)
            stack.extend((pdfium_c.FPDFFormObj_GetObject(obj, i), inner) for i in reversed(range(n)))
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            loaded.edges.extend(_path_edges(obj, outer, left, top))


def _compose(m: tuple[float, ...], n: tuple[float, ...]) -> tuple[float, float, float, float, float, float]:
    """The matrix applying `m` first, then `n` (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    a2, b2, c2, d2, e2, f2 = n
    return (
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    )


def _path_edges(obj: Any, outer: tuple[float, ...], left: float, top: float) -> list[dict[str, Any]]:
    """Horizontal and vertical straight segments of a painted path, as pdfplumber edges."""
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill, stroke) or (fill.value == 0 and not stroke.value):
        return []  # an unpainted path draws nothing
    matrix = pdfium_c.FS_MATRIX()
    pdfium_c.FPDFPageObj_GetMatrix(obj, matrix)
    a, b, c, d, e, f = _compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), outer)
    x, y = ctypes.c_float(), ctypes.c_float()
    edges: list[dict[str, Any]] = []
    start = prev = None
    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e - left, top - (b * x.value + d * y.value + f))
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and prev is not None:
            edges.extend(_edge(prev, point))
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            edges.extend(_edge(point, start))
        prev = point
    return edges


def _edge(p: tuple[float, float], q: tuple[float, float]) -> list[dict[str, Any]]:
    x0, x1 = sorted((p[0], q[0]))
    top, bottom = sorted((p[1], q[1]))
    if x1 - x0 <= _AXIS_TOLERANCE and bottom - top <= _AXIS_TOLERANCE:
        return []  # a closing segment back to where the path already is
    if x1 - x0 <= _AXIS_TOLERANCE:
        orientation, x1 = "v", x0
    elif bottom - top <= _AXIS_TOLERANCE:
        orientation, bottom = "h", top
    else:
        return []
    return [
        {
            "object_type": "line",
            "orientation": orientation,
            "x0": x0,
            "x1": x1,
            "top": top,
            "bottom": bottom,
            "doctop": top,
            "width": x1 - x0,
            "height": bottom - top,
        }
    ]


def _page_blocks(page: _Page, number: int, budget: limits.CellBudget) -> list[Block]:
    """The page's tables and lines, top to bottom."""
    placed: list[tuple[float, Block]] = []
    boxes: list[tuple[float, float, float, float]] = []
    if _has_rulings(page):
        budget.rulings(len(page.edges), number)
        for table in TableFinder(page, _TABLE_SETTINGS).tables:
            budget.table(len(table.cells))
            box = table.bbox
            boxes.append(box)
            # `extract` tests every character of its page against every row: give it only its own
            table.page = _Page(page.bbox, chars=[c for c in page.chars if _centre_in(c, box)])
            rows = table.extract()
            if all(sum(1 for cell in row if cell) <= 1 for row in rows):  # a frame around text
                for row, found in zip(rows, table.rows, strict=True):
                    text = next((cell for cell in row if cell), "")
                    placed.extend(
                        (found.bbox[1], Paragraph(line.strip(), page=number))
                        for line in text.split("\n")
                        if line.strip()
                    )
            else:
                placed.append((box[1], make_table([list(row) for row in rows], page=number)))
    outside = [c for c in page.chars if not any(_centre_in(c, box) for box in boxes)]
    for top, text in _lines(outside):
        placed.append((top, Paragraph(text, page=number)))
    placed.sort(key=itemgetter(0))  # stable: the lines of one frame row keep their order
    return [block for _, block in placed]


def _has_rulings(page: _Page) -> bool:
    orientations = [e["orientation"] for e in page.edges]
    return orientations.count("h") >= 2 and orientations.count("v") >= 2


def _centre_in(char: dict[str, Any], box: tuple[float, float, float, float]) -> bool:
    x = (char["x0"] + char["x1"]) / 2
    y = (char["top"] + char["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def _lines(chars: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Group characters into lines the way pdfplumber's `extract_text` does; (top, text) per line."""
    words = extract_words(chars)
    out = []
    for line in cluster_objects(words, itemgetter("top"), _LINE_TOLERANCE):
        text = " ".join(word["text"] for word in line).strip()
        if text:
            out.append((min(word["top"] for word in line), text))
    return out
