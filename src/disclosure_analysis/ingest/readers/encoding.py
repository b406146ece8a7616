"""Decoding bytes of text and HTML inputs: BOMs, declared charsets, then detection — never a blind guess."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from disclosure_analysis.errors import ReportError

_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
# Chinese legacy encodings are all decoded with their superset.
_SUPERSET = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "hz": "gb18030"}


def decode_text(data: bytes, source: str, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises ReportError('binary_junk') when the bytes are not text."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data.decode(enc), enc
    if b"\x00" in data[:4096]:
        raise ReportError("binary_junk", f"{source}: 文件含有二进制内容，不是文本、网页、Word 或 PDF 格式的报告")
    candidates = [_SUPERSET.get(declared.lower(), declared)] if declared else []
    candidates.append("utf-8")
    for enc in candidates:
        try:
            return data.decode(enc), enc
        except (UnicodeDecodeError, LookupError):
            continue
    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise ReportError("binary_junk", f"{source}: 无法识别文件的文字编码，内容可能已损坏或不是文本")
    enc = _SUPERSET.get(best.encoding.lower(), best.encoding)
    text = data.decode(enc, errors="replace")
    if text.count("\ufffd") > max(10, len(text) // 100) or _control_ratio(text) > 0.05:
        raise ReportError("binary_junk", f"{source}: 文件内容无法按文字解码（疑似乱码或二进制文件）")
    return text, enc


def _control_ratio(text: str) -> float:
    sample = text[:20_000]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f")
    return bad / len(sample)
