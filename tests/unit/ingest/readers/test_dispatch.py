"""read_document: refusals with clear codes, and the reader chosen from content, not the extension."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Paragraph
from disclosure_analysis.ingest.readers import ocr, read_document, sniff


def _refused(path: Path, data: bytes | None = None) -> ReportError:
    with pytest.raises(ReportError) as err:
        read_document(path, data)
    return err.value


def _docx_bytes() -> bytes:
    document = docx.Document()
    document.add_paragraph("某局2023年政府信息公开工作年度报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _zip(**members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name.replace("__", "/"), text)
    return buffer.getvalue()


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert _refused(tmp_path / "nope.pdf").code == "not_found"
    error = _refused(tmp_path)
    assert error.code == "not_found" and "文件夹" in error.message


def test_empty_and_whitespace_only(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    error = _refused(empty)
    assert (error.code, error.status) == ("empty_file", "failed")
    assert "文件为空（0 字节）" in error.message
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\xef\xbb\xbf \r\n\t\xe3\x80\x80\n")
    assert _refused(blank).code == "empty_file"


def test_too_large_checked_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert limits.MAX_FILE_BYTES == 50 * 1024 * 1024
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 100)
    big = tmp_path / "big.txt"
    big.write_bytes("一、总体情况\n".encode() * 20)
    error = _refused(big)
    assert error.code == "too_large" and "MB" in error.message
    assert _refused(big, big.read_bytes()).code == "too_large"


def test_kind_comes_from_content_not_extension(tmp_path: Path, make_latin_pdf: Callable[..., bytes]) -> None:
    cases = {
        "report.txt": (make_latin_pdf(), "pdf"),
        "report.pdf": (_docx_bytes(), "docx"),
        "report.docx": ("<HTML><BODY><P>一、总体情况</P></BODY></HTML>".encode(), "html"),
        "report.html": ("一、总体情况\n本年度共收到申请12件。\n".encode(), "text"),
    }
    for name, (data, kind) in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert read_document(path).kind == kind, name
        assert read_document(tmp_path / "elsewhere", data).kind == kind, name


@pytest.mark.parametrize(
    ("start", "kind"),
    [
        (b"<!DOCTYPE html>\n<html>", "html"),
        (b"\n  <?xml version='1.0'?><!-- saved page --><html lang='zh'>", "html"),
        (b"<table border=1><tr><td>1</td></tr></table>", "html"),
        ("标题行\n<body>".encode(), "html"),
        (b"\xff\xfe" + "<html><body>正文".encode("utf-16-le"), "html"),
        ("<p>一、总体情况</p>".encode("gbk"), "html"),
        ("# 年度报告\n\n正文……\n".encode() + b"x" * 2000 + b"\n<table><tr><td>1</td></tr></table>", "text"),
        ("政府信息公开工作年度报告\n".encode("gb18030"), "text"),
        (b"junk before the header %PDF-1.4", "pdf"),
    ],
)
def test_sniff(start: bytes, kind: str) -> None:
    assert sniff(start, "x") == kind


def test_zip_that_is_not_a_word_document(tmp_path: Path) -> None:
    error = _refused(tmp_path / "a.docx", _zip(readme__txt="hello"))
    assert error.code == "unsupported_type" and "ZIP" in error.message
    error = _refused(tmp_path / "a.docx", _zip(xl__workbook__xml="<workbook/>"))
    assert error.code == "unsupported_type" and "Excel" in error.message


def test_corrupt_zip_header(tmp_path: Path) -> None:
    data = _docx_bytes()
    assert _refused(tmp_path / "a.docx", data[: len(data) // 3]).code == "corrupt_file"


def test_binary_junk(tmp_path: Path) -> None:
    noise = random.Random(1).randbytes(5000)
    error = _refused(tmp_path / "report.txt", noise)
    assert (error.code, error.status) == ("binary_junk", "failed")
    assert "二进制" in error.message
    rng = random.Random(2)
    controls = bytes(rng.choice(b"\x01\x02\x03\x04\x05abc") for _ in range(3000))
    assert _refused(tmp_path / "report.txt", controls).code == "binary_junk"
    high_bytes = bytes(rng.randrange(0x80, 0x100) for _ in range(3000))
    assert _refused(tmp_path / "report.txt", high_bytes).code == "binary_junk"


def test_office_binaries_and_images(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500)
    error = _refused(tmp_path / "report.doc", ole)
    assert error.code == "unsupported_type" and ".docx" in error.message
    png = b"\x89PNG\r\n\x1a\n" + bytes(100)
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "off")
    error = _refused(tmp_path / "report.png", png)
    assert (error.code, error.status) == ("needs_ocr", "needs_ocr")
    assert "--ocr off" in error.message
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "auto")
    error = _refused(tmp_path / "report.png", png)
    if ocr.available():  # read by OCR: a PNG whose pixels cannot be decoded
        assert (error.code, error.status) == ("corrupt_file", "failed")
    else:
        assert error.code == "needs_ocr" and ocr.INSTALL in error.message


def test_reader_errors_pass_through(
    tmp_path: Path, make_latin_pdf: Callable[..., bytes], scanned_pdf: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_OCR", "off")
    locked = make_latin_pdf(owner_password="o", user_password="u")
    assert _refused(tmp_path / "locked.pdf", locked).code == "encrypted_pdf"
    assert _refused(tmp_path / "cut.pdf", locked[: len(locked) // 2]).code == "corrupt_file"
    assert _refused(tmp_path / "scan.pdf", scanned_pdf).code == "needs_ocr"


def test_text_goes_to_the_text_reader(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes("一、总体情况\n本年度共收到申请12件。\n".encode("gb18030"))
    doc = read_document(path)
    assert doc.kind == "text" and doc.source == str(path)
    assert doc.blocks[0] == Paragraph("一、总体情况")


@pytest.mark.corpus
def test_every_corpus_file_gets_its_reader(shared_corpus: Path) -> None:
    kinds = {".pdf": "pdf", ".html": "html", ".docx": "docx", ".txt": "text", ".md": "text"}
    files = [p for p in sorted(shared_corpus.rglob("*")) if p.suffix in kinds and p.name != "README.md"]
    assert {p.suffix for p in files} == set(kinds)  # every kind of file is in the reference corpus
    for path in files:
        doc = read_document(path)
        assert doc.kind == kinds[path.suffix], path.name
        assert doc.blocks, path.name


def test_a_text_report_starting_with_a_stray_tag_is_text() -> None:
    assert sniff("<p>某某局2022年政府信息公开工作年度报告\n一、总体情况\n正文\n".encode(), "x") == "text"
    assert sniff("<p>标题</p>\n<p>一、总体情况</p>\n<p>正文</p>".encode(), "x") == "html"
