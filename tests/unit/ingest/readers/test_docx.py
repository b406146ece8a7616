"""DOCX reader: body order, merged cells, nested tables, frames, corrupt files, the official blank form."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import docx
import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Paragraph, Table
from disclosure_analysis.ingest.readers.docx import read


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def report_docx() -> bytes:
    """Heading, a 表三-like table with horizontal and vertical merges, text, a table with a nested one."""
    document = docx.Document()
    document.core_properties.title = "某局2023年政府信息公开工作年度报告"
    document.core_properties.author = "某局办公室"
    document.add_paragraph("某局2023年政府信息公开工作年度报告")
    document.add_paragraph("")
    document.add_paragraph("三、收到和处理政府信息公开申请情况")
    table = document.add_table(rows=4, cols=5)
    table.cell(0, 0).merge(table.cell(1, 1)).text = "（勾稽关系）"  # a 2 x 2 block
    table.cell(0, 2).merge(table.cell(0, 4)).text = "申请人情况"
    table.cell(1, 2).text = "自然人"
    business = table.cell(1, 3)
    business.text = "商业"
    business.add_paragraph("企业")
    table.cell(1, 4).text = "总计"
    table.cell(2, 0).merge(table.cell(3, 0)).text = "三、本年度办理结果"
    for r, label, numbers in ((2, "（一）予以公开", ("5", "1", "6")), (3, "（七）总计", ("5", "", "\u3000"))):
        table.cell(r, 1).text = label
        for c, number in enumerate(numbers, start=2):
            table.cell(r, c).text = number
    paragraph = document.add_paragraph("第一行")
    paragraph.add_run().add_break()
    paragraph.add_run("第二行")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).text = "外层"
    outer.cell(0, 1).text = "表格"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "信息内容", (0, 1): "本年制发件数", (1, 0): "规章", (1, 1): "0"}.items():
        inner.cell(r, c).text = text
    document.add_paragraph("四、结尾")
    frame = document.add_table(rows=2, cols=1)
    frame.cell(0, 0).text = "五、存在的主要问题"
    frame.cell(1, 0).text = "一是……"
    frame.cell(1, 0).add_paragraph("二是……")
    return _bytes(document)


def test_body_order_merges_nested_tables_and_frames(report_docx: bytes) -> None:
    doc = read(report_docx, "report.docx")
    assert doc.kind == "docx"
    assert doc.blocks == [
        Paragraph("某局2023年政府信息公开工作年度报告"),
        Paragraph("三、收到和处理政府信息公开申请情况"),
        Table(
            (
                ("（勾稽关系）", None, "申请人情况", None, None),
                (None, None, "自然人", "商业企业", "总计"),
                ("三、本年度办理结果", "（一）予以公开", "5", "1", "6"),
                (None, "（七）总计", "5", "", ""),
            )
        ),
        Paragraph("第一行"),
        Paragraph("第二行"),
        Table((("外层", "表格"),)),
        Table((("信息内容", "本年制发件数"), ("规章", "0"))),  # nested: right after its parent
        Paragraph("四、结尾"),
        # a one-column table is a frame around running text
        Paragraph("五、存在的主要问题"),
        Paragraph("一是……"),
        Paragraph("二是……"),
    ]


def test_core_properties_in_meta(report_docx: bytes) -> None:
    meta = read(report_docx, "report.docx").meta
    assert meta["title"] == "某局2023年政府信息公开工作年度报告"
    assert meta["author"] == "某局办公室"


def test_random_bytes_named_docx_are_corrupt() -> None:
    junk = random.Random(7).randbytes(4000)
    with pytest.raises(ReportError) as err:
        read(junk, "report.docx")
    assert err.value.code == "corrupt_file"
    assert "文件损坏" in err.value.message and "ZIP" in err.value.message


def test_zip_without_document_xml_is_corrupt() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "not a word document")
    with pytest.raises(ReportError) as err:
        read(buffer.getvalue(), "report.docx")
    assert err.value.code == "corrupt_file"
    assert "word/document.xml" in err.value.message


def test_truncated_docx_is_corrupt(report_docx: bytes) -> None:
    with pytest.raises(ReportError) as err:
        read(report_docx[: len(report_docx) // 2], "half.docx")
    assert err.value.code == "corrupt_file"


def test_broken_document_xml_is_corrupt(report_docx: bytes) -> None:
    source, target = io.BytesIO(report_docx), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            new.writestr(item, data[: len(data) // 2] if item.filename == "word/document.xml" else data)
    with pytest.raises(ReportError) as err:
        read(target.getvalue(), "broken.docx")
    assert err.value.code == "corrupt_file"


def test_word_template_is_unsupported_not_corrupt(report_docx: bytes) -> None:
    source, target = io.BytesIO(report_docx), io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for item in old.infolist():
            data = old.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(b"document.main+xml", b"template.main+xml")
            new.writestr(item, data)
    with pytest.raises(ReportError) as err:
        read(target.getvalue(), "form.dotx")
    assert err.value.code == "unsupported_type"
    assert "另存为 .docx" in err.value.message


@pytest.mark.corpus
def test_official_blank_2021_form(shared_corpus: Path) -> None:
    path = shared_corpus / "templates" / "template_2021format_blank_govnianbao.docx"
    doc = read(path.read_bytes(), str(path))
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert texts[0] == "政府信息公开工作年度报告格式模板"
    assert texts.index("三、收到和处理政府信息公开申请情况") < texts.index(
        "四、政府信息公开行政复议、行政诉讼情况"
    )
    t2, t3, t4 = (b for b in doc.blocks if isinstance(b, Table))
    # tables sit between their headings, in body order
    assert doc.blocks.index(t3) == doc.blocks.index(Paragraph("三、收到和处理政府信息公开申请情况")) + 1
    assert t2.rows[5] == ("信息内容", "本年处理决定数量", None, None)
    assert t2.rows[2] == ("规章", "", "", "")  # cells holding only ideographic spaces are blank
    assert len(t3.rows) == 28 and {len(r) for r in t3.rows} == {10}
    stub = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert t3.rows[0] == (stub, None, None, "申请人情况") + (None,) * 6
    assert t3.rows[2] == (
        None,
        None,
        None,
        None,
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        None,
    )
    labels = [row[:3] for row in t3.rows[3:]]
    assert labels[0] == ("一、本年新收政府信息公开申请数量", None, None)
    assert labels[2] == ("三、本年度办理结果", "（一）予以公开", None)
    assert labels[4] == (None, "（三）不予公开", "1.属于国家秘密")
    assert labels[5] == (None, None, "2.其他法律行政法规禁止公开")
    assert labels[-2] == (None, "（七）总计", None)
    assert labels[-1] == ("四、结转下年度继续办理", None, None)
    assert all(row[0] is None for row in t3.rows[8:26])  # the merged 三、本年度办理结果 stub
    assert all(cell == "" for row in t3.rows[3:] for cell in row[3:])  # the blank form has no numbers
    assert t4.rows[0][:6] == ("行政复议", None, None, None, None, "行政诉讼")
    assert len(t4.rows) == 4 and {len(r) for r in t4.rows} == {15}
