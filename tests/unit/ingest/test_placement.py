"""Rows whose empty cells vanished: a value gets a column only where the identities leave one way."""

from __future__ import annotations

from disclosure_analysis import formats
from disclosure_analysis.formats.identities import table3_identities, table4_identities
from disclosure_analysis.ingest.placement import CELL_MISSING, COLUMN_AMBIGUOUS, Row, place

COLS = formats.table3().column_codes


def _row(code: str, *values: str) -> Row:
    return Row(code, tuple(f"t3.{code}.{c}" for c in COLS), values)


def test_a_full_row_is_as_printed_and_the_total_of_a_short_row_is_placed() -> None:
    rows = [_row("new_received", "5", "1", "0", "0", "0", "0", "6"), _row("carried_in", "2", "2")]
    cells = place("表三", rows, table3_identities("2021")).cells
    assert cells["t3.new_received.commercial"] == ("1", None)
    assert cells["t3.carried_in.total"] == ("2", None)  # R2: the last of two equal numbers is the total
    assert cells["t3.carried_in.natural_person"] == (None, COLUMN_AMBIGUOUS)  # which applicant column: not said
    assert cells["t3.carried_in.commercial"] == (None, COLUMN_AMBIGUOUS)


def test_column_identities_decide_between_placements() -> None:
    # 表四: 总计 = 维持 + 纠正 + 其他 + 尚未审结 per group; 2 in review and 1 in suits, the rest blank
    keys = tuple(formats.table4().keys())
    cells = place("表四", [Row("表四", keys, ("2", "2", "1", "1"))], table4_identities()).cells
    assert cells["t4.review_total"] == (None, COLUMN_AMBIGUOUS)  # 2|2 fits any outcome of any group
    assert all(flag == COLUMN_AMBIGUOUS for raw, flag in cells.values() if raw is None)
    # one cell of the third group blank: R5 places the numbers that are not zeros
    printed = ("1", "0", "0", "0", "1", "0", "0", "0", "0", "0", "2", "0", "0", "2")
    cells = place("表四", [Row("表四", keys, printed)], table4_identities()).cells
    assert cells["t4.review_upheld"] == ("1", None) and cells["t4.review_total"] == ("1", None)
    assert cells["t4.suit_after_review_total"] == ("2", None)
    assert cells["t4.suit_after_review_upheld"] == (None, COLUMN_AMBIGUOUS)  # 2 or blank (then 纠正 2)


def test_no_placement_fits_and_no_number_is_shifted() -> None:
    cells = place("表三", [_row("granted", "3", "5")], table3_identities("2021")).cells  # 3 + 5 ≠ 5, 3 ≠ 5
    assert {flag for _, flag in cells.values()} == {CELL_MISSING}
    assert all(raw is None for raw, _ in cells.values())


def test_zeros_fit_every_column() -> None:
    cells = place("表三", [_row("granted", "0", "0")], table3_identities("2021")).cells
    assert all(v == (None, COLUMN_AMBIGUOUS) for v in cells.values())


def test_a_blank_kept_by_every_placement_is_blank() -> None:
    rows = [_row("new_received", "4", "1", "5"), _row("handled_total", "4", "1", "5")]
    cells = place("表三", rows, table3_identities("2021")).cells
    assert cells["t3.new_received.total"] == ("5", None)
