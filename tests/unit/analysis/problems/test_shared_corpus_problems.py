"""Section 五 of the real reports in ../shared/corpus, read end to end."""

from __future__ import annotations

import pytest

from disclosure_analysis.analysis.problems import report_signals, statements
from disclosure_analysis.corpus import load_corpus

pytestmark = pytest.mark.corpus


def test_seed_report_end_to_end(shared_corpus):
    corpus = load_corpus(shared_corpus / "seed", cache_dir=False)
    table = statements(corpus)
    assert list(table["kind"]) == ["framing", "problem", "problem", "framing", "measure", "measure"]
    assert list(table["categories"]) == ["other", "proactive", "timeliness", "other", "mechanisms", "platforms"]
    signals = report_signals(corpus, table)
    assert signals["specificity"].iloc[0] == 0.0  # only stock phrases, no detail


def test_every_real_section_five_gives_problems_and_responses(shared_corpus):
    corpus = load_corpus([shared_corpus / d for d in ("dev", "raw")], cache_dir=False)
    table = statements(corpus)
    with_five = table.merge(corpus.reports[["report_id", "agency"]], on="report_id")
    for agency, rows in with_five.groupby("agency"):
        assert (rows["kind"] == "problem").any(), agency
        assert rows["kind"].isin(["measure", "rectification"]).any(), agency
    shanghai = with_five[with_five["agency"] == "上海市人民政府办公厅"]
    assert list(shanghai["kind"]) == ["framing"] + ["rectification"] * 3 + ["framing"] + ["problem"] * 3
