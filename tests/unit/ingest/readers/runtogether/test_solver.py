"""Splitting runs of digits into cells: only where the identities leave one answer."""

from __future__ import annotations

from disclosure_analysis.formats import table3
from disclosure_analysis.formats.identities import Identity, table3_identities, table4_identities
from disclosure_analysis.ingest.readers.runtogether.solver import (
    AMBIGUOUS,
    BY_IDENTITIES,
    NO_FIT,
    PRINTED,
    RunRow,
    row_splits,
    solve,
)
from disclosure_analysis.ingest.values import AMOUNT, CHANGE, COUNT

COLS = table3().column_codes


def t3_row(code: str, run: str) -> RunRow:
    return RunRow(code, tuple(run.split()), tuple(f"t3.{code}.{c}" for c in COLS), (COUNT,) * len(COLS))


def row_of(run: str, kinds: tuple[str, ...]) -> RunRow:
    return RunRow("r", tuple(run.split()), tuple(f"c{i}" for i in range(len(kinds))), kinds)


def values(solution, code: str) -> list:
    return [solution.cells[f"t3.{code}.{c}"].value for c in COLS]


def statuses(solution, code: str) -> set[str]:
    return {solution.cells[f"t3.{code}.{c}"].status for c in COLS}


def t3_table(version: str, runs: dict[str, str]) -> list[RunRow]:
    """Every row of 表三 in `version`: the given runs, zeros elsewhere."""
    return [t3_row(s.code, runs.get(s.code, "0000000")) for s in table3().row_specs(version)]


def test_one_digit_per_cell_needs_no_identity() -> None:
    s = solve([t3_row("carried_in", "0000000")], [])
    assert values(s, "carried_in") == [0] * 7 and statuses(s, "carried_in") == {PRINTED}


def test_the_row_sum_picks_the_one_split() -> None:  # renderings.md: 640020470 = 64,0,0,2,0,4,70
    row = t3_row("new_received", "640020470")
    assert len(row_splits(row)) > 1
    s = solve([row], [i for i in table3_identities("2021") if i.rule == "R2"])
    assert values(s, "new_received") == [64, 0, 0, 2, 0, 4, 70]
    assert statuses(s, "new_received") == {BY_IDENTITIES}


def test_a_zero_is_a_whole_cell() -> None:
    assert row_splits(row_of("0520", (COUNT, COUNT))) == [("0", "520")]  # never "05"|"20"
    assert row_splits(row_of("100", (COUNT, COUNT))) == [("10", "0")]  # never "1"|"00"
    assert row_splits(row_of("00", (COUNT,))) == []


def test_whitespace_is_a_cell_boundary() -> None:
    assert set(row_splits(row_of("20 155", (COUNT,) * 3))) == {("20", "1", "55"), ("20", "15", "5"), ("2", "0", "155")}
    assert row_splits(row_of("20 15 5", (COUNT,) * 3)) == [("20", "15", "5")]


def test_signs_decimals_and_null_markers_by_column_kind() -> None:
    assert row_splits(row_of("3+10", (COUNT, CHANGE, COUNT))) == [("3", "+1", "0")]
    assert len(row_splits(row_of("3-10", (COUNT, CHANGE, COUNT)))) == 2  # 3|-1|0, or 3|—|10 ("-" prints nothing)
    assert row_splits(row_of("12.5", (AMOUNT,))) == [("12.5",)]
    assert row_splits(row_of("12.5", (COUNT,))) == []
    s = solve([row_of("/ 3 /", (COUNT,) * 3)], [])
    assert [(c.status, c.value) for c in s.cells.values()] == [(PRINTED, None), (PRINTED, 3), (PRINTED, None)]


def test_digits_that_cannot_fill_the_cells_are_not_shifted() -> None:
    s = solve([t3_row("granted", "000000")], [])  # six digits for seven cells: a blank cell vanished
    assert values(s, "granted") == [None] * 7 and statuses(s, "granted") == {NO_FIT}


def test_several_splits_that_fit_leave_the_differing_cells_null() -> None:
    # 1|10|0|0|0|0|11 and 11|0|0|0|0|0|11 print the same digits and both add up
    rows = t3_table("2019", {"new_received": "110000011", "granted": "110000011", "handled_total": "110000011"})
    s = solve(rows, table3_identities("2019"))
    assert values(s, "granted") == [None, None, 0, 0, 0, 0, 11]
    assert s.cells["t3.granted.natural_person"].status == AMBIGUOUS
    assert s.cells["t3.granted.total"].status == BY_IDENTITIES
    assert sorted(s.alternatives["granted"]) == [("1", "10", "0", "0", "0", "0", "11"), ("11", "0", "0", "0", "0", "0", "11")]


def test_column_identities_decide_what_a_row_alone_cannot_2019() -> None:
    # 予以公开 1 (自然人) and 部分公开 10 (商业企业) are unambiguous; R3 then settles （七）总计, R1 本年新收
    rows = t3_table("2019", {
        "new_received": "110000011", "granted": "1000001", "partial": "010000010", "handled_total": "110000011",
    })
    s = solve(rows, table3_identities("2019"))
    for code in ("new_received", "handled_total"):
        assert values(s, code) == [1, 10, 0, 0, 0, 0, 11]
        assert s.cells[f"t3.{code}.natural_person"].status == BY_IDENTITIES
        assert s.cells[f"t3.{code}.research"].status == PRINTED  # 0 in every split of the digits
    assert not s.alternatives


def test_column_identities_2021_use_the_three_other_rows() -> None:
    # the 11 is in （六）3．其他, a row the 2021 format has and the 2019 one does not
    rows = t3_table("2021", {
        "new_received": "110000011", "granted": "1000001", "other_misc": "010000010", "handled_total": "110000011",
    })
    s = solve(rows, table3_identities("2021"))
    assert values(s, "handled_total") == [1, 10, 0, 0, 0, 0, 11]


def test_no_split_satisfying_the_identities_leaves_those_cells_null() -> None:
    # 总计 row 11 but every result row 0: the printed table does not add up, whatever the split
    rows = t3_table("2019", {"new_received": "110000011", "handled_total": "110000011"})
    s = solve(rows, table3_identities("2019"))
    assert s.blanks_suspected
    assert statuses(s, "handled_total") == statuses(s, "new_received") == {NO_FIT}
    assert values(s, "granted") == [0] * 7  # seven cells whatever is blank: kept


def test_a_table_that_does_not_add_up_may_have_lost_blank_cells() -> None:
    # 5|0|0|0|0|0|6 breaks R2 as split; it may as well be 50|0|0|0|0|6 with a blank gone
    rows = [t3_row("granted", "5000006"), t3_row("partial", "640020470"), t3_row("other", "0000000")]
    s = solve(rows, [i for i in table3_identities("2019") if i.rule == "R2"])
    assert s.broken == ["R2:granted"] and s.blanks_suspected
    assert statuses(s, "granted") == statuses(s, "partial") == {NO_FIT}
    assert values(s, "other") == [0] * 7


def test_unless_trusted_only_rows_that_cannot_be_fewer_cells_keep_values() -> None:
    rows = [t3_row("partial", "640020470"), t3_row("other", "0000000")]
    s = solve(rows, [i for i in table3_identities("2019") if i.rule == "R2"], trust_printed=False)
    assert statuses(s, "partial") == {AMBIGUOUS} and s.unproven == ["partial"]
    assert values(s, "other") == [0] * 7


def test_table4_groups_add_up_to_their_totals() -> None:
    keys = tuple(f"t4.{g}_{o}" for g in ("review", "suit_direct", "suit_after_review")
                 for o in ("upheld", "corrected", "other", "pending", "total"))
    unique = RunRow("t4", ("101020000011002",), keys, (COUNT,) * 15)
    s = solve([unique], table4_identities())
    assert [s.cells[k].value for k in keys] == [1, 0, 1, 0, 2, 0, 0, 0, 0, 0, 1, 1, 0, 0, 2]
    # 10|1|0|0|11 and 1|0|10|0|11 print the same digits
    s = solve([RunRow("t4", ("10100110000000000",), keys, (COUNT,) * 15)], table4_identities())
    assert [s.cells[k].value for k in keys[:5]] == [None, None, None, 0, 11]
    assert [s.cells[k].value for k in keys[5:]] == [0] * 10


def test_identities_with_a_missing_row_are_not_used() -> None:
    idn = Identity("R1", "x", ("a",), ("b", "c"))
    s = solve([RunRow("r", ("110",), ("a", "b"), (COUNT, COUNT))], [idn])  # "c" is in no row
    assert {c.status for c in s.cells.values()} == {AMBIGUOUS}  # 1|10 or 11|0
