"""表二/表三/表四 rows that ran together, split as the formats define them; flags and notes."""

from __future__ import annotations

from disclosure_analysis.formats import table3
from disclosure_analysis.ingest.readers.runtogether.tables import (
    SPLIT_AMBIGUOUS,
    SPLIT_NO_FIT,
    split_table2,
    split_table3,
    split_table4,
)

# the 2021 report of 平潭综合实验区管委会办公室 as crawled (../shared/corpus/crawl), the 表三 rows not all 0
CRAWLED_2021 = {
    "new_received": ("230000023",), "granted": ("2000002",), "partial": ("300000", "3"),
    "denied_internal_affairs": ("1000001",), "unable_not_held": ("170000017",), "handled_total": ("230000023",),
    "other_misc": ("000000", "0"), "carried_out": ("000000", "0"),
}


def _t3(version: str, runs: dict[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    return {s.code: runs.get(s.code, ("0000000",)) for s in table3().row_specs(version)}


def test_table3_2021_as_crawled() -> None:
    split = split_table3("2021", _t3("2021", CRAWLED_2021))
    row = [split.cells[f"t3.unable_not_held.{c}"] for c in table3().column_codes]
    assert row == [("17", None), *[("0", None)] * 5, ("17", None)]
    assert split.cells["t3.new_received.total"] == ("23", None)
    assert not any(flag for _, flag in split.cells.values())
    assert any("按表格的勾稽关系才能唯一拆分" in n for n in split.notes)
    assert split.printed_in_full  # every row present, its identities hold


def test_table3_rows_missing_do_not_show_every_cell_printed() -> None:
    runs = _t3("2021", CRAWLED_2021)
    del runs["denied_state_secret"]
    assert not split_table3("2021", runs).printed_in_full


def test_table3_2019_row_set() -> None:
    split = split_table3("2019", _t3("2019", {"other": ("110000011",), "new_received": ("110000011",),
                                                "handled_total": ("110000011",)}))
    assert split.cells["t3.other.total"] == ("11", None)
    assert split.cells["t3.other.natural_person"] == (None, SPLIT_AMBIGUOUS)  # 1|10 or 11|0 all along
    assert any("可拆为" in n and "「其他处理」" in n for n in split.notes)


def test_table3_without_a_fitting_split() -> None:
    split = split_table3("2021", _t3("2021", {"granted": ("000000",)}))  # a blank cell vanished
    assert split.cells["t3.granted.total"] == (None, SPLIT_NO_FIT)
    assert split.cells["t3.partial.total"] == ("0", None)  # 0000000 is seven cells, blank or not
    assert not split.printed_in_full and any("可能有空白单元格在抓取时消失" in n for n in split.notes)


def test_table2_ambiguous_row_is_null_and_named() -> None:  # renderings.md: 69|3|665 or 6|93|665
    split = split_table2({"normative": ["693665"]}, "2021", printed_in_full=True)
    assert set(split.cells.values()) == {(None, SPLIT_AMBIGUOUS)}
    assert split.notes and "693665" in split.notes[0] and "表二「行政规范性文件」行" in split.notes[0]


def test_table2_only_the_cell_every_split_agrees_on() -> None:  # 35|0|0 or 3|50|0
    split = split_table2({"punishment": ["3500"], "licensing": ["300"]}, "2019", printed_in_full=True)
    codes = ["punishment_prev_items", "punishment_change", "punishment_decisions"]
    assert [split.cells[f"t2.{c}"] for c in codes] == [(None, SPLIT_AMBIGUOUS), (None, SPLIT_AMBIGUOUS), ("0", None)]
    assert split.cells["t2.licensing_prev_items"] == ("3", None)


def test_table2_without_proof_that_every_cell_is_printed() -> None:
    # "300" is 3|0|0, or 30|0 with a blank cell gone: only rows that cannot be fewer cells are kept
    split = split_table2({"licensing": ["300"], "regulations": ["000"], "coercion": ["0 0 0"]}, "2019", False)
    assert split.cells["t2.licensing_decisions"] == (None, SPLIT_AMBIGUOUS)
    assert split.cells["t2.regulations_new_made"] == ("0", None)
    assert any("「行政许可」行" in n and "空白单元格" in n for n in split.notes)


def test_table2_amount_keeps_its_unit() -> None:
    split = split_table2({"procurement": ["5", "0.5万元"]}, "2019", printed_in_full=True)
    assert split.cells == {"t2.procurement_items": ("5", None), "t2.procurement_amount": ("0.5万元", None)}


def test_table4_run() -> None:
    split = split_table4(["10100110000000000"], printed_in_full=True)  # 复议 10|1|0|0|11 or 1|0|10|0|11
    assert split.cells["t4.review_total"] == ("11", None)
    assert split.cells["t4.review_upheld"] == (None, SPLIT_AMBIGUOUS)
    assert split.cells["t4.suit_after_review_total"] == ("0", None)
    assert split_table4(["000000000000000"], printed_in_full=False).cells["t4.review_total"] == ("0", None)
    assert split_table4(["10100110000000000"], printed_in_full=False).cells["t4.review_total"] == (None, SPLIT_AMBIGUOUS)
