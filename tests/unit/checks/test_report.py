"""The identities report what is printed; nulls make a rule uncheckable, never a pass."""

from __future__ import annotations

from disclosure_analysis import formats
from disclosure_analysis.checks.cross_year import check_carry_over
from disclosure_analysis.checks.report import check_narrative, check_report, check_table3, check_table4

COLS = formats.table3().column_codes


def balanced_table3(version: str = "2021") -> dict[str, int | None]:
    """A consistent 表三: 3 new + 1 carried in per column (total = 6 × that), all granted but 1 carried out."""
    cells: dict[str, int | None] = {}
    for row in formats.table3().versions[version]:
        for col in COLS:
            cells[f"t3.{row}.{col}"] = 0
    for col in COLS:
        k = 6 if col == "total" else 1
        cells[f"t3.new_received.{col}"] = 3 * k
        cells[f"t3.carried_in.{col}"] = 1 * k
        cells[f"t3.granted.{col}"] = 3 * k
        cells[f"t3.handled_total.{col}"] = 3 * k
        cells[f"t3.carried_out.{col}"] = 1 * k
    return cells


def table4(values: list[int | None]) -> dict[str, int | None]:
    return dict(zip(formats.table4().keys(), values, strict=True))


def test_consistent_table_has_no_findings() -> None:
    assert check_table3(balanced_table3(), "2021") == []
    assert check_table3(balanced_table3("2019"), "2019") == []


def test_r1_names_the_column_and_the_numbers() -> None:
    cells = balanced_table3()
    cells["t3.carried_out.natural_person"] = 2
    cells["t3.carried_out.total"] = 7
    findings = [f for f in check_table3(cells, "2021") if f.rule == "R1"]
    assert [(f.column, f.expected, f.printed) for f in findings] == [
        ("natural_person", 2, 3),
        ("total", 17, 18),
    ]
    assert (
        findings[0].message
        == "表三 自然人列：本年新收 3 + 上年结转 1 ≠ 办理结果总计 3 + 结转下年度 2（相差 -1）"
    )


def test_r2_and_r3_point_at_the_printed_total() -> None:
    cells = balanced_table3()
    cells["t3.granted.total"] = 17
    cells["t3.handled_total.total"] = 17
    cells["t3.carried_out.total"] = 7  # keep R1 of the total column balanced
    rules = {(f.rule, f.row, f.column) for f in check_table3(cells, "2021") if f.severity == "error"}
    assert ("R2", "granted", None) in rules
    assert ("R2", "handled_total", None) in rules


def test_null_cells_make_rules_uncheckable_not_passing() -> None:
    cells = balanced_table3()
    for row in formats.table3().versions["2021"]:
        cells[f"t3.{row}.commercial"] = None
    findings = check_table3(cells, "2021")
    assert all(f.severity == "info" for f in findings)
    assert {f.rule for f in findings} == {"R1", "R2", "R3"}
    assert "不能当作 0" in findings[0].message


def test_r5_table4_totals() -> None:
    assert check_table4(table4([1, 0, 0, 0, 1] * 3)) == []
    bad = check_table4(table4([10, 1, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]))
    assert [(f.column, f.expected, f.printed) for f in bad] == [
        ("review_total", 11, 0),
        ("suit_after_review_total", 5, 0),
    ]
    assert "行政复议" in bad[0].message and "≠ 总计 0" in bad[0].message


def test_r4_negative_or_fractional_counts() -> None:
    cells = balanced_table3()
    cells["t3.granted.research"] = -1
    findings = [f for f in check_report(cells, "2021", {}, []) if f.rule == "R4"]
    assert [(f.row, f.column, f.printed) for f in findings] == [("granted", "research", -1)]


def test_t1_is_a_warning_and_accepts_new_plus_carried_in() -> None:
    cells = balanced_table3()
    assert check_narrative(cells, {"applications_received": 18}) == []
    assert check_narrative(cells, {"applications_received": 24}) == []  # 18 new + 6 carried in
    (w,) = check_narrative(cells, {"applications_received": 17})
    assert (w.rule, w.severity, w.expected, w.printed) == ("T1", "warning", 18, 17)
    assert check_narrative(cells, {"applications_received": None}) == []


def test_missing_table_is_reported() -> None:
    (f,) = [f for f in check_report({}, None, {}, ["t3"]) if f.rule == "F1"]
    assert f.table == "t3" and "表三" in f.message


def test_x1_carry_over_chain() -> None:
    prev, cur = balanced_table3(), balanced_table3()
    assert check_carry_over(prev, cur, 2022) == []
    cur["t3.carried_in.natural_person"] = 5
    (f,) = check_carry_over(prev, cur, 2022)
    assert (f.rule, f.row, f.column, f.expected, f.printed) == ("X1", "carried_in", "natural_person", 1, 5)
    assert "2022 年报告" in f.message


def test_an_isolated_slash_is_pointed_at() -> None:
    cells = balanced_table3()
    cells["t3.granted.total"] = None
    n1 = [f for f in check_table3(cells, "2021") if f.rule == "N1"]
    assert [(f.row, f.column, f.severity) for f in n1] == [("granted", "total", "info")]


def test_a_column_left_blank_throughout_is_not_an_isolated_blank() -> None:
    cells = balanced_table3()
    for row in formats.table3().versions["2021"]:
        cells[f"t3.{row}.research"] = None
    assert not [f for f in check_table3(cells, "2021") if f.rule == "N1"]


def test_a_number_a_cell_cannot_hold_is_an_r4_error_with_its_printed_text() -> None:
    from disclosure_analysis.checks.report import check_extraction
    from disclosure_analysis.ingest import mapping
    from disclosure_analysis.ingest.extract import Extraction

    cells = {k: mapping.Cell(v, str(v)) for k, v in balanced_table3().items()}
    cells["t3.new_received.natural_person"] = mapping.Cell(None, "3.5", mapping.NOT_A_COUNT)
    cells["t2.fees_amount"] = mapping.Cell(0.3, "3000元", mapping.UNIT_CONVERTED, unit="万元")
    extraction = Extraction("x", versions={"t2": "2021", "t3": "2021"}, cells=cells)
    findings = check_extraction(extraction)
    r4 = [f for f in findings if f.rule == "R4"]
    assert [(f.table, f.row, f.column) for f in r4] == [("t3", "new_received", "natural_person")]
    assert "“3.5”" in r4[0].message and "记为空" in r4[0].message
    converted = [f for f in findings if f.rule == "P1"]
    assert len(converted) == 1 and "“3000元”" in converted[0].message and "0.3万元" in converted[0].message


def test_a_year_in_the_future_or_before_the_regulation_is_a_warning() -> None:
    from datetime import date

    from disclosure_analysis.checks.report import check_year

    today = date(2026, 3, 1)
    assert check_year(2025, "2026-01-20", today) == []
    assert check_year(None, None, today) == []
    for year, published, said in ((2099, None, "今年"), (2025, "2024-03-01", "发布日期"), (2005, None, "条例")):
        (finding,) = check_year(year, published, today)
        assert (finding.rule, finding.severity, finding.printed) == ("Y1", "warning", year) and said in finding.message
