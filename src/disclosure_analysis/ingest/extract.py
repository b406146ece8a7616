"""One input file → one Extraction: read, map, describe. Never raises for bad input.

The findings are added by `checks` (`corpus.extraction.extract_path` does both)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

from disclosure_analysis.errors import Finding, ReportError
from disclosure_analysis.ingest import limits, mapping
from disclosure_analysis.ingest.document import Document
from disclosure_analysis.ingest.identify import identify
from disclosure_analysis.ingest.metadata import agency_info, find_published
from disclosure_analysis.ingest.narrative import fee, figures
from disclosure_analysis.ingest.stream import Line, data_row, find_sections, lines_of, section_text
from disclosure_analysis.ingest.values import normalize

SECTION_KEYS = ("overview", "active", "applications", "review_litigation", "problems", "other")
_PRE2019_CUES = ("政府信息公开情况统计表", "统计期限", "依申请公开政府信息情况", "回应解读情况", "历年累计")


@dataclass
class Extraction:
    """Everything read from one file; `to_json()` is the `extract --json` contract."""

    source: str
    sha256: str = ""
    kind: str | None = None
    read_by: str | None = None  # "text" or "ocr" (see `Document.read_by`); None when not read
    status: str = "failed"
    error: ReportError | None = None
    agency: str | None = None
    year: int | None = None
    metadata_source: dict[str, str] = field(default_factory=dict)  # "agency"/"year" -> `identify` source
    template: str | None = None
    versions: dict[str, str | None] = field(default_factory=dict)  # t2/t3 -> version
    cells: dict[str, mapping.Cell] = field(default_factory=dict)
    sections: dict[str, str | None] = field(default_factory=dict)
    headings: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, float | int | None] = field(default_factory=dict)
    narrative_quotes: dict[str, str] = field(default_factory=dict)
    published: str | None = None
    level: str | None = None
    is_government: bool | None = None
    region: str | None = None
    agency_kind: str | None = None  # formats.agency_kinds() code; "unknown" when the name does not settle it
    findings: list[Finding] = field(default_factory=list)  # filled by `checks.report.check_extraction`
    missing_tables: list[str] = field(default_factory=list)  # tables not found (t2, t3, t4); F1 findings
    notes: list[str] = field(default_factory=list)

    @property
    def report_id(self) -> str:
        return self.sha256[:16]

    def values(self) -> dict[str, float | int | None]:
        return {k: c.value for k, c in self.cells.items()}

    def to_json(self) -> dict:
        return {
            "source": self.source,
            "sha256": self.sha256 or None,
            "kind": self.kind,
            "read_by": self.read_by,
            "status": self.status,
            "error": self.error.as_dict() if self.error else None,
            "agency": self.agency,
            "year": self.year,
            "metadata_source": self.metadata_source,
            "template": self.template,
            "table_versions": self.versions or None,
            "level": self.level,
            "is_government": self.is_government,
            "region": self.region,
            "agency_kind": self.agency_kind,
            "published": self.published,
            "cells": self.values(),
            "cell_flags": {k: c.flag for k, c in self.cells.items() if c.flag},
            "cell_remarks": {k: c.remark for k, c in self.cells.items() if c.remark},
            "cell_units": {k: c.unit for k, c in self.cells.items() if c.unit},
            "cell_printed": {k: c.raw for k, c in self.cells.items() if c.flag in mapping.PRINTED_FLAGS and c.raw},
            "cell_confidence": {k: c.reading.confidence for k, c in self.cells.items() if c.reading},
            "cell_doubts": {k: asdict(c.doubt) for k, c in self.cells.items() if c.doubt},
            "cell_pages": {k: c.page + 1 for k, c in self.cells.items() if c.page is not None},
            "cell_labels": {k: c.label for k, c in self.cells.items() if c.label},
            "sections": self.sections,
            "headings": self.headings,
            "narrative": self.narrative,
            "narrative_quotes": self.narrative_quotes,
            "findings": [f.as_dict() for f in self.findings],
            "notes": self.notes,
        }


def read_report(path: str | Path) -> Extraction:
    """Read one file into an Extraction (without findings). Any problem ends up in `status` and `error`,
    never as an exception."""
    from disclosure_analysis.ingest.readers import content_sha256, read_document

    path = Path(path)
    result = Extraction(source=str(path))
    try:
        data = limits.read_file(path)
        result.sha256 = content_sha256(path, data) or ""
        doc = read_document(path, data)
        result.kind, result.read_by = doc.kind, doc.read_by
        interpret(doc, result)
    except ReportError as exc:
        if exc.code == "too_large":
            result.sha256 = limits.file_sha256(path) or ""
        result.error, result.status = exc, exc.status
    except MemoryError:
        result.error = ReportError(
            "out_of_memory", f"{path}: 读取这个文件需要的内存超过 {limits.mb(limits.MAX_EXTRACTION_MEMORY)} 的上限，文件可能有问题"
        )
    except Exception as exc:  # a bug must not stop a batch: report it against this file
        result.error = ReportError("internal_error", f"{path}: 解析时出现程序错误（{type(exc).__name__}: {exc}）")
        result.status = "failed"
    return result


def interpret(doc: Document, result: Extraction) -> Extraction:
    """Fill `result` from a Document (raises ReportError('not_a_report') when it is not a report).

    A text is taken for a report when it has a title (or page title), three section headings, a
    preamble naming the report, a narrative figure or a filled table cell; without any of these it is
    not a report, or a blank copy of the report form."""
    lines = lines_of(doc)
    result.notes.extend(doc.notes)
    identity = identify(lines, doc.meta, result.source)
    result.agency, result.year, result.metadata_source = identity.agency, identity.year, identity.sources
    pre2019 = (result.year is not None and result.year < 2019) or _looks_pre2019(lines, result.year)
    sections = find_sections(lines, old_format=pre2019)
    info = agency_info(result.agency)
    result.level, result.is_government, result.region = info.level, info.is_government, info.region
    result.agency_kind = info.kind
    result.published = find_published(lines, result.year, doc.meta)
    _read_sections(lines, sections, result)
    named = identity.title is not None or identity.named_in_text or any(v is not None for v in result.narrative.values())
    if not named and len(sections) < 3 and pre2019:
        raise _not_a_report(result.source)
    if pre2019:
        result.template = "pre2019"
        result.status = "ok"
        result.notes.append("2019 年以前的报告：统一格式的表二、表三、表四不适用，只提取了章节文字")
        return result
    _read_tables(lines, sections, result)
    if not named and not any(c.value is not None for c in result.cells.values()):
        if len(sections) < 3:
            raise _not_a_report(result.source)
        raise ReportError(
            "not_a_report",
            f"{result.source}: 这是空白的报告格式模板（没有报告标题，表格中也没有填写任何数字），不是一份报告",
        )
    return result


def _not_a_report(source: str) -> ReportError:
    return ReportError(
        "not_a_report",
        f"{source}: 这不像是政府信息公开工作年度报告（没有找到报告标题，也没有找到“一、总体情况”等章节）",
    )


def _looks_pre2019(lines: list[Line], year: int | None) -> bool:
    if year is not None:
        return False
    text = normalize(" ".join(ln.text for ln in lines))
    return "第二十条第" not in text and "本列数据的勾稽关系" not in text and any(c in text for c in _PRE2019_CUES)


def _read_sections(lines: list[Line], sections: list, result: Extraction) -> None:
    result.sections = dict.fromkeys(SECTION_KEYS)
    for s in sections:
        result.sections[s.key] = section_text(lines, s.start + 1, s.end)  # "" = heading and tables only
        result.headings[s.key] = s.heading
    _problems_without_heading(lines, sections, result)
    overview = result.sections.get("overview")
    if overview is None and sections:
        overview = section_text(lines, 0, sections[0].start)
    found = figures(overview or "")
    for name, topic in (("proactive_total", "active"), ("applications_received", "applications")):
        if name not in found and (fig := figures(result.sections.get(topic) or "").get(name)):
            found[name] = fig  # stated in the section on its topic (old-format reports)
    for name in ("proactive_total", "applications_received"):
        fig = found.get(name)
        result.narrative[name] = None if fig is None or fig.approximate else fig.value
        if fig is not None:
            result.narrative_quotes[name] = fig.quote
            if fig.approximate:
                result.narrative[f"{name}_at_least"] = fig.value
    others = "\n".join(t for k, t in result.sections.items() if t and k != "other")
    stated = fee(result.sections.get("other") or "", others)
    if stated is not None:
        result.narrative[stated.name] = stated.value
        result.narrative_quotes[stated.name] = stated.quote


def _problems_without_heading(lines: list[Line], sections: list, result: Extraction) -> None:
    """Section 五 printed without its heading: the text after 表四's numbers, before 六."""
    by_key = {s.key: s for s in sections}
    if "problems" in by_key or "review_litigation" not in by_key:
        return
    s = by_key["review_litigation"]
    last_row = max((ln.index for ln in lines[s.start : s.end] if data_row(ln)), default=None)
    if last_row is None:
        return
    text = section_text(lines, last_row + 1, s.end)
    if len(text) > 20:
        result.sections["problems"] = text
        result.sections["review_litigation"] = section_text(lines, s.start + 1, last_row + 1) or None
        result.notes.append("没有找到“五、存在的主要问题及改进情况”标题；表四之后、第六部分之前的文字视为第五部分")


def _read_tables(lines: list[Line], sections: list, result: Extraction) -> None:
    default = "2021" if result.year is None or result.year >= 2021 else "2019"
    regions = mapping.table_regions(lines, sections)
    t3 = mapping.map_table3(regions["t3"], default)  # first: whether it shows every cell printed
    t2 = mapping.map_table2(regions["t2"], default, t3.printed_in_full)
    t4 = mapping.map_table4(regions["t4"], t3.printed_in_full)
    missing = [t.table for t in (t2, t3, t4) if not t.found]
    blank = [t.table for t in (t2, t3, t4) if t.found and not any(c.value is not None or c.flag for c in t.cells.values())]
    for t in (t2, t3, t4):
        result.cells.update(t.cells)
        result.notes.extend(t.notes)
    result.versions = {"t2": t2.version, "t3": t3.version}
    versions = {v for v in (t2.version, t3.version) if v}
    result.template = versions.pop() if len(versions) == 1 else ("mixed" if versions else None)
    result.missing_tables = missing
    flagged = any(c.flag in mapping.UNREAD_FLAGS for c in result.cells.values())
    unknown = result.agency is None or result.year is None
    result.status = "partial" if missing or blank or flagged or unknown else "ok"
    result.notes[:0] = _partial_reasons(result, missing, blank)


def _partial_reasons(result: Extraction, missing: list[str], blank: list[str]) -> list[str]:
    """Why a report is only partly read, first among its notes: tables not found, tables without numbers
    (a skeleton: the table was an image, or left unfilled), agency or year unknown (flagged cells say so
    in `cell_flags`)."""
    names = {"t2": "表二", "t3": "表三", "t4": "表四"}
    out = [f"没有找到{'、'.join(names[t] for t in missing)}（或表格内容无法识别）"] if missing else []
    if blank:
        out.append(f"{'、'.join(names[t] for t in blank)}只有表头和行名，没有数字（表格可能是图片，或没有填写）")
    if result.agency is None:
        out.append("没有读出发布机关的名称")
    if result.year is None:
        out.append("没有读出报告所属的年度")
    return out
