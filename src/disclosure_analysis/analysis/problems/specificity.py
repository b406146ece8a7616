"""How concrete a section 五 is, built from the concrete content of its statements.

Each statement (problem, measure or rectification; framing sentences do not count) is searched for concrete
details of six parts:

    action       a named activity or product: 座谈会, 听证会, 问卷调查, 在线访谈, 答记者问, 短视频, 图解,
                 跟班学习, 案例, 模板 …, or a name in quotes that a thing noun follows (“阅办联动”机制)
    platform     a named channel: 门户网站, 微信公众号, 政府公报, 查阅点, 政务公开专区, 热线, 公开栏 …
    date         a deadline or date: 年底前, 6月底前, 3个工作日内, 限期, 截至 …
    number       a number other than a year, a count in words (一名, 两次) or a frequency (每月, 每季度)
    unit         a responsible unit: 由县政务办牵头, 会同财政局, 领导小组
    deliverable  something to be made: 编制…模板, 制定…清单, 出台《…》

Slogans in quotes (“公开是常态、不公开是例外”, “应报尽报”), citations (《中华人民共和国政府信息公开条例》,
按照《条例》) and generic verbs (加强, 推进, 提升, 完善) match none of these and count for nothing.

    statement score = min(d, 2) / 2      d = distinct details found in the statement
    specificity     = mean statement score over the section's problems, measures and rectifications

0 for a section of slogans and generic verbs only; 1 when every statement names at least two concrete
details; None when the section has no such statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from disclosure_analysis.analysis.problems import cues
from disclosure_analysis.analysis.problems.segment import segment

COUNTED = ("problem", "measure", "rectification")
ENOUGH = 2  # details that make a statement fully concrete
PART_NAMES = {
    "action": "具体活动", "platform": "具体平台", "date": "时间期限", "number": "数字频次",
    "unit": "责任单位", "deliverable": "成果产出",
}
_NUM = r"(?:\d+|[一二三四五六七八九十两百千]+)"
_THING = (
    r"(?:机制|平台|专栏|栏目|短视频|视频|公众号|系统|行动|活动|品牌|模式|试点|工程|清单|服务|专区|小程序|热线|"
    r"讲堂|课堂|大讲堂|库|模板|指南|手册|项目)"
)
PARTS: dict[str, re.Pattern[str]] = {
    "action": re.compile(
        r"座谈会|听证会|论证会|协商会|问卷调查|调查问卷|网上调查|民意调查|在线访谈|答记者问|新闻发布会|发布会|吹风会"
        r"|政府开放日|开放日|培训班|专题培训|专项培训|跟班学习|以会代训|短视频|视频解读|动漫解读|图解|一图读懂|H5|直播"
        r"|案例|模板|专项检查|抽查|第三方评估|约谈|列席|意见征集|征求意见|专家解读|“[^”“]{2,12}”" + _THING
    ),
    "platform": re.compile(
        r"门户网站|政府网站|政务新媒体|新媒体|微信公众号|公众号|政务微博|微博|政府公报|查阅点|查阅场所|政务公开专区|专区|热线|12345"
        r"|客户端|[Aa][Pp][Pp]|小程序|视频号|抖音|公开栏|宣传栏|公告栏|电子屏|显示屏|档案馆|图书馆|便民服务中心"
        r"|政务服务中心|服务大厅"
    ),
    "date": re.compile(
        rf"{_NUM}\s*个?(?:工作日|日|天|周|月|季度)(?:内|以内)|(?:年底|年末|月底|季度末|\d{{1,2}}\s*月(?:底|\d{{1,2}}\s*日)?)前?"
        r"|年内|上半年|下半年|限期|截至|截止"
    ),
    "number": re.compile(
        r"(?<![\d.])(?!(?:19|20)\d{2}\s*年)\d+(?:\.\d+)?%?(?![\d.])"
        r"|(?<![第其])[一二三四五六七八九十两]+(?:名|次|期|篇|场|个|项|批|家|条|件|人|所|类)(?!是)"
        r"|每(?:日|天|周|月|季度?|半年|年)|按(?:月|季度?|周)"
    ),
    "unit": re.compile(
        r"(?:由|责成|会同|联合|牵头单位为?|责任单位为?|负责部门为?)[：:]?[\u4e00-\u9fff]{2,16}?"
        r"(?:办公室|政务办|办|局|委员会|委|中心|科|处|室|所|站|部|小组)(?!人员|工作人员)|领导小组|组长"
    ),
    "deliverable": re.compile(
        r"(?:制定|出台|印发|编制|编写|制作|修订|汇编|建立)[^，。；;]{0,24}?"
        r"(?:清单|模板|指南|手册|台账|案例库|汇编|方案|细则|目录)"
        r"|(?:制定|出台|印发|编制|修订|发布)了?《[^》]{2,40}》"
    ),
}


@dataclass(frozen=True)
class Details:
    """The concrete details of one statement, per part (distinct, in text order)."""

    parts: dict[str, tuple[str, ...]]

    @property
    def count(self) -> int:
        return sum(len(found) for found in self.parts.values())

    @property
    def score(self) -> float:
        return min(self.count, ENOUGH) / ENOUGH

    def text(self) -> str:
        """`part=detail+detail; part=detail` (empty when none)."""
        return "; ".join(f"{p}={'+'.join(found)}" for p, found in self.parts.items())


@dataclass(frozen=True)
class Specificity:
    score: float | None  # None without a problem, measure or rectification
    statements: int  # the statements counted
    concrete: int  # of these, statements with at least `ENOUGH` details
    parts: dict[str, tuple[str, ...]]  # every part's distinct details over the section, in part order


@lru_cache(maxsize=100_000)
def details(text: str) -> Details:
    """The concrete details of a statement; a detail inside another counts once (the 6 of 6月底前)."""
    flat = "".join(text.split())
    if (m := cues.MARKER.match(flat)) is not None:
        flat = flat[m.end() :]  # the enumerator (1、 / （2）) is no number
    found = sorted(
        ((d.start(), d.end(), part, d.group()) for part, p in PARTS.items() for d in p.finditer(flat)),
        key=lambda f: (f[0], -f[1]),
    )
    kept: list[tuple[int, int, str, str]] = []
    for f in found:
        if not kept or f[0] >= kept[-1][1]:
            kept.append(f)
    parts: dict[str, tuple[str, ...]] = {}
    for part in PARTS:
        own = tuple(dict.fromkeys(g for _, _, p, g in kept if p == part))
        if own:
            parts[part] = own
    return Details(parts)


def specificity(statements: Iterable[tuple[str, str]]) -> Specificity:
    """The specificity of a section from its statements as (kind, text)."""
    counted = [details(text) for kind, text in statements if kind in COUNTED]
    if not counted:
        return Specificity(None, 0, 0, {})
    parts = {
        part: tuple(dict.fromkeys(d for found in counted for d in found.parts.get(part, ())))
        for part in PARTS
    }
    return Specificity(
        sum(d.score for d in counted) / len(counted),
        len(counted),
        sum(d.count >= ENOUGH for d in counted),
        {p: found for p, found in parts.items() if found},
    )


@lru_cache(maxsize=256)  # an agency page shows it for each year after the signals table computed it
def section_specificity(text: str | None, year: int | None = None) -> Specificity:
    """The specificity of a section 五 text, segmented first."""
    return specificity((s.kind, s.text) for s in segment(text, year))
