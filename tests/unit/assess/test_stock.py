"""stock_flow (X2/X3): 表二 stocks chain from year to year; an explained clean-up is not an error."""

from __future__ import annotations

from disclosure_analysis.assess import assess

from .conftest import TEXTS

STOCK = {"type": "stock_flow"}


def _years(build, in_force_2023: int, other: str = TEXTS["other"]):
    return (
        build()
        .report("y1", year=2022)
        .table2("y1", normative_issued=5, normative_repealed=1, normative_in_force=40)
        .report("y2", year=2023, sections={**TEXTS, "other": other})
        .table2("y2", normative_issued=6, normative_repealed=2, normative_in_force=in_force_2023)
        .corpus()
    )


def test_stock_that_chains_passes(build, one) -> None:
    assert one(_years(build, 44), STOCK, "y2")["status"] == "pass"


def test_stock_break_is_a_warning_at_the_cell(build, rubric) -> None:
    result = assess(_years(build, 30), rubric(STOCK))
    finding = result.findings[result.findings["report_id"] == "y2"].iloc[0]
    assert (finding["rule"], finding["severity"], finding["table"], finding["column"]) == (
        "X3",
        "warning",
        "t2",
        "normative_in_force",
    )
    assert (finding["expected"], finding["printed"]) == (44, 30)
    assert result.outcomes.set_index("report_id").loc["y2", "status"] == "partial"


def test_explained_clean_up_is_info_not_an_error(build, rubric) -> None:
    note = (
        "开展了规范性文件清理工作，现行有效件数根据清理结果进行了调整，以本年度报告为准。未收取信息处理费。"
    )
    result = assess(_years(build, 30, note), rubric(STOCK))
    finding = result.findings[result.findings["report_id"] == "y2"].iloc[0]
    assert finding["severity"] == "info" and "报告已说明" in finding["message"]
    assert result.outcomes.set_index("report_id").loc["y2", "status"] == "pass"


def test_not_across_the_2019_to_2021_format_change(build, one) -> None:
    corpus = (
        build()
        .report("y1", year=2020)
        .table2("y1", normative_new_made=5, normative_new_published=5, normative_published_total=90)
        .report("y2", year=2021)
        .table2("y2", normative_issued=6, normative_repealed=2, normative_in_force=30)
        .corpus()
    )
    row = one(corpus, STOCK, "y2")
    assert row["status"] == "pass" and "只核对了本年内" in row["note"]


def test_within_the_year_issued_cannot_exceed_stock_plus_repealed(build, rubric) -> None:
    corpus = (
        build()
        .report("a")
        .table2("a", normative_issued=9, normative_repealed=0, normative_in_force=4)
        .corpus()
    )
    result = assess(corpus, rubric(STOCK))
    assert list(result.findings["column"]) == ["normative_issued"]


def test_2019_items_chain(build, rubric) -> None:
    corpus = (
        build()
        .report("y1", year=2019)
        .table2("y1", licensing_prev_items=10, licensing_change=2)
        .report("y2", year=2020)
        .table2("y2", licensing_prev_items=13, licensing_change=0)
        .corpus()
    )
    result = assess(corpus, rubric(STOCK))
    finding = result.findings.iloc[0]
    assert (finding["rule"], finding["column"], finding["expected"], finding["printed"]) == (
        "X2",
        "licensing_prev_items",
        12,
        13,
    )
