"""on_time: the deadline of the agency's kind (or a local earlier one); an unknown date is not a pass and is
scored as the rubric says, with a finding asking for the date; an unknown kind never gives a wrong deadline."""

from __future__ import annotations

from disclosure_analysis.assess import assess
from disclosure_analysis.corpus.register import Register, RegisterEntry

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


def test_unknown_date_scores_zero_and_asks_for_the_date(build, rubric) -> None:
    corpus = build().report("a", published=None).corpus()
    result = assess(corpus, rubric(ON_TIME))
    row = result.outcomes.iloc[0]
    assert (row["status"], row["score"]) == ("unknown", 0)
    (finding,) = result.findings.itertuples()
    assert finding.message.startswith("待补录发布日期") and "2022=" in finding.message
    assert result.scores.loc[0, "total"] == 0 and result.scores.loc[0, "unknown"] == "on_time"


def test_unknown_date_can_be_given_another_score(build, one) -> None:
    corpus = build().report("a", published=None).corpus()
    assert one(corpus, {**ON_TIME, "unknown_score": 0.5}, "a")["score"] == 0.5


def test_local_earlier_deadline_comes_first(build, one) -> None:
    rules = [
        {"region": "示例县", "kind": "department", "date": "01-20", "basis": "本地通知"},
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


def test_unknown_kind_between_the_deadlines_asks_for_the_kind(build, rubric) -> None:
    """A zone's management committee: 1月31日 for a department, 3月31日 for a government — never a guess."""
    corpus = build().report("z", agency="平潭综合实验区", published="2023-02-20").corpus()
    result = assess(corpus, rubric(ON_TIME))
    row = result.outcomes.iloc[0]
    assert (row["status"], row["score"]) == ("unknown", 0)
    (finding,) = result.findings.itertuples()
    assert finding.message.startswith("待确认机构类型") and "登记表" in finding.message
    assert "晚 20 天" in finding.message and "按时" in finding.message


def test_unknown_kind_with_one_verdict_for_every_deadline_is_scored(build, one) -> None:
    early = build().report("z", agency="平潭综合实验区", published="2023-01-20").corpus()
    assert one(early, ON_TIME, "z")["status"] == "pass"
    late = build().report("z", agency="平潭综合实验区", published="2023-04-20").corpus()
    row = one(late, ON_TIME, "z")
    assert row["status"] == "fail" and "2023-03-31" in row["note"]


def test_register_kind_and_date_decide(build, rubric) -> None:
    register = Register(
        (RegisterEntry("pt", "平潭综合实验区", kind="committee", published=((2022, "2023-03-20"),)),)
    )
    corpus = build().report("z", agency="平潭综合实验区", published=None).corpus()
    result = assess(corpus, rubric(ON_TIME), register=register)
    row = result.outcomes.iloc[0]
    assert row["status"] == "pass" and "2023-03-31" in row["note"] and "登记表" in row["note"]
    assert result.scores.loc[0, "agency_kind"] == "committee"


def test_a_street_office_is_not_judged_as_a_department(build, one) -> None:
    corpus = build().report("s", agency="示例县东坡街道办事处", published="2023-02-20").corpus()
    row = one(corpus, ON_TIME, "s")
    assert row["status"] == "pass" and "第四十九条所列" in row["note"]


def test_grace_days(build, one) -> None:
    corpus = build().report("a", published="2023-02-02").corpus()
    assert one(corpus, {**ON_TIME, "params": {"grace_days": 3}}, "a")["status"] == "pass"
