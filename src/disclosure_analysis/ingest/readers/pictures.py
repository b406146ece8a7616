"""Pictures inside a text report that may hold its tables: the local images a saved web page shows
(`<img src>`) and the images of a Word file. The readers put a `Picture` where each one is; `place` reads
by OCR those where a table should be, and puts their blocks (tables and lines) in its place.

Which pictures are read (`ocr.mode()`):
- `auto`: a picture in a section whose table the text does not have: in 二/三/四 (表二/表三/表四) when
  that section has no text table, or before a table's section that the text lacks (its heading may be
  in the picture), e.g. every picture of a page without any section heading. A page whose text has its
  tables reads none (a logo, a seal, a photograph).
- `force`: every picture; `off` (or without the OCR extra): none, and a picture that `auto` would read
  is a note, so that the missing table is never silent.

A web page's pictures are files in the page's own folder or below it (a `*_files/` folder as browsers
save pages), or `data:` URIs; a picture elsewhere (`../`, an absolute path, a symbolic link out of the
folder) is not opened, and a URL is never fetched. Each is read through `ingest.limits` (a regular
file, at most `MAX_FILE_BYTES`) and at most `MAX_PICTURES` per report. A picture that is missing, out
of bounds or undecodable is a note, not a failure of the report.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import unquote, urlsplit

from disclosure_analysis.errors import ReportError
from disclosure_analysis.formats import sections as section_specs
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Block, Document, Table
from disclosure_analysis.ingest.readers import image_kind, ocr
from disclosure_analysis.ingest.stream import Line, find_sections, lines_of

#: the sections whose table may be a picture (表二, 表三, 表四)
TABLE_SECTIONS = ("active", "applications", "review_litigation")
_DATA_URI = re.compile(r"data:image/[a-z0-9.+-]+;base64,(.*)", re.IGNORECASE | re.DOTALL)
_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*:", re.IGNORECASE)


@dataclass(frozen=True)
class Picture:
    """A picture where a reader found it: its name as the report gives it (`src`, or the Word part), and
    how to get its bytes (raises `ReportError` when it cannot)."""

    name: str
    load: Callable[[], bytes]


def place(items: list[Block | Picture], doc: Document) -> None:
    """`doc.blocks` ← `items`, each picture to be read (see the module docstring) replaced by its blocks
    read by OCR; notes for the pictures read, for those without a table, and for those not read."""
    pictures = {i: item for i, item in enumerate(items) if isinstance(item, Picture)}
    wanted = list(pictures) if ocr.mode() == "force" else where_tables_are_missing(items) if pictures else []
    if wanted and not ocr.enabled():
        names = "、".join(pictures[i].name for i in wanted[:5]) + (" 等" if len(wanted) > 5 else "")
        why = "OCR 已关闭（--ocr off）" if ocr.mode() == "off" else f"需要先安装 OCR 组件：{ocr.INSTALL}"
        doc.notes.append(f"表格可能是图片（{names}），没有识别：{why}")
        wanted = []
    if len(wanted) > limits.MAX_PICTURES:
        doc.notes.append(f"报告中有 {len(wanted)} 张可能含表格的图片，只识别前 {limits.MAX_PICTURES} 张")
        wanted = wanted[: limits.MAX_PICTURES]
    read: dict[int, list[Block]] = {}
    failed: list[str] = []
    for i in wanted:
        try:
            read[i] = _recognise(pictures[i])
        except ReportError as exc:
            failed.append(exc.message)
    doc.blocks = [b for i, item in enumerate(items) for b in (read.get(i, []) if i in pictures else [item])]
    if any(read.values()):
        doc.read_by = "ocr"
        doc.notes.append(f"图片 {'、'.join(pictures[i].name for i, blocks in read.items() if blocks)} 由 OCR 识别")
    empty = [pictures[i].name for i, blocks in read.items() if not any(isinstance(b, Table) for b in blocks)]
    if empty:
        doc.notes.append(f"图片 {'、'.join(empty)} 中没有找到表格")
    doc.notes.extend(f"图片未能识别：{reason}" for reason in failed)


def _recognise(picture: Picture) -> list[Block]:
    """The blocks of one picture read by OCR; raises `ReportError` when it cannot be had or decoded."""
    data = picture.load()
    kind = image_kind(data)
    if kind is None:
        raise ReportError("unsupported_type", f"{picture.name}: 不是 PNG、JPEG、GIF 或 TIFF 图片")
    return ocr.picture_blocks(data, picture.name, kind, page=None)


def where_tables_are_missing(items: list[Block | Picture]) -> list[int]:
    """Indices of the pictures in `items` that stand where the text lacks a table (`auto`)."""
    order = [s.key for s in section_specs()]
    lines: list[Line] = []
    at: dict[int, int] = {}  # picture index → number of lines before it
    for i, item in enumerate(items):
        if isinstance(item, Picture):
            at[i] = len(lines)
        else:
            lines.extend(replace(line, index=len(lines) + n) for n, line in enumerate(lines_of(Document("", "", [item]))))
    found = find_sections(lines)
    keys = {s.key for s in found}
    out = []
    for i, pos in at.items():
        k = max((n for n, s in enumerate(found) if s.start < pos), default=None)  # the section it is in
        own = found[k] if k is not None else None
        after = 0 if k is None else k + 1
        following = found[after] if after < len(found) else None
        lo = order.index(own.key) if own else -1
        hi = order.index(following.key) if following else len(order)
        lacking = own is not None and own.key in TABLE_SECTIONS and not any(ln.is_table for ln in lines[own.start : own.end])
        if lacking or any(key in TABLE_SECTIONS and key not in keys for key in order[lo + 1 : hi]):
            out.append(i)
    return out


def local(folder: Path, src: str) -> Picture:
    """The picture a web page in `folder` shows as `src`: a file inside `folder`, or a `data:` URI."""
    src = src.strip()
    data_uri = _DATA_URI.fullmatch(src)
    if data_uri:
        return Picture("data: URI", lambda: _decode_data_uri(data_uri.group(1)))
    name = src[:200]
    return Picture(name, lambda: limits.read_file(local_path(folder, src)))


def local_path(folder: Path, src: str) -> Path:
    """The file `src` names relative to `folder`; raises `ReportError` for a URL, an absolute path or a
    path (also through a symbolic link) that leads out of `folder`."""
    if _SCHEME.match(src) or src.startswith(("//", "\\\\")):
        raise ReportError("not_found", f"{src[:200]}: 图片是网址，不联网下载")
    relative = unquote(urlsplit(src.replace("\\", "/")).path)
    if not relative or relative.startswith("/") or "\0" in relative:
        raise ReportError("not_found", f"{src[:200]}: 图片路径不是网页所在文件夹中的文件")
    root = folder.resolve()
    target = (root / relative).resolve()
    if not target.is_relative_to(root):
        raise ReportError("not_found", f"{src[:200]}: 图片路径指向网页所在文件夹之外，不读取")
    if not target.exists():
        raise ReportError("not_found", f"{src[:200]}: 找不到网页引用的这张图片")
    return target


def _decode_data_uri(payload: str) -> bytes:
    if len(payload) > limits.MAX_FILE_BYTES * 4 // 3 + 4:
        raise limits.too_large("data: URI", len(payload) * 3 // 4)
    try:
        return base64.b64decode("".join(payload.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ReportError("corrupt_file", "data: URI: 图片数据不是有效的 base64") from exc


def digest(data: bytes, folder: Path, sources: Iterable[str]) -> str:
    """sha256 of a report's bytes and of the local pictures it shows (`sources`, as `local` finds them;
    those it cannot open are left out), so that a changed picture changes the report's identity."""
    sha = hashlib.sha256(data)
    seen: set[Path] = set()
    for src in sources:
        try:
            path = local_path(folder, src)
        except ReportError:  # a URL, out of bounds, missing (a data: URI is in the report's bytes)
            continue
        content = limits.file_sha256(path) if path not in seen else None
        seen.add(path)
        if content is not None:
            sha.update(b"\0" + path.relative_to(folder.resolve()).as_posix().encode() + b"\0" + content.encode())
    return sha.hexdigest()
