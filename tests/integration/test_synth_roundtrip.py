"""Round trip: synthetic reports in every format → `extract_path` → the generator's ground truth."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_analysis.extract import extract_path
from disclosure_analysis.synth import generate

pytestmark = pytest.mark.slow


def _extract_all(out: Path, records: list[dict]) -> list[tuple[dict, dict]]:
    return [(r, extract_path(out / r["file"]).to_json()) for r in records]


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, dict]]:
    out = tmp_path_factory.mktemp("roundtrip")
    return _extract_all(out, generate(out, agencies=20, years=range(2019, 2025), seed=7))


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[dict, dict]]:
    out = tmp_path_factory.mktemp("roundtrip-faults")
    return _extract_all(out, generate(out, agencies=20, years=range(2019, 2025), seed=8, faults=0.3))


def _mismatches(pairs: list[tuple[dict, dict]], fields: tuple[str, ...]) -> list[tuple]:
    out = []
    for truth, got in pairs:
        out += [(truth["file"], f, truth[f], got[f]) for f in fields if got[f] != truth[f]]
        out += [
            (truth["file"], key, value, got["cells"].get(key, "missing"))
            for key, value in truth["cells"].items()
            if got["cells"].get(key, "missing") != value
        ]
    return out


def test_every_format_is_covered(clean: list[tuple[dict, dict]]) -> None:
    assert {t["format"] for t, _ in clean} == {"txt", "html", "docx", "pdf"}
    assert all(got["status"] == "ok" for _, got in clean)


def test_cells_agency_year_template_are_reproduced(clean: list[tuple[dict, dict]]) -> None:
    assert _mismatches(clean, ("agency", "year", "template")) == []


def _narrative_mismatches(pairs: list[tuple[dict, dict]]) -> list[tuple]:
    return [
        (t["file"], name, value, got["narrative"].get(name))
        for t, got in pairs
        for name, value in t["narrative"].items()
        if got["narrative"].get(name) != value
    ]


def test_narrative_figures_and_dates_are_reproduced(clean: list[tuple[dict, dict]]) -> None:
    assert _narrative_mismatches(clean) == []
    assert [
        (t["file"], t["published"], got["published"])
        for t, got in clean
        if got["published"] != t["published"]
    ] == []


def test_printed_values_of_faulty_reports_are_reproduced(faulty: list[tuple[dict, dict]]) -> None:
    assert any(t["faults"] for t, _ in faulty)
    assert _mismatches(faulty, ("agency", "year", "template")) == []
    assert _narrative_mismatches(faulty) == []  # including figures that disagree with 表三 (T1)
