"""Seeded randomness: one independent, reproducible stream per purpose, and a few samplers."""

from __future__ import annotations

import math
import random
from collections.abc import Sequence


def rng_for(seed: int, *parts: object) -> random.Random:
    """A generator determined by `seed` and `parts` only (str seeds are hashed with SHA-512)."""
    return random.Random("|".join([str(seed), *map(str, parts)]))


def poisson(rng: random.Random, lam: float) -> int:
    """A Poisson draw (normal approximation for large means)."""
    if lam <= 0:
        return 0
    if lam > 40:
        return max(0, round(rng.gauss(lam, math.sqrt(lam))))
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def multinomial(rng: random.Random, n: int, weights: Sequence[float]) -> list[int]:
    """Split `n` items over categories with the given weights."""
    counts = [0] * len(weights)
    if n > 0 and sum(weights) > 0:
        for i in rng.choices(range(len(weights)), weights=weights, k=n):
            counts[i] += 1
    return counts


def binomial(rng: random.Random, n: int, p: float) -> int:
    """Number of successes in `n` trials of probability `p`."""
    return sum(rng.random() < p for _ in range(n))


def pick(rng: random.Random, options: Sequence[str]) -> str:
    """One option, uniformly."""
    return options[rng.randrange(len(options))]
