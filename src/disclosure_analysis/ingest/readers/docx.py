"""Word (.docx) reports: paragraphs and tables in body order, merged cells resolved.

- Body children are read in order (also inside content controls), so tables and paragraphs interleave
  as printed. A paragraph's soft line breaks split it into one `Paragraph` per line; empty ones are
  skipped. Headers, footers, footnotes and text boxes are not read.
- Tables: horizontal merges (`gridSpan`, legacy `hMerge`) and vertical merges (`vMerge`) keep the text
  in the top-left cell; covered positions are `None`. Grid columns a row skips (`gridBefore` /
  `gridAfter`) and rows short of the widest are padded with `""`. A cell's paragraphs are joined like
  HTML cell lines ("商业" + "企业" → "商业企业").
- A table nested in a cell comes out as its own `Table` right after the table holding it.
- A table whose rows each hold at most one non-empty cell (a frame around running text) gives one
  `Paragraph` per line instead.
- Pictures (`w:drawing` and legacy VML `v:imagedata` in a body paragraph, found by their relationship
  id in `word/media/`) are `pictures.Picture`s after the paragraph's lines; those where the text lacks a
  table (or all, `--ocr force`) are read by OCR and their blocks put there (`pictures.place`).
- `meta`: the core document properties that are set (title, author, created, modified ...).
- Limits (`ingest.limits`): the package's parts are counted and their declared sizes added up before
  anything is inflated (`zip_bomb`); spans (`gridSpan`, `gridBefore`, `gridAfter`) are clamped to
  `MAX_SPAN`, and the grid cells are counted as they are laid out (`table_too_large`).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Block, Document, Paragraph, make_table
from disclosure_analysis.ingest.readers import pictures
from disclosure_analysis.ingest.readers.html import join_lines

_P, _TBL, _TR, _TC = qn("w:p"), qn("w:tbl"), qn("w:tr"), qn("w:tc")
_SDT, _SDT_CONTENT, _CUSTOM_XML = qn("w:sdt"), qn("w:sdtContent"), qn("w:customXml")
_VAL = qn("w:val")
_BLIP, _EMBED = qn("a:blip"), qn("r:embed")
_VML_IMAGE, _REL_ID = "{urn:schemas-microsoft-com:vml}imagedata", qn("r:id")


def read(data: bytes, source: str) -> Document:
    """Read a .docx report into a Document."""
    document = _open(data, source)
    doc = Document(source=source, kind="docx", meta=_meta(document))
    pictures.place(list(_blocks(document.element.body, _Reading(document, limits.CellBudget(source)))), doc)
    return doc


class _Reading:
    """What reading one document's blocks needs: python-docx's parent for paragraphs and the cell budget."""

    def __init__(self, parent: Any, budget: limits.CellBudget):
        self.parent, self.budget = parent, budget

    def span(self, el: Any, path: str, default: int) -> int:
        """An integer span property (`_int_prop`), refused past `limits.MAX_SPAN`."""
        return self.budget.span(_int_prop(el, path, default))


def _open(data: bytes, source: str) -> Any:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile as exc:
        raise ReportError(
            "corrupt_file",
            f"{source}: 文件损坏，不是有效的 Word 文档（.docx 其实是 ZIP 压缩包，这个文件打不开），"
            "可能下载不完整，或者只是把扩展名改成了 .docx",
        ) from exc
    limits.check_zip(infos, source)
    if not any(i.filename.startswith("word/document") and i.filename.endswith(".xml") for i in infos):
        raise ReportError(
            "corrupt_file",
            f"{source}: 文件损坏，这个压缩包里没有 Word 正文（word/document.xml），不是 Word 文档",
        )
    try:
        return docx.Document(io.BytesIO(data))
    except KeyError as exc:
        missing = re.search(r"'([^']+)'", str(exc))
        part = missing.group(1) if missing else str(exc)
        raise ReportError("corrupt_file", f"{source}: 文件损坏，Word 文档缺少必要的组成部分 {part}") from exc
    except ValueError as exc:
        if "content type" not in str(exc):
            raise ReportError("corrupt_file", f"{source}: 文件损坏，Word 文档的内容无法解析") from exc
        raise ReportError(
            "unsupported_type",
            f"{source}: 这是启用宏的 Word 文档（.docm）或 Word 模板（.dotx），请在 Word 里另存为 .docx",
        ) from exc
    except (PackageNotFoundError, zipfile.BadZipFile, etree.XMLSyntaxError, EOFError) as exc:
        raise ReportError("corrupt_file", f"{source}: 文件损坏，Word 文档的内容无法解压或解析") from exc


def _meta(document: Any) -> dict[str, str]:
    props = document.core_properties
    fields = {
        "title": props.title,
        "subject": props.subject,
        "author": props.author,
        "keywords": props.keywords,
        "last_modified_by": props.last_modified_by,
        "created": props.created.isoformat() if props.created else None,
        "modified": props.modified.isoformat() if props.modified else None,
    }
    return {key: value.strip() for key, value in fields.items() if value and value.strip()}


def _children(el: Any) -> Iterator[Any]:
    """Child elements, looking through content controls and custom XML wrappers."""
    for child in el.iterchildren():
        if child.tag == _SDT:
            content = child.find(_SDT_CONTENT)
            if content is not None:
                yield from _children(content)
        elif child.tag == _CUSTOM_XML:
            yield from _children(child)
        else:
            yield child


def _blocks(body: Any, reading: _Reading) -> Iterator[Block | pictures.Picture]:
    for child in _children(body):
        if child.tag == _P:
            for line in _lines(child, reading.parent):
                yield Paragraph(line)
            yield from _pictures(child, reading.parent.part)
        elif child.tag == _TBL:
            yield from _table_blocks(child, reading)


def _pictures(p: Any, part: Any) -> Iterator[pictures.Picture]:
    """The pictures a paragraph shows, in order: the parts its drawings' relationship ids name."""
    for el in p.iter(_BLIP, _VML_IMAGE):
        rid = el.get(_EMBED if el.tag == _BLIP else _REL_ID)
        target = part.related_parts.get(rid) if rid else None
        if target is not None and hasattr(target, "blob"):
            yield pictures.Picture(str(target.partname).lstrip("/"), lambda target=target: target.blob)


def _lines(p: Any, parent: Any) -> list[str]:
    """A paragraph's non-empty lines (a soft line break starts a new one)."""
    text = DocxParagraph(p, parent).text
    return [line.strip() for line in text.split("\n") if line.strip()]


def _table_blocks(tbl: Any, reading: _Reading) -> Iterator[Block]:
    """The table (or its lines, for a text frame), then the tables nested in its cells."""
    grid, nested = _grid(tbl, reading)
    if all(sum(1 for cell in row if cell) <= 1 for row in grid):
        yield from (Paragraph(line) for row in grid for cell in row for line in cell or ())
    else:
        yield make_table([[None if cell is None else join_lines(cell) for cell in row] for row in grid])
    for inner in nested:
        yield from _table_blocks(inner, reading)


def _grid(tbl: Any, reading: _Reading) -> tuple[list[list[list[str] | None]], list[Any]]:
    """(grid of cell lines, `None` where merged; tables nested in the cells, in order)."""
    grid: list[list[list[str] | None]] = []
    nested: list[Any] = []
    budget = reading.budget
    for tr in (c for c in _children(tbl) if c.tag == _TR):
        before = reading.span(tr, "w:trPr/w:gridBefore", 0)
        budget.add(before)
        row: list[list[str] | None] = [[] for _ in range(before)]
        for tc in (c for c in _children(tr) if c.tag == _TC):
            span = max(reading.span(tc, "w:tcPr/w:gridSpan", 1), 1)
            budget.add(span)
            if _continues_merge(tc, grid, len(row)):
                row.extend([None] * span)
                continue
            row.append([line for p in _children(tc) if p.tag == _P for line in _lines(p, reading.parent)])
            row.extend([None] * (span - 1))
            nested.extend(c for c in _children(tc) if c.tag == _TBL)
        after = reading.span(tr, "w:trPr/w:gridAfter", 0)
        budget.add(after)
        row.extend([] for _ in range(after))
        grid.append(row)
    width = max((len(row) for row in grid), default=0)
    budget.add(sum(width - len(row) for row in grid))  # the padding
    budget.end_table()
    for row in grid:
        row.extend([] for _ in range(width - len(row)))
    return grid, nested


def _continues_merge(tc: Any, grid: list[list[str | None]], column: int) -> bool:
    """True for a cell covered by a merge: `vMerge` continuing a cell above, or legacy `hMerge`."""
    h_merge = tc.find(f"{qn('w:tcPr')}/{qn('w:hMerge')}")
    if h_merge is not None and h_merge.get(_VAL) != "restart":
        return True
    v_merge = tc.find(f"{qn('w:tcPr')}/{qn('w:vMerge')}")
    if v_merge is None or v_merge.get(_VAL) == "restart":
        return False
    return bool(grid) and column < len(grid[-1])  # a "continue" with nothing above starts a cell


def _int_prop(el: Any, path: str, default: int) -> int:
    """The integer `w:val` of the element at `path` ("w:tcPr/w:gridSpan"), or `default`."""
    found = el.find("/".join(qn(part) for part in path.split("/")))
    try:
        return int(found.get(_VAL)) if found is not None else default
    except (TypeError, ValueError):
        return default
