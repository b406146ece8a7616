"""Tables pasted as pipe rows, pipe per line and one cell per line (renderings.md §1–4)."""

from __future__ import annotations

from disclosure_analysis.ingest.document import Paragraph, Table
from disclosure_analysis.ingest.readers.delimited import CELL_LINES, PIPE_PER_LINE, PIPE_ROWS, layout
from disclosure_analysis.ingest.readers.text import read

PIPE_ROWS_TEXT = """二、主动公开政府信息情况
第二十条第(一)项 |
信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |
规章 | 0 | 0 | 0 |
行政规范性文件 | 3 | 1 | 17 |
三、收到和处理政府信息公开申请情况
一、本年新收政府信息公开申请数量 | 12 | 2 | 0 | 0 | 0 | 1 | 15 |
三、本年度办理结果 | (一)予以公开 | 5 | 1 | 0 | 0 | 0 | 0 | 6 |
（二）部分公开（区分处理的，只计这一情形，
不计其他情形） | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
"""


def _tables(text: str) -> list[Table]:
    return [b for b in read(text.encode(), "x.txt").blocks if isinstance(b, Table)]


def test_pipe_rows_with_a_shared_group_label_and_a_cell_over_two_lines() -> None:
    assert layout(PIPE_ROWS_TEXT.splitlines()) == PIPE_ROWS
    doc = read(PIPE_ROWS_TEXT.encode(), "x.txt")
    assert doc.blocks[0] == Paragraph("二、主动公开政府信息情况")
    t2, t3 = _tables(PIPE_ROWS_TEXT)
    assert t2.rows[0] == ("第二十条第(一)项",)
    assert t2.rows[3] == ("行政规范性文件", "3", "1", "17")
    assert t3.rows[1] == ("三、本年度办理结果", "(一)予以公开", "5", "1", "0", "0", "0", "0", "6")
    assert t3.rows[2][0] == "（二）部分公开（区分处理的，只计这一情形，\n不计其他情形）"
    assert not t3.collapsed


def test_an_indented_paragraph_does_not_hide_pipe_rows() -> None:
    text = "\t本年度，我局坚持以公开为常态。\n" + PIPE_ROWS_TEXT
    assert layout(text.splitlines()) == PIPE_ROWS
    assert _tables(text)[0].rows[3] == ("行政规范性文件", "3", "1", "17")


def test_pipe_per_line_with_more_empty_cells_than_filled_ones() -> None:
    """Cells ending in ` |` where most are empty (a small agency's 表三): each empty cell is a lone `|`,
    more of them than filled cells, and the text is still read cell by cell."""
    row = ["一、本年新收政府信息公开申请数量 |", "3 |", *["|"] * 5, "3 |"]
    text = "\n".join(["二、主动公开政府信息情况", *row * 6])
    (table,) = _tables(text)
    assert table.rows[0] == ("一、本年新收政府信息公开申请数量", "3", "", "", "", "", "", "3")


def test_pipe_per_line_with_pipes_after_the_cells_or_between_them() -> None:
    after = "\n".join(["规章 |", "0 |", "|", "0 |", "行政规范性文件 |", "3 |", "1 |", "17 |"] * 2)
    between = "\n".join(["规章", "|", "0", "|", "", "|", "0", "|", "行政规范性文件", "|", "3", "|", "1", "|", "17", "|"] * 2)
    for text in (after, between):
        assert layout(text.splitlines()) == PIPE_PER_LINE
        (table,) = _tables(text)
        assert table.rows[:2] == (("规章", "0", "", "0"), ("行政规范性文件", "3", "1", "17"))
        assert not table.collapsed


def test_collapsed_empty_cells_mark_the_table() -> None:
    text = "\n".join(["一、本年新收政府信息公开申请数量 |", "3 |", "3 |", "|||||||"] * 4)
    (table,) = _tables(text)
    assert table.rows[0] == ("一、本年新收政府信息公开申请数量", "3", "3") and table.collapsed


def test_one_cell_per_line_between_blank_lines() -> None:
    cells = ["第二十条第（一）项", "信息内容", "本年制发件数", "现行有效件数", "规章", "0", "0",
             "行政规范性文件", "3", "17", "（二）部分公开（区分处理的，\n不计其他情形）", "1", "1", "行政许可", "5", "8",
             "（七）总计", "12", "1", "13"]
    text = "一、总体情况\n全年主动公开政府信息12条。\n\n" + "\n\n".join(cells) + "\n\n三、收到和处理政府信息公开申请情况\n"
    assert layout(text.splitlines()) == CELL_LINES
    doc = read(text.encode(), "x.txt")
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.collapsed
    assert table.rows[0] == ("第二十条第（一）项", "信息内容", "本年制发件数", "现行有效件数", "规章", "0", "0")
    assert table.rows[2] == ("（二）部分公开（区分处理的，\n不计其他情形）", "1", "1")
    assert doc.blocks[0] == Paragraph("一、总体情况") and doc.blocks[-1] == Paragraph("三、收到和处理政府信息公开申请情况")


def test_other_texts_keep_their_layouts() -> None:
    assert layout(["| 规章 | 0 | 0 | 0 |", "|---|---|---|---|"] * 5) is None  # Markdown
    assert layout(["\t规章", "\t0", "\t0", ""] * 8) is None  # Word text flattened
    assert layout(["全年主动公开政府信息12条。", "", "3", "", "第二段。"] * 4) is None  # page numbers
