"""MinHash signatures of character shingles and LSH banding: the most similar text of another group.

Scales to 100,000+ texts: each text is hashed once (numpy), and only texts sharing an LSH bucket are
compared. With 120 permutations in 40 bands of 3 rows, a pair with Jaccard 0.3 becomes a candidate with
probability ≈ 0.66, at 0.4 ≈ 0.92, at 0.5 ≈ 0.99, at 0.1 ≈ 0.04 (partial copying gives 0.3 and more). Similarity between candidates is the MinHash estimate
(share of equal signature values).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from disclosure_analysis.analysis.problems.similarity import SHINGLE, normalize

NUM_PERM = 120
BANDS = 40
MAX_BUCKET = 200  # members of one bucket looked at per text (near-duplicate boilerplate forms huge buckets)
_SEED = 20240501
_rng = np.random.default_rng(_SEED)
_A = _rng.integers(1, 2**63, NUM_PERM, dtype=np.uint64) | np.uint64(1)
_B = _rng.integers(0, 2**63, NUM_PERM, dtype=np.uint64)
_MIX = _rng.integers(1, 2**63, 8, dtype=np.uint64) | np.uint64(1)
_EMPTY = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)


@dataclass(frozen=True)
class Match:
    index: int | None  # position of the most similar text of another group, None when no candidate
    similarity: float | None  # estimated Jaccard similarity


def _shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    codes = np.frombuffer(normalize(text).text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) < k:
        return np.empty(0, dtype=np.uint64)
    m = len(codes) - k + 1
    h = np.zeros(m, dtype=np.uint64)
    for j in range(k):
        h = h * np.uint64(1_000_003) + codes[j : j + m]
    h ^= h >> np.uint64(31)  # mix before the multiply-shift permutations below
    h *= np.uint64(0x9E3779B97F4A7C15)
    h ^= h >> np.uint64(29)
    return np.unique(h)


def signature(text: str) -> np.ndarray:
    """`NUM_PERM` minimum hash values (uint32) of the text's shingles; all-max for a text without shingles."""
    h = _shingle_hashes(text)
    if not len(h):
        return _EMPTY.copy()
    permuted = (_A[:, None] * h[None, :] + _B[:, None]) >> np.uint64(32)
    return permuted.min(axis=1).astype(np.uint32)


def signatures(texts: Sequence[str]) -> np.ndarray:
    """Signatures of many texts, one row each."""
    out = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    for i, t in enumerate(texts):
        out[i] = signature(t)
    return out


def band_keys(sigs: np.ndarray) -> np.ndarray:
    """One uint64 key per row and band (the band's values mixed; equal bands give equal keys)."""
    rows = NUM_PERM // BANDS
    band = sigs.reshape(len(sigs), BANDS, rows).astype(np.uint64)
    return (band * _MIX[None, None, :rows]).sum(axis=2, dtype=np.uint64)


def nearest_other(sigs: np.ndarray, groups: Sequence[str]) -> list[Match]:
    """For each row, the most similar row of a different group among its LSH candidates."""
    valid = ~(sigs == _EMPTY).all(axis=1)
    keys = band_keys(sigs)
    members: list[dict[int, list[int]]] = []
    for b in range(BANDS):
        bucket: dict[int, list[int]] = defaultdict(list)
        for i in np.flatnonzero(valid):
            if len(bucket[int(keys[i, b])]) < MAX_BUCKET:
                bucket[int(keys[i, b])].append(int(i))
        members.append(bucket)
    out = []
    for i in range(len(sigs)):
        cands = (
            {j for b in range(BANDS) for j in members[b][int(keys[i, b])] if groups[j] != groups[i]}
            if valid[i]
            else set()
        )
        if not cands:
            out.append(Match(None, None))
            continue
        order = sorted(cands)
        sims = (sigs[order] == sigs[i]).mean(axis=1)
        best = int(np.argmax(sims))
        out.append(Match(order[best], float(sims[best])))
    return out
