"""format, fee and gov_items: what the unified format asks of a report, read from its sections and tables."""

from __future__ import annotations

from disclosure_analysis.assess import assess

from .conftest import TEXTS

FORMAT, FEE, GOV = {"type": "format"}, {"type": "fee"}, {"type": "gov_items"}


def test_six_sections_and_the_year_s_tables_pass(build, one) -> None:
    assert one(build().report("a").corpus(), FORMAT, "a")["status"] == "pass"


def test_a_2021_report_with_2019_table2_columns_is_a_finding(build, rubric) -> None:
    corpus = build().report("a", year=2022, t2_version="2019", template="mixed").corpus()
    result = assess(corpus, rubric(FORMAT))
    finding = result.findings[result.findings["indicator"] == "format"].iloc[0]
    assert finding["table"] == "t2"
    assert "2019 年试行格式" in finding["message"]
    assert result.outcomes.iloc[0]["status"] == "partial"


def test_a_missing_section_is_named(build, rubric) -> None:
    sections = {k: v for k, v in TEXTS.items() if k != "problems"}
    result = assess(build().report("a", sections=sections).corpus(), rubric(FORMAT))
    (row,) = result.findings["row"].dropna()
    assert row == "problems"


def test_a_section_holding_only_its_table_is_present(build, one) -> None:
    sections = {k: v for k, v in TEXTS.items() if k != "applications"}
    corpus = build().report("a", sections=sections).table3("a").corpus()
    assert one(corpus, FORMAT, "a")["status"] == "pass"


def test_old_style_report_for_a_unified_year_fails_and_old_years_do_not_apply(build, one) -> None:
    corpus = (
        build().report("a", year=2020, template="pre2019").report("b", year=2016, template="pre2019").corpus()
    )
    assert one(corpus, FORMAT, "a")["status"] == "fail"
    assert one(corpus, FORMAT, "b")["status"] == "not_applicable"


def test_fee_reported_including_not_collected(build, one) -> None:
    corpus = build().report("a").corpus()
    assert one(corpus, FEE, "a")["status"] == "pass"


def test_fee_not_reported_fails_and_elsewhere_is_partial(build, one) -> None:
    silent = {**TEXTS, "other": "无其他需要报告的事项。"}
    elsewhere = {**silent, "overview": TEXTS["overview"] + "全年未收取信息处理费。"}
    corpus = build().report("a", sections=silent).report("b", agency="示例县教育局", sections=elsewhere).corpus()
    assert one(corpus, FEE, "a")["status"] == "fail"
    assert one(corpus, FEE, "b")["score"] == 0.5


def test_fee_applies_from_2021(build, one) -> None:
    corpus = build().report("a", year=2020, sections={**TEXTS, "other": "无。"}).corpus()
    assert one(corpus, FEE, "a")["status"] == "not_applicable"


def test_government_reports_assessment_appraisal_and_accountability(build, one) -> None:
    full = {
        **TEXTS,
        "overview": TEXTS["overview"] + "将政务公开纳入绩效考核，开展社会评议，未发生责任追究情况。",
    }
    corpus = (
        build()
        .report("g", agency="示例县人民政府", sections=full)
        .report(
            "h",
            agency="示例县人民政府",
            year=2023,
            sections={**TEXTS, "other": "开展社会评议。未收取信息处理费。"},
        )
        .report("d")
        .corpus()
    )
    assert one(corpus, GOV, "g")["status"] == "pass"
    partial = one(corpus, GOV, "h")
    assert partial["status"] == "partial" and round(partial["score"], 2) == 0.33
    assert one(corpus, GOV, "d")["status"] == "not_applicable"


def test_a_report_whose_format_was_not_told_is_assessed(build, rubric) -> None:
    """A read report with no template (no table found) is scored, not a crash ("boolean value of NA")."""
    corpus = build().report("a", template=None, t2_version=None, t3_version=None).corpus()
    result = assess(corpus, rubric(FORMAT, {"type": "stock_flow"}, {"type": "findings", "params": {"rules": ["R1", "F1"]}}))
    assert set(result.outcomes["report_id"]) == {"a"}
