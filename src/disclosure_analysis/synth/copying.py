"""Section 五 written once and reused: some agencies copy last year's text, some a sibling's."""

from __future__ import annotations

from collections.abc import Sequence

from disclosure_analysis.synth.rand import rng_for
from disclosure_analysis.synth.tree import Agency

COPY_LAST_YEAR = 0.25  # share of agencies that tend to reuse last year's 五
COPY_SIBLING = 0.2  # share of agencies with a sibling that tend to reuse the sibling's 五 of the same year
COPY_PROBABILITY = 0.75  # how often such an agency actually copies, per year


def sources(
    seed: int, agencies: Sequence[Agency], years: Sequence[int]
) -> dict[tuple[str, int], tuple[str, int]]:
    """(agency id, year) → the report whose 五 it copies verbatim; only reports that are generated.

    A sibling shares the parent and level and comes earlier in the ordering, so copies never loop.
    """
    out = {}
    present = {(a.id, y) for a in agencies for y in years}
    for i, a in enumerate(agencies):
        rng = rng_for(seed, a.id, "copying")
        habit = rng.random()
        sibling = next((b for b in agencies[:i] if b.parent_id == a.parent_id and b.level == a.level), None)
        for y in years:
            copies = rng.random() < COPY_PROBABILITY
            if sibling is not None and habit < COPY_SIBLING and copies:
                out[a.id, y] = (sibling.id, y)
            elif habit > 1 - COPY_LAST_YEAR and copies and (a.id, y - 1) in present:
                out[a.id, y] = (a.id, y - 1)
    return out
