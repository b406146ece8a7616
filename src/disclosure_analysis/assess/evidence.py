"""Where a finding is in its report, as an evaluator looks it up: the row's label as printed, the value as
printed, and the page (PDF, OCR) or else the nearest heading (the section holding the table, or the
section the finding is about). Every finding gets a location; none is left blank. A finding on cells
read by OCR says so, with the cell's confidence and whether it may be misread (`ocr_text`)."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.corpus import Corpus

#: the section holding each table
_TABLE_SECTION = {"t2": "active", "t3": "applications", "t4": "review_litigation"}
_SECTIONS = {s.key: f"{s.number}、{s.title}" for s in formats.sections()}
#: where a finding about no table and no section is
_ELSEWHERE = {
    "on_time": "发布日期（报告落款或网页的发布信息）",
    "Y1": "报告标题（年度）",
    "duplicate": "来源文件",
}

Key = tuple[str, str, str | None, str | None]  # report, table, row, column


class Cells:
    """The page, printed label and printed text of every cell of a corpus, looked up by finding."""

    def __init__(self, corpus: Corpus, report_ids: set[str]) -> None:
        self.by_cell: dict[Key, tuple[object, object, object, object]] = {}
        self.by_table: dict[tuple[str, str], list[Key]] = defaultdict(list)
        for table, frame in (("t2", corpus.table2), ("t3", corpus.table3), ("t4", corpus.table4)):
            mine = frame[frame["report_id"].isin(report_ids)]
            if table == "t3":
                rows, columns = mine["row"], mine["column"]
            else:
                codes = mine["code"] if table == "t2" else mine["group"] + "_" + mine["outcome"]
                rows, columns = [None] * len(mine), codes
            labels = mine["label"] if "label" in mine else [None] * len(mine)
            for rid, r, c, page, label, value, printed, confidence, flag in zip(
                mine["report_id"], rows, columns, mine["page"], labels, mine["value"], mine["printed"],
                mine["confidence"], mine["flag"], strict=True,
            ):
                key = (rid, table, r, c)
                self.by_cell[key] = (page, label, value, printed, confidence, flag)
                self.by_table[(rid, table)].append(key)
        headings = corpus.sections[corpus.sections["report_id"].isin(report_ids)]
        self.headings = {
            (rid, sec): h for rid, sec, h in zip(headings["report_id"], headings["section"], headings["heading"], strict=True)
            if isinstance(h, str) and h
        }

    def cells(self, rid: str, table: str, row: object, column: object) -> list[Key]:
        """The cells a finding points at: one cell, a row, a column or the whole table."""
        row = row if isinstance(row, str) and row else None
        column = column if isinstance(column, str) and column else None
        if (rid, table, row, column) in self.by_cell:
            return [(rid, table, row, column)]
        return [
            k for k in self.by_table.get((rid, table), [])
            if (row is None or k[2] == row) and (column is None or k[3] == column)
        ]

    def heading(self, rid: str, section: str) -> str | None:
        """The section's heading as printed, or None when the report has no such section."""
        return self.headings.get((rid, section))

    def locate(self, f: pd.Series) -> tuple[str | None, str | None, str, str | None]:
        """(label as printed, value as printed, location, `ocr_text` of its cells) of finding `f`."""
        rid, table = f["report_id"], f["table"]
        if isinstance(table, str) and table:
            keys = self.cells(rid, table, f["row"], f["column"])
            found = [self.by_cell[k] for k in keys]
            read = [(float(c), flag == "ocr_uncertain") for *_, c, flag in found if pd.notna(c)]
            pages = sorted({int(p) for p, *_ in found if pd.notna(p)})
            labels = list(dict.fromkeys(str(lb) for _, lb, *_ in found if isinstance(lb, str) and lb))
            label = labels[0] if len(labels) == 1 else None
            printed = _printed(found[0]) if len(found) == 1 else None
            if pages:
                where = f"第 {pages[0]} 页" if len(pages) == 1 else f"第 {pages[0]}–{pages[-1]} 页"
            else:
                sec = _TABLE_SECTION.get(table)
                where = self.heading(rid, sec) or f"第{_SECTIONS[sec]}部分" if sec else table
            return label, printed, where, ocr_text(read)
        section = f.get("section")
        if isinstance(section, str) and section:
            keys = section.split(",")
            shown = [self.heading(rid, k) or f"第{_SECTIONS[k]}部分（报告中未找到）" for k in keys if k in _SECTIONS]
            return None, None, "；".join(shown), None
        return None, None, _ELSEWHERE.get(f["rule"], "全文"), None


def ocr_text(read: list[tuple[float, bool]]) -> str | None:
    """How the cells of a finding were read by OCR ((confidence, flagged ocr_uncertain) of each), in words;
    None when none was."""
    if not read:
        return None
    doubted = sum(flagged for _, flagged in read)
    if len(read) == 1:
        return f"OCR 识别，置信度 {read[0][0]:.2f}" + ("，可能识别有误" if doubted else "")
    return f"{len(read)} 格由 OCR 识别，其中 {doubted} 格可能识别有误"


def _printed(cell: tuple[object, ...]) -> str | None:
    """The cell as printed: its text when that is not its value (3.5, 1.2万), else its value; "空白" for a blank."""
    _, _, value, printed, *_ = cell
    if isinstance(printed, str) and printed:
        return printed
    if pd.isna(value):
        return "空白或“/”"
    return f"{float(value):g}"


def file_name(source: object) -> str | None:
    """A report's file name (never the path of a cache or a temporary folder)."""
    return Path(str(source)).name if isinstance(source, str) and source else None
