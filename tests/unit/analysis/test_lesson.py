"""The lesson's case and exercises over hand-built corpora: the choice, answers from the data, substitutes
where the report lacks what an exercise needs, and the check of students' answers."""

from __future__ import annotations

import pytest

from disclosure_analysis import formats
from disclosure_analysis.analysis import lesson
from disclosure_analysis.analysis.lesson.exercises import CANNOT, Exercise
from disclosure_analysis.corpus import Corpus, schema

COLUMNS = formats.table3().column_codes


def report(rid: str, agency: str, name: str, year: int, template: str = "2021", level: str = "县级") -> dict:
    return {"report_id": rid, "agency_id": agency, "agency": name, "year": year, "template": template,
            "level": level}


def t3(rid: str, agency: str, year: int, version: str = "2021", **totals: int | None) -> list[dict]:
    """A 表三 whose every cell is 0 but the given rows, which are printed in 自然人 and 总计 alike."""
    rows = []
    for row in formats.table3().versions[version]:
        for col in COLUMNS:
            value = totals.get(row, 0) if col in ("natural_person", "total") else 0
            rows.append({"report_id": rid, "agency_id": agency, "year": year, "row": row, "column": col,
                         "value": value})
    return rows


def build(reports: list[dict], table3: list[dict], findings: list[dict] = (), **tables: list[dict]) -> Corpus:
    frames = {name: schema.frame(name, tables.get(name, [])) for name in Corpus.TABLES}
    frames["reports"] = schema.frame("reports", reports)
    frames["table3"] = schema.frame("table3", table3)
    frames["findings"] = schema.frame("findings", list(findings))
    return Corpus(**frames)


def finding(rid: str, agency: str, year: int, rule: str, severity: str = "error") -> dict:
    return {"report_id": rid, "agency_id": agency, "year": year, "rule": rule, "severity": severity}


BALANCED = {"new_received": 20, "granted": 8, "partial": 2, "unable_not_held": 9, "handled_total": 19,
            "carried_out": 1}


@pytest.fixture
def corpus() -> Corpus:
    """甲局 2023 and 2024 (2024 with a T1 warning), 乙局 2024 with an R3 error, 丙局 2024 with no 表三."""
    reports = [report("a23", "jia-1", "甲市交通局", 2023), report("a24", "jia-1", "甲市交通局", 2024),
               report("b24", "yi-2", "乙市交通局", 2024), report("c24", "bing-3", "丙县教育局", 2024)]
    table3 = [*t3("a23", "jia-1", 2023, **BALANCED), *t3("a24", "jia-1", 2024, **{**BALANCED, "carried_in": 1}),
              *t3("b24", "yi-2", 2024, **{**BALANCED, "granted": 10})]
    findings = [finding("a24", "jia-1", 2024, "T1", "warning"), finding("b24", "yi-2", 2024, "R3"),
                finding("b24", "yi-2", 2024, "R1", "info"), finding("c24", "bing-3", 2024, "F1")]
    return build(reports, table3, findings)


def test_the_default_case_is_the_most_instructive_report(corpus: Corpus) -> None:
    case = lesson.choose_case(corpus)
    assert (case.report_id, case.reasons, case.title) == ("b24", ("identity",), "乙市交通局 2024 年度报告")
    ranked = lesson.instructive(corpus)
    assert list(ranked["report_id"]) == ["b24", "a24", "a23"]  # 丙局 has no 表三: no case


def test_a_case_by_agency_name_or_part_of_it_and_year(corpus: Corpus) -> None:
    assert lesson.choose_case(corpus, "甲市").report_id == "a24"  # T1 beats nothing
    case = lesson.choose_case(corpus, "甲市交通局", 2023)
    assert (case.report_id, case.previous_id) == ("a23", None)
    assert lesson.choose_case(corpus, "jia-1", 2024).previous_id == "a23"
    with pytest.raises(lesson.CaseError, match="不止一个：乙市交通局、甲市交通局"):
        lesson.choose_case(corpus, "交通局")
    with pytest.raises(lesson.CaseError, match="没有名称含“丁”的机构"):
        lesson.choose_case(corpus, "丁")
    with pytest.raises(lesson.CaseError, match="没有读出表三数字的报告"):
        lesson.choose_case(corpus, "丙县")
    with pytest.raises(lesson.CaseError, match="可选年度：2023、2024"):
        lesson.choose_case(corpus, "甲市", 2022)


def test_two_reports_pair_a_2021_report_with_the_closest_2019_one() -> None:
    reports = [report("o19", "jia-1", "甲局", 2019, "2019"), report("o20", "jia-1", "甲局", 2020, "2019"),
               report("n21", "jia-1", "甲局", 2021), report("n22", "jia-1", "甲局", 2022),
               report("m21", "yi-2", "乙局", 2021, "mixed"), report("p20", "yi-2", "乙局", 2020, "2019")]
    table3 = [*t3("o19", "jia-1", 2019, "2019", **BALANCED), *t3("o20", "jia-1", 2020, "2019", **BALANCED),
              *t3("n21", "jia-1", 2021, **BALANCED), *t3("n22", "jia-1", 2022, **BALANCED),
              *t3("m21", "yi-2", 2021, **BALANCED), *t3("p20", "yi-2", 2020, "2019", **BALANCED)]
    corpus = build(reports, table3)
    case = lesson.choose_case(corpus, two_reports=True)
    assert (case.report_id, case.partner_id) == ("n21", "o20")
    assert lesson.choose_case(corpus, year=2019, two_reports=True).partner_id == "n21"
    with pytest.raises(lesson.CaseError, match="格式混用的报告不算"):
        lesson.choose_case(corpus, "乙局", two_reports=True)


def answers(corpus: Corpus, case: lesson.Case) -> dict[int, Exercise]:
    return {e.number: e for e in lesson.exercises(corpus, case)}


def test_answers_come_from_the_reports_numbers(corpus: Corpus) -> None:
    got = answers(corpus, lesson.choose_case(corpus, "乙市"))
    assert len(got) >= 8 and all("练习" not in e.title for e in got.values())
    assert got[1].answer == pytest.approx(12 / 19) and "(10 + 2) ÷ 19 = 63.2%" in got[1].answer_text
    assert got[3].answer == 0  # R1 holds: 20 + 0 = 19 + 1
    assert got[4].answer == {"自然人", "总计"}  # 10 + 2 + 9 = 21 ≠ 19 in both printed columns
    assert got[5].kind == "number" and "没有读出表四" in got[5].substitute  # R2 instead of R5
    assert got[11].answer == 0 and "0 + 0 + 0 = 0" in got[11].answer_text
    jia = answers(corpus, lesson.choose_case(corpus, "甲市", 2024))
    assert (jia[6].answer, jia[6].substitute) == ("一致", "")  # 上年结转 1 = 2023 结转下年度 1
    first = answers(corpus, lesson.choose_case(corpus, "甲市", 2023))
    assert "没有该机构 2022 年度的报告" in first[6].substitute and first[6].answer == "一致"  # checked with 2024


def test_blank_cells_are_never_read_as_zero() -> None:
    reports = [report("a", "jia-1", "甲局", 2024)]
    table3 = t3("a", "jia-1", 2024, **BALANCED)
    for cell in table3:  # blank in every column
        if cell["row"] in ("granted", "denied_state_secret"):
            cell["value"] = None
    got = answers(build(reports, table3), lesson.choose_case(build(reports, table3)))
    assert got[1].answer == CANNOT and got[2].answer == CANNOT  # 公开率 and 不予公开 need the blank cells
    assert "空白不等于 0" in got[1].answer_text
    table3 = t3("a", "jia-1", 2024, **{**BALANCED, "granted": None})  # blank in 自然人 and 总计 only
    got = answers(build(reports, table3), lesson.choose_case(build(reports, table3)))
    assert got[1].answer == CANNOT  # the other columns print 0 results: no rate either
    assert got[2].answer == 0 and "总计列" in got[2].question
    assert got[4].answer == frozenset() and "无法核对" in got[4].question
    assert got[8].substitute == "语料中的报告都没有读出第五部分。" and got[8].answer == CANNOT


def test_a_copied_measure_is_found_against_last_year() -> None:
    last = "（一）存在问题\n一是公开内容不够全面。\n（二）改进措施\n一是加强培训，提升工作人员业务能力和水平。"
    now = ("（一）存在问题\n一是政策解读形式单一。\n（二）改进措施\n一是加强培训，提升工作人员业务能力和水平。"
           "\n二是2025年6月底前在门户网站开设解读专栏。")
    reports = [report("a23", "jia-1", "甲局", 2023), report("a24", "jia-1", "甲局", 2024)]
    table3 = [*t3("a23", "jia-1", 2023, **BALANCED), *t3("a24", "jia-1", 2024, **{**BALANCED, "carried_in": 1})]
    sections = [{"report_id": r, "agency_id": "jia-1", "year": y, "section": "problems", "text": t}
                for r, y, t in (("a23", 2023, last), ("a24", 2024, now))]
    corpus = build(reports, table3, sections=sections)
    got = answers(corpus, lesson.choose_case(corpus, "甲局", 2024))
    assert got[9].answer == {"1"} and not got[9].substitute
    assert got[9].table is not None and len(got[9].table) == 2
    assert got[8].kind == "sequence" and len(got[8].answer) == 3
    earlier = answers(corpus, lesson.choose_case(corpus, "甲局", 2023))
    assert "无法对照上年" in earlier[9].substitute and earlier[9].answer == {"1"}  # no concrete detail


@pytest.mark.parametrize(
    ("kind", "answer", "right", "wrong"),
    [
        ("number", 3, [3, "3", " 3件", 3.0], [4, "三", True]),
        ("percent", 12 / 19, [0.632, 63.2, "63.2%", "63.16％"], [0.6, "63%", 6.32]),
        ("choice", "一致", ["一致", " “一致” ", "一致。"], ["不一致", "yes"]),
        ("set", frozenset({"自然人", "总计"}), ["总计、自然人", "自然人, 总计", ["自然人", "总计"]], ["自然人", "无"]),
        ("set", frozenset(), ["无", "没有"], ["自然人"]),
        ("sequence", ("问题", "措施"), ["问题、措施", ["问题", "措施"]], ["措施、问题", "问题"]),
    ],
)
def test_check_accepts_the_forms_a_student_writes(kind: str, answer: object, right: list, wrong: list) -> None:
    exercise = Exercise(1, "题", "要点", "问", kind, answer, "答案：秘密", hint="想想分母。")
    assert lesson.check(exercise, None).status == "empty" and lesson.check(exercise, " ").status == "empty"
    for given in right:
        assert lesson.check(exercise, given).status == "right", given
    for given in wrong:
        result = lesson.check(exercise, given)
        assert result.status == "wrong" and "想想分母" in result.message and "秘密" not in result.message, given


def test_reports_of_unknown_year_agency_or_level_break_nothing(corpus: Corpus) -> None:
    extra = [report("x", "jia-1", "甲市交通局", None, None, None), report("y", None, None, 2024, None, None)]
    table3 = [*corpus.table3.to_dict("records"), *t3("x", "jia-1", None, **BALANCED),
              *t3("y", None, 2024, **BALANCED)]
    sections = [{"report_id": "x", "agency_id": "jia-1", "year": None, "section": "problems",
                 "text": "一是公开内容不够全面。二是将加强培训。"}]
    wider = build([*corpus.reports.to_dict("records"), *extra], table3, corpus.findings.to_dict("records"),
                  sections=sections)
    case = lesson.choose_case(wider, "甲市", 2024)
    assert case.report_id == "a24" and len(lesson.exercises(wider, case)) == 11
    assert "x" not in set(lesson.instructive(wider)["report_id"])  # a case needs a year
