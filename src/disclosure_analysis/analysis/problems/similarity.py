"""Character-shingle similarity of two texts and the passages one repeats from the other.

Texts are compared on their letters, digits and CJK characters only (punctuation, blanks and line breaks
are ignored), so re-wrapping or re-punctuating a paragraph does not hide a copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SHINGLE = 5  # characters per shingle
MIN_PASSAGE = 12  # shortest repeated run (in characters) that counts as copied, longer than stock phrases
COPIED_FLAG = 0.5  # a section 五 repeating at least this share of last year's is flagged 与上年雷同


@dataclass(frozen=True)
class Normalized:
    """`text` keeps the letters, digits and CJK characters of a text; `origin[i]` is the offset of `text[i]`."""

    text: str
    origin: tuple[int, ...]


@dataclass(frozen=True)
class Repeats:
    """Passages of the current text found in the previous one, as original (start, end) offsets."""

    spans: tuple[tuple[int, int], ...]
    copied_share: float  # share of the current text's characters inside those passages


@lru_cache(maxsize=256)  # a section 五 is compared with last year's, next year's and its peers'
def normalize(text: str) -> Normalized:
    kept = [(i, ch) for i, ch in enumerate(text) if ch.isalnum()]
    return Normalized("".join(ch for _, ch in kept), tuple(i for i, _ in kept))


@lru_cache(maxsize=256)
def shingles(text: str, k: int = SHINGLE) -> frozenset[str]:
    """The k-character shingles of the normalized `text` (the whole text when shorter than k)."""
    norm = normalize(text).text
    if len(norm) < k:
        return frozenset({norm} if norm else ())
    return frozenset(norm[i : i + k] for i in range(len(norm) - k + 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float | None:
    """|a ∩ b| / |a ∪ b|; None when both are empty."""
    union = len(a | b)
    return len(a & b) / union if union else None


def repeated(current: str, previous: str, k: int = SHINGLE, min_len: int = MIN_PASSAGE) -> Repeats:
    """Runs of at least `min_len` characters of `current` whose every k-shingle occurs in `previous`."""
    norm = normalize(current)
    seen = shingles(previous, k)
    covered = bytearray(len(norm.text))
    for i in range(len(norm.text) - k + 1):
        if norm.text[i : i + k] in seen:
            covered[i : i + k] = b"\x01" * k
    spans: list[tuple[int, int]] = []
    total, start = 0, None
    for i, flag in enumerate([*covered, 0]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start >= min_len:
                spans.append((norm.origin[start], norm.origin[i - 1] + 1))
                total += i - start
            start = None
    share = total / len(norm.text) if norm.text else 0.0
    return Repeats(tuple(spans), share)


def dice(a: str, b: str) -> float:
    """Dice coefficient of the character bigrams of two short texts (0 when either has none)."""
    x, y = _bigrams(a), _bigrams(b)
    return 2 * len(x & y) / (len(x) + len(y)) if x and y else 0.0


@lru_cache(maxsize=4096)  # statements are compared with many others: normalize each once
def _bigrams(text: str) -> frozenset[str]:
    norm = normalize(text).text
    return frozenset(norm[i : i + 2] for i in range(len(norm) - 1))
