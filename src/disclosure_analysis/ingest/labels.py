"""Tolerant matching of printed row labels to the format's labels, and order-preserving alignment.

Labels are compared after removing numbering ("1." "1．" "1、" "（一）" "一、"), whitespace, punctuation
and quotes, with a character-bigram Dice similarity that tolerates typos ("其他法律行政止公开") and a
prefix rule for explanatory parentheses added by some provinces ("规章(设区的市…应提供相关数据)").
Rows are aligned to the format's row list by dynamic programming, so an unlabeled or garbled row is
placed by its position between labeled neighbours.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_NUMBERING = re.compile(
    r"^(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．,，]|\d+\s*[、.．,，](?!\d))\s*"
)
_NOISE = re.compile(r"[\s\"'“”‘’「」『』《》〈〉、，,。.．:：;；!！?？·•\-—_*#|()（）\[\]【】/／]")


def _unnumbered(label: str) -> str:
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
    while True:
        stripped = _NUMBERING.sub("", text, count=1)
        if stripped == text:
            return text
        text = stripped


def clean(label: str) -> str:
    """Label without numbering, whitespace, punctuation or quotes (NFKC-normalised)."""
    return _NOISE.sub("", _unnumbered(label))


def numbering(label: str) -> int | None:
    """The item number printed before a label ("3．其他" → 3), or None."""
    m = re.match(r"^\s*(\d+)\s*[、.．,，]", unicodedata.normalize("NFKC", label))
    return int(m.group(1)) if m else None


def _bigrams(text: str) -> Counter[str]:
    if len(text) < 2:
        return Counter([text]) if text else Counter()
    return Counter(text[i : i + 2] for i in range(len(text) - 1))


@lru_cache(maxsize=200_000)
def similarity(printed: str, official: str) -> float:
    """Similarity in [0, 1] between a printed label and an official one (both raw)."""
    a, b = clean(printed), clean(official)
    if not a or not b:
        return 0.0
    if a == b:
        return 1.0
    if a.startswith(b) and _unnumbered(printed)[len(b) : len(b) + 1] in ("(", "["):
        # official label followed by an explanation in parentheses
        return max(0.9, _dice(a, b))
    return _dice(a, b)


def _dice(a: str, b: str) -> float:
    ba, bb = _bigrams(a), _bigrams(b)
    common = sum((ba & bb).values())
    return 2 * common / (sum(ba.values()) + sum(bb.values()))


def best_similarity(candidates: Sequence[str], officials: Sequence[str]) -> float:
    return max((similarity(c, o) for c in candidates if c for o in officials), default=0.0)


@dataclass(frozen=True)
class Target:
    """A row the format expects: its code, accepted labels and printed number."""

    code: str
    labels: tuple[str, ...]
    number: int | None = None


@dataclass(frozen=True)
class Observed:
    """A data row found in the document: candidate label strings (most specific first)."""

    labels: tuple[str, ...]
    number: int | None = None


# Scores of the alignment (tuned on the formats' structure, not on particular files).
UNLABELED_MATCH = 0.2
SKIP_OBSERVED = -0.5
SKIP_TARGET = -0.4
MIN_LABEL_SIMILARITY = 0.3


@lru_cache(maxsize=200_000)
def _score(labels: tuple[str, ...], number: int | None, t_labels: tuple[str, ...], t_number: int | None) -> float:
    if not labels:
        return UNLABELED_MATCH
    sim = best_similarity(labels, t_labels)
    score = 2 * sim - 2 * MIN_LABEL_SIMILARITY
    if number is not None and t_number is not None:
        score += 0.15 if number == t_number else -0.3
    return score


def align(observed: Sequence[Observed], targets: Sequence[Target]) -> tuple[float, list[int | None]]:
    """Order-preserving alignment. Returns (score, index of the observed row for each target or None)."""
    n, m = len(observed), len(targets)
    scores = [[_score(o.labels, o.number, t.labels, t.number) for t in targets] for o in observed]
    neg = float("-inf")
    dp = [[neg] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 1 match, 2 skip observed, 3 skip target
    dp[0][0] = 0.0
    for i in range(n + 1):
        row, nxt = dp[i], dp[i + 1] if i < n else None
        mrow = move[i + 1] if i < n else None
        srow = scores[i] if i < n else None
        for j in range(m + 1):
            cur = row[j]
            if cur == neg:
                continue
            if nxt is not None:
                if j < m and cur + srow[j] > nxt[j + 1]:
                    nxt[j + 1], mrow[j + 1] = cur + srow[j], 1
                if cur + SKIP_OBSERVED > nxt[j]:
                    nxt[j], mrow[j] = cur + SKIP_OBSERVED, 2
            if j < m and cur + SKIP_TARGET > row[j + 1]:
                row[j + 1], move[i][j + 1] = cur + SKIP_TARGET, 3
    assignment: list[int | None] = [None] * m
    i, j = n, m
    while i or j:
        step = move[i][j]
        if step == 1:
            assignment[j - 1] = i - 1
            i, j = i - 1, j - 1
        elif step == 2:
            i -= 1
        else:
            j -= 1
    return dp[n][m], assignment


def match_unordered(observed: Sequence[Observed], targets: Sequence[Target]) -> list[int | None]:
    """One-to-one matching by label alone (best pairs first), for tables whose rows may come out of
    order (表二 blocks moved by a converter). Pairs below MIN_LABEL_SIMILARITY are not matched."""
    pairs = sorted(
        ((best_similarity(o.labels, t.labels), i, j) for i, o in enumerate(observed) for j, t in enumerate(targets)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    assignment: list[int | None] = [None] * len(targets)
    used: set[int] = set()
    for sim, i, j in pairs:
        if sim < 2 * MIN_LABEL_SIMILARITY:
            break
        if i not in used and assignment[j] is None:
            assignment[j] = i
            used.add(i)
    return assignment
