"""Which report a text is: its agency and year, each taken from the most trusted place that says it,
with that place recorded (`Extraction.metadata_source`).

Pasted and crawled texts often have no title line (renderings.md, "No title line"). In order of trust:

1. `title`: the report's title line (`metadata.find_title`);
2. `crawler_header`: a crawler's header line `标题: …` (its `发布时间:` is the publication date, read by
   `metadata.find_published`);
3. `page_title`: the web page's `<meta name="ArticleTitle">` or `<title>` (or a title field beside an
   article stored in a script);
4. `preamble`: a sentence naming the report (`现公布某某局2021年政府信息公开工作年度报告`,
   `特向社会公布2019年度某某镇政府(机关)信息公开年度报告`, `现将某某局2021年度政府信息公开工作情况报告如下`,
   agency only: `某某局编制本报告`);
5. `statistics_period` (year only): `本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止`;
6. `signature` (agency only): the 落款 at the end, an agency's name beside a date;
7. `file_name`: a file named like a title (`某某县人民政府2021年政府信息公开工作年度报告.txt`).

The title, header and page title name the report as its publisher does; a preamble names it in running
text; the period and the 落款 each say half of it; a file name is whatever the person who saved it chose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from disclosure_analysis.ingest.metadata import (
    _ABOUT_AFTER,
    _TITLE,
    Title,
    _about_the_report,
    _agency,
    _only_date,
    _site_part,
    _squash,
    find_title,
    title_year,
)
from disclosure_analysis.ingest.stream import Line, _heading_key, join_lines

TITLE, CRAWLER_HEADER, PAGE_TITLE = "title", "crawler_header", "page_title"
PREAMBLE, STATISTICS_PERIOD, SIGNATURE, FILE_NAME = "preamble", "statistics_period", "signature", "file_name"
#: sources that find the report named in its own text, besides a title line
IN_TEXT = frozenset({PREAMBLE, STATISTICS_PERIOD})

PREAMBLE_LINES = 20  # lines searched for the preamble when no section heading comes first
SIGNATURE_LINES = 15  # lines at the end searched for the 落款
_HEADER_LINE = re.compile(r"^\s*(?:标题|名称|文章标题)\s*[:：]")
_CLAUSE = re.compile(r"[^。；;！？]+")
# a verb that names the report, then the report's name: 现公布/特向社会公布/现将…报告如下/发布
_NAMED = re.compile(
    r"(?:公布|现将|发布|印发|呈报|报送)(?:了)?(?P<name>[^，。；,;：:]*?(?:19|20)\d\d[^，。；,;：:]*?信息公开"
    r"(?:工作)?(?:情况)?(?:年度)?(?:报告|年报))"
)
_REPORTED_AS = re.compile(
    r"现将(?P<pre>[^，。；,;]*?)(?P<year>(?:19|20)\d\d)年度?(?P<post>[^，。；,;]*?)(?:政府|政务)?信息公开工作(?:情况|开展情况)?"
    r"(?:报告如下|汇报如下|予以公布)"
)
#: the office of another agency (某某县人民政府办公室, 某某局办公室): compiles and signs its parent's reports too
COMPILING_OFFICE = re.compile(r"(?:人民政府|政府|局|委员会|委|厅|院)办公(?:室|厅)$")
_COMPILED_BY = re.compile(r"(?:^|[，,])(?:由)?(?P<agency>[^，。；,;《》“”]{2,40}?)(?:特)?(?:编制|编写|制作)(?:了)?本(?:年度)?报告")
_PERIOD = re.compile(
    r"统计(?:期限|时限|时间|期间|区间|周期)(?:为|是|自|从|[:：])*(?P<year>(?:19|20)\d\d)年0?1月0?1日(?:起)?"
    r"(?:至|到|[-—－~～])(?:(?P<end>(?:19|20)\d\d)年)?12月31日"
)
_PARENTHESIS = re.compile(r"[（(][^（）()]{1,6}[）)]$")  # 某某镇政府(机关)


@dataclass
class Identity:
    """A report's agency and year (None when nothing says it), the place each came from, and the title."""

    agency: str | None = None
    year: int | None = None
    sources: dict[str, str] = field(default_factory=dict)  # "agency"/"year" -> where it was read
    title: Title | None = None

    def take(self, source: str, agency: str | None, year: int | None) -> None:
        """Fill what is still unknown from `source` (sources are tried in order of trust)."""
        if self.agency is None and agency:
            self.agency, self.sources["agency"] = agency, source
        if self.year is None and year:
            self.year, self.sources["year"] = year, source

    @property
    def named_in_text(self) -> bool:
        """Whether the running text names the report (a preamble sentence or the statistics period)."""
        return bool(IN_TEXT & set(self.sources.values()))


def identify(lines: list[Line], meta: dict[str, str], source: str) -> Identity:
    """The agency and year of the report in `lines` (`meta`: the reader's page metadata)."""
    out = Identity()
    title = find_title(lines)
    if title is not None:
        out.title = title
        line = next((ln for ln in lines if ln.index == title.line), None)
        out.take(CRAWLER_HEADER if line and _HEADER_LINE.match(line.text) else TITLE, title.agency, title.year)
    for key in ("ArticleTitle", "articletitle", "title"):
        if (page := _named(meta.get(key) or "")) is not None:
            out.title = out.title or Title(meta[key], page.agency, page.year, -1)
            out.take(PAGE_TITLE, page.agency, page.year)
    preamble = _preamble(lines)
    for clause in _CLAUSE.findall(preamble):
        agency, year = _in_preamble(clause)
        out.take(PREAMBLE, agency, year)
    if (m := _PERIOD.search(preamble)) and m["end"] in (None, m["year"]):
        out.take(STATISTICS_PERIOD, None, int(m["year"]))
    out.take(SIGNATURE, _signature(lines), None)
    if (named := _named(Path(source).stem)) is not None:
        out.take(FILE_NAME, named.agency, named.year)
    return out


def _named(text: str) -> Title | None:
    """A report's name (agency and year) in a title-like text: a page title, a file name."""
    flat = _site_part(_squash(text))
    m = _TITLE.search(flat)
    if not m or _about_the_report(flat, m):
        return None
    return Title(text, _agency(m["pre"]) or _agency(m["post"]), title_year(m), -1)


def _preamble(lines: list[Line]) -> str:
    """The text before the first section heading (at most PREAMBLE_LINES lines), whitespace removed."""
    head: list[str] = []
    for ln in lines[:PREAMBLE_LINES]:
        if ln.single is not None and len(ln.single) <= 60 and _heading_key(ln.single, old_format=True):
            break
        if not ln.is_table:
            head.append(ln.text)
    return _squash(join_lines(head))


def _in_preamble(clause: str) -> tuple[str | None, int | None]:
    """Agency and year of a clause that names the report: `现公布…年度报告`, `现将…情况报告如下`,
    or the agency alone: `…编制本报告`."""
    if (m := _NAMED.search(clause)) and (m2 := _TITLE.search(m["name"])) and not _ABOUT_AFTER.match(clause, m.end()):
        return _agency(_unbracketed(m2["pre"])) or _agency(_unbracketed(m2["post"])), title_year(m2)
    if m := _REPORTED_AS.search(clause):
        return _agency(m["pre"]) or _agency(_unbracketed(m["post"])), title_year(m)
    if m := _COMPILED_BY.search(clause):
        return _not_an_office(_agency(m["agency"])), None
    return None, None


def _not_an_office(agency: str | None) -> str | None:
    """`agency`, unless it is the office of another agency (某某县人民政府办公室, 某某局办公室): such an
    office compiles and signs its parent's report as often as its own, so its name does not say whose
    report this is."""
    return None if agency is None or COMPILING_OFFICE.search(agency) else agency


def _unbracketed(text: str) -> str:
    """`某某镇政府(机关)` → `某某镇政府`: a short remark in brackets after a name."""
    return _PARENTHESIS.sub("", text)


def _signature(lines: list[Line]) -> str | None:
    """The agency of the 落款: a line holding an agency's name only, beside a line holding a date only."""
    tail = [ln.single or "" for ln in lines[-SIGNATURE_LINES:]]
    for i in range(len(tail) - 1, -1, -1):
        if not _only_date(tail[i]):
            continue
        for j in (i - 1, i + 1, i - 2):
            if 0 <= j < len(tail) and (agency := _agency(_squash(tail[j]))) and not re.search(r"[\d，。,.]", agency):
                return _not_an_office(agency)
    return None
