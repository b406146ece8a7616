"""One report's three tables and its identities as a reader checks them (the case study and the lesson).

Each function takes the sub-corpus of one report (`Corpus.select`) and returns a display part (`display`
escapes everything) or None when the report has no such table. The cells read by OCR are marked
(`display.ocr_marks`).
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.analysis import metrics
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.formats import names
from disclosure_analysis.formats.basis import T3_BASIS
from disclosure_analysis.page import display as page

R1_LABELS = {
    "column": "列",
    "new_received": "一 本年新收",
    "carried_in": "二 上年结转",
    "inflow": "一＋二",
    "handled_total": "三（七）总计",
    "carried_out": "四 结转下年度",
    "outflow": "三＋四",
    "difference": "差",
    "holds": "相符",
}
R3_LABELS = {
    "column": "列",
    "results_sum": "各项结果之和",
    "handled_total": "（七）总计",
    "difference": "差",
    "holds": "相符",
}
R5_LABELS = {"group": "类别", **names.COLUMNS, "parts_sum": "四项之和", "difference": "差", "holds": "相符"}
R5_COLUMNS = ["group", "upheld", "corrected", "other", "pending", "parts_sum", "total", "difference", "holds"]


def table2(one: Corpus) -> page.Table | None:
    """表二 as printed: one row per cell with its Chinese name, value, unit and remark."""
    if one.table2.empty:
        return None
    t2 = one.table2.assign(code=one.table2["code"].map(names.T2_CELLS).fillna(one.table2["code"]))
    return page.table(
        t2[["code", "value", "unit", "remark"]],
        labels={"code": "单元格", "value": "数值", "unit": "单位", "remark": "备注"},
        ocr=page.ocr_marks(one.table2, one.table2, {"report_id": "report_id", "code": "code"}, {"value": {}}),
    )


def table3(one: Corpus, basis: bool = False) -> page.Table | None:
    """表三 as printed: its rows (in the format's order) by the seven applicant columns; with `basis`, the
    条例 provision each row reports on (`formats.basis`) in a last column."""
    if one.table3.empty:
        return None
    t3 = one.table3.assign(row_label=one.table3["row"].map(names.T3_ROWS))
    t3 = t3.assign(column_label=t3["column"].map(names.APPLICANTS))
    grid = t3.pivot_table(
        index="row_label", columns="column_label", values="value", aggfunc="first", sort=False, dropna=False
    )
    grid = grid.reindex(columns=list(names.APPLICANTS.values()))
    rows = [r for r in formats.table3().rows if names.T3_ROWS[r] in grid.index]
    grid = grid.reindex([names.T3_ROWS[r] for r in rows])
    if basis:
        grid["《条例》依据"] = [T3_BASIS[r] for r in rows]
    marks = _marks(one.table3, "row", rows, {label: {"column": code} for code, label in names.APPLICANTS.items()})
    return page.table(grid.rename_axis(index="行", columns=None), index=True, ocr=marks)


def table4(one: Corpus) -> page.Table | None:
    """表四 as printed: its three groups by the five columns (结果维持 … 总计); None without 表四."""
    if one.table4.empty:
        return None
    grid = one.table4.pivot_table(index="group", columns="outcome", values="value", aggfunc="first", dropna=False)
    grid = grid.reindex(index=list(names.T4_GROUPS), columns=list(names.T4_OUTCOMES))
    grid = grid.rename(index=names.T4_GROUPS, columns=names.T4_OUTCOMES).astype("Int64")
    marks = _marks(one.table4, "group", list(names.T4_GROUPS), {label: {"outcome": code} for code, label in names.T4_OUTCOMES.items()})
    return page.table(grid.rename_axis(index="类别", columns=None), index=True, ocr=marks)


def _marks(cells: pd.DataFrame, key: str, rows: list[str], columns: dict[str, dict[str, str]]) -> dict:
    """OCR marks of a report's grid whose rows are the codes `rows` of the cells' column `key`."""
    if cells.empty:
        return {}
    shown = pd.DataFrame({"report_id": cells["report_id"].iloc[0], key: rows})
    return page.ocr_marks(shown, cells, {"report_id": "report_id", key: key}, columns)


def r1(one: Corpus) -> tuple[pd.DataFrame, page.Table]:
    """R1 per column (一＋二 against 三（七）＋四) as a frame and a table."""
    frame = metrics.r1_balance(one.table3).assign(column=lambda d: d["column"].map(names.APPLICANTS))
    return frame, page.table(frame[list(R1_LABELS)], labels=R1_LABELS)


def r1_summary(frame: pd.DataFrame) -> page.Html:
    """How many columns hold R1, fail it, or cannot be checked (a blank cell)."""
    return page.note(
        "R1：{ok} 列相符，{bad} 列不符，{na} 列因空白无法核对。",
        ok=int(frame["holds"].eq(True).sum()),
        bad=int(frame["holds"].eq(False).fillna(False).sum()),
        na=int(frame["holds"].isna().sum()),
    )


def r3(one: Corpus) -> page.Table:
    """R3 per column: the result rows summed against （七）总计."""
    frame = metrics.r3_results(one.table3).assign(column=lambda d: d["column"].map(names.APPLICANTS))
    return page.table(frame[list(R3_LABELS)], labels=R3_LABELS)


def r5(one: Corpus) -> page.Table | None:
    """R5 per 表四 group: 维持 + 纠正 + 其他 + 尚未审结 against 总计; None without 表四."""
    frame = metrics.r5_balance(one.table4).assign(group=lambda d: d["group"].map(names.T4_GROUPS))
    return None if frame.empty else page.table(frame[R5_COLUMNS], labels=R5_LABELS)


def table4_outcomes(one: Corpus) -> pd.DataFrame:
    """表四's outcome cells (not the totals) with Chinese group and outcome names, for a chart."""
    outcomes = one.table4[one.table4["outcome"].isin(["upheld", "corrected", "other", "pending"])]
    return outcomes.assign(
        group=outcomes["group"].map(names.T4_GROUPS), outcome=outcomes["outcome"].map(names.T4_OUTCOMES)
    )


def findings(one: Corpus) -> page.Html | page.Table:
    """The program's findings for the report (errors and warnings first), or a note that there are none."""
    found = metrics.in_order(one.findings, "rule")
    return page.note("该报告未发现问题。") if found.empty else page.findings_table(found)
