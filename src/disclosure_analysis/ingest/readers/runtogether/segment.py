"""Cut a crawler's run-together text into section headings, paragraphs and table rows.

A crawler's `get_text()` joins a report page into one line: headings, sentences, table headers, row
labels and cells follow each other without separators (`…数量640020470二、上年结转…`). In such a
line this module finds the inline section headings (those `stream` recognises), the table rows (a
表二/表三 row label of the formats directly followed by a run of numbers, or 表四's header words
followed by its run) and the text around them. Rows become `Table`s marked `joined`: a row's value
cells are its run cut at whitespace, still to be split into the row's cells (see `tables`).

A row label's item number is printed after the previous row's run (`…00000002.其他法律…`); it is taken
off that run only when the label tells which number it is, else that row is left without values.
The page's top (breadcrumbs, the title, `时间：…`) and the text after the last sentence (the 落款) are
short pieces between spaces; each becomes a line of its own, so that the title and the dates are found as
on any page.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from disclosure_analysis import formats
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Block, Paragraph, Table
from disclosure_analysis.ingest.labels import best_similarity, clean
from disclosure_analysis.ingest.stream import _heading_key

_TOKEN = r"[+\-]?\d+(?:[.,]\d+)*|[/／]|—+|－"
_RUN = re.compile(rf"(?:{_TOKEN})(?:[ \t\u00a0\u3000]*(?:{_TOKEN}))*(?:万元|亿元|元)?")
_PROSE_UNIT = re.compile(r"\s*[条件个次项年月日号%％人户份篇期元]")  # "45条": a figure in a sentence
_SENTENCE_END = re.compile(r"[。；！？]")
_NUMBERING = re.compile(
    r"(?:[（(]\s*[一二三四五六七八九十\d]+\s*[）)]|[一二三四五六七八九十]+\s*[、.．]|(?<!\d)\d{1,2}\s*[.．、])\s*"
)
_NUMBERING_END = re.compile(rf"(?:{_NUMBERING.pattern})$")
_HEADING = re.compile(r"(?<![一二三四五六七八九十〇零第（(])([一二三四五六七八九十])\s*[、.．]")
_HEADING_END = re.compile(r"情况|事项|措施")
_LABEL_WINDOW = 80  # characters before a run searched for its row label
MIN_LENGTH = 200  # shorter paragraphs are left alone
MIN_ROWS, MIN_HEADINGS = 3, 2  # what makes a paragraph a run-together page
SHORT = 60  # the longest piece of the page's top taken as a line of its own
FUZZY = 0.6  # label similarity accepted for a misprinted row label


@dataclass(frozen=True)
class _Label:
    key: str  # cleaned label
    number: int | None


@cache
def _labels() -> tuple[_Label, ...]:
    """Every 表二/表三 row label of both formats (variants too), longest first."""
    specs = [*formats.table3().rows.values()]
    specs += [s for rows in formats.table2().versions.values() for s in rows]
    found = {(clean(lab), s.number) for s in specs for lab in s.labels if clean(lab)}
    return tuple(_Label(k, n) for k, n in sorted(found, key=lambda x: (-len(x[0]), x[0], x[1] or 0)))


@cache
def _t4_header() -> re.Pattern[str]:
    """表四's header words at the end of a text (e.g. 行政复议…结果维持…总计)."""
    fmt = formats.table4()
    words = {w for _, label in fmt.groups + fmt.outcomes for w in label.split()}
    alternatives = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    return re.compile(rf"(?:(?:{alternatives})\s*){{6,}}$")


def _keyed(text: str) -> tuple[str, list[int]]:
    """The text as labels are compared (see `labels.clean`), with each character's index in `text`."""
    key, index = [], []
    for i, ch in enumerate(text):
        for c in clean(ch):
            key.append(c)
            index.append(i)
    return "".join(key), index


def _label_start(text: str) -> int | None:
    """Where the row label ending `text` starts, or None when `text` does not end in a row label."""
    tail = text[-_LABEL_WINDOW:]
    offset = len(text) - len(tail)
    key, index = _keyed(tail)
    start = next((index[len(key) - len(lab.key)] for lab in _labels() if key.endswith(lab.key)), None)
    if start is None:  # a misprinted label: the text after the last item number, if close to one
        marks = list(_NUMBERING.finditer(tail))
        if not marks or best_similarity((tail[marks[-1].start() :],), [lab.key for lab in _labels()]) < FUZZY:
            return None
        return offset + marks[-1].start()
    if m := _NUMBERING_END.search(tail[:start]):
        start = m.start()
    return offset + start


def _next_number(text: str) -> int | None:
    """The item number of the numbered 表三 label that `text` (what follows "2." up to the next run) is."""
    key, _ = _keyed(text[:_LABEL_WINDOW])
    numbered = [lab for lab in _labels() if lab.number is not None]
    exact = next((lab.number for lab in numbered if key == lab.key), None)
    if exact is not None:
        return exact
    scored = [(best_similarity((key,), [lab.key]), lab.number) for lab in numbered]
    best = max(scored, default=(0.0, None))
    return best[1] if best[0] >= FUZZY else None


def _headings(text: str) -> Iterator[tuple[str, bool]]:
    """`text` cut at inline section headings: (piece, is_heading) in order."""
    last = 0
    for m in _HEADING.finditer(text):
        if m.start() < last:
            continue
        end = _heading_end(text, m)
        if end is None:
            continue
        if text[last : m.start()].strip():
            yield text[last : m.start()].strip(), False
        yield text[m.start() : end].strip(), True
        last = end
    if text[last:].strip():
        yield text[last:].strip(), False


def _heading_end(text: str, m: re.Match[str]) -> int | None:
    """The end of the section heading starting at `m`, or None when it is not one (its number's section
    words, or in a report before 2019 the words of one section whatever its number: `stream._heading_key`)."""
    specs, n = formats.sections(), "一二三四五六七八九十".index(m.group(1))
    window = text[m.end() : m.end() + 40]
    found = [(window.find(k), k) for k in specs[n].keywords if k in window] if n < len(specs) else []
    if not found:
        worded = [[(window.find(k), k) for k in (*s.keywords, *s.old_keywords) if k in window] for s in specs]
        found = next(iter(w for w in worded if w), []) if sum(map(bool, worded)) == 1 else []
    if not found:
        return None
    pos, keyword = min(found)
    end = pos + len(keyword)
    if len(keyword) > 2 and not _HEADING_END.search(keyword[-2:]):  # "…信息" → "…信息情况"
        more = _HEADING_END.search(window, end, end + 20)
        if more and not re.search(r"[\d，。；,;]", window[end : more.start()]):
            end = more.end()
    heading = text[m.start() : m.end() + end]
    return m.end() + end if _heading_key(heading, old_format=True) else None


@dataclass(frozen=True)
class _Row:
    label: str
    segments: tuple[str, ...]


def _items(text: str) -> list[str | _Row]:
    """The text as pieces of text and table rows, in order."""
    runs = list(_RUN.finditer(text))
    items: list[str | _Row] = []
    cursor = 0
    for i, m in enumerate(runs):
        start, end, run = m.start(), m.end(), m.group()
        follows = text[end : runs[i + 1].start() if i + 1 < len(runs) else len(text)]
        sure = True
        if follows[:1] in (".", "．", "、") and run[-1].isdigit():  # the next label's item number
            n = _next_number(follows[1:])
            if n is not None and unicodedata.normalize("NFKC", run).endswith(str(n)):  # "２" too
                run, end = run[: -len(str(n))], end - len(str(n))
            else:
                sure = False
            run = run.rstrip()
            end = start + len(run)
        if not run.strip() or _PROSE_UNIT.match(text, end):
            continue
        before = text[cursor:start]
        header = _t4_header().search(before.rstrip())  # before row labels: 表四 ends in 总计
        label_at = _label_start(before.rstrip()) if header is None else None
        if label_at is None and header is None:
            continue
        if header is not None:
            items.append(before[: header.start()])
            label = header.group()
        else:
            items.append(before[:label_at])
            label = before[label_at:]
        segments = tuple(unicodedata.normalize("NFKC", run).split())
        items.append(_Row(label.strip(), segments if sure else ()))
        cursor = end
    items.append(text[cursor:])
    return items


def split_paragraph(text: str, budget: limits.CellBudget | None = None) -> list[Block] | None:
    """The blocks of one run-together paragraph, or None when it is not one; its tables' cells are
    counted in `budget`."""
    items = _items(text)
    rows = sum(isinstance(i, _Row) for i in items)
    headings = sum(h for i in items if isinstance(i, str) for _, h in _headings(i))
    if rows < MIN_ROWS and headings < MIN_HEADINGS:
        return None
    blocks: list[Block] = []
    table: list[tuple[str, ...]] = []

    def flush() -> None:
        if table:
            blocks.append(Table(tuple(table), joined=True))
            if budget is not None:
                budget.table(sum(map(len, table)))
            table.clear()

    for n, item in enumerate(items):
        if isinstance(item, _Row):
            table.append((item.label, *item.segments))
            continue
        if n == 0:
            lead, item = _top(item)
            blocks += [Paragraph(x) for x in lead]
        pieces = list(_headings(item))
        for p, (piece, is_heading) in enumerate(pieces):
            if is_heading:
                flush()
                blocks.append(Paragraph(piece))
                continue
            ends = list(_SENTENCE_END.finditer(piece))
            cut = ends[-1].end() if ends else 0
            prose, tail = piece[:cut].strip(), piece[cut:].strip()
            if prose:
                flush()
                blocks.append(Paragraph(prose))
            if not tail:
                continue
            if p == len(pieces) - 1 and n + 1 < len(items) and isinstance(items[n + 1], _Row):
                table.append((tail,))  # a table's header, or a group label between rows
            else:
                flush()
                parts = tail.split()  # e.g. the 落款: agency and date between spaces
                blocks += [Paragraph(x) for x in parts] if max(map(len, parts)) <= SHORT else [Paragraph(tail)]
    flush()
    return blocks


def _top(text: str) -> tuple[list[str], str]:
    """The short pieces (no sentence) that start `text`, and the rest of it."""
    lead: list[str] = []
    rest = text.strip()
    while (m := re.match(r"(\S+)\s+", rest)) and len(m.group(1)) <= SHORT and not _SENTENCE_END.search(m.group(1)):
        if next(_headings(m.group(1)))[1]:
            break  # the first section heading
        lead.append(m.group(1))
        rest = rest[m.end() :]
    return lead, rest


def resegment(blocks: list[Block], budget: limits.CellBudget | None = None) -> tuple[list[Block], bool]:
    """`blocks` with each run-together paragraph cut up; and whether any table rows were found."""
    out: list[Block] = []
    found = False
    for block in blocks:
        parts = (
            split_paragraph(block.text, budget)
            if isinstance(block, Paragraph) and len(block.text) >= MIN_LENGTH
            else None
        )
        if parts is None:
            out.append(block)
            continue
        out += parts
        found = found or any(isinstance(b, Table) for b in parts)
    return out, found
