"""A Document flattened to one stream of lines, split into the six sections.

Each paragraph is a line of one cell; each table row is a line of its cells (positions covered by a
merged cell dropped). Tables split over pages, or converted into many small tables, are therefore just
consecutive lines. `data_row()` splits a line into its label part and its trailing value cells.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from disclosure_analysis.formats import sections as section_specs
from disclosure_analysis.ingest.document import Document, Paragraph, Reading
from disclosure_analysis.ingest.values import is_unreadable_number, parse_value

# Page numbers and footers between the parts of a section or a table: "-1-", "— 4 —", "第 2 页", "1/5",
# "第1页，共5页", "共5页 第1页", "Page 3 of 10" (and Markdown emphasis around them: "**— 4 —**").
_PAGE_NUMBER = re.compile(
    r"^[-—–－_\s#*·•]*(?:第\s*)?\d{1,3}\s*页?(?:\s*[/／]\s*\d{1,3}\s*页?|\s*[,，]?\s*共\s*\d{1,3}\s*页)?[-—–－_\s*·•]*$"
    r"|^[-—–－\s]*共\s*\d{1,3}\s*页\s*[,，]?\s*第\s*\d{1,3}\s*页[-—–－\s]*$"
    r"|^(?:page|p\.)\s*\d{1,3}(?:\s*(?:of|/)\s*\d{1,3})?$",
    re.IGNORECASE,
)
#: a short line repeated this often in the running text is a page's running header (or footer)
RUNNING_REPEATS = 3


_SENTENCE = re.compile(r"[。；！？;]")
_COMMA = re.compile(r"[，,]")


@dataclass(frozen=True)
class Line:
    cells: tuple[str, ...]
    is_table: bool
    index: int
    page: int | None = None
    readings: tuple[Reading | None, ...] | None = None  # per cell, for a table row read by OCR
    joined: bool = False  # from a `Table` whose cells ran together (values still to be split)
    collapsed: bool = False  # from a `Table` whose empty cells may have vanished (see `Table.collapsed`)

    @property
    def text(self) -> str:
        return " ".join(c for c in self.cells if c)

    @property
    def single(self) -> str | None:
        """The line's text if it has exactly one non-empty cell (a paragraph-like line)."""
        filled = [c for c in self.cells if c]
        return filled[0] if len(filled) == 1 else None


@dataclass(frozen=True)
class DataRow:
    """A line that ends in value cells: its label cells and raw value strings."""

    labels: tuple[str, ...]
    values: tuple[str, ...]
    line: Line

    @property
    def has_number(self) -> bool:
        return any((v := parse_value(x)) is not None and v.value is not None for x in self.values)

    @property
    def value_readings(self) -> tuple[Reading | None, ...]:
        """The OCR reading of each value cell (all None unless the row was read by OCR)."""
        readings = self.line.readings
        if readings is None or not self.line.is_table:
            return (None,) * len(self.values)
        return readings[len(readings) - len(self.values) :]


def lines_of(doc: Document) -> list[Line]:
    """The document's lines, page furniture left out: page numbers, and running headers (a short line of
    running text printed again and again; its first occurrence, maybe the title, is kept)."""
    out: list[Line] = []
    running = _running_headers(doc)
    seen: set[str] = set()
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            for part in block.text.split("\n"):
                text = part.strip()
                if text and not _PAGE_NUMBER.match(text) and not (text in running and text in seen):
                    out.append(Line((text,), False, len(out), block.page))
                    seen.add(text)
        elif all(sum(1 for c in row if c) <= 1 for row in block.rows):
            # a frame drawn around running text (whole-page borders in PDFs): paragraphs, not a table
            for row in block.rows:
                text = next((c.strip() for c in row if c), "")
                if text and not _PAGE_NUMBER.match(text):
                    out.append(Line((text,), False, len(out), block.page))
        else:
            for n, row in enumerate(block.rows):
                cells = tuple(c.strip() for c in row if c is not None)
                filled = [c for c in cells if c]
                if filled and not (len(filled) == 1 and _PAGE_NUMBER.match(filled[0])):
                    readings = None
                    if block.readings is not None:
                        readings = tuple(r for c, r in zip(row, block.readings[n], strict=True) if c is not None)
                    out.append(Line(cells, True, len(out), block.page, readings, block.joined, block.collapsed))
    return out


def _running_headers(doc: Document) -> set[str]:
    """Short lines of running text (no sentence, no number of a table row) printed RUNNING_REPEATS times
    or more: the running header or footer of each page."""
    counts: dict[str, int] = {}
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            for part in block.text.split("\n"):
                text = part.strip()
                if 6 <= len(text) <= 60 and not _SENTENCE.search(text) and not _COMMA.search(text):
                    counts[text] = counts.get(text, 0) + 1
    return {t for t, n in counts.items() if n >= RUNNING_REPEATS and not _ENDS_IN_NUMBER.search(t)}


_ENDS_IN_NUMBER = re.compile(r"\d\s*$")


def data_row(line: Line) -> DataRow | None:
    """Split a line into labels + trailing values; None when it ends in text. An unreadable number
    (`values.is_unreadable_number`: NaN, =1+1) before a printed number is one of the values, so that the
    cells after it keep their columns."""
    if line.joined:  # a label, then the row's runs of numbers (readers/runtogether/segment.py)
        return DataRow(tuple(c for c in line.cells[:1] if c), line.cells[1:], line) if len(line.cells) > 1 else None
    if line.is_table:
        cells = list(line.cells)
        k = _values_start(cells)
        values = tuple(cells[k:])
        labels = tuple(c for c in cells[:k] if c)
        if not values:
            return None
        return DataRow(labels, values, line)
    tokens = line.cells[0].split()
    k = _values_start(tokens)
    if k == len(tokens):
        return None
    label = "".join(tokens[:k])
    if _SENTENCE.search(label) or len(label) > 40 or (_COMMA.search(label) and len(tokens) - k < 2):
        return None  # running text that happens to end in a number (a wrapped PDF line); a row label
        # wrapped over lines may hold a comma (（二）部分公开（区分处理的，只计这一情形…）) before its values
    return DataRow((label,) if label else (), tuple(tokens[k:]), line)


def _values_start(cells: list[str]) -> int:
    """Index of the first of the trailing value cells: numbers and null markers, and unreadable numbers
    among them when they hold a printed number (see `data_row`)."""
    k, plain, number = len(cells), len(cells), False
    while k > 0 and ((parsed := parse_value(cells[k - 1])) is not None or is_unreadable_number(cells[k - 1])):
        number = number or (parsed is not None and parsed.number is not None)
        k -= 1
        if parsed is not None and plain == k + 1:
            plain = k
    return k if number else plain


# --- sections -------------------------------------------------------------------------------------

_NUMS = "一二三四五六七八九十"
_HEADING = re.compile(r"^#*\s*(?:第?([一二三四五六七八九十])(?:部分)?\s*[、.．,，:：\s]\s*)(.{1,40})$")


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    start: int  # index of the heading line
    end: int  # index after the last line


def _heading_key(text: str, old_format: bool = False) -> str | None:
    """The section a heading line starts: numbered as in the unified formats, or (`old_format`, reports
    before 2019) numbered anyhow and worded as one section only (`sections.yaml` `old_keywords`)."""
    t = unicodedata.normalize("NFKC", text).strip()
    t = re.sub(r"\s+", "", t) if len(t) < 60 else t
    m = _HEADING.match(t)
    specs = section_specs()
    if m:
        n, rest = _NUMS.index(m.group(1)), m.group(2)
        if re.search(r"\d", rest):
            return None
        if n < len(specs) and any(k in rest for k in specs[n].keywords):
            return specs[n].key
        worded = [s.key for s in specs if any(k in rest for k in (*s.keywords, *s.old_keywords))]
        return worded[0] if old_format and len(worded) == 1 else None
    if t.lstrip("#").strip().rstrip("。：:") in ("其他需要报告的事项",):
        return "other"
    return None


def find_sections(lines: list[Line], old_format: bool = False) -> list[Section]:
    """Section headings in order (each number at most once, increasing); `old_format`: see `_heading_key`."""
    found: list[tuple[int, str, str]] = []
    order = [s.key for s in section_specs()]
    last = -1
    for line in lines:
        text = line.single
        if text is None or len(text) > 60:
            continue
        key = _heading_key(text, old_format)
        if key is None:
            continue
        pos = order.index(key)
        if pos > last:
            found.append((line.index, key, text))
            last = pos
    out = []
    for n, (start, key, heading) in enumerate(found):
        end = found[n + 1][0] if n + 1 < len(found) else len(lines)
        out.append(Section(key, heading.lstrip("#").strip(), start, end))
    return out


_TABLE_CAPTION = re.compile(r"^#*\s*(?:第二十条|表[一二三四]|信息内容|申请人情况|本列数据|[（(]本列数据)")


def _caption(text: str) -> bool:
    """A table's caption or header line (表三…, 信息内容…), not a sentence that starts alike (a PDF line
    "信息内容准确、规范。" wrapped from the sentence above)."""
    if not _TABLE_CAPTION.match(text) or _SENTENCE.search(text):
        return False
    return not _COMMA.search(text) or "本列数据" in text  # 表三's note holds a comma


def section_text(lines: list[Line], start: int, end: int) -> str:
    """Running text of lines [start, end): paragraphs only, table rows and table captions left out."""
    parts = [ln.cells[0] for ln in lines[start:end] if not ln.is_table and data_row(ln) is None and not _caption(ln.cells[0])]
    return join_lines([p.lstrip("#").strip() for p in parts if p.lstrip("#").strip()])


def join_lines(parts: list[str]) -> str:
    """Join visual lines into paragraphs: a line that wraps mid-sentence (PDF) is glued to the next."""
    out = ""
    prev = ""
    for p in parts:
        if not out:
            out = p
        elif _wraps(prev, p):
            out += p if _is_cjk(prev[-1]) or _is_cjk(p[0]) else " " + p
        else:
            out += "\n" + p
        prev = p
    return out


def _is_cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff" or ch in "，、（）“”《》：；"


def _wraps(prev: str, nxt: str) -> bool:
    """True when `prev` is a visual line that continues in `nxt` (not a paragraph end or heading)."""
    return len(prev) >= 20 and not prev.endswith(("。", "：", ":", "；", "！", "？")) and not nxt.startswith("（")

