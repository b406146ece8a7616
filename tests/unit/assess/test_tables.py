"""findings-type indicators (R1–R5, T1, F1, X1) and the blank-cell findings of the shared pool."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.assess import assess
from disclosure_analysis.assess.context import blank_cells

IDENTITIES = {
    "type": "findings",
    "id": "identities",
    "params": {"rules": ["R1", "R2", "R3", "R4", "R5"], "tables": ["t3", "t4"]},
}
TABLES_TEXT = {
    "type": "findings",
    "id": "tables_text",
    "params": {"rules": ["F1"], "penalty": {"error": 0.34}},
}
CARRY = {
    "type": "findings",
    "id": "carry_over",
    "params": {"rules": ["X1"], "requires": ["unified_format", "previous_year"]},
}


def test_consistent_tables_pass(build, one) -> None:
    corpus = build().report("a").table3("a").table4("a").corpus()
    assert one(corpus, IDENTITIES, "a")["status"] == "pass"


def test_each_error_costs_its_penalty(build, one) -> None:
    corpus = (
        build()
        .report("a")
        .table3("a")
        .table4("a")
        .finding("a", "R1", column="natural_person")
        .finding("a", "R5", table="t4", column="review_total")
        .corpus()
    )
    row = one(corpus, IDENTITIES, "a")
    assert (row["status"], row["score"], row["findings"]) == ("partial", 0.5, 2)


def test_no_table_to_check_is_unknown(build, one) -> None:
    assert one(build().report("a").corpus(), IDENTITIES, "a")["status"] == "unknown"


def test_pre2019_reports_have_no_tables_to_check(build, one) -> None:
    corpus = build().report("a", year=2016, template="pre2019").corpus()
    assert one(corpus, IDENTITIES, "a")["status"] == "not_applicable"


def test_missing_tables_cost_a_third_each(build, one) -> None:
    corpus = build().report("a").finding("a", "F1", table="t3").report("b", agency="示例县教育局").corpus()
    assert one(corpus, TABLES_TEXT, "a")["score"] == pytest.approx(0.66)
    assert one(corpus, TABLES_TEXT, "b")["status"] == "pass"


def test_carry_over_needs_last_year_s_report(build, one) -> None:
    corpus = (
        build()
        .report("y1", year=2021)
        .report("y2", year=2022)
        .finding("y2", "X1", row="carried_in", column="total")
        .corpus()
    )
    assert one(corpus, CARRY, "y1")["status"] == "not_applicable"
    assert one(corpus, CARRY, "y2")["status"] == "partial"


def test_blank_columns_and_rows_are_one_finding_for_the_table(build) -> None:
    """Five blank columns and a blank row: one finding for 表三 naming them, taking in the validator's
    "cannot be checked" rows about the same cells."""
    applicants = ("commercial", "research", "nonprofit", "legal_service", "other_org")
    corpus = (
        build().report("a").table3("a").finding("a", "R1", "info").finding("a", "R2", "info").corpus()
    )
    t3 = corpus.table3
    blank = t3["column"].isin(applicants) | (t3["row"] == "partial")
    corpus.table3 = t3.assign(value=t3["value"].mask(blank))
    found, folded = blank_cells(corpus, corpus.findings, {"a"})
    (finding,) = found.itertuples()
    assert (finding.rule, finding.severity, finding.table) == ("R4", "warning", "t3")
    assert pd.isna(finding.row) and pd.isna(finding.column)
    assert "商业企业、科研机构、社会公益组织、法律服务机构、其他 5 列" in finding.message
    assert "「（二）部分公开」1 行" in finding.message and "因此无法核对" in finding.message
    assert sorted(folded) == [0, 1]


def test_isolated_blank_is_the_validator_s_n1_and_can_cost(build, one) -> None:
    corpus = (
        build()
        .report("a")
        .table3("a")
        .table4("a")
        .finding("a", "N1", "info", row="granted", column="natural_person")
        .corpus()
    )
    assert one(corpus, IDENTITIES, "a")["score"] == 1.0
    costly = {**IDENTITIES, "params": {**IDENTITIES["params"], "rules": ["N1"], "penalty": {"N1": 0.1}}}
    assert one(corpus, costly, "a")["score"] == 0.9


def test_blank_table2_cell_only_in_a_row_with_figures(build) -> None:
    corpus = (
        build()
        .report("a")
        .table2(
            "a",
            regulations_issued=None,
            regulations_repealed=None,
            regulations_in_force=None,
            normative_issued=3,
            normative_repealed=None,
            normative_in_force=20,
        )
        .corpus()
    )
    found, _ = blank_cells(corpus, corpus.findings, {"a"})
    (finding,) = found.itertuples()
    assert finding.severity == "info" and "「行政规范性文件 本年废止件数」" in finding.message
    assert "规章" not in finding.message  # a row all blank is taken as not applicable


def test_a_dismissed_finding_costs_nothing(build, rubric) -> None:
    corpus = build().report("a").table3("a").table4("a").finding("a", "R1", column="natural_person").corpus()
    first = assess(corpus, rubric(IDENTITIES))
    key = first.findings.loc[first.findings["rule"] == "R1", "finding_key"].iloc[0]
    decisions = pd.DataFrame({"finding_key": [key], "decision": ["dismissed"]}, dtype="string")
    second = assess(corpus, rubric(IDENTITIES), decisions=decisions.reindex(columns=first.given_decisions.columns))
    assert first.outcomes.iloc[0]["score"] == 0.75
    assert second.outcomes.iloc[0]["score"] == 1.0
    assert second.findings.loc[second.findings["finding_key"] == key, "decision"].iloc[0] == "dismissed"
