"""Report metadata read from the text: title, agency, year, publication date, level, region and kind."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass

from disclosure_analysis import formats
from disclosure_analysis.ingest.stream import Line, _wraps
from disclosure_analysis.ingest.values import cjk_number

_TITLE = re.compile(
    r"(?P<pre>.*?)(?P<year>(?:19|20)\d\d)\s*年\s*(?:度)?\s*(?P<post>.*?)"
    r"(?:政府|政务)?信息公开(?:工作)?(?:年度)?(?:报告|年报)"
)
_YEAR_SPAN = re.compile(r"(?:19|20)\d\d\s*年?\s*度?\s*[-—–~～至到]\s*(?:19|20)\d\d")  # 2022-2023年
_TITLE_HINT = re.compile(r"信息公开.{0,6}(?:报告|年报)")
#: what follows or precedes the report's name in the title of a text about the report, not the report
#: ("关于2023年政府信息公开工作年度报告的新闻发布会", "《…年度报告》解读", "图解：…年度报告")
_ABOUT_AFTER = re.compile(r"[》」”\"']?(?:的|之|编制|编写|发布会|新闻|解读|图解|通知|答记者问)")
_ABOUT_BEFORE = re.compile(r"图解|解读|读懂|看懂|新闻发布")
_SENTENCE = re.compile(r"[,，。;；]")  # a title is no sentence
_NAMING = re.compile(r"公布|现将|特向|发布|印发")  # a verb naming the report in a sentence
_LABEL_PREFIX = re.compile(r"^(?:#+\s*|(?:标题|名称)\s*[:：|]?\s*|关于)")  # 名称 | …: a portal's info table
_AGENCY_END = re.compile(
    r"(?:局|委|委员会|办|办公室|办公厅|政府|院|会|处|室|所|中心|厅|部|署|馆|队|站|区|县|市|镇|乡|街道|办事处|管委会|公司|社|团|总队|支队|大队)$"
)

_DATE = re.compile(r"((?:19|20)\d\d)\s*[年\-/.]\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?")
_CJK_DATE = re.compile(r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_DATE_LABEL = re.compile(r"(?:发布日期|公开日期|发布时间|成文日期|发文日期|印发日期|生成日期|时间|日期)\s*[:：]?\s*$")


@dataclass(frozen=True)
class Title:
    text: str
    agency: str | None
    year: int | None
    line: int


def find_title(lines: list[Line], html_title: str | None = None) -> Title | None:
    """The report title: the first short line naming a year and '…信息公开…报告'."""
    texts = [(ln.index, ln.single or " ".join(ln.cells)) for ln in lines]
    for pos, (idx, text) in enumerate(texts):
        if len(text) > 120 or (not _TITLE_HINT.search(_squash(text)) and not _title_start(texts, pos)):
            continue
        if pos > 0 and _wraps(texts[pos - 1][1], text) and _SENTENCE.search(texts[pos - 1][1]):
            continue  # the end of a sentence wrapped over lines (a PDF's text), not a title
        candidate = _squash(_LABEL_PREFIX.sub("", text.strip()))
        if not _TITLE_HINT.search(candidate) and pos + 1 < len(texts):
            candidate += _squash(texts[pos + 1][1])  # title broken over two lines
        m = _TITLE.search(_site_part(candidate))
        site = _site_part(candidate)
        if not m or _about_the_report(site, m) or _SENTENCE.search(site, m.start()) or _NAMING.search(m["pre"]):
            continue  # no title: a text about the report, or a sentence naming it (`identify`: preamble)
        agency = _agency(m["pre"]) or _agency(m["post"])
        if agency is None and pos > 0:
            agency = _agency(_squash(texts[pos - 1][1]))  # agency on the line above the title
        return Title(candidate, agency, title_year(m), idx)
    if html_title:
        m = _TITLE.search(_site_part(_squash(html_title)))
        if m and not _about_the_report(_site_part(_squash(html_title)), m):
            return Title(html_title, _agency(m["pre"]) or _agency(m["post"]), title_year(m), -1)
    return None


def title_year(m: re.Match) -> int | None:
    """The year a report's name (`m`, with a group `year`) says; None for a span of years (`2022-2023年`,
    `2022年至2023年`): it does not say which year the report is for."""
    return None if _YEAR_SPAN.search(m.string, m.start(), m.end()) else int(m["year"])


def _about_the_report(title: str, m: re.Match) -> bool:
    """Whether a title naming a report is that of a text about it (a press conference, an explainer)."""
    return bool(_ABOUT_AFTER.match(title, m.end()) or _ABOUT_BEFORE.search(m["pre"]))


def _title_start(texts: list[tuple[int, str]], pos: int) -> bool:
    """A line ending in '…政府信息公开' whose next line completes the title (and is not a whole title
    itself: a portal's menu item 政府信息公开 above the title line is no part of it)."""
    text = _squash(texts[pos][1])
    return (
        text.endswith(("信息公开", "信息公开工作")) and pos + 1 < len(texts) and "报告" in texts[pos + 1][1]
        and not _TITLE_HINT.search(_squash(texts[pos + 1][1]))
    )


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def _site_part(text: str) -> str:
    """Drop a portal suffix ('…年度报告-沭阳县发改局', '…年度报告_政府信息公开年报_…'); a dash between
    digits is a span of years (2022-2023年), no separator."""
    for part in re.split(r"(?<!\d)[-_|—]+|[-_|—]+(?!\d)", text):
        if _TITLE_HINT.search(part):
            return part
    return text


def _agency(text: str) -> str | None:
    text = re.sub(r"^[#\s]+|[\s(（]+$", "", text)
    text = re.sub(r"^(?:关于)?", "", text)
    text = text.strip("：:，,。 ")
    if 2 <= len(text) <= 40 and _AGENCY_END.search(text):
        return text
    return None


def find_published(lines: list[Line], report_year: int | None, meta: dict[str, str]) -> str | None:
    """The publication date as printed: a labelled page date, the 落款 date, or a dated line under the title."""

    def plausible(d: str | None) -> bool:
        return d is not None and (report_year is None or report_year <= int(d[:4]) <= report_year + 2)

    for ln in lines:
        if not any(("期" in c or "间" in c) for c in ln.cells):
            continue  # no date label on this line
        cells = [c for c in ln.cells if c]
        for a, b in itertools.pairwise(cells):
            if _DATE_LABEL.search(_squash(a)) and plausible(d := parse_date(b)):
                return d
        text = _squash(ln.text)
        m = re.search(r"(?:发布日期|公开日期|发布时间|成文日期|发文日期)[:：]?(.{6,20})", text)
        if m and plausible(d := parse_date(m.group(1))):
            return d
    for key in ("PubDate", "pubdate", "publishdate", "publishtime", "firstpublishedtime", "published"):
        if plausible(d := parse_date(meta.get(key, ""))):
            return d
    # 落款: a line holding only a date, near the end; or right under the title
    tail = [ln for ln in lines[-12:] if ln.single]
    for ln in reversed(tail):
        if _only_date(ln.single or "") and plausible(d := parse_date(ln.single or "")):
            return d
    for ln in lines[:8]:
        if ln.single and _only_date(ln.single) and plausible(d := parse_date(ln.single)):
            return d
    return None


def _only_date(text: str) -> bool:
    t = _squash(text).strip("()（）")
    return bool(_DATE.fullmatch(t) or _CJK_DATE.fullmatch(t))


def parse_date(text: str) -> str | None:
    t = _squash(text)
    m = _DATE.search(t)
    if m:
        y, mo, d = int(m[1]), int(m[2]), int(m[3])
    else:
        m = _CJK_DATE.search(t)
        if not m:
            return None
        y = int("".join(str(cjk_number(c) if c not in "〇○零" else 0) for c in m[1]))
        mo, d = cjk_number(m[2]) or 0, cjk_number(m[3]) or 0
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return f"{y:04d}-{mo:02d}-{d:02d}"


# --- level and region ------------------------------------------------------------------------------

_MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_UNIT = re.compile(r"([\u4e00-\u9fff]{1,9}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|地区|县|区|旗|镇|乡|街道))")
_NOT_PLACE = re.compile(r"[和与及局委厅办院部室会司处科所]|建设|管理|服务|发展|城乡|社区|工业|开发|园区|保税|新区|实验区|试验区|示范区|合作区")
_CENTRAL = re.compile(r"^(?:国务院|中华人民共和国|国家|中国|中央)")


@dataclass(frozen=True)
class AgencyInfo:
    level: str | None
    is_government: bool | None
    region: str | None
    kind: str = "unknown"  # a code of formats.agency_kinds(): government, committee, department, …
    kind_note: str | None = None  # why the name leaves the kind unknown, when a rule says


def place_prefix(name: str) -> list[str]:
    """The administrative units an agency name starts with: 淮安市洪泽区人民政府 → [淮安市, 洪泽区]."""
    units: list[str] = []
    rest = name
    while m := _UNIT.match(rest):
        unit = m.group(1)
        if _NOT_PLACE.search(unit):
            break
        units.append(unit)
        rest = rest[len(unit) :]
    return units


def agency_kind(name: str | None) -> tuple[str, str | None]:
    """(kind, note): what the end of the name says the agency is (formats/agency_kinds.yaml), `unknown`
    when no rule settles it — never a department by default."""
    if not name:
        return "unknown", None
    text = _squash(name)
    for rule in formats.agency_kinds().rules:
        if text.endswith(rule.suffixes) if rule.suffixes else rule.whole_place and _bare_place(text):
            return rule.kind, rule.note
    return "unknown", None


def _bare_place(text: str) -> bool:
    """A name that is only a county-level or higher place (洪泽区, 淮安市洪泽区): that place's government."""
    units = place_prefix(text)
    return bool(units) and "".join(units) == text and not units[-1].endswith(("镇", "乡", "街道"))


def is_government_kind(kind: str, name: str | None) -> bool | None:
    """Whether an agency of `kind` publishes a people's government's report: governments and management
    committees (the area's report) do, and 乡镇人民政府 (not a 街道办事处); unknown when the kind is."""
    if kind == "unknown":
        return None
    if kind == "township":
        return bool(name and re.search(r"政府$", _squash(name)))
    return kind in ("government", "committee")


def agency_info(name: str | None) -> AgencyInfo:
    """Level (中央部门/省级/市级/县级/乡镇街道), kind, government vs department, region — when the name tells."""
    if not name:
        return AgencyInfo(None, None, None)
    kind, note = agency_kind(name)
    is_gov = is_government_kind(kind, name)
    units = place_prefix(name)
    if not units:
        level = "中央部门" if _CENTRAL.match(name) else None
        return AgencyInfo(level, is_gov if level is None else False, None, kind, note)
    last = units[-1]
    if last.endswith(("镇", "乡", "街道")):
        level = "乡镇街道"
    elif last.endswith(("县", "旗", "自治县", "区")):
        level = "县级"
    elif last in _MUNICIPALITIES or last.endswith(("省", "自治区", "特别行政区")):
        level = "省级"
    elif last.endswith(("市", "州", "盟", "地区")):
        level = "县级" if len(units) > 1 and units[-2].endswith("市") and last.endswith("市") else "市级"
    else:
        level = None
    return AgencyInfo(level, is_gov, "".join(units), kind, note)
