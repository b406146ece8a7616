"""A generated "bad folder": hostile input files mixed with good reports, each with its expected outcome.

`make_bad_folder(folder)` writes the files into `folder` and returns one `Case` per input the folder
holds (a `Case` whose `skipped` is set was not made here, e.g. a permission test when running as root).
Nothing here imports `disclosure_analysis`: the good reports come from the `synth` command run in a
subprocess, so the generator does not depend on the package's module layout.

Every file is small on disk (bombs are small compressed archives, markup with huge spans, sparse files,
FIFOs and symlinks) and the whole folder is made in a few seconds. Run it by hand to look at the folder:

    PYTHONPATH=src python tests/hostile_files.py /tmp/bad        # prints the cases as JSON

Outcome codes (`Case.expect`): a case is met when the file's status or error code is one of them.
Statuses: ok, partial, not_a_report, needs_ocr, failed. Error codes: empty_file, too_large, zip_bomb,
table_too_large, not_a_regular_file, unsupported_type, skipped_hidden, symlink_loop, duplicate_of,
not_found, permission_denied, corrupt_file, binary_junk, encrypted_pdf.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import re
import shutil
import stat
import struct
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

READ = ("ok", "partial")
#: the statuses and error codes of an input that was read, or refused on purpose (never internal_error)
KNOWN_CODES = frozenset({
    "ok", "partial", "not_a_report", "needs_ocr", "failed", "empty_file", "too_large", "zip_bomb",
    "table_too_large", "not_a_regular_file", "unsupported_type", "skipped_hidden", "symlink_loop",
    "duplicate_of", "not_found", "permission_denied", "corrupt_file", "binary_junk", "encrypted_pdf",
})  # fmt: skip

T3_FIRST = "t3.new_received.natural_person"  # 表三 一、本年新收 自然人: the first number of 表三
T4_FIRST = "t4.review_upheld"  # 表四 行政复议 结果维持: the first number of 表四
T2_LICENSING = "t2.licensing_decisions"  # 表二 行政许可 本年处理决定数量 (a count)
T2_FEES = "t2.fees_amount"  # 表二 行政事业性收费 本年收费金额（万元）: may be fractional

#: printed cell texts that are not a non-negative integer count (-> file name part, defect group): each must
#: come out null + flagged, in its own column (the other cells of the row unmoved), the printed text kept
BAD_COUNTS = {
    "3.5": ("decimal", 1), "1.2万": ("wan", 1), "12345678901234567890": ("20digits", 1), "NaN": ("nan", 3),
    "inf": ("inf", 3), "1e308": ("1e308", 3), "=1+1": ("formula", 3), "@SUM(A1)": ("at_sum", 3),
    "-5": ("negative", 3),
}  # fmt: skip

_GIB = 1 << 30
_MIB = 1 << 20


@dataclass
class Case:
    """One input of the bad folder and what must become of it."""

    name: str  # path relative to the folder, POSIX separators
    what: str  # what the file is
    defect: int  # issue 12 defect group (1-11); 0 = a control (a good or ordinary bad input)
    expect: tuple[str, ...]  # acceptable status / error codes (see the module docstring)
    cells: dict[str, float | int | None] | None = None  # when read: every cell, exactly (synth truth)
    flagged: dict[str, str] = field(default_factory=dict)  # cells that must be null + flagged -> printed text
    agency: str | None = None  # when read: the agency as printed
    year: int | None = None  # when read: the year reported on
    template: str | None = None  # when read: 2019 / 2021
    duplicate_group: str | None = None  # byte-identical inputs: one is read, the others are duplicate_of it
    year_warning: bool = False  # an implausible year: null, or named in a note or finding
    kind: str = "file"  # file, fifo, symlink, directory_symlink, sparse
    skipped: str | None = None  # why the case was not made here (then the file does not exist)

    @property
    def read(self) -> bool:
        """True when the file must be read as a report."""
        return bool(set(self.expect) & set(READ)) and not set(self.expect) - set(READ)


# --- good reports from `synth` -----------------------------------------------------------------------

#: format -> (year, template); one synth run per format, every agency of the fictional city
_SYNTH = {"txt": (2021, "2021"), "html": (2022, "2021"), "docx": (2023, "2021"), "pdf": (2020, "2019")}
_AGENCIES = {"txt": 30, "html": 16, "docx": 16, "pdf": 2}


def synth_reports(where: Path, env: dict[str, str] | None = None) -> dict[str, list[tuple[Path, dict]]]:
    """Synthetic reports with their truth records, per format (`synth` runs in parallel subprocesses)."""

    def run(fmt: str) -> list[tuple[Path, dict]]:
        year, _ = _SYNTH[fmt]
        out = where / fmt
        agencies = _AGENCIES[fmt]
        command = [sys.executable, "-m", "disclosure_analysis.cli", "synth", str(out), "--agencies",
                   str(agencies), "--years", str(year), "--formats", fmt, "--seed", "11"]  # fmt: skip
        proc = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"synth failed ({proc.returncode}): {proc.stderr[-2000:]}")
        lines = (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()
        return [(out / r["file"], r) for r in map(json.loads, lines)]

    with ThreadPoolExecutor(len(_SYNTH)) as pool:
        return dict(zip(_SYNTH, pool.map(run, _SYNTH), strict=True))


# --- cell surgery --------------------------------------------------------------------------------------


def _anchor(text: str, fmt: str, label: str, start: int = 0, exact: bool = False) -> int:
    """Position just after the first table cell holding `label` (exactly, or within its text) from `start`
    (txt: a tab-indented line; markup: an element's text)."""
    around = "" if exact else r"[^\n<>]{0,8}"  # a numbering, never a sentence
    pattern = f"\t{around}{re.escape(label)}{around}\n" if fmt == "txt" else f">{around}{re.escape(label)}{around}<"
    m = re.compile(pattern).search(text, start)
    if m is None:
        raise LookupError(f"no cell {label!r}")
    return m.end() - 1


_VALUE = {"txt": re.compile(r"\n\t([0-9][0-9,.]*)(?=\n)"), "markup": re.compile(r">\s*([0-9][0-9,.]*)\s*<")}


def _replace_value(text: str, fmt: str, at: int, printed: str, skip: int = 0) -> tuple[str, str]:
    """Replace the first number cell after position `at` (after skipping `skip` of them) by `printed`;
    (new text, the number replaced)."""
    pattern = _VALUE["txt" if fmt == "txt" else "markup"]
    m = pattern.search(text, at)
    for _ in range(skip):
        m = pattern.search(text, m.end(1)) if m else None
    if m is None:
        raise LookupError("no number cell after the anchor")
    return text[: m.start(1)] + printed + text[m.end(1) :], m.group(1)


def _at(text: str, fmt: str, key: str, cells: dict) -> tuple[int, int]:
    """(position, number cells to skip) of a cell: its row label; 表四's first number follows every printed
    number of 表三 (counted from the truth `cells`)."""
    if key == T3_FIRST:
        return _anchor(text, fmt, "本年新收政府信息公开申请数量"), 0
    if key == T4_FIRST:
        t3 = sum(1 for k, v in cells.items() if k.startswith("t3.") and v is not None)
        return _anchor(text, fmt, "本年新收政府信息公开申请数量"), t3
    if key == T2_LICENSING:
        return _anchor(text, fmt, "行政许可", exact=True), 0
    if key == T2_FEES:
        return _anchor(text, fmt, "行政事业性收费", exact=True), 0
    raise ValueError(key)


def _docx_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read("word/document.xml").decode("utf-8")


def _write_docx(source: Path, target: Path, document_xml: str) -> None:
    """A copy of the .docx `source` with another word/document.xml."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            data = document_xml.encode("utf-8") if info.filename == "word/document.xml" else src.read(info)
            out.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)


def _decoded(path: Path) -> tuple[str, str]:
    """(text, encoding) of a synth text or HTML file (its HTML pages come in UTF-8, GBK or GB18030)."""
    data = path.read_bytes()
    for encoding in ("utf-8", "gb18030"):
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise ValueError(f"{path}: not UTF-8 or GB18030")


def _read_text(path: Path, fmt: str) -> tuple[str, str]:
    return (_docx_xml(path), "utf-8") if fmt == "docx" else _decoded(path)


def _write_text(source: Path, target: Path, fmt: str, text: str, encoding: str) -> None:
    if fmt == "docx":
        _write_docx(source, target, text)
    else:
        target.write_bytes(text.encode(encoding))


def _with_cell(source: Path, target: Path, fmt: str, key: str, printed: str, cells: dict) -> None:
    """A copy of a synth report whose cell `key` (truth: `cells`) is printed as `printed`."""
    text, encoding = _read_text(source, fmt)
    at, skip = _at(text, fmt, key, cells)
    text, _ = _replace_value(text, fmt, at, printed, skip)
    _write_text(source, target, fmt, text, encoding)


def _edited(source: Path, target: Path, edit: Callable[[str], str]) -> None:
    """A copy of a text or HTML file changed by `edit`, in the file's own encoding."""
    text, encoding = _decoded(source)
    target.write_bytes(edit(text).encode(encoding))


# --- archives ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Member:
    """A zip member whose compressed bytes are given (method 8 = deflate, 0 = stored)."""

    name: str
    data: bytes
    crc: int
    size: int  # the size declared in the headers
    method: int = 8


def _deflated(data: bytes) -> _Member:
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    return _Member("", co.compress(data) + co.flush(), zlib.crc32(data), len(data))


def _repeated_deflate(prefix: bytes, chunk: bytes, times: int, suffix: bytes) -> tuple[bytes, int, int]:
    """A raw deflate stream of prefix + chunk * times + suffix without compressing it all: a full flush
    makes the chunk's compressed blocks independent of what came before, so they can be repeated."""
    co = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = co.compress(prefix) + co.flush(zlib.Z_FULL_FLUSH)
    body = co.compress(chunk) + co.flush(zlib.Z_FULL_FLUSH)
    tail = co.compress(suffix) + co.flush(zlib.Z_FINISH)
    crc = zlib.crc32(prefix)
    for _ in range(times):
        crc = zlib.crc32(chunk, crc)
    crc = zlib.crc32(suffix, crc)
    return head + body * times + tail, crc, len(prefix) + len(chunk) * times + len(suffix)


def _write_zip(target: Path, members: list[_Member]) -> None:
    """A zip archive of members whose compressed bytes are already made (no zip64: sizes < 4 GiB)."""
    central = b""
    with target.open("wb") as fh:
        for m in members:
            name = m.name.encode("utf-8")
            offset = fh.tell()
            fh.write(struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0x800, m.method, 0, 0x21, m.crc,
                                 len(m.data), m.size, len(name), 0) + name + m.data)  # fmt: skip
            central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0x800, m.method, 0, 0x21, m.crc,
                                   len(m.data), m.size, len(name), 0, 0, 0, 0, 0, offset) + name  # fmt: skip
        start = fh.tell()
        fh.write(central)
        fh.write(struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(members), len(members), len(central), start, 0))


def _docx_members(source: Path, replace: dict[str, _Member] | None = None) -> list[_Member]:
    replace = replace or {}
    out = []
    with zipfile.ZipFile(source) as z:
        for info in z.infolist():
            m = replace.get(info.filename) or _deflated(z.read(info))
            out.append(_Member(info.filename, m.data, m.crc, m.size, m.method))
    return out


def _docx_bomb(source: Path, target: Path, member: str, root: str, inflated: int, declared: int | None = None) -> None:
    """The .docx `source` with `member` replaced by an XML part of about `inflated` bytes (mostly spaces
    inside its root element), declared as `declared` bytes in the zip headers (default: the truth)."""
    open_tag, close_tag = root.split("|")
    data, crc, size = _repeated_deflate(open_tag.encode(), b" " * _MIB, inflated // _MIB, close_tag.encode())
    bomb = _Member(member, data, crc, size if declared is None else declared)
    _write_zip(target, _docx_members(source, {member: bomb}))


_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


# --- the folder --------------------------------------------------------------------------------------------


def _truth_case(name: str, what: str, defect: int, record: dict, **kw) -> Case:
    cells = dict(record["cells"])
    flagged = kw.pop("flagged", {})
    for key in flagged:
        cells[key] = None
    return Case(name, what, defect, kw.pop("expect", ("ok",)), cells, flagged,
                kw.pop("agency", record["agency"]), record["year"], record.get("template"), **kw)  # fmt: skip


_TRAD = dict(zip(
    "专业为举众会关内决况办务动区华单参发国图处够头实审对将尽层属应废开强当录彻总户执护报挥数无时权条标栏检没现电监"
    "称稳简类纠纳组织经结统继续维综编缴罚职联获补规视计认训议许讼设访诉话询说请读财责质贯费资转载较过运还这进门问阅项领"
    "频题额复据后于际与级构两样范畴态环规网",
    "專業為舉眾會關內決況辦務動區華單參發國圖處夠頭實審對將盡層屬應廢開強當錄徹總戶執護報揮數無時權條標欄檢沒現電監"
    "稱穩簡類糾納組織經結統繼續維綜編繳罰職聯獲補規視計認訓議許訟設訪訴話詢說請讀財責質貫費資轉載較過運還這進門問閱項領"
    "頻題額複據後於際與級構兩樣範疇態環規網",
    strict=True,
))  # fmt: skip


def _big5(text: str) -> bytes:
    """The report in traditional characters, Big5-encoded. Lines of running text with a character neither
    Big5 nor the table above knows are dropped (the title, headings and tables always convert)."""
    out = []
    for line in text.split("\n"):
        trad = "".join(_TRAD.get(c, c) for c in line)
        try:
            out.append(trad.encode("big5"))
        except UnicodeEncodeError:
            if line.startswith("\t") or len(line) < 40:
                raise
    return b"\n".join(out)


def _nested(html: str, tag: str, depth: int) -> str:
    """The page with its body's content wrapped in `depth` nested `tag` elements."""
    start = html.index("<body>") + len("<body>")
    end = html.index("</body>")
    return html[:start] + f"<{tag}>" * depth + html[start:end] + f"</{tag}>" * depth + html[end:]


def _pdf_encrypted() -> bytes:
    from fpdf import FPDF  # a dependency of the package (synth draws its PDFs with it)

    pdf = FPDF()
    pdf.set_encryption(owner_password="owner", user_password="user")
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "2023 annual report on government information disclosure")
    return bytes(pdf.output())


_PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _xlsx() -> bytes:
    path = Path(tempfile.mkstemp(suffix=".xlsx")[1])
    try:
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
            z.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        return path.read_bytes()
    finally:
        path.unlink()


_NEWS = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>关于2023年政府信息公开工作年度报告的新闻发布会</title></head><body>
<h1>关于2023年政府信息公开工作年度报告的新闻发布会</h1>
<p>发布时间：2024-03-20　来源：示例市人民政府新闻办公室</p>
<p>3月20日上午，示例市人民政府新闻办公室举行新闻发布会，市政府办公室负责同志介绍了2023年政府信息公开工作年度报告的主要内容，并回答了记者提问。</p>
<p>发布会上，有记者问：今年的报告与往年相比有哪些变化？负责同志表示，报告继续按照国务院办公厅规定的格式编制，一、总体情况部分更加突出重点工作。</p>
<p>记者还就依申请公开办理、政府网站建设等问题进行了提问。</p>
<p>（责任编辑：王某某）</p>
</body></html>
"""


def _good_copy(src: Path, folder: Path, name: str) -> Path:
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, target)
    return target


def make_bad_folder(folder: str | Path, env: dict[str, str] | None = None) -> list[Case]:
    """Write the bad folder into `folder` (created; should be empty) and return its cases.

    `env` is the environment of the `synth` subprocesses (PYTHONPATH naming the package to use)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    cases: list[Case] = []
    rng = random.Random(12)
    with tempfile.TemporaryDirectory(prefix="hostile-synth-") as scratch:
        reports = synth_reports(Path(scratch), env)
        _make(folder, reports, cases, rng)
    _check_unique(folder, cases)
    return cases


def _make(folder: Path, reports: dict[str, list[tuple[Path, dict]]], cases: list[Case], rng: random.Random) -> None:
    bases: dict[str, list[tuple[Path, dict]]] = {fmt: list(items) for fmt, items in reports.items()}

    def base(fmt: str, agency: str | None = None) -> tuple[Path, dict]:
        """The next unused report of a format, or the one of `agency` (each case its own agency while they
        last, then the last one again)."""
        items = bases[fmt]
        at = next(i for i, (_, r) in enumerate(items) if r["agency"] == agency) if agency else 0
        return items.pop(at) if len(items) > 1 else items[0]

    def add(case: Case, write: Callable[[Path], object] | None = None) -> None:
        if write is not None and case.skipped is None:
            target = folder / case.name
            target.parent.mkdir(parents=True, exist_ok=True)
            write(target)
        cases.append(case)

    big5_base = base("txt", "示例市教育局")  # a name Big5 can print as it is
    # -- good reports, read exactly (controls) ----------------------------------------------------------
    good: dict[str, tuple[Path, dict]] = {}
    for fmt in ("txt", "html", "docx", "pdf"):
        path, rec = base(fmt)
        good[fmt] = (path, rec)
        add(_truth_case(f"good/{path.name}", f"a good {fmt} report", 0, rec),
            lambda t, p=path: shutil.copyfile(p, t))  # fmt: skip

    path, rec = base("txt")
    add(_truth_case("enc/utf16.txt", "a good report in UTF-16 with a BOM", 0, rec),
        lambda t, p=path: t.write_bytes(codecs.BOM_UTF16_LE + _decoded(p)[0].encode("utf-16-le")))
    path, rec = base("txt")
    add(_truth_case("enc/gb18030.txt", "a good report in GB18030", 0, rec),
        lambda t, p=path: t.write_bytes(_decoded(p)[0].encode("gb18030")))
    path, rec = base("txt")
    add(_truth_case("enc/crlf.txt", "a good report with CRLF line ends", 0, rec),
        lambda t, p=path: t.write_bytes(p.read_bytes().replace(b"\n", b"\r\n")))
    path, rec = base("txt")
    add(_truth_case("enc/UPPER.TXT", "a good report with an upper-case suffix", 0, rec),
        lambda t, p=path: t.write_bytes(p.read_bytes() + b"\n"))
    path, rec = base("txt")
    add(_truth_case("cells/fees_3.5.txt", "表二 收费金额 3.5 万元: a legitimately fractional amount, read as is",
                    0, {**rec, "cells": {**rec["cells"], T2_FEES: 3.5}}),
        lambda t, p=path, c=rec["cells"]: _with_cell(p, t, "txt", T2_FEES, "3.5", c))  # fmt: skip

    # -- 1, 3, 5: cells that are not non-negative integer counts ------------------------------------------
    for fmt in ("txt", "html", "docx"):
        for printed, (slug, defect) in BAD_COUNTS.items():
            path, rec = base(fmt)
            add(_truth_case(f"cells/{fmt}_t3_{slug}.{fmt}", f"{fmt}: 表三 本年新收 自然人 printed {printed!r}",
                            defect, rec, expect=("partial",), flagged={T3_FIRST: printed}),
                lambda t, p=path, f=fmt, v=printed, c=rec["cells"]: _with_cell(p, t, f, T3_FIRST, v, c))  # fmt: skip
    for fmt, printed in (("txt", "3.5"), ("html", "1e308"), ("docx", "12345678901234567890")):
        path, rec = base(fmt)
        add(_truth_case(f"cells/{fmt}_t4.{fmt}", f"{fmt}: 表四 行政复议 结果维持 printed {printed!r}", 1, rec,
                        expect=("partial",), flagged={T4_FIRST: printed}),
            lambda t, p=path, f=fmt, v=printed, c=rec["cells"]: _with_cell(p, t, f, T4_FIRST, v, c))  # fmt: skip
    for fmt in ("txt", "html", "docx"):
        path, rec = base(fmt)
        add(_truth_case(f"cells/{fmt}_t2_wan.{fmt}", f"{fmt}: 表二 行政许可 决定数量 printed '1.2万'", 5, rec,
                        expect=("partial",), flagged={T2_LICENSING: "1.2万"}),
            lambda t, p=path, f=fmt, c=rec["cells"]: _with_cell(p, t, f, T2_LICENSING, "1.2万", c))  # fmt: skip

    # -- 2: byte-identical copies: one of each group is read, the others are duplicate_of it --------------------
    for fmt, copy in (("txt", "good/{stem} (1){suffix}"), ("html", "copies/again/{stem}{suffix}")):
        path, rec = good[fmt]
        original = next(c for c in cases if c.name == f"good/{path.name}")
        original.expect, original.duplicate_group = ("ok", "duplicate_of"), fmt
        add(_truth_case(copy.format(stem=path.stem, suffix=path.suffix), "a byte-identical copy of a good report",
                        2, rec, expect=("ok", "duplicate_of"), duplicate_group=fmt),
            lambda t, p=path: shutil.copyfile(p, t))  # fmt: skip

    # -- 4: memory from tiny files ---------------------------------------------------------------------------
    dpath, _ = base("docx")
    xml = _docx_xml(dpath)
    one_span = xml.replace('<w:gridSpan w:val="3"/>', '<w:gridSpan w:val="1000000"/>', 1)
    add(Case("bombs/gridspan_one.docx", "a good report whose first merged table cell has gridSpan = 10^6", 4,
             ("table_too_large",)), lambda t: _write_docx(dpath, t, one_span))  # fmt: skip
    rows = '<w:tr><w:tc><w:tcPr><w:gridSpan w:val="1000000"/></w:tcPr><w:p/></w:tc></w:tr>' * 50_000
    many_spans = xml.replace("<w:body>", f"<w:body><w:tbl>{rows}</w:tbl>", 1)
    add(Case("bombs/gridspan_rows.docx", "50,000 table rows each with gridSpan = 10^6 (a few KB zipped)", 4,
             ("table_too_large",)), lambda t: _write_docx(dpath, t, many_spans))  # fmt: skip
    hpath2, _ = base("html")
    colspans = "<table>" + "<tr><td colspan=1000>1" * 10_000 + "</table>"
    add(Case("bombs/colspan.html", "a report page with a table of 10,000 rows × colspan=1000", 4,
             ("table_too_large",)),
        lambda t: _edited(hpath2, t, lambda x: x.replace("<body>", "<body>" + colspans, 1)))  # fmt: skip
    rowspans = "<table><tr><td rowspan=0 colspan=1000>1<td>2" + "<tr>" * 30_000 + "</table>"
    add(Case("bombs/rowspan.html", "a report page with a cell rowspan=0 colspan=1000 over 30,000 rows", 4,
             ("table_too_large",)),
        lambda t: _edited(hpath2, t, lambda x: x.replace("<body>", "<body>" + rowspans, 1)))  # fmt: skip
    document_root = f"<w:document {_W}><w:body><w:p><w:r><w:t xml:space=\"preserve\">|</w:t></w:r></w:p></w:body></w:document>"
    add(Case("bombs/zip_document.docx", "word/document.xml inflates to 512 MiB (≈ 0.5 MB on disk)", 4, ("zip_bomb",)),
        lambda t: _docx_bomb(dpath, t, "word/document.xml", document_root, 512 * _MIB))
    add(Case("bombs/zip_styles.docx", "word/styles.xml inflates to 512 MiB (the body is a good report)", 4,
             ("zip_bomb",)),
        lambda t: _docx_bomb(dpath, t, "word/styles.xml", f"<w:styles {_W}>|</w:styles>", 512 * _MIB))  # fmt: skip
    add(Case("bombs/zip_lying_size.docx", "document.xml declared as 4 KB in the zip headers, inflating to 64 MiB",
             4, ("zip_bomb", "corrupt_file")),
        lambda t: _docx_bomb(dpath, t, "word/document.xml", document_root, 64 * _MIB, declared=4096))  # fmt: skip

    def many_members(target: Path) -> None:
        members = _docx_members(dpath)
        members += [_Member(f"m/{i:04x}", b"", 0, 0, 0) for i in range(5000)]
        _write_zip(target, members)

    add(Case("bombs/members.docx", "a good report's .docx with 5,000 extra zip members", 4, ("zip_bomb",)),
        many_members)

    def sparse(target: Path) -> None:
        with target.open("wb") as fh:
            fh.truncate(2 * _GIB)  # 2 GiB on paper, nothing on disk

    add(Case("special/huge.txt", "a 2 GiB sparse file", 4, ("too_large",), kind="sparse"), sparse)
    add(Case("special/fifo.txt", "a FIFO (named pipe): opening it for reading blocks for ever", 4,
             ("not_a_regular_file",), kind="fifo"), os.mkfifo)  # fmt: skip
    add(Case("special/zero.txt", "a symlink to /dev/zero (endless)", 4, ("not_a_regular_file",), kind="symlink"),
        lambda t: t.symlink_to("/dev/zero"))
    add(Case("special/urandom.html", "a symlink to /dev/urandom (endless)", 4, ("not_a_regular_file",),
             kind="symlink"), lambda t: t.symlink_to("/dev/urandom"))  # fmt: skip

    # -- 6: inputs that vanished without a row ------------------------------------------------------------------
    add(Case("vanish/old.doc", "a legacy Word (OLE) file", 6, ("unsupported_type",)),
        lambda t: t.write_bytes(_OLE + bytes(rng.randrange(256) for _ in range(3000))))
    add(Case("vanish/report.wps", "a WPS file (OLE container)", 6, ("unsupported_type",)),
        lambda t: t.write_bytes(_OLE + bytes(rng.randrange(256) for _ in range(2000))))
    add(Case("vanish/README", "an extensionless text file (read: judged from its bytes)", 6, ("not_a_report",)),
        lambda t: t.write_text("Reports downloaded from the portal; see the list in the spreadsheet.\n"))
    add(Case("vanish/scan.jpg", "a JPEG image (its bytes are junk)", 6, ("unsupported_type", "needs_ocr", "corrupt_file")),
        lambda t: t.write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(rng.randrange(256) for _ in range(500))))
    add(Case("vanish/list.xlsx", "an Excel workbook", 6, ("skipped_type",)), lambda t: t.write_bytes(_xlsx()))
    add(Case("vanish/reports.zip", "a zip archive of reports", 6, ("skipped_type",)),
        lambda t: _write_zip(t, [_Member("a.txt", b"abc", zlib.crc32(b"abc"), 3, 0)]))
    add(Case("vanish/links.csv", "a CSV file", 6, ("skipped_type",)),
        lambda t: t.write_text("agency,url\n示例市,http://example.invalid/a.html\n", encoding="utf-8"))
    hid_path, _ = base("txt")
    add(Case("vanish/.hidden_report.txt", "a dotfile (holding a good report)", 6, ("skipped_hidden",)),
        lambda t, p=hid_path: t.write_bytes(p.read_bytes() + b"\n\n"))
    add(Case("vanish/.DS_Store", "a macOS dotfile", 6, ("skipped_hidden",)),
        lambda t: t.write_bytes(b"\x00\x00\x00\x01Bud1" + bytes(rng.randrange(256) for _ in range(200))))
    add(Case("vanish/loop_a.txt", "a symlink to loop_b.txt, which links back", 6, ("symlink_loop",), kind="symlink"),
        lambda t: t.symlink_to("loop_b.txt"))
    add(Case("vanish/loop_b.txt", "a symlink to loop_a.txt, which links back", 6, ("symlink_loop",), kind="symlink"),
        lambda t: t.symlink_to("loop_a.txt"))
    add(Case("vanish/self.html", "a symlink to itself", 6, ("symlink_loop",), kind="symlink"),
        lambda t: t.symlink_to("self.html"))
    add(Case("vanish/sub/up", "a directory symlink to its grandparent (a loop for a recursive walk)", 6,
             ("symlink_loop",), kind="directory_symlink"), lambda t: t.symlink_to("../..", target_is_directory=True))
    add(Case("vanish/dangling.docx", "a symlink to a file that does not exist", 6, ("not_found",), kind="symlink"),
        lambda t: t.symlink_to("no-such-file.docx"))

    # -- 8: assess on a template-less report; a news item about a report ----------------------------------------
    path, rec = base("txt")

    def no_tables(target: Path, p: Path = path) -> None:
        text = _decoded(p)[0]
        start, end = text.index("二、主动公开政府信息情况"), text.index("五、政府信息公开工作存在的主要问题")
        target.write_text(text[:start] + text[end:], encoding="utf-8")

    add(Case("assess/no_tables.txt", "a report without its tables (read, template null)", 8, ("partial",),
             agency=rec["agency"], year=rec["year"]), no_tables)  # fmt: skip
    add(Case("assess/news.html", "a news item titled 关于2023年政府信息公开工作年度报告的新闻发布会", 8,
             ("not_a_report",)), lambda t: t.write_text(_NEWS, encoding="utf-8"))  # fmt: skip

    # -- 9: "$" in an agency name ------------------------------------------------------------------------------
    for name, agency in (("dollar_x.txt", "$x$市人民政府"), ("dollar_bad_math.txt", "$x^^2$县人民政府")):
        path, rec = base("txt")
        add(_truth_case(f"names/{name}", f"a good report of the agency {agency}", 9, rec, agency=agency),
            lambda t, p=path, a=agency, old=rec["agency"]: _edited(p, t, lambda x: x.replace(old, a)))

    # -- 11: lesser ones ------------------------------------------------------------------------------------------
    path, rec = base("html")
    add(_truth_case("lesser/deep300.html", "a good report page nested 300 elements deep", 11, rec),
        lambda t, p=path: _edited(p, t, lambda x: _nested(x, "div", 300)))
    path, rec = base("html")
    add(_truth_case("lesser/deep20000.html", "a good report page nested 20,000 elements deep", 11, rec,
                    expect=("ok", "corrupt_file", "too_deep")),
        lambda t, p=path: _edited(p, t, lambda x: _nested(x, "b", 20_000)))
    path, rec = big5_base
    add(_truth_case("lesser/big5.txt", "a good report in traditional characters, Big5-encoded", 11, rec),
        lambda t, p=path: t.write_bytes(_big5(_decoded(p)[0])))
    path, rec = base("txt")
    add(_truth_case("lesser/starts_with_p.txt", "a good text report whose first line is '<p>'", 11, rec),
        lambda t, p=path: _edited(p, t, lambda x: "<p>\n" + x))
    path, rec = base("txt")
    year = str(rec["year"])
    add(Case("lesser/year2099.txt", "a good report whose year reads 2099 everywhere", 11, READ,
             {k: v for k, v in rec["cells"].items()}, agency=rec["agency"], year_warning=True),
        lambda t, p=path: _edited(p, t, lambda x: x.replace(year, "2099")))
    path, rec = base("txt")
    denied = Case("lesser/denied.txt", "a report file without read permission", 11, ("permission_denied",))
    if os.geteuid() == 0:
        denied.skipped = "running as root: chmod 000 does not deny reading"
    add(denied, lambda t, p=path: (t.write_bytes(p.read_bytes() + b" "), t.chmod(0)))

    # -- ordinary bad inputs (controls) ------------------------------------------------------------------------------
    ppath, _ = good["pdf"]
    add(Case("junk/empty.txt", "an empty file", 0, ("empty_file",)), lambda t: t.write_bytes(b""))
    add(Case("junk/blank.html", "whitespace only", 0, ("empty_file",)),
        lambda t: t.write_bytes(b" \n\t\r\n\xe3\x80\x80 \n"))
    add(Case("junk/nul.txt", "1 KB of NUL bytes", 0, ("binary_junk",)), lambda t: t.write_bytes(b"\x00" * 1024))
    add(Case("junk/random.html", "random bytes named .html", 0, ("binary_junk",)),
        lambda t: t.write_bytes(bytes(rng.randrange(256) for _ in range(4000))))
    add(Case("junk/random.pdf", "random bytes named .pdf (no PDF header)", 0, ("binary_junk", "corrupt_file")),
        lambda t: t.write_bytes(bytes(rng.randrange(256) for _ in range(4000))))
    add(Case("junk/zip_junk.docx", "a zip signature followed by junk", 0, ("corrupt_file",)),
        lambda t: t.write_bytes(b"PK\x03\x04" + bytes(rng.randrange(256) for _ in range(2000))))
    add(Case("junk/truncated.docx", "the first half of a good .docx", 0, ("corrupt_file",)),
        lambda t, p=dpath: t.write_bytes(p.read_bytes()[: p.stat().st_size // 2]))
    add(Case("junk/truncated.pdf", "the first half of a good PDF", 0, ("corrupt_file",)),
        lambda t, p=ppath: t.write_bytes(p.read_bytes()[: p.stat().st_size // 2]))
    add(Case("junk/header_only.pdf", "a PDF header and nothing else", 0, ("corrupt_file",)),
        lambda t: t.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"))
    add(Case("junk/encrypted.pdf", "a password-protected PDF", 0, ("encrypted_pdf",)),
        lambda t: t.write_bytes(_pdf_encrypted()))
    add(Case("junk/image.pdf", "a PNG image named .pdf (1×1: too small to read by OCR)", 0, ("needs_ocr", "corrupt_file")), lambda t: t.write_bytes(_PNG))
    add(Case("junk/workbook.docx", "an Excel workbook named .docx", 0, ("unsupported_type",)),
        lambda t: t.write_bytes(_xlsx() + b"\x00"))
    add(Case("junk/rtf.txt", "an RTF document named .txt", 0, ("unsupported_type",)),
        lambda t: t.write_bytes(b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 SimSun;}}\\f0 report\\par}"))
    add(Case("junk/recipe.txt", "a text that is not a report", 0, ("not_a_report",)),
        lambda t: t.write_text("红烧肉的做法\n五花肉切块，焯水，加冰糖炒色，小火炖一小时。\n", encoding="utf-8"))
    path, rec = base("txt")
    long_name = "关于" + "政府信息公开工作年度报告的附件材料" * 4 + ".txt"  # 70 characters, 206 bytes
    add(_truth_case(f"names/{long_name}", "a good report under a long Chinese file name", 0, rec),
        lambda t, p=path: t.write_bytes(p.read_bytes() + b"\n\n\n"))
    path, rec = base("txt")
    add(_truth_case("names/new\nline 'quote\" $HOME;rm.txt", "a good report under a name with a newline and quotes",
                    0, rec), lambda t, p=path: t.write_bytes(p.read_bytes() + b"\n\n\n\n"))  # fmt: skip


def _check_unique(folder: Path, cases: list[Case]) -> None:
    """Regular files of different cases must differ in content unless they are declared duplicates."""
    seen: dict[bytes, str] = {}
    for case in cases:
        path = folder / case.name
        if case.skipped or case.kind != "file" or not path.is_file():
            continue
        try:
            data = path.read_bytes()
        except PermissionError:
            continue
        digest = zlib.crc32(data).to_bytes(4, "big") + len(data).to_bytes(8, "big")
        other = seen.setdefault(digest, case.name)
        if other != case.name:
            first = next(c for c in cases if c.name == other)
            if not (case.duplicate_group and case.duplicate_group == first.duplicate_group):
                raise AssertionError(f"{case.name} has the same bytes as {other}")


def expected_files(cases: list[Case]) -> list[Case]:
    """The cases whose input exists in the folder."""
    return [c for c in cases if c.skipped is None]


def remove_bad_folder(folder: str | Path) -> None:
    """Delete a bad folder (makes unreadable files readable first; never follows its symlinks)."""
    folder = Path(folder)
    for path in folder.rglob("*"):
        if not path.is_symlink() and path.is_file():
            path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: hostile_files.py OUTDIR", file=sys.stderr)
        return 2
    cases = make_bad_folder(argv[0])
    json.dump([asdict(c) for c in cases], sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
