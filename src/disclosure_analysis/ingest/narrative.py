"""Figures stated in the narrative, read with patterns — a quote is kept for each: the 主动公开 total and the
applications received (section 一 mostly), the 信息处理费 collected (section 六 mostly)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from disclosure_analysis.ingest.values import normalize

_NUM = r"(\d{1,3}(?:,\d{3})+|\d{1,15}(?:\.\d+)?)"  # 1,862 too; a longer digit run is no figure (`values.MAX_DIGITS`)


@dataclass(frozen=True)
class Figure:
    name: str
    value: float | int
    quote: str
    approximate: bool = False


# name -> patterns over whitespace-free text; the first group is the number, an optional "余|多" marks
# an approximate figure ("5500余条"). A pattern without a number states zero ("全年未收到…申请").
# 公开 after 依申请/不予/部分 is not proactive disclosure ("依申请公开政府信息86条").
_NOT_PROACTIVE = r"(?<!依申请)(?<!申请)(?<!不予)(?<!部分)"
_AMOUNT = r"(?:共计?|总计|合计|总数|数量|总量)?(?:为|达到?)?"  # "…信息共计" "…信息总数为" before the number
_QUALIFIER = r"(?:(?!复议|诉讼|其中|结转|上年)[^,，。；;:：\d]){0,16}?"  # who applied ("公民、法人和其他组织提出的")
_PATTERNS: dict[str, tuple[str, ...]] = {
    "proactive_total": (
        _NOT_PROACTIVE + r"(?:主动)?(?:公开|发布)(?:各类|各项)?(?:政府|政务)(?:信息|类信息)" + _AMOUNT
        + _NUM + r"(余|多)?(?:条|篇|件)",
        r"主动公开(?:各类)?信息" + _AMOUNT + _NUM + r"(余|多)?(?:条|篇)",
        _NOT_PROACTIVE + r"(?:主动)?(?:公开|发布)(?:各类|各项)?" + _NUM + r"(余|多)?条(?:政府|政务)信息",
        r"主动公开[\u4e00-\u9fff]{1,4}?(?:政府|政务)(?:信息|类信息)" + _AMOUNT + _NUM + r"(余|多)?(?:条|篇)",
        r"主动公开[^,，。；;:：\d]{1,20}?等各类(?:政府|政务)?信息" + _AMOUNT + _NUM + r"(余|多)?(?:条|篇)",
    ),
    "applications_received": (
        r"(?:收到|受理|接收|接到|新收|办理)(?:各类)?(?:政府信息公开|依申请公开|依申请信息公开|信息公开)(?:申请|事项)?"
        + r"(?:共计?|合计)?" + _NUM + r"(余|多)?件",
        r"(?:收到|受理|接收|接到)" + _QUALIFIER + r"(?:政府信息公开|依申请公开|信息公开)申请(?:共计?|合计)?" + _NUM + r"(余|多)?件",
        r"(?:收到|受理|接收|接到)(?:各类)?" + _NUM + r"(余|多)?件(?:政府信息公开|依申请公开|信息公开)?申请",
        r"(?:收到|受理|接收|接到)(?:群众|公民|个人|申请人)?申请公开政府信息(?:的申请)?(?:共计?)?" + _NUM + r"(余|多)?件",
        r"(?:未|没有)收到(?:过)?(?:任何|有关)?(?:要求公开政府信息|政府信息公开|信息公开|依申请公开)的?申请",
        r"(?:^|[,，。；;])(?:全年|本年度?|今年)?(?:我[局委办区县市镇乡]|本机关)?(?:无|没有)(?:政府信息公开申请|依申请公开(?:事项|申请))",
    ),
}
_SENTENCE = "。；;！？"
#: a count of applications that includes last year's carried over ones ("38件（含上年结转2件）") is not the
#: year's new applications that 表三 本年新收 holds
_WITH_CARRY_OVER = re.compile(r"[（(]?(?:其中)?(?:含|包括|包含)(?:上年度?|上一年度?|往年|以前年度)?结转")


def figures(text: str) -> dict[str, Figure]:
    """The figures found in `text` (first match of each), approximate ones marked as such. A figure
    for a part ("…，其中通过政府网站公开1200条") is not taken for the total."""
    flat = normalize(text)
    out: dict[str, Figure] = {}
    for name, patterns in _PATTERNS.items():
        m = next(
            (m for p in patterns for m in re.finditer(p, flat) if not _part(flat, m.start()) and not _aside(name, flat, m)),
            None,
        )
        if m is None:
            continue
        raw = m.group(1).replace(",", "") if m.re.groups else "0"
        value: float | int = float(raw) if "." in raw else int(raw)
        out[name] = Figure(name, value, _quote(flat, m), approximate=m.re.groups > 1 and bool(m.group(2)))
    return out


#: a channel other than the portal named before a proactive figure ("通过政务微博发布政务信息230条",
#: "在政府公报上发布…12条"): the figure is that channel's, not the year's total. Reports state their total
#: through the portal ("通过…门户网站主动公开政府信息16条", "在政府网站平台…1136条"), and several channels
#: together ("通过网站、新媒体等渠道") state it too.
_ONE_CHANNEL = re.compile(
    r"(?:通过|在|依托|利用|借助)[^，。；,;]{0,20}?"
    r"(?:微博|微信|公众号|公报|新媒体|客户端|APP|报刊|报纸|广播|电视|公开栏|头条号?|抖音|视频号)"
)
_SEVERAL_CHANNELS = re.compile(r"等(?:各类)?(?:渠道|平台|方式|载体|途径|媒体|形式)")


def _one_channel(flat: str, m: re.Match[str]) -> bool:
    """True when the clause before a figure names the one channel it was published through."""
    clause = max(flat.rfind(p, 0, m.start()) for p in "，。；,;：:") + 1
    before = flat[clause : m.start()]
    return bool(_ONE_CHANNEL.search(before)) and not _SEVERAL_CHANNELS.search(before)


def _aside(name: str, flat: str, m: re.Match[str]) -> bool:
    """True when a match states another figure than `name`'s: applications including those carried over,
    or what one channel published."""
    if name == "applications_received":
        return bool(_WITH_CARRY_OVER.match(flat, m.end()))
    return _one_channel(flat, m)


def _quote(flat: str, m: re.Match[str]) -> str:
    """The clause a figure was read from: from the punctuation before it (at most 30 characters back)."""
    clause = max(flat.rfind(p, max(0, m.start() - 30), m.start()) for p in "，。；,;")
    start = clause + 1 if clause >= 0 else max(0, m.start() - 12)
    return flat[start : m.end()]


def _part(flat: str, pos: int) -> bool:
    """True when the figure at `pos` follows "其中" and a qualifier in its sentence (a part of a total
    stated before it); "…总数330条，其中主动公开政府信息90条" states the proactive total itself."""
    sentence = max(flat.rfind(p, 0, pos) for p in _SENTENCE) + 1
    q = flat.rfind("其中", sentence, pos)
    return q >= 0 and bool(flat[q + 2 : pos].strip("，,：:"))


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
        return Figure("info_processing_fee", value, _quote(flat, m))
    return None
