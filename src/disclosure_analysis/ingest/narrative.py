"""Figures stated in the narrative (section 一 mostly), read with patterns — a quote is kept for each."""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure_analysis.ingest.values import normalize

_NUM = r"(\d{1,15}(?:\.\d+)?)"  # a longer digit run is no figure (`values.MAX_DIGITS`)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | int
    quote: str
    approximate: bool = False


# name -> patterns over whitespace-free text; the first group is the number, an optional "余|多" marks
# an approximate figure ("5500余条").
_PATTERNS: dict[str, tuple[str, ...]] = {
    "proactive_total": (
        r"(?:主动)?(?:公开|发布)(?:各类|各项)?(?:政府|政务)(?:信息|类信息)(?:共计?|总计|合计)?" + _NUM + r"(余|多)?(?:条|篇|件)",
        r"主动公开(?:各类)?信息(?:共计?)?" + _NUM + r"(余|多)?(?:条|篇)",
    ),
    "applications_received": (
        r"(?:收到|受理|接收|新收|办理)(?:各类)?(?:政府信息公开|依申请公开|依申请信息公开|信息公开)(?:申请)?(?:共计?|合计)?"
        + _NUM + r"(余|多)?件",
    ),
}


def figures(text: str) -> dict[str, Figure]:
    """The figures found in `text` (first match of each), approximate ones marked as such."""
    flat = normalize(text)
    out: dict[str, Figure] = {}
    for name, patterns in _PATTERNS.items():
        for pattern in patterns:
            m = re.search(pattern, flat)
            if not m:
                continue
            raw = m.group(1)
            value: float | int = float(raw) if "." in raw else int(raw)
            clause = max(flat.rfind(p, max(0, m.start() - 30), m.start()) for p in "，。；,;")
            start = clause + 1 if clause >= 0 else max(0, m.start() - 12)
            out[name] = Figure(name, value, flat[start : m.end()], approximate=bool(m.group(2)))
            break
    return out
