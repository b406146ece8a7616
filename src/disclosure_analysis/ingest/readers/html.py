"""Web pages: the report as a government portal serves it, site chrome and all.

What comes out:
- Site chrome is dropped: script, style, nav, iframe, forms (unless a form wraps the page content, as
  on ASP.NET sites), header/footer (unless inside an article or main element), and hidden elements
  (`hidden`, `display:none`, `visibility:hidden`).
- Each block-level element (p, div, h1-h6, li, a layout-table cell ...) and each line ended by <br>
  (or by a newline inside <pre>) becomes one `Paragraph`, in document order; inline markup (span, font, o:p ...) is joined without
  spaces, runs of whitespace become one space, empty lines are skipped.
- A data table becomes a `Table` whose grid resolves rowspan/colspan (covered positions `None`; rows
  short of the widest are padded with `""`). A cell's lines (<p>, <br>) are joined with "" between two
  CJK characters and a space otherwise ("商业" + "企业" → "商业企业").
- A layout table — one containing other tables, or whose rows each hold at most one non-empty cell
  (a frame around running text) — is read as running text: its cells give paragraphs and the tables
  inside it are read in document order.
- Encoding: a BOM, else valid UTF-8 (a mis-declared page saved again as UTF-8 is common; real GBK text
  is never valid UTF-8), else the declared <meta> charset, else detection among the Chinese encodings.
  Bytes that fit none of them raise `ReportError`, never a page of mojibake.
- `meta`: "title" (the first <title>), named <meta> tags with content (PubDate, ArticleTitle,
  ContentSource ...; rendering hints like viewport dropped), a <publishtime> element, and "encoding".
- Pictures: an `<img>` whose `src` is a file in the page's folder (a `*_files/` folder as browsers save
  pages) or a `data:` URI is a `pictures.Picture` where it stands; those where the page's text lacks a
  table (or all, `--ocr force`) are read by OCR and their blocks put there (`pictures.place`). The page's
  folder is the folder of `source`; no URL is fetched.
- A page whose article is drawn by a script from an escaped HTML string (`embedded`), the page itself
  holding no table, is read from that string (before any of its pictures is read).
- Limits (`ingest.limits`): rowspan/colspan are clamped to `MAX_SPAN` (as HTML itself caps colspan at
  1000; a larger value is a typo, not a layout), and grid cells are counted as they are laid out
  (`table_too_large`).
"""

from __future__ import annotations

import codecs
import re
from html import unescape as html_unescape
from pathlib import Path

from charset_normalizer import from_bytes
from lxml import etree
from lxml import html as lxml_html

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest import limits
from disclosure_analysis.ingest.document import Block, Document, Paragraph, Table, make_table
from disclosure_analysis.ingest.readers import pictures
from disclosure_analysis.ingest.readers.embedded import unwrap

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# GB2312 and GBK pages are decoded with their superset (pages labelled gb2312 often use GBK characters)
_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "cp936": "gb18030", "x-gbk": "gb18030", "hz": "gb18030"}
_DETECTABLE = ["gb18030", "big5"]
# a Chinese page declaring a single-byte Western charset is mis-labelled: every byte "decodes" to mojibake
_WESTERN = {"ascii", "iso8859-1", "cp1252"}
_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_WS = re.compile(r"\s+")
_IMG = re.compile(rb"<img\b", re.IGNORECASE)
_IMG_SRC = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_CHROME = {
    "script", "style", "noscript", "nav", "iframe", "frame", "template", "select", "option", "button",
    "textarea", "input", "object", "embed", "svg", "map", "head", "title", "meta", "link",
}  # fmt: skip
_BLOCK = {
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dir",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "html", "legend", "li", "main", "menu", "ol", "p", "pre", "section",
    "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
_RENDERING_META = {
    "viewport",
    "renderer",
    "format-detection",
    "robots",
    "referrer",
    "theme-color",
    "generator",
}


def read(data: bytes, source: str) -> Document:
    """Read a web page into a Document."""
    text, encoding, notes = _decode(data, source)
    text = _CONTROL.sub("", _XML_DECLARATION.sub("", text, count=1))
    if not text.strip():
        raise ReportError("empty_file", f"{source}: 网页没有任何内容")
    try:
        # huge_tree: past 256 levels of nesting libxml2 would otherwise drop the rest of the page silently
        root = lxml_html.document_fromstring(text, parser=lxml_html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError) as exc:
        raise ReportError("corrupt_file", f"{source}: 网页结构无法解析（{exc}）") from exc
    doc = Document(source=source, kind="html", meta=_meta(root), notes=notes)
    doc.meta["encoding"] = encoding
    scripts = "\n".join(el.text or "" for el in root.iter("script"))
    try:
        _drop_chrome(root)
        body = root.find("body")
        items = _blocks(root if body is None else body, limits.CellBudget(source), doc.notes, Path(source).parent)
    except RecursionError as exc:  # hundreds of levels: read to the end or not at all, never in part
        raise ReportError("corrupt_file", f"{source}: 网页的标签嵌套层数过多（数百层以上），无法完整读取") from exc
    if not any(isinstance(b, Table) for b in items) and (article := unwrap(scripts)) is not None:
        drawn = read(article.html.encode("utf-8"), source)  # the page draws its article from a script
        drawn.meta = doc.meta | article.meta | {"encoding": encoding}
        drawn.notes = [*doc.notes, "网页的正文由脚本中的一段网页代码（转义的 HTML）生成，按这段代码读取"]
        return drawn
    pictures.place(items, doc)
    return doc


def picture_sources(data: bytes) -> list[str]:
    """The `src` of every `<img>` of a page (a cheap scan of its markup, for `pictures.digest`)."""
    if not _IMG.search(data):
        return []
    text = _decode(data, "")[0]
    return [html_unescape(next(g for g in m.groups() if g is not None)) for m in _IMG_SRC.finditer(text)]


# --- encoding ------------------------------------------------------------------------------------


def _decode(data: bytes, source: str) -> tuple[str, str, list[str]]:
    """(text, encoding, notes) following the order in the module docstring."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding, []
            except UnicodeDecodeError as exc:
                raise ReportError(
                    "corrupt_file",
                    f"{source}: 网页开头标明是 {encoding.upper()} 编码，但内容不符，文件可能已损坏",
                ) from exc
    declared = _declared_encoding(data)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        notes = []
        if declared not in (None, "utf-8") and not text.isascii():
            notes.append(f"网页声明的编码是 {declared}，但内容实际是 UTF-8，已按 UTF-8 读取")
        return text, "utf-8", notes
    notes = []
    if declared is not None and declared != "utf-8" and declared not in _WESTERN:
        try:
            return data.decode(declared), declared, []
        except UnicodeDecodeError:
            pass
    if declared is not None:
        notes.append(f"网页声明的编码是 {declared}，但与内容不符，已自动识别编码")
    best = from_bytes(data, cp_isolation=_DETECTABLE).best()
    if best is None or best.encoding is None:
        raise ReportError(
            "corrupt_file",
            f"{source}: 无法识别网页的文字编码（既不是 UTF-8，也不是 GBK/GB18030 或 Big5），内容可能已损坏",
        )
    encoding = _SUPERSETS.get(best.encoding, best.encoding)
    return data.decode(encoding, errors="replace"), encoding, notes


def _declared_encoding(data: bytes) -> str | None:
    """The charset a <meta> tag declares in the first 8 KB, normalised; None if absent or unknown."""
    match = _DECLARED.search(data[:8192])
    if match is None:
        return None
    label = match.group(1).decode("ascii").lower()
    if label in _SUPERSETS:
        return _SUPERSETS[label]
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return "utf-8"  # HTML: a <meta> cannot declare UTF-16 in an ASCII-compatible byte stream
    return _SUPERSETS.get(name, name)


# --- metadata and chrome -------------------------------------------------------------------------


def _meta(root: lxml_html.HtmlElement) -> dict[str, str]:
    meta: dict[str, str] = {}
    title = root.find(".//title")
    if title is not None and _clean(title.text_content()):
        meta["title"] = _clean(title.text_content())
    for tag in root.iter("meta"):
        name = (tag.get("name") or tag.get("property") or "").strip()
        content = _clean(tag.get("content") or "")
        if name and content and name.lower() not in _RENDERING_META and name not in meta:
            meta[name] = content
    published = root.find(".//publishtime")
    if published is not None and _clean(published.text_content()):
        meta.setdefault("publishtime", _clean(published.text_content()))
    return meta


def _drop_chrome(root: lxml_html.HtmlElement) -> None:
    """Remove site chrome, hidden elements, comments and processing instructions (keeping tail text)."""
    doomed = [el for el in root.iter() if not isinstance(el.tag, str) or _is_chrome(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


def _is_chrome(el: lxml_html.HtmlElement) -> bool:
    tag = el.tag.lower()
    if tag in _CHROME:
        return True
    if el.get("hidden") is not None or _HIDDEN_STYLE.search(el.get("style") or ""):
        return True
    if tag in ("header", "footer"):
        return not any(a.tag in ("article", "main") for a in el.iterancestors())
    if tag == "form":  # ASP.NET pages wrap the whole page in one form
        return el.find(".//table") is None and el.find(".//p") is None
    return False


# --- blocks --------------------------------------------------------------------------------------


class _Lines:
    """Collects inline text into lines; a block boundary or <br> (or a newline in <pre>) ends a line.
    A document's collector also holds its cell budget and notes (for the tables in it), and the folder
    its pictures are in (None: pictures are not kept)."""

    def __init__(
        self, budget: limits.CellBudget | None = None, notes: list[str] | None = None, folder: Path | None = None
    ) -> None:
        self.budget = budget or limits.CellBudget("")
        self.notes = [] if notes is None else notes
        self.folder = folder
        self.items: list[Block | pictures.Picture] = []
        self.preformatted = 0  # depth of <pre> elements being read
        self._pending: list[str] = []

    def add(self, text: str | None) -> None:
        if not text:
            return
        first, *rest = text.split("\n") if self.preformatted else (text,)
        self._pending.append(first)
        for part in rest:
            self.end_line()
            self._pending.append(part)

    def end_line(self) -> None:
        line = _clean("".join(self._pending))
        self._pending.clear()
        if line:
            self.items.append(Paragraph(line))

    def texts(self) -> list[str]:
        return [item.text for item in self.items if isinstance(item, Paragraph)]


def _blocks(
    root: lxml_html.HtmlElement, budget: limits.CellBudget, notes: list[str], folder: Path
) -> list[Block | pictures.Picture]:
    lines = _Lines(budget, notes, folder)
    _walk(root, lines)
    lines.end_line()
    return lines.items


def _walk(el: lxml_html.HtmlElement, lines: _Lines) -> None:
    """Append the paragraphs and tables under `el` to `lines`, in document order (not `el`'s tail)."""
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag == "br":
        lines.end_line()
        return
    if tag == "img":
        if lines.folder is not None and (el.get("src") or "").strip():
            lines.end_line()
            lines.items.append(pictures.local(lines.folder, el.get("src")))
        return
    if tag == "table":
        lines.end_line()
        grid = _grid(el, lines)
        if grid is None:  # layout table: its cells are running text
            _walk_children(el, lines)
        else:
            caption = el.find("caption")
            if caption is not None:
                _walk(caption, lines)
                lines.end_line()
            lines.items.append(make_table(grid))
        return
    block = tag in _BLOCK
    if block:
        lines.end_line()
    lines.preformatted += tag == "pre"
    _walk_children(el, lines)
    lines.preformatted -= tag == "pre"
    if block:
        lines.end_line()


def _walk_children(el: lxml_html.HtmlElement, lines: _Lines) -> None:
    lines.add(el.text)
    for child in el:
        _walk(child, lines)
        lines.add(child.tail)


def _grid(table: lxml_html.HtmlElement, lines: _Lines) -> list[list[str | None]] | None:
    """The table's cell grid with spans resolved, or None when it is a layout table."""
    if table.find(".//table") is not None:
        return None
    placed: dict[tuple[int, int], str | None] = {}
    rows = table.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr")
    for r, row in enumerate(rows):
        c = 0
        for cell in (c for c in row if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")):
            while (r, c) in placed:
                c += 1
            rowspan = _span(cell.get("rowspan"), len(rows) - r, lines.budget)
            colspan = _span(cell.get("colspan"), 1, lines.budget)
            rowspan = min(rowspan, len(rows) - r)
            lines.budget.add(rowspan * colspan)
            for dr in range(rowspan):
                for dc in range(colspan):
                    placed[(r + dr, c + dc)] = None
            placed[(r, c)] = cell_text(cell)
            c += colspan
    if not placed:
        return None
    width = max(c for _, c in placed) + 1
    lines.budget.add(len(rows) * width - len(placed))  # the padding
    lines.budget.end_table()
    grid = [[placed.get((r, c), "") for c in range(width)] for r in range(len(rows))]
    if all(sum(1 for cell in row if cell) <= 1 for row in grid):
        return None
    return grid


def _span(value: str | None, default: int, budget: limits.CellBudget) -> int:
    """A rowspan/colspan value; 0 means 'to the end' (`default`), junk or absent means 1; past
    `limits.MAX_SPAN` the document is refused."""
    if value is None:
        return 1
    digits = re.match(r"\s*(\d+)", value or "")
    if digits is None:
        return 1
    number = int(digits.group(1)) if len(digits.group(1)) < 10 else limits.MAX_SPAN + 1
    return default if number == 0 else budget.span(number)


def cell_text(cell: lxml_html.HtmlElement) -> str:
    """A table cell's text: its lines joined by `join_lines`."""
    if len(cell) == 0:  # the common cases: plain text, or one element with plain text (<td><p>0</p></td>)
        return _clean(cell.text or "")
    if len(cell) == 1 and len(cell[0]) == 0 and cell[0].tag != "br" and not (cell.text or "").strip() \
            and not (cell[0].tail or "").strip():
        return _clean(cell[0].text or "")
    lines = _Lines()
    _walk_children(cell, lines)
    lines.end_line()
    return join_lines(lines.texts())


def join_lines(lines: list[str]) -> str:
    """Join the lines of one cell: nothing between two CJK characters, one space otherwise."""
    out = ""
    for line in lines:
        if out and line:
            out += "" if _is_cjk(out[-1]) and _is_cjk(line[0]) else " "
        out += line
    return out


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (
        0x3000 <= code <= 0x303F  # CJK punctuation
        or 0x3400 <= code <= 0x9FFF  # ideographs (extension A and unified)
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full-width forms
        or 0x20000 <= code <= 0x3FFFF  # extensions B and later
    )


def _clean(text: str) -> str:
    return _WS.sub(" ", text).strip()
