"""Synthetic reports rendered as a crawler's run-together text → `extract_path`: never a wrong value.

A cell whose digits split more than one way is null and flagged, so the truth is reproduced except
for such nulls; metadata, narrative figures and the publication date are reproduced exactly.
"""

from __future__ import annotations

import pytest

from disclosure_analysis.corpus.extraction import extract_path
from disclosure_analysis.ingest.readers.runtogether.tables import SPLIT_AMBIGUOUS, SPLIT_NO_FIT
from disclosure_analysis.synth import generate

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module", params=[(7, 0.0), (8, 0.3)], ids=["clean", "faults"])
def pairs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, dict]]:
    seed, faults = request.param
    out = tmp_path_factory.mktemp(f"crawl{seed}")
    records = generate(out, agencies=20, years=range(2019, 2025), formats=["crawl"], seed=seed, faults=faults)
    return [(r, extract_path(out / r["file"]).to_json()) for r in records]


def test_no_value_is_wrong_and_every_null_is_flagged(pairs: list[tuple[dict, dict]]) -> None:
    wrong, unflagged, nulled, total = [], [], 0, 0
    for truth, got in pairs:
        for key, value in truth["cells"].items():
            total += 1
            printed = got["cells"].get(key, "missing")
            if printed is None and value is not None:
                nulled += 1
                if got["cell_flags"].get(key) not in (SPLIT_AMBIGUOUS, SPLIT_NO_FIT, "row_missing"):
                    unflagged.append((truth["file"], key))
            elif printed != value:
                wrong.append((truth["file"], key, value, printed))
    assert wrong == []
    assert unflagged == []
    assert nulled < 0.2 * total  # most cells are still read


def test_metadata_narrative_and_dates_are_reproduced(pairs: list[tuple[dict, dict]]) -> None:
    for truth, got in pairs:
        assert (got["agency"], got["year"], got["template"]) == (truth["agency"], truth["year"], truth["template"])
        assert got["published"] == truth["published"], truth["file"]
        assert {k: got["narrative"][k] for k in truth["narrative"]} == truth["narrative"], truth["file"]
