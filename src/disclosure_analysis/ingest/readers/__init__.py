"""One entry point for every input: `read_document` sniffs what a file is from its bytes (not its
extension) and hands it to the reader for that kind (`pdf`, `docx`, `html`, `text`, or `image`: read by
`ocr` when the OCR extra is installed and enabled)."""

from __future__ import annotations

import codecs
import hashlib
import io
import re
import zipfile
from pathlib import Path

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Document
from disclosure_analysis.ingest.readers.script import simplified

_SNIFF = 4096
# control bytes that never appear in text (tab, newlines, form feed and ESC excepted)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\x0c\x1b") + b"\x7f"
_BLANK = re.compile(rb"(?:\s|\xc2\xa0|\xe3\x80\x80)*")  # ASCII whitespace, NBSP, ideographic space
_MARKUP_START = re.compile(
    r"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|table|meta|title|div|p|center|font|span|style|script|link)\b",
    re.IGNORECASE | re.DOTALL,
)
_TAGS = re.compile(r"</?[a-z][a-z0-9]*\b[^<>]*>", re.IGNORECASE)
_MARKUP_NEAR_START = re.compile(r"<(?:!doctype\s+html|html|body)\b", re.IGNORECASE)
_PDF_HEADER = re.compile(rb"%PDF-\d")
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGES = {
    b"\x89PNG\r\n\x1a\n": "PNG",
    b"\xff\xd8\xff": "JPEG",
    b"GIF87a": "GIF",
    b"GIF89a": "GIF",
    b"II*\x00": "TIFF",
    b"MM\x00*": "TIFF",
}


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read one input file (or `data` already read from it) into a Document.

    Raises `ReportError` for inputs that cannot be read as a report: a file refused by `limits`
    (not_found, permission_denied, not_a_regular_file, too_large, zip_bomb, table_too_large), or
    empty_file, unsupported_type, binary_junk, needs_ocr, encrypted_pdf or corrupt_file.
    """
    path = Path(path)
    source = str(path)
    if data is None:
        data = limits.read_file(path)
    if len(data) > limits.MAX_FILE_BYTES:
        raise limits.too_large(source, len(data))
    kind = sniff(data, source)
    if kind == "pdf":
        from disclosure_analysis.ingest.readers.pdf import read
    elif kind == "docx":
        from disclosure_analysis.ingest.readers.docx import read
    elif kind == "html":
        from disclosure_analysis.ingest.readers.html import read
    elif kind == "image":
        from disclosure_analysis.ingest.readers.ocr import read_image

        return read_image(data, source, image_kind(data) or "")
    else:
        from disclosure_analysis.ingest.readers.text import read
    return simplified(read(data, source))


def content_sha256(path: str | Path, data: bytes | None = None) -> str | None:
    """A report's identity (the cache key, `report_id`): the sha256 of its bytes, and for a web page that
    shows local pictures, of them too (`pictures.digest`). None when the file cannot be read."""
    from disclosure_analysis.ingest.readers import html, pictures

    try:
        data = limits.read_file(Path(path)) if data is None else data
    except ReportError:
        return None
    try:
        if sniff(data, str(path)) == "html" and (shown := html.picture_sources(data)):
            return pictures.digest(data, Path(path).parent, shown)
    except ReportError:  # not a page, or one that cannot be decoded: its bytes are its identity
        pass
    return hashlib.sha256(data).hexdigest()


def sniff(data: bytes, source: str) -> str:
    """The kind of input ("pdf", "docx", "html", "image" or "text") judged from its bytes.

    Raises `ReportError` for empty input and for kinds no reader handles.
    """
    if _BLANK.fullmatch(data.removeprefix(codecs.BOM_UTF8)):
        raise ReportError(
            "empty_file", f"{source}: 文件为空（0 字节）" if not data else f"{source}: 文件只有空白，没有内容"
        )
    if _PDF_HEADER.search(data[:1024]):  # PDF readers accept junk before the header
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data, source)
    if data.startswith(_OLE):
        raise ReportError(
            "unsupported_type",
            f"{source}: 这是旧版 Office 文件（.doc/.xls）或加密的 Word 文档，暂不支持；请另存为 .docx 或 PDF",
        )
    if image_kind(data):
        return "image"
    if data.startswith(b"{\\rtf"):
        raise ReportError("unsupported_type", f"{source}: RTF 格式暂不支持，请另存为 .docx 或 PDF")
    text = _text_head(data, source)
    if _MARKUP_NEAR_START.search(text[:1024]):
        return "html"
    if _MARKUP_START.match(text) and _is_markup(text):
        return "html"
    return "text"


def image_kind(data: bytes) -> str | None:
    """The picture format of `data` ("PNG", "JPEG", "GIF", "TIFF") by its magic bytes, or None."""
    return next((name for magic, name in _IMAGES.items() if data.startswith(magic)), None)


def _is_markup(text: str) -> bool:
    """Markup beyond a stray tag at the start of a text report: a closing tag, or three tags."""
    tags = _TAGS.findall(text)
    return len(tags) >= 3 or any(tag.startswith("</") for tag in tags)


def _zip_kind(data: bytes, source: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise ReportError(
            "corrupt_file", f"{source}: 文件损坏：ZIP 压缩包（.docx 也是）不完整，无法打开"
        ) from exc
    if any(n.startswith("word/document") and n.endswith(".xml") for n in names):
        return "docx"
    what = "Excel 表格" if any(n.startswith("xl/") for n in names) else "ZIP 压缩包"
    raise ReportError(
        "unsupported_type", f"{source}: 这是{what}，不是 Word 文档；请提供报告本身（PDF、Word、网页或文本）"
    )


def _text_head(data: bytes, source: str) -> str:
    """The start of the file as text, or `binary_junk` when the bytes are not text in any encoding."""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) : _SNIFF].decode(encoding, errors="replace")
    sample = data[:_SNIFF]
    junk = f"{source}: 文件内容是二进制数据（乱码），不是 PDF、Word、网页或文本格式的报告"
    if b"\x00" in sample or sum(sample.count(b) for b in _CONTROL_BYTES) > len(sample) * 0.05:
        raise ReportError("binary_junk", junk)
    for encoding in ("utf-8", "gb18030", "big5"):
        text = sample.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(2, len(text) // 200):  # a cut multi-byte character at the end
            return text
    raise ReportError("binary_junk", junk)
