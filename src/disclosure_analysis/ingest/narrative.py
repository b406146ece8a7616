"""Figures stated in the narrative, read with patterns — a quote is kept for each: the 主动公开 total and the
applications received (section 一 mostly), the 信息处理费 collected (section 六 mostly)."""

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


#: 信息处理费 collected (条例 art. 42; 国办函〔2020〕109号): "收取政府信息公开信息处理费3940元", "…共计380元"
_FEE = r"收取(?:了)?(?:政府)?(?:信息公开)?(?:信息)?处理费(?:共计|合计|总计|共|计)?" + _NUM + r"(万)?元"
#: a stated zero: "未收取信息公开处理费"; in section 六 also "未发生收费情况"
_NO_FEE = r"(?:未|没有)(?:收取|产生|发生)(?:任何)?(?:政府)?(?:信息公开)?(?:信息)?处理费"
_NO_FEE_SIX = r"(?:未|没有)(?:收取|产生|发生)(?:任何)?(?:政府信息公开)?(?:的)?(?:收费|费用)"


def fee(section_six: str, elsewhere: str = "") -> Figure | None:
    """The 信息处理费 collected, in 元, as stated in section 六 (else in `elsewhere`, the other sections,
    where only a sentence naming the 处理费 counts); None when no sentence states it. "未收取" is 0."""
    for text, patterns in ((section_six, (_FEE, _NO_FEE, _NO_FEE_SIX)), (elsewhere, (_FEE, _NO_FEE))):
        flat = normalize(text)
        found = [(m.start(), pattern, m) for pattern in patterns if (m := re.search(pattern, flat))]
        if not found:
            continue
        _, pattern, m = min(found, key=lambda f: f[0])
        value: float | int = 0
        if pattern == _FEE:
            raw = m.group(1)
            value = float(raw) if "." in raw else int(raw)
            if m.group(2):  # 万元 → 元
                value = round(value * 10000, 2)
                value = int(value) if float(value).is_integer() else value
        clause = max(flat.rfind(p, max(0, m.start() - 30), m.start()) for p in "，。；,;")
        start = clause + 1 if clause >= 0 else max(0, m.start() - 12)
        return Figure("info_processing_fee", value, flat[start : m.end()])
    return None
