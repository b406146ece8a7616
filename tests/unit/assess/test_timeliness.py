"""on_time: the deadline of the agency's kind (or a local earlier one); an unknown date is not a pass."""

from __future__ import annotations

import pandas as pd

ON_TIME = {"type": "on_time"}


def test_department_on_time_passes_and_late_fails(build, one) -> None:
    corpus = (
        build()
        .report("a", published="2023-01-30")
        .report("b", agency="示例县教育局", published="2023-02-10")
        .corpus()
    )
    assert one(corpus, ON_TIME, "a")["status"] == "pass"
    late = one(corpus, ON_TIME, "b")
    assert (late["status"], late["score"]) == ("fail", 0.0)
    assert "2023-01-31" in late["note"]


def test_government_has_until_31_march(build, one) -> None:
    corpus = build().report("g", agency="示例县人民政府", published="2023-03-15").corpus()
    assert one(corpus, ON_TIME, "g")["status"] == "pass"


def test_before_2019_every_agency_had_until_31_march(build, one) -> None:
    corpus = build().report("old", year=2015, published="2016-03-20", template="pre2019").corpus()
    assert one(corpus, ON_TIME, "old")["status"] == "pass"


def test_unknown_date_is_its_own_outcome_and_not_scored(build, one) -> None:
    corpus = build().report("a", published=None).corpus()
    row = one(corpus, ON_TIME, "a")
    assert row["status"] == "unknown"
    assert pd.isna(row["score"])


def test_unknown_date_can_be_given_a_score(build, one) -> None:
    corpus = build().report("a", published=None).corpus()
    assert one(corpus, {**ON_TIME, "unknown_score": 0}, "a")["score"] == 0


def test_local_earlier_deadline_comes_first(build, one) -> None:
    rules = [
        {"region": "示例县", "is_government": False, "date": "01-20", "basis": "本地通知"},
        {"date": "01-31", "basis": "条例第四十九条"},
    ]
    corpus = (
        build()
        .report("a", published="2023-01-25")
        .report("b", agency="其他县公安局", published="2023-01-25")
        .corpus()
    )
    local = {**ON_TIME, "params": {"deadlines": rules}}
    assert one(corpus, local, "a")["status"] == "fail"
    assert one(corpus, local, "b")["status"] == "pass"


def test_agency_kind_unknown_makes_the_deadline_unknown(build, one) -> None:
    corpus = build().report("a", is_government=None, published="2023-02-20").corpus()
    assert one(corpus, ON_TIME, "a")["status"] == "unknown"


def test_grace_days(build, one) -> None:
    corpus = build().report("a", published="2023-02-02").corpus()
    assert one(corpus, {**ON_TIME, "params": {"grace_days": 3}}, "a")["status"] == "pass"
