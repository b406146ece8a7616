"""The pages' tables of indicators, outcomes, changes and peers: one row per thing, years across, the
numbers in the pages' formats, nothing blank in every year, and why a value is not there."""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.corpus import schema
from disclosure_analysis.page import tables


def test_indicators_with_numerator_denominator_and_why_not() -> None:
    values = pd.DataFrame({
        "report_id": ["a", "a", "a", "b", "b", "b"],
        "year": [2023, 2023, 2023, 2024, 2024, 2024],
        "indicator": ["release_rate", "correction_rate", "info_processing_fee"] * 2,
        "numerator": [1816, None, 3940, 10, 1, None],
        "denominator": [3050, None, None, 26, 0, None],
        "value": [1816 / 3050, None, 3940, None, None, None],
        "status": ["ok", "blank", "ok", "unbalanced", "zero_denominator", "blank"],
    })
    shown = tables.indicator_table(values).set_index("指标")
    assert list(shown.columns) == ["2023 年", "2024 年"]
    assert shown.loc["公开率", "2023 年"] == "59.5%（1,816 / 3,050）" and shown.loc["公开率", "2024 年"] == "表内不平衡"
    assert shown.loc["复议纠错率", "2024 年"] == "分母为 0" and shown.loc["复议纠错率", "2023 年"] == "—"
    assert shown.loc["信息处理费", "2023 年"] == "3,940 元"
    assert "诉讼败诉率" not in shown.index  # blank in every year: no row of "—"


def test_unbalanced_years_are_named() -> None:
    findings = schema.frame("findings", [
        {"report_id": "a", "year": 2020, "rule": "R3", "severity": "error"},
        {"report_id": "a", "year": 2020, "rule": "R1", "severity": "error"},
        {"report_id": "b", "year": 2021, "rule": "R5", "severity": "error"},
        {"report_id": "c", "year": 2022, "rule": "R3", "severity": "info"},  # could not be checked: not a failure
    ])
    note = tables.unbalanced_note(findings).to_html()
    assert "2020 年表三（R1、R3 未通过）" in note and "2021 年表四（R5 未通过）" in note and "2022" not in note
    assert tables.unbalanced_note(findings.iloc[3:]) is None
    assert "法律依据" in tables.definitions_html().to_html()


def test_outcomes_and_reasons_one_row_each() -> None:
    mix = pd.DataFrame({
        "year": [2023, 2023, 2024], "group": ["granted", "unable", "granted"],
        "count": pd.array([8, 11, 9], dtype="Int64"), "share": pd.array([0.4, 0.55, None], dtype="Float64"),
    })
    shown = tables.outcome_table(mix).set_index("办理结果")
    assert shown.loc["予以公开", "2023 年"] == "8（40.0%）" and shown.loc["予以公开", "2024 年"] == "9"  # no share
    assert shown.loc["无法提供", "2024 年"] == "—"
    reasons = pd.DataFrame({
        "year": [2023, 2023, 2024, 2024], "group": ["unable", "rejected", "unable", "rejected"],
        "outcome": ["unable_not_held", "rejected_duplicate", "unable_not_held", "rejected_duplicate"],
        "count": pd.array([11, 0, 769, None], dtype="Int64"), "share": [0.55, 0.0, 0.25, None],
    })
    shown = tables.reasons_table(reasons)
    assert list(shown["理由"]) == ["无法提供：本机关不掌握相关政府信息"]  # 0 or blank every year: left out
    assert list(shown.iloc[0, 1:]) == ["11（55.0%）", "769（25.0%）"]


def test_changes_in_points_and_lower_bounds() -> None:
    changes = pd.DataFrame({
        "metric": ["proactive_total", "proactive_total", "new_received", "release_rate_pct"],
        "year": [2024, 2025, 2024, 2024],
        "value": [5500.0, 6000.0, 30.0, 55.0],
        "previous": [4000.0, 5500.0, 20.0, 52.6],
        "change": [1500.0, None, 10.0, 2.4],
        "change_pct": [0.375, None, 0.5, None],
        "at_least": [True, False, False, False],
    })
    counts, rates = tables.changes_tables(changes)
    assert counts.iloc[0].tolist() == ["主动公开信息（条）", "2024", "≥ 5,500", "4,000", "≥ +1,500", "≥ 37.5%"]
    assert counts.iloc[1].tolist()[-2:] == ["—", "—"]  # from a lower bound: unknown
    assert counts.iloc[2].tolist()[-2:] == ["+10", "50.0%"]
    assert rates.iloc[0].tolist() == ["公开率", "2024", "55.0%", "52.6%", "+2.4 个百分点"]


def test_peers_rank_only_in_groups_of_five() -> None:
    peers = pd.DataFrame({
        "metric": ["new_received", "release_rate_pct", "new_received"], "year": [2024, 2024, 2023],
        "peer_key": ["县级", "县级", None], "value": [30.0, 54.33, 12.0], "rank": pd.array([2, None, None], dtype="Int64"),
        "peer_count": pd.array([12, 4, None], dtype="Int64"), "peer_median": [20.0, None, None],
    })
    shown = tables.peer_table(peers)
    assert shown["名次 / 同类报告数"].tolist() == ["2 / 12", "不排名（同类 4 份）", "不排名（同类不详）"]
    assert shown["本机关"].tolist() == ["30", "54.3%", "12"] and shown["同类中位数"].tolist() == ["20", "—", "—"]


def test_long_counts_for_the_small_multiples() -> None:
    wide = pd.DataFrame({"year": [2023, 2024], "proactive_total": [5500.0, None], "regulations_issued": [0.0, 1.0]})
    long = tables.long_counts(wide, ["proactive_total", "regulations_issued"], [True, False])
    assert long["item"].tolist() == ["主动公开信息（正文所述，条）"] * 2 + ["规章 制发"] * 2
    assert long["count"].tolist()[1] is pd.NA and long["at_least"].tolist() == [True, False, False, False]
