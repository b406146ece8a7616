"""Totals are weighted means of the indicators that have a score; ranks are within the year."""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.assess import assess
from disclosure_analysis.corpus import build_corpus

ON_TIME = {"type": "on_time", "weight": 3}
FEE = {"type": "fee", "weight": 1}


def test_total_is_weighted_mean_of_scored_indicators(build, rubric) -> None:
    corpus = (
        build()
        .report("late", published="2023-03-01")  # on_time 0, fee 1 → 25
        .report("good", agency="示例县教育局")  # 100
        .report("old", agency="示例县民政局", year=2020, published=None)  # on_time unknown: 0, fee n/a → 0
        .report("gone", agency="示例县人社局", year=2020, published=None)
        .corpus()
    )
    scores = assess(corpus, rubric(ON_TIME, FEE)).scores.set_index("report_id")
    assert scores.loc["late", "total"] == 25.0
    assert scores.loc["good", "total"] == 100.0
    assert scores.loc["old", "total"] == 0 and scores.loc["old", "unknown"] == "on_time"
    assert scores.loc["late", "on_time"] == 0 and scores.loc["late", "fee"] == 100
    dropped = {**ON_TIME, "unknown_score": 0.5}  # as the rubric says
    assert assess(corpus, rubric(dropped, FEE)).scores.set_index("report_id").loc["old", "total"] == 50


def test_nothing_scored_gives_no_total(build, rubric) -> None:
    corpus = build().report("old", year=2020).corpus()  # fee does not apply to 2020
    assert pd.isna(assess(corpus, rubric(FEE)).scores.loc[0, "total"])


def test_rank_is_within_the_year_and_ties_share_it(build, rubric) -> None:
    corpus = (
        build()
        .report("a")
        .report("b", agency="示例县教育局")
        .report("c", agency="示例县民政局", published="2023-03-01")
        .report("d", year=2023)
        .corpus()
    )
    scores = assess(corpus, rubric(ON_TIME, FEE)).scores.set_index("report_id")
    assert scores.loc[["a", "b", "c", "d"], "rank"].tolist() == [1, 1, 3, 1]


def test_scope_by_year_and_agency_keeps_last_year_links(build, rubric) -> None:
    carry = {"type": "findings", "params": {"rules": ["X1"], "requires": ["previous_year"]}}
    corpus = build().report("y1", year=2021).report("y2", year=2022).finding("y2", "X1").corpus()
    result = assess(corpus, rubric(carry), years=[2022])
    assert list(result.scores["report_id"]) == ["y2"]
    assert result.outcomes.iloc[0]["status"] == "partial"


def test_empty_corpus_gives_empty_tables_with_their_columns(rubric) -> None:
    result = assess(build_corpus([]), rubric(ON_TIME, FEE))
    assert result.scores.empty and {"on_time", "fee", "total", "rank", "unknown"} <= set(result.scores)
    assert result.findings.empty and result.missing.empty


def test_identical_files_are_one_report(build, rubric) -> None:
    builder = build().report("a")
    builder.rows["reports"].append({**builder.rows["reports"][0], "source": "copy/a.txt"})
    result = assess(builder.corpus(), rubric(ON_TIME, FEE))
    assert list(result.scores["report_id"]) == ["a"]
