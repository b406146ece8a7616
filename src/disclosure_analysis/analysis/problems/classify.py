"""Code statements with the topics of `data/codebook.yaml`: deterministic, offline, with the evidence.

A keyword matches a word or a run of up to `MAX_RUN` consecutive words of the statement (so it never
matches inside a longer word; runs are taken longest first and do not overlap); a pattern is searched in the text. See the codebook's header for the rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from disclosure_analysis.analysis.problems.words import words

CODEBOOK = Path(__file__).parent / "data" / "codebook.yaml"
OTHER = "other"
MAX_RUN = 4


@dataclass(frozen=True)
class Category:
    id: str
    name: str
    definition: str
    keywords: dict[str, float]
    patterns: tuple[tuple[re.Pattern[str], float], ...]


@dataclass(frozen=True)
class Codebook:
    threshold: float
    categories: dict[str, Category]

    @property
    def names(self) -> dict[str, str]:
        """Category id → Chinese name, in codebook order."""
        return {c.id: c.name for c in self.categories.values()}


@dataclass(frozen=True)
class Coding:
    """The categories of one statement (codebook order) and, for each, the matches that decided it."""

    categories: tuple[str, ...]
    evidence: dict[str, tuple[str, ...]]

    def evidence_text(self) -> str:
        """`id=word+word; id=word` (empty for `other`)."""
        return "; ".join(f"{c}={'+'.join(e)}" for c, e in self.evidence.items())


@lru_cache(maxsize=1)
def codebook() -> Codebook:
    data = yaml.safe_load(CODEBOOK.read_text(encoding="utf-8"))
    cats = {
        cid: Category(
            id=cid,
            name=spec["name"],
            definition=spec["definition"],
            keywords={str(k): float(v) for k, v in (spec.get("keywords") or {}).items()},
            patterns=tuple((re.compile(p), float(w)) for p, w in (spec.get("patterns") or {}).items()),
        )
        for cid, spec in data["categories"].items()
    }
    return Codebook(threshold=float(data["threshold"]), categories=cats)


def topic_names(categories: str | None) -> str:
    """Chinese names of ';'-joined category ids, joined by 、 (其他 for none)."""
    names = codebook().names
    return "、".join(names[c] for c in (categories or OTHER).split(";"))


@lru_cache(maxsize=1)
def _keyword_index() -> dict[str, tuple[tuple[str, float], ...]]:
    index: dict[str, list[tuple[str, float]]] = {}
    for cat in codebook().categories.values():
        for word, weight in cat.keywords.items():
            index.setdefault(word, []).append((cat.id, weight))
    return {k: tuple(v) for k, v in index.items()}


def keyword_runs(tokens: tuple[str, ...], index: dict[str, object], longest: int = MAX_RUN) -> list[str]:
    """Keywords found as a word or a run of up to `longest` words, longest first, without overlaps.

    Once 组织+领导 matched 组织领导, the 领导 inside it is not counted again.
    """
    found, i = [], 0
    while i < len(tokens):
        for n in range(min(longest, len(tokens) - i), 0, -1):
            run = "".join(tokens[i : i + n])
            if run in index:
                found.append(run)
                i += n
                break
        else:
            i += 1
    return found


def code(kind: str, text: str) -> Coding:
    """The topics of a statement of `kind`: a framing sentence speaks of no topic (`other`)."""
    return Coding((OTHER,), {}) if kind == "framing" else classify(text)


@lru_cache(maxsize=100_000)
def classify(text: str) -> Coding:
    """The codebook categories of `text` with their evidence; `other` when none reaches the threshold."""
    book = codebook()
    index = _keyword_index()
    scores: dict[str, float] = {}
    evidence: dict[str, list[str]] = {}
    for run in dict.fromkeys(keyword_runs(words(text), index)):
        for cid, weight in index[run]:
            scores[cid] = scores.get(cid, 0.0) + weight
            evidence.setdefault(cid, []).append(run)
    for cat in book.categories.values():
        for pattern, weight in cat.patterns:
            m = pattern.search(text)
            if m:
                scores[cat.id] = scores.get(cat.id, 0.0) + weight
                evidence.setdefault(cat.id, []).append(m.group())
    chosen = tuple(c for c in book.categories if scores.get(c, 0.0) >= book.threshold - 1e-9)
    if not chosen:
        return Coding((OTHER,), {})
    return Coding(chosen, {c: tuple(evidence[c]) for c in chosen})
