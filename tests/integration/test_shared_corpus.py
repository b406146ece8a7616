"""Every hand-keyed truth file of ../shared/corpus is reproduced by `extract`, cell for cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure_analysis import formats
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
    assert all(got["cell_flags"].get(k) for k in truth["uncertain"]), "a cell that splits several ways is flagged"
    # the layout's other cells are not invented: a key absent from the truth is either not in the layout
    # or a cell the truth could not key with certainty, which the extractor must flag (a subset-keyed
    # truth: they agree with the sums the truth states, `test_unkeyed_cells_agree_with_the_stated_sums`)
    extra = {k for k in set(got["cells"]) - set(expected) if not got["cell_flags"].get(k)}
    assert truth["subset_keyed"] or not extra, f"unflagged cells the truth does not have: {extra}"
    if truth["template"] == "pre2019":
        assert got["cells"] == {}


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_narrative_figures(report: Path, truth_file: Path, extracted: dict[Path, dict]) -> None:
    truth, got = load_truth(truth_file), extracted[report]
    stated = truth.get("narrative") or {}
    # the crawl truths key figures as top-level "narrative.<name>" (names as in the extract output)
    flat = {k.removeprefix("narrative."): v for k, v in truth.items() if k.startswith("narrative.")}
    if not stated and not flat:
        pytest.skip("the truth file keys no narrative figures")
    assert {name: got["narrative"].get(name, "absent") for name in flat} == flat
    if not stated:
        return
    if "proactive_items_total" in stated:
        assert got["narrative"]["proactive_total"] == stated["proactive_items_total"]
    if "proactive_items_at_least" in stated:
        assert got["narrative"]["proactive_total"] is None  # "5500余条" is not an exact figure
        assert got["narrative"]["proactive_total_at_least"] == stated["proactive_items_at_least"]
    assert got["narrative"]["applications_received"] == stated["applications_received"]
    if "sec6_info_processing_fee_yuan" in stated:  # "收取政府信息公开信息处理费3940元" in section 六
        assert got["narrative"]["info_processing_fee"] == stated["sec6_info_processing_fee_yuan"]


_T3_SUMS = re.compile(r"^(\w+): new\+carried_in=(\d+) vs handled\+carried_out=(\d+) OK; sum\(results\)=(\d+) vs \(七\)总计=(\d+) OK")
_T4_SUMS = re.compile(r"^表四 (\w+): parts sum (\d+) vs total (\d+) OK")


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_unkeyed_cells_agree_with_the_stated_sums(report: Path, truth_file: Path, extracted: dict[Path, dict]) -> None:
    """A truth that keys only some cells states each column's sums (`checks`): the extracted cells, keyed
    or not, give the same sums."""
    truth, got = load_truth(truth_file), extracted[report]
    if not truth["subset_keyed"]:
        pytest.skip("the truth keys every cell it can")
    if truth["template"] == "pre2019":
        pytest.skip("a report in the format before 2019 has no table cells")
    cells, fmt = got["cells"], formats.table3()
    results = [r for r in fmt.versions[got["table_versions"]["t3"]] if fmt.rows[r].kind == "result"]
    stated = 0
    for check in truth["checks"]:
        if m := _T3_SUMS.match(check):
            col, flow_in, flow_out, parts, total = m.group(1), *map(int, m.groups()[1:])
            get = {row: cells[f"t3.{row}.{col}"] for row in ("new_received", "carried_in", "handled_total", "carried_out")}
            assert (get["new_received"] + get["carried_in"], get["handled_total"] + get["carried_out"]) == (flow_in, flow_out)
            assert (sum(cells[f"t3.{r}.{col}"] for r in results), get["handled_total"]) == (parts, total)
            stated += 1
        elif m := _T4_SUMS.match(check):
            group, parts, total = m.group(1), *map(int, m.groups()[1:])
            outcomes = [o for o, _ in formats.table4().outcomes[:-1]]
            assert (sum(cells[f"t4.{group}_{o}"] for o in outcomes), cells[f"t4.{group}_total"]) == (parts, total)
            stated += 1
    assert stated == 10  # the seven applicant columns and the three groups of 表四


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
