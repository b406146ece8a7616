"""Coverage: a corpus with an unknown publication date, a duplicate agency-year and a missing year — the
scores, the findings and the missing list say so, and nothing is silently dropped or counted twice."""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.assess import assess, load_rubric
from disclosure_analysis.corpus.register import Register, RegisterEntry

REGISTER = Register(
    (
        RegisterEntry("police", "示例县公安局", parent="gov", kind="department", years=((2021, None),)),
        RegisterEntry("edu", "示例县教育局", parent="gov", kind="department", url="http://edu.example/nb"),
        RegisterEntry("gov", "示例县人民政府", kind="government"),
    )
)


def _corpus(build):
    return (
        build()
        .report("p21", year=2021, published="2022-01-20")
        .table3("p21")
        .report("p23", year=2023, published=None)  # no date printed: 0 points, asked for
        .table3("p23")
        .report("p23-copy", year=2023, published="2024-01-25", status="partial")  # another copy, less complete
        .report("e22", agency="示例县教育局", year=2022, published="2023-01-10")
        .table3("e22")
        .report("e23", agency="示例县教育局", year=2023, published="2024-01-10")
        .table3("e23")
        .corpus()
    )


def test_unknown_date_duplicate_and_missing_year(build) -> None:
    result = assess(_corpus(build), load_rubric(), REGISTER, years=[2021, 2022, 2023])
    scores = result.scores.set_index("report_id")
    assert set(scores.index) == {"p21", "p23", "e22", "e23"}  # one report per agency-year scored
    assert scores.loc["p23", "on_time"] == 0 and "on_time" in scores.loc["p23", "unknown"].split(",")
    assert scores.loc["e23", "on_time"] == 100 and "on_time" not in scores.loc["e23", "unknown"]
    assert pd.notna(scores.loc["p23", "total"])  # an unknown date is scored, never dropped from the total

    findings = result.findings.set_index("report_id")
    asked = findings[findings["rule"] == "on_time"].loc[["p23"]]
    assert asked["message"].str.startswith("待补录发布日期").all() and asked["location"].str.len().gt(0).all()
    duplicate = findings[findings["rule"] == "duplicate"]
    assert list(duplicate.index) == ["p23"] and "p23-copy.txt" in duplicate["message"].iloc[0]

    dropped = result.duplicates.iloc[0]
    assert (dropped["report_id"], dropped["scored_report_id"], dropped["year"]) == ("p23-copy", "p23", 2023)

    missing = sorted(zip(result.missing["register_id"], result.missing["year"], strict=True))
    assert missing == [("edu", 2021), ("gov", 2021), ("gov", 2022), ("gov", 2023), ("police", 2022)]
    edu = result.missing[result.missing["register_id"] == "edu"].iloc[0]
    assert edu["parent"] == "示例县人民政府" and "http://edu.example/nb" in edu["message"]  # the parent by name


def test_the_rubric_says_which_duplicate_is_scored(build, rubric) -> None:
    latest = {"name": "x", "duplicates": "latest_published", "indicators": [{"type": "on_time", "id": "on_time"}]}
    from disclosure_analysis.assess.rubric import parse_rubric

    items = [{"weight": 1, "basis": "测试", **i} for i in latest["indicators"]]
    chosen = assess(_corpus(build), parse_rubric({**latest, "indicators": items}, "t.yaml"), REGISTER)
    assert "p23-copy" in set(chosen.scores["report_id"]) and "p23" not in set(chosen.scores["report_id"])


def test_missing_years_default_to_the_latest_year(build) -> None:
    result = assess(_corpus(build), load_rubric(), REGISTER)
    assert result.years == [2023] and set(result.scores["year"]) == {2021, 2022, 2023}
    assert sorted(zip(result.missing["register_id"], result.missing["year"], strict=True)) == [("gov", 2023)]


def test_without_a_register_only_gaps_are_missing(build) -> None:
    result = assess(_corpus(build), load_rubric(), years=[2021, 2022, 2023])
    (gap,) = result.missing.itertuples()
    assert (gap.agency, gap.year) == ("示例县公安局", 2022) and "未提供登记表" in gap.message
