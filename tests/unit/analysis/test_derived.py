"""Corpus-wide frames looked up per agency give what computing on the agency's own reports gives."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.analysis import derived, indicators, metrics
from disclosure_analysis.analysis.peers import peer_position
from disclosure_analysis.corpus import Corpus, load_corpus
from disclosure_analysis.synth.sample import sample_corpus

#: frames whose rows for one report depend only on that report
PER_REPORT = {
    "proactive_volume": lambda c: metrics.proactive_volume(c.narrative, c.table2, c.reports),
    "applications_by_applicant": lambda c: metrics.applications_by_applicant(c.table3),
    "outcome_mix": lambda c: indicators.gate(metrics.outcome_mix(c.table3), c.findings, "t3", ["share"]),
    "outcome_reasons": lambda c: indicators.gate(
        metrics.outcome_mix(c.table3, detail=True), c.findings, "t3", ["share"]
    ),
    "review_litigation": lambda c: indicators.gate(
        metrics.review_litigation(c.table4), c.findings, "t4", ["correction_rate"]
    ),
    "indicators": lambda c: indicators.indicator_values(c.reports, c.table3, c.table4, c.narrative, c.findings),
}


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(sample_corpus())


def ordered(df: pd.DataFrame) -> pd.DataFrame:
    return df.sort_values(list(df.columns[:4])).reset_index(drop=True)


@pytest.mark.parametrize("name", sorted(PER_REPORT))
def test_rows_of_an_agency_equal_the_frame_of_its_reports(corpus: Corpus, name: str) -> None:
    agency = sorted(corpus.reports["agency_id"].dropna().unique())[3]
    ids = corpus.reports.loc[corpus.reports["agency_id"] == agency, "report_id"]
    own = PER_REPORT[name](corpus.select(ids))
    assert len(own) > 0
    pd.testing.assert_frame_equal(ordered(derived.rows(corpus, name, ids)), ordered(own))


def test_peer_ranks_and_year_over_year_are_corpus_wide(corpus: Corpus) -> None:
    table = derived.frame(corpus, "metrics")
    latest = corpus.reports[corpus.reports["year"] == corpus.reports["year"].max()]
    ids = set(latest["report_id"].iloc[:5])
    expected = peer_position(table, "new_received", corpus.reports, by="region")
    expected = expected[expected["report_id"].isin(ids)].rename(columns={"new_received": "value"})
    expected = expected.astype({"value": "Float64"})  # one column for counts and rates
    got = derived.rows(corpus, "peers_region", ids)
    got = got[got["metric"] == "new_received"].drop(columns="metric")
    pd.testing.assert_frame_equal(ordered(got), ordered(expected))
    changes = derived.rows(corpus, "headline_changes", ids)
    assert set(changes["metric"]) == set(derived.HEADLINE) and set(changes["report_id"]) == ids
    assert changes["previous"].notna().any()  # last year's value comes from the agency's other reports


def test_frames_are_computed_once_and_callers_cannot_change_them(corpus: Corpus) -> None:
    first = derived.frame(corpus, "metrics")
    first["release_rate_pct"] = 0.0
    del first["agency"]
    again = derived.frame(corpus, "metrics")
    assert "agency" in again.columns and again["release_rate_pct"].max() > 0
    assert corpus.derived["metrics"] is derived._cached(corpus, "metrics", lambda: None)


def test_select_keeps_table_order_and_unknown_ids_select_nothing(corpus: Corpus) -> None:
    ids = set(corpus.reports["report_id"].iloc[::4]) | {"no-such-report"}
    chosen = corpus.select(ids)
    assert not set(Corpus.TABLES) & set(vars(chosen))  # each table is taken when first read
    for name in Corpus.TABLES:
        table = getattr(corpus, name)
        expected = table[table["report_id"].isin(ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(getattr(chosen, name), expected)
    assert all(getattr(corpus.select(["no-such-report"]), n).empty for n in Corpus.TABLES)


def test_select_after_a_table_is_replaced_uses_the_new_table() -> None:
    corpus = load_corpus(sample_corpus())
    ids = set(corpus.reports["report_id"].iloc[:3])
    assert len(corpus.select(ids).table3) > 0  # positions found for the table as loaded
    corpus.table3 = corpus.table3[corpus.table3["column"] == "total"].reset_index(drop=True)
    chosen = corpus.select(ids).table3
    assert set(chosen["column"]) == {"total"} and set(chosen["report_id"]) == ids


def test_the_demo_ranks_only_in_groups_of_five(corpus: Corpus) -> None:
    from disclosure_analysis.analysis.peers import MIN_GROUP

    for by in ("level", "region"):
        peers = derived.frame(corpus, f"peers_{by}")
        ranked = peers[peers["rank"].notna()]
        assert ranked["peer_count"].ge(MIN_GROUP).all()
        small = peers[peers["peer_count"].lt(MIN_GROUP).fillna(False)]
        assert small["rank"].isna().all() and small["peer_median"].isna().all()


def test_peer_members_are_the_group_of_the_peers_frame(corpus: Corpus) -> None:
    peers = derived.frame(corpus, "peers_level")
    row = peers[peers["metric"].eq("new_received") & peers["peer_key"].notna()].iloc[0]
    same = peers[peers["metric"].eq("new_received") & peers["year"].eq(row["year"]) & peers["peer_key"].eq(row["peer_key"])]
    assert sorted(derived.peer_members(corpus, "level", row["year"], row["peer_key"])) == sorted(same["report_id"])
    assert derived.peer_members(corpus, "level", 1999, "县级") == []
