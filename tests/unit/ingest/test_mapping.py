"""Mapping cells to their columns: an unreadable cell is null and flagged where it stands, never a shift
of the cells after it; a number a cell cannot hold is null and flagged with its printed text kept."""

from __future__ import annotations

import pytest

from disclosure_analysis import formats
from disclosure_analysis.ingest import mapping
from disclosure_analysis.ingest.document import Document, Paragraph, make_table
from disclosure_analysis.ingest.stream import lines_of

COLS = formats.table3().column_codes
UNREADABLE = ["NaN", "inf", "1e308", "=1+1", "@SUM(A1)", "#DIV/0!"]
ROW = ["24", "1", "0", "1", "0", "0", "26"]


def _table3_rows(row: list[str]) -> list[list[str]]:
    """Every 2021 表三 row with its label and 7 zeros, the first one (本年新收) with `row`."""
    specs = formats.table3().row_specs("2021")
    return [[spec.label, *(row if i == 0 else ["0"] * 7)] for i, spec in enumerate(specs)]


def _map3(doc: Document) -> dict[str, mapping.Cell]:
    result = mapping.map_table3(lines_of(doc), "2021")
    return {col: result.cells[f"t3.new_received.{col}"] for col in COLS}


def _expected(row: list[str], at: int) -> list[int | None]:
    return [None if i == at else int(v) for i, v in enumerate(row)]


@pytest.mark.parametrize("token", UNREADABLE)
@pytest.mark.parametrize("at", [0, 3, 6])
def test_a_grid_cell_keeps_its_column(token: str, at: int) -> None:
    """HTML, DOCX and PDF tables, pipe and tab-separated text: each cell is where the grid put it."""
    row = [token if i == at else v for i, v in enumerate(ROW)]
    cells = _map3(Document("x", "html", [make_table(_table3_rows(row))]))
    assert [c.value for c in cells.values()] == _expected(ROW, at)
    assert cells[COLS[at]].flag == mapping.NOT_A_NUMBER and cells[COLS[at]].raw == token
    assert all(c.flag is None for i, c in enumerate(cells.values()) if i != at)


@pytest.mark.parametrize("token", UNREADABLE)
@pytest.mark.parametrize("at", [0, 3, 6])
def test_a_token_in_text_without_cell_boundaries_does_not_shift(token: str, at: int) -> None:
    """pdftotext-style lines: values are placed by count, so the token has to count as one."""
    row = [token if i == at else v for i, v in enumerate(ROW)]
    lines = [Paragraph(" ".join(r)) for r in _table3_rows(row)]
    cells = _map3(Document("x", "text", lines))
    assert [c.value for c in cells.values()] == _expected(ROW, at)
    assert cells[COLS[at]].flag == mapping.NOT_A_NUMBER


@pytest.mark.parametrize("token", ["3.5", "-2", "1.2万", "12345678901234567890"])
def test_a_number_a_count_cannot_be_is_null_with_its_text_kept(token: str) -> None:
    cells = _map3(Document("x", "html", [make_table(_table3_rows([token, *ROW[1:]]))]))
    first = cells[COLS[0]]
    assert first.value is None and first.raw == token
    assert first.flag in (mapping.NOT_A_COUNT, mapping.ROUNDED, mapping.OUT_OF_RANGE)
    assert [c.value for c in cells.values()][1:] == [int(v) for v in ROW[1:]]


def test_table4_keeps_its_columns_around_an_unreadable_cell() -> None:
    values = [str(i) for i in range(15)]
    values[4] = "NaN"
    result = mapping.map_table4(lines_of(Document("x", "html", [make_table([["行政复议", "行政诉讼"], values])])))
    got = [result.cells[f"t4.{code}"].value for code in formats.table4().codes]
    assert got == [None if i == 4 else i for i in range(15)]
    assert result.cells["t4.review_total"].flag == mapping.NOT_A_NUMBER


def test_table4_header_rows_with_empty_cells_are_no_values() -> None:
    """A web page's 表四 whose header rows fill their spans with `&nbsp;` (empty cells): the numbers are
    read from the values row, not taken for a table without numbers."""
    header = [["行政复议", "行政诉讼", *[""] * 13], ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉",
              "复议后起诉", *[""] * 8]]
    values = [str(i) for i in range(15)]
    result = mapping.map_table4(lines_of(Document("x", "html", [make_table([*header, values])])))
    assert [result.cells[f"t4.{code}"].value for code in formats.table4().codes] == list(range(15))


def _map2(rows: list[list[str]]) -> dict[str, mapping.Cell]:
    table = make_table([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"], *rows])
    return mapping.map_table2(lines_of(Document("x", "html", [table])), "2021").cells


def test_table2_count_printed_in_wan_is_null_and_flagged_an_amount_converted() -> None:
    cells = _map2([["规章", "0", "0", "3"], ["行政许可", "1.2万"], ["行政处罚", "3.5"], ["行政事业性收费", "3000元"]])
    licensing = cells["t2.licensing_decisions"]
    assert (licensing.value, licensing.flag, licensing.raw) == (None, mapping.ROUNDED, "1.2万")
    punishment = cells["t2.punishment_decisions"]
    assert (punishment.value, punishment.flag, punishment.raw) == (None, mapping.NOT_A_COUNT, "3.5")
    fees = cells["t2.fees_amount"]
    assert (fees.value, fees.unit, fees.flag) == (0.3, "万元", mapping.UNIT_CONVERTED)


def test_cells_keep_the_page_and_the_printed_label_of_their_row() -> None:
    """A table split over two PDF pages: each cell says its page and its row's label as printed."""
    rows = _table3_rows(ROW)
    doc = Document("x.pdf", "pdf", [make_table(rows[:10], page=2), make_table(rows[10:], page=3)])
    cells = mapping.map_table3(lines_of(doc), "2021").cells
    first, last = cells["t3.new_received.total"], cells["t3.carried_out.total"]
    assert (first.page, first.label) == (2, rows[0][0])
    assert (last.page, last.label) == (3, rows[-1][0])
    t4 = mapping.map_table4(
        lines_of(Document("x.pdf", "pdf", [make_table([["1"] * 5], page=4), make_table([["0"] * 10], page=5)]))
    ).cells
    assert (t4["t4.review_total"].page, t4["t4.suit_direct_upheld"].page) == (4, 5)
