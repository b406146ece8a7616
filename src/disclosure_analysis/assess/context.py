"""What every indicator reads: the scored reports (with what the agency register says), their text, last
year's report, the reports left unscored as duplicates, and the pool of table findings (the validator's,
one per table for cells printed blank, and the cross-level sums)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.assess.cross_level import cross_level
from disclosure_analysis.corpus import Corpus, schema
from disclosure_analysis.corpus.register import FROM_TEXT, Register
from disclosure_analysis.formats import names

#: 表二 cell code → its row (both format versions)
_T2_ROW = {
    code: row.code for rows in formats.table2().versions.values() for row in rows for code in row.codes
}
_BLANK = "按缺失处理，不能当作 0"
#: the validator's "cannot be checked" findings a blank table's finding takes in (they are about its blanks)
_UNTESTABLE = {"t3": ("R1", "R2", "R3"), "t4": ("R5",)}
DUPLICATE_COLUMNS = [
    "report_id",
    "source",
    "agency_id",
    "agency",
    "register_id",
    "year",
    "published",
    "scored_report_id",
    "scored_source",
    "message",
]


@dataclass
class Context:
    corpus: Corpus
    reports: pd.DataFrame  # the scored reports: corpus.reports as the register says, + register_id, entity
    pool: pd.DataFrame  # findings shared by the `findings` indicators (schema "findings" columns)
    texts: dict[str, dict[str, str]]  # report_id → section → text
    previous: dict[str, str]  # report_id → report_id of the same agency's report for the year before
    cross_level: pd.DataFrame  # government reports against their departments' (see cross_level.py)
    duplicates: pd.DataFrame  # reports of an agency-year that has a scored report (DUPLICATE_COLUMNS)
    register: Register | None = None

    def report(self, report_id: str) -> pd.Series:
        return self.reports.loc[report_id]


def build_context(
    corpus: Corpus, register: Register | None = None, duplicates: str = "most_complete"
) -> Context:
    """Context of `corpus`; with a register, agencies are identified (and typed, dated) by their entry. Of
    several reports of one agency and year only one is scored, chosen as `duplicates` says (rubric)."""
    reports = corpus.reports.drop_duplicates("report_id").copy()  # identical files are one report
    if register is not None:
        reports = register.apply(reports)
    else:
        reports["register_id"] = pd.array([None] * len(reports), dtype="string")
        reports["published_source"] = pd.array(
            [FROM_TEXT if isinstance(p, str) else None for p in reports["published"]], dtype="string"
        )
    read = corpus.manifest.drop_duplicates("source").set_index("source")
    reports["read_by"] = reports["source"].map(read["read_by"]).astype("string")
    reports["ocr_uncertain"] = reports["source"].map(read["ocr_uncertain"]).astype("Int64")
    reports["entity"] = reports["register_id"].fillna(reports["agency_id"])
    reports = reports.set_index("report_id", drop=False).rename_axis(None)
    reports, dropped = _one_per_agency_year(reports, _completeness(corpus), duplicates)
    texts: dict[str, dict[str, str]] = {}
    for r in corpus.sections.itertuples():
        if r.report_id in reports.index:
            texts.setdefault(r.report_id, {})[r.section] = r.text
    levels, level_findings = cross_level(reports, corpus.table3, corpus.table4, register)
    own = corpus.findings[corpus.findings["report_id"].isin(reports.index)]
    blanks, folded = blank_cells(corpus, own, set(reports.index))
    pool = pd.concat([own.drop(index=folded), blanks, level_findings], ignore_index=True)
    return Context(corpus, reports, pool, texts, _previous(reports), levels, dropped, register)


def _completeness(corpus: Corpus) -> pd.Series:
    """Per report, the number of cells read with a value (表二, 表三, 表四)."""
    counts = [t.dropna(subset=["value"]).groupby("report_id").size() for t in (corpus.table2, corpus.table3, corpus.table4)]
    return pd.concat(counts).groupby(level=0).sum() if any(len(c) for c in counts) else pd.Series(dtype=int)


def _one_per_agency_year(
    reports: pd.DataFrame, cells: pd.Series, policy: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The reports to score (one per agency and year; undated reports are all kept) and the others."""
    ranked = reports.assign(
        _ok=reports["status"].eq("ok").astype(int),
        _cells=cells.reindex(reports.index).fillna(0).astype(int),
        _date=reports["published"].fillna(""),
        _dated=reports["published"].notna().astype(int),
        _file=reports["source"].astype(str),
    )
    columns, descending = {
        "most_complete": (["_ok", "_cells", "_date", "_file"], [True, True, True, False]),
        "latest_published": (["_dated", "_date", "_ok", "_cells", "_file"], [True, True, True, True, False]),
        "earliest_published": (["_dated", "_date", "_ok", "_cells", "_file"], [True, False, True, True, False]),
    }[policy]
    ranked = ranked.sort_values(columns, ascending=[not d for d in descending], kind="stable")
    dated = ranked["year"].notna()
    first = ranked[dated].drop_duplicates(["entity", "year"])
    kept = pd.concat([first, ranked[~dated]])
    rest = ranked[dated & ~ranked.index.isin(first.index)]
    scored = first.set_index(["entity", "year"])
    rows = []
    for rid, r in rest.iterrows():
        chosen = scored.loc[(r["entity"], r["year"])]
        rows.append(
            {
                "report_id": rid,
                "source": r["source"],
                "agency_id": r["agency_id"],
                "agency": r["agency"],
                "register_id": r["register_id"],
                "year": r["year"],
                "published": r["published"],
                "scored_report_id": chosen["report_id"],
                "scored_source": chosen["source"],
                "message": "同一机构同一年度还有另一份报告，按评估指标只评估其中一份，本份不计分",
            }
        )
    dropped = pd.DataFrame(rows, columns=DUPLICATE_COLUMNS).astype({"year": "Int64"})
    order = reports.index[reports.index.isin(kept.index)]  # the corpus order
    return reports.loc[order], dropped


def _previous(reports: pd.DataFrame) -> dict[str, str]:
    dated = reports.dropna(subset=["year"]).sort_values(["entity", "year", "report_id"])
    first = dated.drop_duplicates(["entity", "year"])
    by_key = {
        (e, int(y)): rid for e, y, rid in zip(first["entity"], first["year"], first["report_id"], strict=True)
    }
    return {
        rid: by_key[(e, int(y) - 1)]
        for e, y, rid in zip(dated["entity"], dated["year"], dated["report_id"], strict=True)
        if (e, int(y) - 1) in by_key
    }


def blank_cells(corpus: Corpus, findings: pd.DataFrame, report_ids: set[str]) -> tuple[pd.DataFrame, list]:
    """One finding per table of a report for its cells printed blank or "/" (flagged cells are left to the
    parser's own P1 findings), and the index labels of the `findings` it takes in: the validator's
    "cannot be checked" findings of that table, which the blanks explain. Only the reports `report_ids`.

    表三: the columns and rows blank throughout (a single blank among numbers is the validator's N1); 表四:
    every blank cell; 表二: every blank cell in a row that has other figures (a row all "/" is taken as not
    applicable; an info finding). A wholly blank table says so.
    """
    out: list[dict] = []
    folded: list = []
    keys = ["report_id", "agency_id", "year"]
    for table, frame, describe in (
        ("t3", corpus.table3, _blank_table3),
        ("t4", corpus.table4, _blank_table4),
        ("t2", corpus.table2, _blank_table2),
    ):
        cells = frame[frame["flag"].isna() & frame["report_id"].isin(report_ids)]
        for key, group in cells.groupby(keys, sort=False):
            found = describe(group)
            if found is None:
                continue
            rid = key[0]
            untestable = findings[
                (findings["report_id"] == rid)
                & (findings["table"] == table)
                & findings["rule"].isin(_UNTESTABLE.get(table, ()))
                & (findings["severity"] == "info")
            ]
            message = found["message"]
            if not untestable.empty:
                message += "。因此无法核对：" + "；".join(_untestable_text(m) for m in untestable["message"])
                folded += list(untestable.index)
            out.append({**dict(zip(keys, key, strict=True)), **found, "message": message})
    return schema.frame("findings", out), folded


def _untestable_text(message: str) -> str:
    """ "表三 商业企业、科研机构列的收支平衡…无法核对：有单元格…" → "商业企业、科研机构列的收支平衡…" """
    text = message.split("无法核对")[0]
    return text.removeprefix("表三").removeprefix("表四").strip(" ：:")


def _finding(table: str, severity: str, message: str) -> dict:
    return {"rule": "R4", "severity": severity, "table": table, "row": None, "column": None, "message": message}


def _blank_table3(cells: pd.DataFrame) -> dict | None:
    """Columns and rows left blank throughout (an isolated blank cell is the validator's N1)."""
    blank = cells["value"].isna()
    if blank.all():
        return _finding("t3", "warning", f"表三全部为空白或“/”：{_BLANK}")
    columns = [names.APPLICANTS.get(c, c) for c, b in blank.groupby(cells["column"], sort=False) if b.all()]
    rows = [names.T3_ROW_LABELS.get(r, r) for r, b in blank.groupby(cells["row"], sort=False) if b.all()]
    if not columns and not rows:
        return None
    parts = ([f"{'、'.join(columns)} {len(columns)} 列"] if columns else []) + (
        [f"「{'」「'.join(rows)}」{len(rows)} 行"] if rows else []
    )
    return _finding("t3", "warning", f"表三{'和'.join(parts)}整列（行）为空白或“/”：{_BLANK}")


def _blank_table4(cells: pd.DataFrame) -> dict | None:
    blank = cells[cells["value"].isna()]
    if blank.empty:
        return None
    if len(blank) == len(cells):
        return _finding("t4", "warning", f"表四全部为空白或“/”：{_BLANK}")
    shown = "、".join(
        f"{names.T4_GROUPS.get(g, g)}「{names.T4_OUTCOMES.get(o, o)}」"
        for g, o in zip(blank["group"], blank["outcome"], strict=True)
    )
    return _finding("t4", "warning", f"表四 {shown} 共 {len(blank)} 格为空白或“/”：{_BLANK}")


def _blank_table2(cells: pd.DataFrame) -> dict | None:
    if cells["value"].isna().all():
        return _finding("t2", "info", "表二全部为空白或“/”")
    rows = cells["code"].map(_T2_ROW).fillna(cells["code"])
    filled = set(rows[cells["value"].notna()])
    blank = cells[cells["value"].isna() & rows.isin(filled)]
    if blank.empty:
        return None
    shown = "、".join(f"「{names.T2_CELLS.get(c, c)}」" for c in blank["code"])
    return _finding("t2", "info", f"表二 {shown} 为空白或“/”，而同一行其他格有数字")
