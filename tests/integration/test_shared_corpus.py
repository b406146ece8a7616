"""Every hand-keyed truth file of ../shared/corpus is reproduced by `extract`, cell for cell."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_analysis.corpus.extraction import extract_path
from shared_corpus import SHARED_CORPUS, corpus_cases, load_truth

CASES = corpus_cases()
if not CASES:
    pytestmark = pytest.mark.skip(reason=f"reference corpus not found at {SHARED_CORPUS} (../shared/corpus)")

CELL_PREFIXES = ("t2.", "t3.", "t4.")


@pytest.fixture(scope="module")
def extracted() -> dict[Path, dict]:
    return {report: extract_path(report).to_json() for report, _ in CASES}


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_metadata_matches_truth(report: Path, truth_file: Path, extracted: dict[Path, dict]) -> None:
    truth, got = load_truth(truth_file), extracted[report]
    assert got["status"] in ("ok", "partial"), got["error"]
    assert (got["agency"], got["year"], got["template"]) == (truth["agency"], truth["year"], truth["template"])
    if "published" in truth:
        assert got["published"] == truth["published"]


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_cells_match_truth(report: Path, truth_file: Path, extracted: dict[Path, dict]) -> None:
    truth, got = load_truth(truth_file), extracted[report]
    expected = {k: v for k, v in truth.items() if k.startswith(CELL_PREFIXES)}
    wrong = {k: (got["cells"].get(k, "absent"), v) for k, v in expected.items() if got["cells"].get(k, "absent") != v}
    assert not wrong, f"{len(wrong)} cells differ (got, truth): {dict(list(wrong.items())[:10])}"
    # the layout's other cells are not invented: a key absent from the truth is either not in the layout
    # or a cell the truth could not key with certainty, which the extractor must flag
    extra = set(got["cells"]) - set(expected)
    assert all(got["cell_flags"].get(k) for k in extra), f"unflagged cells the truth does not have: {extra}"
    if truth["template"] == "pre2019":
        assert got["cells"] == {}


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_narrative_figures(report: Path, truth_file: Path, extracted: dict[Path, dict]) -> None:
    truth, got = load_truth(truth_file), extracted[report]
    stated = truth.get("narrative") or {}
    if not stated:
        pytest.skip("the truth file keys no narrative figures")
    if "proactive_items_total" in stated:
        assert got["narrative"]["proactive_total"] == stated["proactive_items_total"]
    if "proactive_items_at_least" in stated:
        assert got["narrative"]["proactive_total"] is None  # "5500余条" is not an exact figure
        assert got["narrative"]["proactive_total_at_least"] == stated["proactive_items_at_least"]
    assert got["narrative"]["applications_received"] == stated["applications_received"]
    if "sec6_info_processing_fee_yuan" in stated:  # "收取政府信息公开信息处理费3940元" in section 六
        assert got["narrative"]["info_processing_fee"] == stated["sec6_info_processing_fee_yuan"]


def _failing(got: dict, rule: str) -> list[dict]:
    return [f for f in got["findings"] if f["rule"] == rule and f["severity"] != "info"]


def test_hongze_2023_table4_totals_fail_as_printed(extracted: dict[Path, dict]) -> None:
    got = next(v for k, v in extracted.items() if k.name == "2023_huaian-hongze-qu.pdf")
    r5 = _failing(got, "R5")
    assert {(f["column"], f["expected"], f["printed"]) for f in r5} == {
        ("review_total", 11, 0), ("suit_after_review_total", 5, 0)
    }
    assert got["cells"]["t4.review_total"] == 0  # reported, not "fixed"


def test_hongze_2024_narrative_disagrees_with_table(extracted: dict[Path, dict]) -> None:
    got = next(v for k, v in extracted.items() if k.name == "2024_huaian-hongze-qu.pdf")
    t1 = _failing(got, "T1")
    assert [(f["severity"], f["expected"], f["printed"]) for f in t1] == [("warning", 95, 17)]


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_no_false_alarms_where_identities_hold(report: Path, truth_file: Path, extracted: dict[Path, dict]) -> None:
    truth, got = load_truth(truth_file), extracted[report]
    failing_in_truth = {c.split()[1] for c in truth.get("checks", []) if c.startswith("FAIL")}
    errors = {f["rule"] for f in got["findings"] if f["severity"] == "error"}
    assert errors <= failing_in_truth, [f["message"] for f in got["findings"] if f["severity"] == "error"]
