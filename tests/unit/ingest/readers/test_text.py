"""Plain-text layouts and encodings."""

from __future__ import annotations

import codecs

import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Paragraph, Table
from disclosure_analysis.ingest.readers.text import read

FLATTENED = "标题\n\t信息内容\n\t本年新\n公开数量\n\n\t规章\n\t0\n\t\n\n\n三、下一节\n"


def test_flattened_word_text_one_cell_per_line() -> None:
    doc = read(FLATTENED.encode(), "x.txt")
    assert doc.blocks[0] == Paragraph("标题")
    table = doc.blocks[1]
    assert isinstance(table, Table)
    assert table.rows == (("信息内容", "本年新\n公开数量"), ("规章", "0", ""))
    assert doc.blocks[2] == Paragraph("三、下一节")


def test_tab_separated_rows() -> None:
    doc = read("行政许可\t12\t\t3\n行政处罚\t1\t2\t3\n".encode(), "x.tsv")
    assert doc.blocks == [Table((("行政许可", "12", "", "3"), ("行政处罚", "1", "2", "3")))]


def test_markdown_pipe_tables_drop_separator_lines() -> None:
    md = "## 表二\n| 信息内容 | 本年制发件数 |\n|---|:---:|\n| 规章 | 22 |\n\n正文\n"
    doc = read(md.encode(), "x.md")
    assert doc.blocks == [
        Paragraph("## 表二"),
        Table((("信息内容", "本年制发件数"), ("规章", "22"))),
        Paragraph("正文"),
    ]


def test_pdftotext_lines_stay_paragraphs() -> None:
    doc = read("行政许可 0\n1.属于国家秘密 4 0 0 0 0 0 4\n".encode(), "x.txt")
    assert doc.blocks == [Paragraph("行政许可 0"), Paragraph("1.属于国家秘密 4 0 0 0 0 0 4")]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16"])
def test_encodings_are_detected(encoding: str) -> None:
    text = "昌乐县科学技术局\n2019年政府信息公开工作年度报告\n一、总体情况\n全年共公开政务信息65条。\n" * 3
    data = text.encode(encoding)
    if encoding == "utf-16":
        data = codecs.BOM_UTF16_LE + text.encode("utf-16-le")
    doc = read(data, "x.txt")
    assert doc.blocks[0] == Paragraph("昌乐县科学技术局")
    assert doc.meta["encoding"] in {"utf-8", "utf-8-sig", "gb18030", "utf-16"}


def test_whitespace_only_is_empty() -> None:
    with pytest.raises(ReportError) as err:
        read(b" \n\t\n", "x.txt")
    assert err.value.code == "empty_file"


def test_binary_bytes_are_refused() -> None:
    with pytest.raises(ReportError) as err:
        read(bytes(range(256)) * 20, "x.txt")
    assert err.value.code == "binary_junk"
