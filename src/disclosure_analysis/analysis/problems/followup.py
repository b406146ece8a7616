"""Which problem a measure or rectification answers, and which statements are copied from last year.

* A response (measure or rectification) addresses a problem when they share content words beyond the topic:
  at least one shared content word and a shared topic, or two shared content words. Content words are the
  statement's words of two or more characters other than generic ones (加强, 提升, 工作, 政务公开, 问题 …);
  a word shared inside a longer one counts (答复 in 答复文书). Sharing a topic alone is not enough.
* A statement is `copied` when at least `COPIED` of its 5-character shingles occur in the agency's previous
  section 五; a copied statement answers nothing.
* A measure `answers` the problem of the same report it addresses best; a rectification `rectifies` the
  problem of the previous year's report it addresses best (indexes into each report's statements).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from disclosure_analysis.analysis.problems.classify import OTHER
from disclosure_analysis.analysis.problems.similarity import normalize, shingles
from disclosure_analysis.analysis.problems.words import words

COPIED = 0.8  # share of a statement's shingles found in last year's section 五 that makes it copied
GENERIC = frozenset(
    ["进一步", "加强", "提升", "提高", "完善", "推进", "推动", "强化", "加大", "不断", "持续", "继续", "切实", "全面", "积极", "认真", "努力", "做好", "抓好", "落实", "扎实", "深入", "着力", "重点", "健全", "优化", "深化", "规范", "确保", "开展", "进行", "实行", "实施", "坚持", "围绕", "注重", "增强", "改进", "改善", "有效", "更加", "不断加强", "工作", "政府", "信息", "公开", "政务", "政府信息公开", "政务公开", "信息公开", "政府信息", "问题", "方面", "水平", "能力", "质量", "建设", "管理", "情况", "有待", "不够", "不足", "需要", "还需", "仍需", "存在", "部分", "个别", "单位", "部门", "各级", "各类", "相关", "有关", "我局", "我县", "我区", "我市", "我办", "我们", "一是", "二是", "三是", "四是", "五是", "以及", "同时", "并且", "通过", "按照", "根据", "及时", "进一步提高", "进一步加强", "主要", "一些", "一定", "较为", "相对", "针对", "上述", "下一步", "今后", "年度", "本年", "上年", "去年", "全年"]
)


def topics(categories: str | None) -> frozenset[str]:
    """The codebook topics of a ';'-joined category list, without 其他."""
    return frozenset(c for c in (categories or "").split(";") if c and c != OTHER)


@dataclass(frozen=True)
class Said:
    """A statement: its kind, text, categories as stored, topics, and whether it is copied from last year."""

    kind: str
    text: str
    categories: str | None
    topics: frozenset[str]
    copied: bool = False


@dataclass(frozen=True)
class Link:
    """What one statement of a report has to do with the others and with last year's."""

    copied: bool
    answers: int | None  # measure: index of the problem of the same report it answers
    rectifies: int | None  # rectification: index of the problem of last year's report it reports on


@lru_cache(maxsize=100_000)
def content_words(text: str) -> frozenset[str]:
    """The statement's words that carry content (two characters or more, not generic, not numbers)."""
    return frozenset(w for w in words(text) if len(w) >= 2 and w not in GENERIC and not w.isdigit())


def shared_words(a: str, b: str) -> frozenset[str]:
    """Content words of `a` that `b` has too, whole or inside a longer word (答复 / 答复文书)."""
    theirs = content_words(b)
    return frozenset(w for w in content_words(a) if any(w in x or x in w for x in theirs))


def addresses(problem: Said, response: Said) -> int:
    """How many content words the response shares with the problem, when that is enough to answer it
    (one and a shared topic, or two); else 0."""
    shared = len(shared_words(problem.text, response.text))
    return shared if shared >= 2 or (shared == 1 and problem.topics & response.topics) else 0


def copied_share(text: str, previous_section: str) -> float:
    """Share of the statement's 5-character shingles that occur in last year's section 五."""
    own = shingles(text)
    return len(own & shingles(previous_section)) / len(own) if own and normalize(text).text else 0.0


def best(problems: Sequence[tuple[int, Said]], response: Said) -> int | None:
    """Index of the problem the response addresses most (the first of equals), or None."""
    scored = [(addresses(p, response), -i, i) for i, p in problems]
    top = max(scored, default=(0, 0, None))
    return top[2] if top[0] else None


def links(current: Sequence[Said], previous: Sequence[Said], previous_section: str | None) -> list[Link]:
    """The `Link` of each statement of `current` (one report, in order); `previous` and
    `previous_section` are the agency's previous-year statements and section 五 (empty / None if none)."""
    own_problems = [(i, s) for i, s in enumerate(current) if s.kind == "problem"]
    old_problems = [(i, s) for i, s in enumerate(previous) if s.kind == "problem"]
    out = []
    for s in current:
        copied = bool(previous_section) and copied_share(s.text, previous_section) >= COPIED
        answers = best(own_problems, s) if s.kind == "measure" and not copied else None
        rectifies = best(old_problems, s) if s.kind == "rectification" and not copied else None
        out.append(Link(copied, answers, rectifies))
    return out
