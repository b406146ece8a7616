"""A report as a Word file: python-docx's default template trimmed to the styles used, the body
written as WordprocessingML with real merged cells (w:gridSpan / w:vMerge, what Word and
`cell.merge` produce; building them with `cell.merge` costs ~10 ms per merge). Byte-stable: fixed
core properties and zip timestamps (python-docx's own writer stamps the current time).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from functools import cache
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.pkgwriter import PackageWriter
from docx.oxml import parse_xml
from docx.shared import Mm
from docx.text.paragraph import Paragraph as DocxParagraph
from lxml import etree

from disclosure_analysis.synth.model import Block, Grid, Picture
from disclosure_analysis.synth.report import Report

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_KEEP_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid"}
_DROP_RELS = {
    "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects",
    RT.NUMBERING,
    RT.CUSTOM_XML,
}
TEXT_WIDTH_TWIPS = 8930  # A4 with 3.17 cm side margins
# role -> (alignment, bold, half-point size, first-line indent in twips)
_PARA = {
    "title": ("center", True, 36, 0),
    "heading": ("left", True, 32, 640),
    "subheading": ("left", True, 32, 640),
    "para": ("both", False, 32, 640),
    "sign": ("right", False, 32, 0),
}


@cache
def _template() -> bytes:
    """python-docx's default document without the parts and styles a report does not use."""
    doc = Document()
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype in _DROP_RELS:
            doc.part.drop_rel(rid)
    package_rels = doc.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RT.THUMBNAIL:
            package_rels.pop(rid)
    styles = doc.styles.element
    for style in styles.findall(f"{{{W_NS}}}style"):
        if style.get(f"{{{W_NS}}}styleId") not in _KEEP_STYLES:
            styles.remove(style)
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.left_margin = section.right_margin = Mm(31.7)
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _run(text: str, bold: bool = False, size: int | None = None) -> str:
    props = ("<w:b/>" if bold else "") + (f'<w:sz w:val="{size}"/>' if size else "")
    rpr = f"<w:rPr>{props}</w:rPr>" if props else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def _paragraph(text: str, role: str) -> str:
    align, bold, size, indent = _PARA[role]
    ind = f'<w:ind w:firstLine="{indent}"/>' if indent else ""
    return f'<w:p><w:pPr>{ind}<w:jc w:val="{align}"/></w:pPr>{_run(text, bold, size)}</w:p>'


def _table(grid: Grid) -> str:
    scale = TEXT_WIDTH_TWIPS / sum(grid.widths)
    widths = [round(w * scale) for w in grid.widths]
    cols = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    rows = []
    for r, row in enumerate(grid.owners()):
        tcs = []
        for c, p in enumerate(row):
            if p.col != c:
                continue
            cell = p.cell
            props = f'<w:tcW w:w="{sum(widths[c : c + cell.colspan])}" w:type="dxa"/>'
            if cell.colspan > 1:
                props += f'<w:gridSpan w:val="{cell.colspan}"/>'
            if cell.rowspan > 1:
                props += '<w:vMerge w:val="restart"/>' if p.row == r else "<w:vMerge/>"
            props += '<w:vAlign w:val="center"/>'
            lines = cell.text.split("\n") if p.row == r else []
            paras = "".join(
                f'<w:p><w:pPr><w:jc w:val="center"/></w:pPr>{_run(t, size=20)}</w:p>' for t in lines
            )
            tcs.append(f"<w:tc><w:tcPr>{props}</w:tcPr>{paras or '<w:p/>'}</w:tc>")
        rows.append("<w:tr>" + "".join(tcs) + "</w:tr>")
    tbl_pr = '<w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="0" w:type="auto"/><w:jc w:val="center"/></w:tblPr>'
    return f"<w:tbl>{tbl_pr}<w:tblGrid>{cols}</w:tblGrid>{''.join(rows)}</w:tbl><w:p/>"


def _body(blocks: list[Block], section: str) -> object:
    """A new w:body: the blocks, then the template's section properties (page size, margins). A picture
    is an empty centred paragraph, filled by `render`."""
    parts = [
        _table(b) if isinstance(b, Grid) else _EMPTY if isinstance(b, Picture) else _paragraph(b.text, b.role)
        for b in blocks
    ]
    return parse_xml(f'<w:body xmlns:w="{W_NS}">{"".join(parts)}{section}</w:body>')


_EMPTY = '<w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>'


class _StableZip:
    """A python-docx physical package writer that stamps every member with one fixed time."""

    def __init__(self, when: dt.datetime) -> None:
        self.buf = io.BytesIO()
        self.zip = zipfile.ZipFile(self.buf, "w", zipfile.ZIP_DEFLATED)
        self.stamp = when.timetuple()[:6]

    def write(self, pack_uri: PackURI, blob: bytes) -> None:
        self.zip.writestr(
            zipfile.ZipInfo(pack_uri.membername, date_time=self.stamp), blob, zipfile.ZIP_DEFLATED
        )


def _save(doc: DocxDocument, when: dt.datetime) -> bytes:
    """`doc.save()`, except that python-docx would stamp the zip members with the current time."""
    package = doc.part.package
    for part in package.parts:
        part.before_marshal()
    out = _StableZip(when)
    PackageWriter._write_content_types_stream(out, package.parts)
    PackageWriter._write_pkg_rels(out, package.rels)
    PackageWriter._write_parts(out, package.parts)
    out.zip.close()
    return out.buf.getvalue()


def render(report: Report, blocks: list[Block]) -> bytes:
    doc = Document(io.BytesIO(_template()))
    old = doc.element.body
    body = _body(blocks, etree.tostring(old[-1], encoding="unicode"))
    doc.element.replace(old, body)
    children = iter(body)
    for b in blocks:
        element = next(children)
        if isinstance(b, Grid):
            next(children)  # the empty paragraph after a table
        elif isinstance(b, Picture):
            DocxParagraph(element, doc).add_run().add_picture(io.BytesIO(b.data), width=Mm(b.width_mm))
    when = dt.datetime.combine(report.published, dt.time(9, 0))
    props = doc.core_properties
    props.title = report.narrative.title
    props.author = props.last_modified_by = report.agency.name
    props.comments = ""
    props.created = props.modified = when
    props.revision = 1
    return _save(doc, when)
