"""Rules across an agency's years: X1 carry-over, X2/X3 表二 stock and flow (within the year and against
last year's report in the same format), an explained clean-up as info."""

from __future__ import annotations

from disclosure_analysis.checks.cross_year import YearReport, cross_year_findings


def _report(rid: str, year: int, version: str = "2021", **cells: float) -> YearReport:
    return YearReport("a", year, rid, {f"t2.{k}": v for k, v in cells.items()} | _carry(year), version)


def _carry(year: int) -> dict[str, int]:
    return {"t3.carried_in.total": year - 2020, "t3.carried_out.total": year - 2020}  # breaks X1 every year


def test_x1_and_x3_across_two_years() -> None:
    found = cross_year_findings([
        _report("y1", 2022, normative_issued=5, normative_repealed=1, normative_in_force=40),
        _report("y2", 2023, normative_issued=6, normative_repealed=2, normative_in_force=30),
    ])
    rules = {(f["report_id"], f["rule"], f["column"]) for f in found}
    assert rules == {("y2", "X1", "total"), ("y2", "X3", "normative_in_force")}
    x3 = next(f for f in found if f["rule"] == "X3")
    assert (x3["severity"], x3["expected"], x3["printed"], x3["table"]) == ("warning", 44, 30, "t2")
    assert "行政规范性文件 现行有效件数" in x3["message"]


def test_within_the_year_without_last_year_and_explained_as_info() -> None:
    lone = [_report("y1", 2023, normative_issued=9, normative_repealed=0, normative_in_force=4)]
    (f,) = cross_year_findings(lone)
    assert (f["rule"], f["column"], f["severity"]) == ("X3", "normative_issued", "warning")
    (f,) = cross_year_findings(lone, lambda rid: "清理后调整")
    assert f["severity"] == "info" and "报告已说明：“清理后调整”" in f["message"]


def test_not_across_the_2019_to_2021_change() -> None:
    found = cross_year_findings([
        _report("y1", 2020, "2019", normative_new_published=5, normative_published_total=90),
        _report("y2", 2021, "2021", normative_issued=6, normative_repealed=2, normative_in_force=30),
    ])
    assert {f["rule"] for f in found} == {"X1"}
