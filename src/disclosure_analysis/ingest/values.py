"""Parsing of printed cell values: what a number cell says, never more.

Blank, "/", "—", "-", "无" and similar are *not printed* → null, never 0. Full-width digits, thousands
separators, signed changes ("+1036", "-8"), decimals and a number followed by a remark
("22（其中修订16件）") are understood; anything else is "not a value" (`is_value` False).

What a cell may hold depends on its field (`as_field`): a count is a whole number ≥ 0, a change a whole
number of either sign, an amount any number ≥ 0 in its column's unit. A printed number the field cannot
hold is never passed on as if it were one: it gives no value and a problem (the cell is then null and
flagged), except for an exact conversion of money units (3000元 → 0.3 万元), flagged as converted. A count
printed in 万 ("1.2万") is a rounded figure, not a count: it is no value (`ROUNDED`).
A number of more than `MAX_DIGITS` digits is read as a number (it is part of a row's values) but
never as a value. Digits parted by blanks are one number only when the blanks group thousands or space
out every character; otherwise they may be two cells' numbers run into one (`DIGITS_APART`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

#: a printed number with more digits than this before its decimal point is no value: 10^15 is exact in
#: float64 and int64 (every table column holds it), and no count or amount in a report comes near it
MAX_DIGITS = 15

# Fields (`as_field`) and the problems of a printed number in one.
COUNT, CHANGE, AMOUNT = "count", "change", "amount"
UNIT_CONVERTED = "unit_converted"  # an amount printed in another money unit, converted exactly (3000元 → 0.3 万元)
NOT_A_COUNT = "not_a_count"  # a count or change that is not a whole number (3.5) or a negative count
ROUNDED = "rounded"  # a count or change printed in 万 (1.2万): a rounded figure, not the count
UNIT_MISMATCH = "unit_mismatch"  # a unit the field cannot have (元 in a count, 件 in an amount)
OUT_OF_RANGE = "out_of_range"  # more than MAX_DIGITS digits, or a negative amount
#: digits parted by blanks that are neither a thousands grouping (1 234) nor three or more spaced-out
#: characters (1 2 3): "5 12", "0 0", "1579.5⏎7" may be one number or the numbers of two cells run into one
DIGITS_APART = "digits_apart"

_APART = re.compile(r"[+\-±]?\s*([\d.,]+(?:\s+[\d.,]+)+)")
_THOUSANDS = re.compile(r"\d{1,3}(?: \d{3})+(?:\.\d+)?")
_COUNT_UNITS = frozenset({"件", "条", "个", "项", "次"})
_MONEY = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}

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
    """A parsed cell: `value` is None for a printed null marker (or a blank), and for a number of more
    than `MAX_DIGITS` digits (`number` then holds it)."""

    value: float | int | None
    raw: str
    remark: str | None = None
    unit: str | None = None
    number: str | None = None  # the printed number, signed, without separators ("-1.2"); None for a null

    @property
    def is_null(self) -> bool:
        return self.number is None


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
    num = ("-" if m["sign"] == "-" else "") + m["num"].replace(",", "")
    value: float | int | None = None
    if len(num.lstrip("-").partition(".")[0]) <= MAX_DIGITS:
        value = float(num) if "." in num else int(num)
    return CellValue(value, raw.strip(), remark=m["remark"] or None, unit=m["unit"] or None, number=num)


def is_value(raw: str | None) -> bool:
    """True when the cell text is a number or a null marker (i.e. it belongs to the data part of a row)."""
    return parse_value(raw) is not None


_NUMBERING = re.compile(r"^[(\[]?\d{1,2}[)\].]?$")  # "1." "(1)": a row's numbering, part of its label
_NOT_NUMBERS = frozenset({"nan", "inf", "+inf", "-inf", "infinity", "+infinity", "-infinity"})


@lru_cache(maxsize=100_000)
def is_unreadable_number(raw: str | None) -> bool:
    """True for text in a number's place that is not a number: a spreadsheet's NaN, inf, 1e308, 3,5, a
    formula (=1+1, @SUM(A1)) or error (#REF!). Such text has no CJK character and has a digit or a
    formula or error mark; a row's numbering ("1.", "(1)") is not one."""
    if raw is None:
        return False
    text = normalize(raw)
    if not text or len(text) > 24 or any(ord(c) >= 0x2E80 for c in text) or _NUMBERING.match(text):
        return False
    return text.lower() in _NOT_NUMBERS or text[0] in "=@#" or any(c.isdigit() for c in text)


def as_field(
    parsed: CellValue, field: str, unit: str | None = None
) -> tuple[float | int | None, str | None, str | None]:
    """`(value, unit, problem)` of a printed number in a field (COUNT, CHANGE or AMOUNT): the value the
    field holds, or None with the problem (see the module docstring). `unit` is an AMOUNT column's unit
    (万元): an amount printed in another money unit is converted to it."""
    value, printed = parsed.value, parsed.unit
    if parsed.number is None:
        return None, printed, None
    if digits_apart(parsed.raw):
        return None, printed, DIGITS_APART
    if value is None:
        return None, printed, OUT_OF_RANGE
    if field == AMOUNT:
        if value < 0:
            return None, printed, OUT_OF_RANGE
        if printed in _COUNT_UNITS:
            return None, printed, UNIT_MISMATCH
        if unit is None or printed in (None, "万", unit):  # 1.2万 in a 万元 column is 1.2 万元
            return value, printed, None
        return _plain(Decimal(parsed.number) * _MONEY[printed] / _MONEY[unit]), unit, UNIT_CONVERTED
    if printed in _MONEY:
        return None, printed, UNIT_MISMATCH
    if printed == "万":
        return None, printed, ROUNDED
    if not float(value).is_integer() or (field == COUNT and value < 0):
        return None, printed, NOT_A_COUNT
    if abs(value) >= 10**MAX_DIGITS:
        return None, printed, OUT_OF_RANGE
    return value, printed, None


def digits_apart(raw: str) -> bool:
    """Whether a printed number's digits are parted by blanks that make it one number or two (see
    `DIGITS_APART`)."""
    m = _APART.match(unicodedata.normalize("NFKC", raw).strip())
    if m is None:
        return False
    groups = m.group(1).split()
    spaced_out = len(groups) >= 3 and all(len(g) == 1 for g in groups)
    return not (spaced_out or _THOUSANDS.fullmatch(" ".join(groups)))


def _plain(number: Decimal) -> float | int:
    """A Decimal as the int or float `parse_value` would give for it printed plainly."""
    return int(number) if number == number.to_integral_value() else float(number)


def cjk_number(text: str) -> int | None:
    """Convert a small Chinese numeral (一 … 九十九) to int; None if it is not one."""
    digits = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not text or any(c not in digits and c != "十" for c in text):
        return None
    if "十" not in text:
        return int("".join(str(digits[c]) for c in text))
    tens, _, ones = text.partition("十")
    return (digits[tens] if tens else 1) * 10 + (digits[ones] if ones else 0)
