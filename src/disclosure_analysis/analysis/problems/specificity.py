"""How concrete a section 五 is: concrete markers against stock phrases.

Concrete markers (a marker inside another counts once): numbers other than years (1400 个政策文件, 20个工作日), names in 《》 or “” (systems,
platforms, campaigns), deadlines (限期, 年底前, 3个工作日内), responsible units (由县政务办牵头).
Stock phrases: 进一步加强, 不断提升, 有待提高, 再上新台阶 …

    specificity = C / (C + G + 1)

with C concrete markers and G stock phrases found in the text: 0 for a text of stock phrases only, close
to 1 when concrete details dominate; the +1 keeps a short text with one detail from scoring 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from disclosure_analysis.analysis.problems.text import clean

CONCRETE: dict[str, re.Pattern[str]] = {
    "number": re.compile(r"(?<![\d.])(?!(?:19|20)\d{2}\s*年)\d+(?:\.\d+)?(?![\d.])"),
    "name": re.compile(r"《[^》]{2,40}》|“[^”]{2,24}”|\"[^\"]{2,24}\""),
    "deadline": re.compile(
        r"(?:\d+|[一二三四五六七八九十两]+)\s*个?(?:工作日|日|天|周|月|季度)(?:内|以内)"
        r"|(?:年底|月底|年内|季度末|\d{1,2}\s*月(?:底|\d{1,2}\s*日)?)前|限期|截至"
    ),
    "unit": re.compile(
        r"(?:由|责成|牵头单位为?|责任单位为?|负责部门为?)[：:]?[\u4e00-\u9fff]{2,16}?"
        r"(?:办公室|办|局|委员会|委|中心|科|处|室|所|站|部)"
    ),
}
GENERIC = re.compile(
    r"进一步(?:加强|提升|提高|完善|加大|规范|强化|推进|优化|拓展|增强|做好|加快|健全|深化)"
    r"|不断(?:提升|提高|完善|加强|增强|拓宽|推进|深化|丰富)|有待(?:提高|加强|提升|进一步|完善|改进)"
    r"|持续(?:推进|加强|提升|深化|优化)|切实(?:加强|提高|提升|做好)|全面提升|努力(?:提高|提升|做好|探索)"
    r"|再上新台阶|取得了?一定(?:的)?(?:成效|成绩)|(?:还|仍|尚)需(?:要)?(?:进一步)?(?:加强|提升|提高|完善)"
    r"|(?:还|仍)存在(?:一些|一定的?)(?:问题|不足|差距)|高质量发展"
)


@dataclass(frozen=True)
class Specificity:
    score: float | None  # None for an empty text
    concrete: tuple[str, ...]  # the concrete markers found, as printed
    generic: tuple[str, ...]  # the stock phrases found


@lru_cache(maxsize=256)  # an agency page shows it for each year after the signals table computed it
def specificity(text: str | None) -> Specificity:
    """The documented score of `text` with the markers that made it."""
    if not text or not text.strip():
        return Specificity(None, (), ())
    joined = clean(text).text  # no page footers ("- 4 -"), no line wraps inside phrases
    concrete = _outermost([m for p in CONCRETE.values() for m in p.finditer(joined)])
    generic = tuple(m.group() for m in GENERIC.finditer(joined))
    return Specificity(len(concrete) / (len(concrete) + len(generic) + 1), concrete, generic)


def _outermost(found: list[re.Match[str]]) -> tuple[str, ...]:
    """The matches not inside another one (the 6 of 6月底前 is part of the deadline), in text order."""
    kept: list[re.Match[str]] = []
    for m in sorted(found, key=lambda m: (m.start(), -m.end())):
        if not kept or m.start() >= kept[-1].end():
            kept.append(m)
    return tuple(m.group() for m in kept)
