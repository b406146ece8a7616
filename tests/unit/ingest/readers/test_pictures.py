"""Pictures in web pages and Word files: which are read (a table missing from the text), where a page's
pictures may be (its own folder, no URL), notes instead of failures, and the report's identity.
No picture is recognised here (`--ocr off`): the round trips with the real engine are in
tests/integration/test_synth_pictures.py."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document as WordDocument
from PIL import Image

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Paragraph, Table
from disclosure_analysis.ingest.readers import content_sha256, read_document
from disclosure_analysis.ingest.readers.pictures import Picture, local_path, where_tables_are_missing

T2 = Table((("信息内容", "本年制发件数"), ("规章", "0")))


def _picture(name: str) -> Picture:
    return Picture(name, lambda: b"")


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _no_ocr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "off")


def test_pictures_where_the_text_lacks_a_table_are_chosen() -> None:
    items = [
        _picture("logo"),  # before the report: its text has 表二, so not a table's place
        Paragraph("某某区人民政府2023年政府信息公开工作年度报告"),
        Paragraph("一、总体情况"),
        Paragraph("本年度主动公开信息120条。"),
        Paragraph("二、主动公开政府信息情况"),
        T2,
        _picture("photo"),  # in 二, which has its table
        Paragraph("三、收到和处理政府信息公开申请情况"),
        _picture("t3"),
        Paragraph("四、政府信息公开行政复议、行政诉讼情况"),
        _picture("t4"),
        Paragraph("五、存在的主要问题及改进情况"),
        _picture("seal"),
    ]
    assert where_tables_are_missing(items) == [8, 10]


def test_a_picture_before_a_missing_heading_and_a_page_without_headings() -> None:
    # 三's heading is in the picture: the picture stands before the missing section
    items = [Paragraph("二、主动公开政府信息情况"), T2, _picture("t3"), Paragraph("四、政府信息公开行政复议、行政诉讼情况"), T2]
    assert where_tables_are_missing(items) == [2]
    assert where_tables_are_missing([Paragraph("某某局年度报告"), _picture("p1"), _picture("p2")]) == [1, 2]


def test_local_paths_stay_in_the_page_folder(tmp_path: Path) -> None:
    page = tmp_path / "site"
    (page / "报告_files").mkdir(parents=True)
    (page / "报告_files" / "t3 1.png").write_bytes(_png())
    (tmp_path / "secret.png").write_bytes(_png())
    (page / "link.png").symlink_to(tmp_path / "secret.png")
    assert local_path(page, "%E6%8A%A5%E5%91%8A_files/t3%201.png") == (page / "报告_files" / "t3 1.png").resolve()
    assert local_path(page, "报告_files\\t3 1.png?v=2#x") == (page / "报告_files" / "t3 1.png").resolve()
    for src, why in [
        ("../secret.png", "之外"),
        ("报告_files/../../secret.png", "之外"),
        ("link.png", "之外"),
        ("/etc/passwd", "不是网页所在文件夹中的文件"),
        ("http://example.invalid/t3.png", "网址"),
        ("//example.invalid/t3.png", "网址"),
        ("file:///etc/passwd", "网址"),
        ("报告_files/none.png", "找不到"),
    ]:
        with pytest.raises(ReportError, match=why):
            local_path(page, src)


_PAGE = """<html><head><meta charset="utf-8"><title>某某区人民政府2023年政府信息公开工作年度报告</title></head><body>
<p>某某区人民政府2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>本年度主动公开信息120条。</p>
<p>二、主动公开政府信息情况</p>
<table border=1><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
<p>三、收到和处理政府信息公开申请情况</p><p>{t3}</p>
<p>四、政府信息公开行政复议、行政诉讼情况</p><p><img src="http://example.invalid/t4.png"></p>
</body></html>"""


def test_a_page_whose_table_is_a_picture_says_so_when_ocr_is_off(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_PAGE.format(t3='<img src="report_files/t3.png">'), encoding="utf-8")
    doc = read_document(page)
    assert doc.read_by == "text" and not any(isinstance(b, Picture) for b in doc.blocks)
    assert any("表格可能是图片（report_files/t3.png、http://example.invalid/t4.png）" in n and "--ocr off" in n for n in doc.notes)


def test_a_page_picture_that_cannot_be_had_is_a_note(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_analysis.ingest.readers import ocr

    if not ocr.available():
        pytest.skip("the OCR extra is not installed")
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "auto")
    page = tmp_path / "report.html"
    page.write_text(_PAGE.format(t3='<img src="../outside.png"><img src="report_files/gone.png">'), encoding="utf-8")
    (tmp_path / "outside.png").write_bytes(_png())
    doc = read_document(page)
    assert doc.read_by == "text"
    reasons = [n for n in doc.notes if n.startswith("图片未能识别")]
    assert len(reasons) == 3 and "之外" in reasons[0] and "找不到" in reasons[1] and "网址" in reasons[2]


def test_a_picture_without_a_table_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_analysis.ingest.readers import ocr

    if not ocr.available():
        pytest.skip("the OCR extra is not installed")
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "auto")
    page = tmp_path / "report.html"
    page.write_text(_PAGE.format(t3='<img src="report_files/t3.png">'), encoding="utf-8")
    (tmp_path / "report_files").mkdir()
    (tmp_path / "report_files" / "t3.png").write_bytes(_png())  # blank: nothing to recognise
    doc = read_document(page)
    assert doc.read_by == "text" and "图片 report_files/t3.png 中没有找到表格" in doc.notes
    assert not any("由 OCR 识别" in n for n in doc.notes)


def test_word_pictures_in_document_order(tmp_path: Path) -> None:
    word = WordDocument()
    word.add_paragraph("二、主动公开政府信息情况")
    word.add_paragraph("三、收到和处理政府信息公开申请情况")
    word.add_paragraph().add_run().add_picture(io.BytesIO(_png()))
    path = tmp_path / "report.docx"
    word.save(path)
    doc = read_document(path)
    assert any("表格可能是图片（word/media/image1.png）" in n for n in doc.notes)


def test_a_page_identity_holds_its_pictures(tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(_PAGE.format(t3='<img src="report_files/t3.png">'), encoding="utf-8")
    (tmp_path / "report_files").mkdir()
    picture = tmp_path / "report_files" / "t3.png"
    picture.write_bytes(_png())
    before = content_sha256(page)
    picture.write_bytes(_png() + b"\0")
    assert content_sha256(page) != before
    plain = tmp_path / "plain.txt"
    plain.write_bytes(b"<img src='report_files/t3.png'> is text")
    import hashlib

    assert content_sha256(plain) == hashlib.sha256(plain.read_bytes()).hexdigest()
