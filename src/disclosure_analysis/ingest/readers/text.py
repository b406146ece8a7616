"""Plain-text reports: Word text flattened one cell per line, tab-separated rows, Markdown pipe tables,
pdftotext-style lines, and tables pasted with pipes or one cell per line (`delimited`).

- Flattened Word text (the seed form): a line starting with a tab is one cell; a blank line ends the row;
  a line without a tab right after a cell line continues that cell ("本年新" / "公开数量").
- A line with tabs inside it is a row of tab-separated cells.
- Consecutive lines starting with "|" are a Markdown table (separator lines "|---|" dropped).
- Anything else is a paragraph; pdftotext-style rows ("行政许可 0") stay paragraphs and the mapping
  layer splits their trailing numbers off.
- A script or JSON text holding the article as an escaped HTML string (`embedded`) is read as that web
  page; a `.js`/`.json` file holding none is not a report (`skipped_type`).

Table cells are counted as they are read (`limits.CellBudget`: `table_too_large`).
"""

from __future__ import annotations

import re
from pathlib import Path

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Document, Paragraph, make_table
from disclosure_analysis.ingest.readers import html
from disclosure_analysis.ingest.readers.delimited import layout, read_blocks
from disclosure_analysis.ingest.readers.embedded import unwrap
from disclosure_analysis.ingest.readers.encoding import decode_text
from disclosure_analysis.ingest.readers.runtogether.segment import resegment

DATA_SUFFIXES = (".js", ".json")  # scripts and data files: read only for an article inside (`embedded`)
_MD_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read(data: bytes, source: str) -> Document:
    """Read a text report into a Document."""
    text, encoding = decode_text(data, source)
    if (article := unwrap(text)) is not None:
        doc = html.read(article.html.encode("utf-8"), source)
        doc.meta |= article.meta | {"encoding": encoding}
        doc.notes.append("报告正文是脚本或 JSON 数据中的一段网页代码（转义的 HTML），按网页读取")
        return doc
    if Path(source).suffix.lower() in DATA_SUFFIXES:
        raise ReportError("skipped_type", f"{source}: 这是数据文件（脚本或 JSON），其中没有报告正文，未读取")
    doc = Document(source=source, kind="text", meta={"encoding": encoding})
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    budget = limits.CellBudget(source)
    style = layout(lines)
    blocks = read_blocks(lines, style, budget) if style else list(_blocks(lines, budget))
    doc.blocks, joined = resegment(blocks, budget)
    if joined:
        doc.notes.append("表格的单元格连在一起（网页抓取的文本）：各行的数字按列数与表格勾稽关系拆分")
    if not doc.blocks:
        raise ReportError("empty_file", f"{source}: 文件只有空白字符，没有可读的内容")
    return doc


def _blocks(lines: list[str], budget: limits.CellBudget):
    rows: list[list[str]] = []  # pending table rows (flattened or tab-separated)
    cells: list[str] = []  # cells of the flattened row being built
    md_rows: list[list[str]] = []
    last_was_cell = False

    def flush_row() -> None:
        nonlocal cells
        if cells:
            rows.append(cells)
            budget.add(len(cells))
            cells = []

    def flush_table():
        flush_row()
        if any(any(c for c in row) for row in rows):
            yield make_table(list(rows))
        rows.clear()
        budget.end_table()

    def flush_md():
        if md_rows:
            yield make_table(list(md_rows))
            md_rows.clear()
            budget.end_table()

    for raw in lines:
        line = raw.rstrip(" \r\n\u3000")
        stripped = line.strip()
        if stripped.startswith("|"):
            yield from flush_table()
            if not _MD_SEPARATOR.match(stripped):
                md_rows.append([c.strip() for c in stripped.strip("|").split("|")])
                budget.add(len(md_rows[-1]))
            last_was_cell = False
            continue
        yield from flush_md()
        if line.startswith("\t") and "\t" not in line[1:]:
            cells.append(line[1:].strip())
            last_was_cell = True
            continue
        if "\t" in line.strip("\t"):
            flush_row()
            rows.append([c.strip() for c in line.split("\t")])
            budget.add(len(rows[-1]))
            last_was_cell = False
            continue
        if not stripped:
            if cells:
                flush_row()
            elif rows and not last_was_cell:
                yield from flush_table()
            last_was_cell = False
            continue
        if last_was_cell and cells:
            cells[-1] = f"{cells[-1]}\n{stripped}"
            continue
        yield from flush_table()
        yield Paragraph(stripped)
    yield from flush_md()
    yield from flush_table()
