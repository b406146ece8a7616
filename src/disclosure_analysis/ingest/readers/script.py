"""Reports printed in traditional characters (繁体字, e.g. a Big5 page) are read as simplified text, so that
their titles, headings and table labels match the formats, which are written in simplified characters.

A document counts as traditional when at least `MIN_SHARE` of its Chinese characters are ones that only
the traditional script uses (OpenCC's t2s table says which); a simplified report that quotes a few such
characters is left as it is. Only text changes: digits and every number stay as printed.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import cache

from disclosure_analysis.ingest.document import Document, Paragraph, Table

MIN_SHARE = 0.03  # a traditional report has ≈ 30 % of them, a simplified one none or a few
MIN_CHARACTERS = 10
#: characters common in any report that only the traditional script writes so: a document with none of
#: them is simplified, and OpenCC is not loaded for it
_COMMON_TRADITIONAL = frozenset("與於為國會報開關這們時來說對經發處門問題資訊區縣機構際條例統計數據網頁")
_HAN = re.compile(r"[\u3400-\u9fff]")
NOTE = "原文为繁体字，已转换为简体字后读取（数字按原样）"


def simplified(doc: Document) -> Document:
    """`doc` with its text in simplified characters when it is printed in traditional ones, else `doc`."""
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    texts += [c for b in doc.blocks if isinstance(b, Table) for row in b.rows for c in row if c]
    counts = Counter(_HAN.findall("".join(texts)))
    if not _COMMON_TRADITIONAL.intersection(counts):
        return doc
    convert = _converter().convert
    distinct = "".join(counts)
    changed = sum(counts[a] for a, b in zip(distinct, convert(distinct), strict=False) if a != b)
    if changed < MIN_CHARACTERS or changed < MIN_SHARE * sum(counts.values()):
        return doc
    blocks = [
        replace(b, text=convert(b.text)) if isinstance(b, Paragraph)
        else replace(b, rows=tuple(tuple(c and convert(c) for c in row) for row in b.rows))
        for b in doc.blocks
    ]
    return replace(doc, blocks=blocks, meta={k: convert(v) for k, v in doc.meta.items()}, notes=[*doc.notes, NOTE])


@cache
def _converter():
    import opencc  # only for a document with traditional characters

    return opencc.OpenCC("t2s.json")
