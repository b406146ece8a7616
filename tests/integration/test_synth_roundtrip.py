"""Round trip: synthetic reports in every format → `extract_path` → the generator's ground truth."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.corpus.extraction import extract_path
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
    assert _mismatches(clean, ("agency", "year", "template", "agency_kind")) == []


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


def _checkable(identity: str, cells: dict) -> bool:
    """An identity over a row (R2) or column (R1, R3) with a blank cell can only be reported as uncheckable."""
    rule, _, where = identity.partition(":")
    if rule == "R2":
        return all(v is not None for k, v in cells.items() if k.startswith(f"t3.{where}."))
    if rule in ("R1", "R3"):
        return all(v is not None for k, v in cells.items() if k.startswith("t3.") and k.endswith(f".{where}"))
    return True


def _predicted(fault: dict, cells: dict) -> set[tuple[str, str | None, str | None]]:
    """The findings an injected fault must produce, from the identities the generator recorded."""
    if fault["type"] == "missing_table":
        return {("F1", None, None)}
    if fault["type"] == "slash":  # the sums around a "/" in 表三 cannot be checked: pointed at, not failed
        return {("N1", fault["row"], fault["column"])} if fault["table"] == "t3" else set()
    out = set()
    for identity in filter(lambda i: _checkable(i, cells), fault["identities"]):
        rule, _, where = identity.partition(":")
        out.add({
            "R1": ("R1", None, where), "R2": ("R2", where, None), "R3": ("R3", None, where),
            "R5": ("R5", None, f"{where}_total"), "T1": ("T1", "new_received", "total"),
            "X1": ("X1", "carried_in", where),
        }[rule])
    return out


def test_injected_faults_are_found_where_recorded_and_nowhere_else(faulty: list[tuple[dict, dict]]) -> None:
    from disclosure_analysis.corpus import build_corpus

    corpus = build_corpus([got for _, got in faulty])
    findings = corpus.findings[(corpus.findings["severity"] != "info") | (corpus.findings["rule"] == "N1")]
    found: dict[str, set] = {}
    for f in findings.itertuples():
        found.setdefault(f.report_id, set()).add(
            (f.rule, None if f.row is pd.NA else f.row, None if f.column is pd.NA else f.column)
        )
    wrong = []
    for truth, got in faulty:
        expected = set().union(*(_predicted(f, truth["cells"]) for f in truth["faults"]))
        seen = found.get(got["sha256"][:16], set())
        if seen != expected:
            wrong.append((truth["file"], sorted(expected, key=str), sorted(seen, key=str)))
    assert sum(bool(t["faults"]) for t, _ in faulty) >= 30
    assert wrong == []
