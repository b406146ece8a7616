"""Limits on what one input may cost (issue 12): each hostile input is refused with its own code, cheaply,
naming the file; real-sized inputs never reach a cap."""

from __future__ import annotations

import errno
import hashlib
import io
import os
import threading
import zipfile
from pathlib import Path

import docx
import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Table
from disclosure_analysis.ingest.extract import read_report
from disclosure_analysis.ingest.readers import read_document


def _refused(path: Path, data: bytes | None = None) -> ReportError:
    with pytest.raises(ReportError) as caught:
        read_document(path, data)
    assert str(path) in caught.value.message
    return caught.value


def _finishes(fn, seconds: float = 10):
    """fn() run in a thread; fails instead of hanging when it blocks (a FIFO opened for reading)."""
    out: list = []
    thread = threading.Thread(target=lambda: out.append(fn()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert out, "blocked"
    return out[0]


# --- files ----------------------------------------------------------------------------------------


def test_special_files_are_refused_without_being_opened(tmp_path: Path) -> None:
    fifo = tmp_path / "report.txt"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    for path in (fifo, zero):
        result = _finishes(lambda p=path: read_report(p))
        assert (result.status, result.error.code) == ("failed", "not_a_regular_file")
        assert str(path) in result.error.message and "不是普通文件" in result.error.message
        assert _finishes(lambda p=path: limits.file_sha256(p)) is None


def test_too_large_is_refused_by_its_size_and_hashed_in_chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 5000)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(limits, "_CHUNK", 64)
    read = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self))  # a whole read would be seen
    result = read_report(big)
    assert (result.status, result.error.code) == ("failed", "too_large")
    assert result.sha256 == hashlib.sha256(b"x" * 5000).hexdigest() and not read


def test_a_file_larger_than_it_said_is_still_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "growing.txt"
    path.write_bytes(b"x" * 5000)
    monkeypatch.setattr(limits, "MAX_FILE_BYTES", 1000)
    monkeypatch.setattr(limits, "check_file", lambda _path: 10)  # stat said small; reading finds more
    assert _refused(path).code == "too_large"


def test_permission_denied_has_its_own_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def denied(*_args, **_kwargs):
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(os, "open", denied)  # as root, chmod 000 does not stop a read
    error = _refused(path)
    assert (error.code, error.status) == ("permission_denied", "failed") and "没有读取" in error.message


# --- DOCX -----------------------------------------------------------------------------------------


def _docx(span: int | None = None) -> bytes:
    document = docx.Document()
    document.add_paragraph("某某局2022年政府信息公开工作年度报告")
    table = document.add_table(rows=20, cols=3)
    for row in table.rows:
        for cell in row.cells:
            cell.text = "0"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    if span is None:
        return data
    return _rewrite(data, lambda xml: xml.replace(b"<w:tcPr>", b'<w:tcPr><w:gridSpan w:val="%d"/>' % span, 1))


def _rewrite(data: bytes, change, extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info.filename)
            archive.writestr(info.filename, change(content) if info.filename == "word/document.xml" else content)
        for name, content in (extra or {}).items():
            archive.writestr(name, content)
    return out.getvalue()


def test_a_huge_grid_span_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ReportError) as refused:  # took > 4 GB before
        read_document(tmp_path / "span.docx", _docx(span=10**7))
    assert refused.value.code == "table_too_large" and "span.docx" in refused.value.message
    doc = read_document(tmp_path / "span.docx", _docx(span=limits.MAX_SPAN))
    table = next(b for b in doc.blocks if isinstance(b, Table))
    assert len(table.rows[0]) <= limits.MAX_SPAN + 2


def test_a_docx_inflating_past_the_cap_is_a_zip_bomb(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _rewrite(_docx(), lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b" " * 200_000))
    monkeypatch.setattr(limits, "MAX_XML_PART_BYTES", 100_000)
    error = _refused(tmp_path / "inflate.docx", data)
    assert (error.code, error.status) == ("zip_bomb", "failed") and "word/document.xml" in error.message
    monkeypatch.setattr(limits, "MAX_UNZIPPED_BYTES", 100_000)
    monkeypatch.setattr(limits, "MAX_XML_PART_BYTES", 10**9)
    assert _refused(tmp_path / "inflate.docx", data).code == "zip_bomb"


def test_a_docx_of_too_many_parts_is_a_zip_bomb(tmp_path: Path) -> None:
    parts = {f"word/media/image{i}.png": b"" for i in range(limits.MAX_ZIP_MEMBERS)}
    assert _refused(tmp_path / "parts.docx", _rewrite(_docx(), lambda xml: xml, parts)).code == "zip_bomb"


def test_a_member_larger_than_declared_is_not_inflated_past_its_declaration(tmp_path: Path) -> None:
    """zipfile stops at the declared size (then fails the CRC check): declared sizes cap the inflation."""
    data = bytearray(_rewrite(_docx(), lambda xml: xml.replace(b"<w:body>", b"<w:body>" + b" " * 1_000_000)))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    # shrink the declared size in the central directory entry of the part
    name = b"word/document.xml"
    central = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    data[central + 24 : central + 28] = (1000).to_bytes(4, "little")
    assert info.file_size > 1_000_000
    assert _refused(tmp_path / "lying.docx", bytes(data)).code == "corrupt_file"


# --- grids ----------------------------------------------------------------------------------------


def test_an_html_grid_past_the_cap_is_refused_before_it_is_laid_out(tmp_path: Path) -> None:
    rows = "".join('<tr><td colspan="1000">x</td></tr>' for _ in range(20_000))  # 20 million cells: 3.2 GB before
    page = f"<html><body><p>某某局2022年政府信息公开工作年度报告</p><table>{rows}</table></body></html>"
    error = _refused(tmp_path / "wide.html", page.encode())
    assert (error.code, error.status) == ("table_too_large", "failed") and "表格过大" in error.message


def test_the_cells_of_all_tables_of_a_document_are_counted(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_DOCUMENT_CELLS", 50)
    tables = "<table><tr><td>a</td><td>1</td></tr><tr><td>b</td><td>2</td></tr></table>" * 20
    assert _refused(tmp_path / "many.html", f"<html><body>{tables}</body></html>".encode()).code == "table_too_large"
    text = "\n\n".join("行政许可\t1\t2\n行政处罚\t3\t4" for _ in range(20))
    assert _refused(tmp_path / "many.txt", text.encode()).code == "table_too_large"
    assert _refused(tmp_path / "many.docx", _docx()).code == "table_too_large"  # 60 cells


def test_a_pdf_page_of_too_many_rulings_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_analysis.synth import generate

    record = generate(tmp_path, agencies=1, years=[2022], formats=["pdf"], seed=7)[0]
    path = tmp_path / record["file"]
    assert read_document(path).kind == "pdf"  # a real-sized ruled table is far below the caps
    monkeypatch.setattr(limits, "MAX_PAGE_RULINGS", 10)
    assert _refused(path).code == "table_too_large"


# --- memory ---------------------------------------------------------------------------------------


def test_memory_cap_makes_a_runaway_allocation_fail_and_is_lifted_after() -> None:
    resource = pytest.importorskip("resource")
    if not Path("/proc/self/statm").exists():
        pytest.skip("no /proc: no memory cap on this platform")
    before = resource.getrlimit(resource.RLIMIT_AS)
    with limits.memory_cap(), pytest.raises(MemoryError):
        bytearray(limits.MAX_EXTRACTION_MEMORY + 512 * limits.MB)
    assert resource.getrlimit(resource.RLIMIT_AS) == before


def test_running_out_of_memory_fails_the_file_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "report.txt"
    path.write_text("x")

    def exhausted(*_args):
        raise MemoryError

    monkeypatch.setattr("disclosure_analysis.ingest.readers.read_document", exhausted)
    result = read_report(path)
    assert (result.status, result.error.code) == ("failed", "out_of_memory") and str(path) in result.error.message


def test_a_folder_lists_special_files_so_each_gets_a_status(tmp_path: Path) -> None:
    from disclosure_analysis.corpus.extraction import extract_many, report_files

    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "gone.html").symlink_to(tmp_path / "missing.html")
    files = report_files([tmp_path])
    assert [f.name for f in files] == ["gone.html", "pipe.txt"]
    codes = [r["error"]["code"] for r in _finishes(lambda: list(extract_many(files)), 60)]
    assert codes == ["not_found", "not_a_regular_file"]
