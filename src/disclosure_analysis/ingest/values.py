"""Parsing of printed cell values: what a number cell says, never more.

Blank, "/", "—", "-", "无" and similar are *not printed* → null, never 0. Full-width digits, thousands
separators, signed changes ("+1036", "-8"), decimals and a number followed by a remark
("22（其中修订16件）") are understood; anything else is "not a value" (`is_value` False).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Printed markers meaning "nothing to report here" (a null, not a zero).
NULL_MARKERS = frozenset(
    {"", "/", "／", "\\", "—", "——", "-", "--", "－", "–", "―", "─", "无", "空", "暂无", "不涉及", "*", "×",
     "null", "none", "n/a", "na"}
)

_NUMBER = re.compile(
    r"""^(?P<sign>[+\-±])?\s*
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)
    \s*(?P<unit>万元|亿元|元|件|条|个|项|次|万)?
    \s*(?P<remark>[（(\[【].*)?$""",
    re.VERBOSE | re.DOTALL,
)


@dataclass(frozen=True)
class CellValue:
    """A parsed cell: `value` is None for a printed null marker (or a blank)."""

    value: float | int | None
    raw: str
    remark: str | None = None
    unit: str | None = None

    @property
    def is_null(self) -> bool:
        return self.value is None


_SPACE = re.compile(r"\s+")
_DASHES = re.compile(r"[/／\\—\-－–―─_]+")


def normalize(text: str) -> str:
    """NFKC (full-width digits and punctuation to ASCII) and whitespace removed."""
    return _SPACE.sub("", unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=100_000)
def parse_value(raw: str | None) -> CellValue | None:
    """Parse a printed cell. Returns None when the text is not a value at all (e.g. a label)."""
    if raw is None:
        return CellValue(None, "")
    text = normalize(raw)
    if text.lower() in NULL_MARKERS or _DASHES.fullmatch(text):
        return CellValue(None, raw.strip())
    m = _NUMBER.match(text)
    if not m:
        return None
    num = m["num"].replace(",", "")
    value: float | int = float(num) if "." in num else int(num)
    if m["sign"] == "-":
        value = -value
    remark = m["remark"] or None
    return CellValue(value, raw.strip(), remark=remark, unit=m["unit"] or None)


def is_value(raw: str | None) -> bool:
    """True when the cell text is a number or a null marker (i.e. it belongs to the data part of a row)."""
    return parse_value(raw) is not None


def cjk_number(text: str) -> int | None:
    """Convert a small Chinese numeral (一 … 九十九) to int; None if it is not one."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(digits[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
