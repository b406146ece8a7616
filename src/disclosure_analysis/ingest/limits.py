"""What one input may cost to read, as policy in one place: every reader checks its input against these
caps before it spends the memory, and an input over a cap is refused with its own code (status `failed`)
and a reason naming the file — it never takes the batch, or the machine, down with it.

Each cap has a wide margin over the largest real report. The real reports of the reference corpus are at
most 0.4 MB (a 3-page PDF; real PDFs are a few MB), their largest table is the 表三 grid (7 value columns
× 25 rows, ≈ 10 × 28 = 280 grid positions; about 400 cells in all tables of one report), a real DOCX has
11–16 parts, 0.3 MB inflated (below 20 MB even with photographs), and a real PDF page draws at most about
1,000 ruling segments (WPS draws each cell border on its own).

    cap                    value        code                why this value
    MAX_FILE_BYTES         50 MB        too_large           100 × a large real report; checked by stat
                                                            before a byte is read or hashed
    MAX_ZIP_MEMBERS        1,000        zip_bomb            a real DOCX has 11–16 parts, plus one per image
    MAX_UNZIPPED_BYTES     200 MB       zip_bomb            10 × the largest real DOCX inflated (images
                                                            included), of declared member sizes
    MAX_XML_PART_BYTES     25 MB        zip_bomb            one XML part (document.xml) is parsed whole:
                                                            25 MB of tiny elements is ≈ 0.5 GB in lxml; a
                                                            long real report's document.xml is a few MB
    MAX_SPAN               1,000        table_too_large     a merged cell's span: HTML's own cap on colspan;
                                                            Word allows 63 columns
    MAX_TABLE_CELLS        100,000      table_too_large     250 × the largest real table grid
    MAX_DOCUMENT_CELLS     1,000,000    table_too_large     all tables of one document (HTML, DOCX, PDF)
    MAX_PAGE_RULINGS       10,000       table_too_large     10 × a real ruled page; the PDF table finder
                                                            intersects every horizontal with every vertical
    MAX_PICTURES           60           (a note)            pictures of one web page or Word file read by OCR
                                                            (≈ 3 s each): a report posted as one picture a
                                                            page has about 5–20; the rest are not read
    MAX_EXTRACTION_MEMORY  3 GB         out_of_memory       address space one extraction may add to its
                                                            process (`memory_cap`); a real one peaks at
                                                            ≈ 200 MB, and two workers fit the 24 GB machine

A member's declared size also caps its inflation: `zipfile` never inflates a member beyond the size its
header declares (it stops there, and the CRC check then fails: `corrupt_file`). Only regular files are read
(a FIFO, a device such as /dev/zero, a socket, or a symlink to one of them: `not_a_regular_file`), decided
by `stat` before the file is opened, and read at most `MAX_FILE_BYTES` + 1 bytes whatever it claims. A file
the user may not read is `permission_denied`. Beyond these caps, extraction workers run with a memory
cap (`memory_cap`, Linux), so that an input no cap foresaw fails alone: `out_of_memory` when the reader
runs out of its allowance, `worker_error` when a C library ends the process instead.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from disclosure_analysis.errors import ReportError

MB = 1024 * 1024
MAX_FILE_BYTES = 50 * MB
MAX_ZIP_MEMBERS = 1_000
MAX_UNZIPPED_BYTES = 200 * MB
MAX_XML_PART_BYTES = 25 * MB
MAX_SPAN = 1_000
MAX_TABLE_CELLS = 100_000
MAX_DOCUMENT_CELLS = 1_000_000
MAX_PAGE_RULINGS = 10_000
MAX_PICTURES = 60
MAX_EXTRACTION_MEMORY = 3 * 1024 * MB

_CHUNK = MB


def mb(size: float) -> str:
    return f"{size / MB:.1f} MB"


def check_file(path: Path) -> int:
    """The size of the regular file at `path` (symlinks followed), by `stat` alone: raises `ReportError`
    not_found, permission_denied, not_a_regular_file or too_large without opening it."""
    try:
        info = path.stat()
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if stat.S_ISDIR(info.st_mode):
        raise ReportError("not_found", f"{path}: 这是一个文件夹，不是文件")
    if not stat.S_ISREG(info.st_mode):
        raise ReportError("not_a_regular_file", f"{path}: 这不是普通文件（{_file_kind(info.st_mode)}），不读取")
    if info.st_size > MAX_FILE_BYTES:
        raise too_large(path, info.st_size)
    return info.st_size


def read_file(path: Path) -> bytes:
    """The bytes of the file at `path`, after `check_file`; never more than `MAX_FILE_BYTES` + 1 are read
    (a file that grows while read is still refused)."""
    check_file(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "rb") as fh:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # replaced since `check_file`
                raise ReportError("not_a_regular_file", f"{path}: 这不是普通文件，不读取")
            data = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise _os_error(path, exc) from exc
    if len(data) > MAX_FILE_BYTES:
        raise too_large(path, len(data))
    return data


def file_sha256(path: Path) -> str | None:
    """sha256 of a regular file, read in chunks (memory stays flat whatever its size); None when it is not
    a regular file or cannot be read."""
    try:
        if not stat.S_ISREG(path.stat().st_mode):
            return None
        digest = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(_CHUNK), b""):
                digest.update(chunk)
    except OSError:
        return None
    return digest.hexdigest()


def too_large(source: object, size: int) -> ReportError:
    return ReportError("too_large", f"{source}: 文件太大（{mb(size)}），超过 {mb(MAX_FILE_BYTES)} 的上限")


def zip_bomb(source: str, what: str) -> ReportError:
    return ReportError("zip_bomb", f"{source}: 压缩包解压后过大或文件过多（{what}），疑似压缩炸弹，不读取")


def check_zip(infos: list, source: str) -> None:
    """Refuse a DOCX whose members (`zipfile.ZipInfo`s) are too many or declare too much inflated data."""
    if len(infos) > MAX_ZIP_MEMBERS:
        raise zip_bomb(source, f"{len(infos)} 个文件，上限 {MAX_ZIP_MEMBERS}")
    total = sum(info.file_size for info in infos)
    if total > MAX_UNZIPPED_BYTES:
        raise zip_bomb(source, f"共 {mb(total)}，上限 {mb(MAX_UNZIPPED_BYTES)}")
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > MAX_XML_PART_BYTES:
            raise zip_bomb(source, f"{info.filename} 有 {mb(info.file_size)}，上限 {mb(MAX_XML_PART_BYTES)}")


class CellBudget:
    """The grid cells one document's reader lays out, counted as they are (`add`), table by table
    (`end_table`); past a cap it raises `table_too_large`."""

    def __init__(self, source: str):
        self.source = source
        self.in_table = 0
        self.in_document = 0

    def add(self, cells: int) -> None:
        self.in_table += cells
        self.in_document += cells
        if self.in_table > MAX_TABLE_CELLS:
            raise self._refuse(f"一个表格超过 {MAX_TABLE_CELLS:,} 个单元格")
        if self.in_document > MAX_DOCUMENT_CELLS:
            raise self._refuse(f"全部表格超过 {MAX_DOCUMENT_CELLS:,} 个单元格")

    def end_table(self) -> None:
        self.in_table = 0

    def table(self, cells: int) -> None:
        """A whole table of `cells` cells."""
        self.add(cells)
        self.end_table()

    def span(self, span: int) -> int:
        """A merged cell's span, refused past `MAX_SPAN` (no report merges a thousand cells)."""
        if span > MAX_SPAN:
            raise self._refuse(f"合并单元格跨越 {span:,} 行或列，上限 {MAX_SPAN:,}")
        return span

    def rulings(self, count: int, page: int) -> None:
        if count > MAX_PAGE_RULINGS:
            raise self._refuse(f"第 {page + 1} 页有 {count:,} 条表格线，上限 {MAX_PAGE_RULINGS:,}")

    def _refuse(self, what: str) -> ReportError:
        return ReportError("table_too_large", f"{self.source}: 表格过大（{what}），不像是年度报告，不读取")


@contextmanager
def memory_cap() -> Iterator[None]:
    """Within the block, this process may grow by at most `MAX_EXTRACTION_MEMORY` of address space (an
    allocation past it raises MemoryError); the limit before is restored after. No cap where the platform
    has no RLIMIT_AS or /proc (the caps above still hold there)."""
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        with open("/proc/self/statm") as statm:
            size = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (ImportError, OSError, ValueError, AttributeError):
        yield
        return
    cap = size + MAX_EXTRACTION_MEMORY
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY and soft <= cap:
        yield  # already as tight
        return
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _os_error(path: Path, exc: OSError) -> ReportError:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return ReportError("permission_denied", f"{path}: 没有读取这个文件的权限")
    if exc.errno == errno.ELOOP:
        return ReportError("symlink_loop", f"{path}: 符号链接指向自身（循环链接），没有可读取的文件")
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        what = "符号链接指向的文件不存在" if path.is_symlink() else "找不到这个文件"
        return ReportError("not_found", f"{path}: {what}")
    return ReportError("not_found", f"{path}: 无法读取文件（{exc.strerror or exc}）")


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "命名管道"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    return "特殊文件"
