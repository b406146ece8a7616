"""What every indicator reads: the reports (with roster identity), their text, last year's report, and the
pool of table findings (the validator's, one per blank 表二/三/四 cell, and the cross-level sums)."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.assess.cross_level import cross_level
from disclosure_analysis.assess.roster import Roster
from disclosure_analysis.corpus import Corpus, schema
from disclosure_analysis.formats import names

#: 表二 cell code → its row (both format versions)
_T2_ROW = {
    code: row.code for rows in formats.table2().versions.values() for row in rows for code in row.codes
}
_BLANK = "为空白或“/”：按缺失处理，不能当作 0，相关勾稽关系无法核对"


@dataclass
class Context:
    corpus: Corpus
    reports: (
        pd.DataFrame
    )  # corpus.reports + roster_id, entity; level/is_government from the roster when matched
    pool: pd.DataFrame  # findings shared by the `findings` indicators (schema "findings" columns)
    texts: dict[str, dict[str, str]]  # report_id → section → text
    previous: dict[str, str]  # report_id → report_id of the same agency's report for the year before
    cross_level: pd.DataFrame  # government reports against their departments' (see cross_level.py)

    def report(self, report_id: str) -> pd.Series:
        return self.reports.loc[report_id]


def build_context(corpus: Corpus, roster: Roster | None = None) -> Context:
    """Context of `corpus`; with a roster, agencies are identified (and typed) by their roster entry."""
    reports = corpus.reports.drop_duplicates("report_id").copy()  # identical files are one report
    reports["roster_id"] = pd.array(
        [roster.match(a) if roster else None for a in reports["agency"]], dtype="string"
    )
    if roster is not None:
        for i, rid in reports["roster_id"].dropna().items():
            entry = roster.get(rid)
            reports.loc[i, "level"] = entry.level or reports.loc[i, "level"]
            if entry.is_government is not None:
                reports.loc[i, "is_government"] = entry.is_government
    reports["entity"] = reports["roster_id"].fillna(reports["agency_id"])
    reports = reports.set_index("report_id", drop=False).rename_axis(None)
    texts: dict[str, dict[str, str]] = {}
    for r in corpus.sections.itertuples():
        texts.setdefault(r.report_id, {})[r.section] = r.text
    levels, level_findings = cross_level(reports, corpus.table3, corpus.table4, roster)
    pool = pd.concat([corpus.findings, blank_cells(corpus), level_findings], ignore_index=True)
    return Context(corpus, reports, pool, texts, _previous(reports), levels)


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


def blank_cells(corpus: Corpus) -> pd.DataFrame:
    """Findings for cells printed blank or "/" (flagged cells are left to the parser's own P1 findings).

    表三: a column or row that is blank throughout is one finding (a single blank among numbers is the
    validator's N1); 表四: one per cell; 表二: one per blank cell in a row that has other figures (a row all "/"
    is taken as not applicable); a wholly blank table is one finding.
    """
    out: list[dict] = []
    keys = ["report_id", "agency_id", "year"]
    t3 = corpus.table3[corpus.table3["flag"].isna()]
    for key, cells in t3.groupby(keys, sort=False):
        out += [{**dict(zip(keys, key, strict=True)), **f} for f in _blank_table3(cells)]
    t4 = corpus.table4[corpus.table4["flag"].isna()]
    for key, cells in t4.groupby(keys, sort=False):
        out += [{**dict(zip(keys, key, strict=True)), **f} for f in _blank_table4(cells)]
    t2 = corpus.table2[corpus.table2["flag"].isna()]
    for key, cells in t2.groupby(keys, sort=False):
        out += [{**dict(zip(keys, key, strict=True)), **f} for f in _blank_table2(cells)]
    return schema.frame("findings", out)


def _finding(table: str, row: str | None, column: str | None, severity: str, message: str) -> dict:
    return {
        "rule": "R4",
        "severity": severity,
        "table": table,
        "row": row,
        "column": column,
        "message": message,
    }


def _blank_table3(cells: pd.DataFrame) -> list[dict]:
    """Columns and rows left blank throughout (an isolated blank cell is the validator's N1)."""
    blank = cells["value"].isna()
    if blank.all():
        return [_finding("t3", None, None, "warning", "表三全部" + _BLANK)]
    columns = [c for c, b in blank.groupby(cells["column"], sort=False) if b.all()]
    rows = [r for r, b in blank.groupby(cells["row"], sort=False) if b.all()]
    return [
        _finding("t3", None, c, "warning", f"表三{names.APPLICANTS.get(c, c)}列" + _BLANK) for c in columns
    ] + [_finding("t3", r, None, "warning", f"表三「{names.T3_ROWS.get(r, r)}」行" + _BLANK) for r in rows]


def _blank_table4(cells: pd.DataFrame) -> list[dict]:
    blank = cells[cells["value"].isna()]
    if len(blank) == len(cells):
        return [_finding("t4", None, None, "warning", "表四全部" + _BLANK)]
    return [
        _finding(
            "t4",
            None,
            f"{g}_{o}",
            "warning",
            f"表四{names.T4_GROUPS.get(g, g)}「{names.T4_OUTCOMES.get(o, o)}」" + _BLANK,
        )
        for g, o in zip(blank["group"], blank["outcome"], strict=True)
    ]


def _blank_table2(cells: pd.DataFrame) -> list[dict]:
    if cells["value"].isna().all():
        return [_finding("t2", None, None, "info", "表二全部为空白或“/”")]
    out = []
    for code in cells.loc[cells["value"].isna(), "code"]:
        siblings = cells[cells["code"].map(_T2_ROW).eq(_T2_ROW.get(code, code)).fillna(False)]
        if siblings["value"].notna().any():
            out.append(
                _finding(
                    "t2",
                    None,
                    code,
                    "info",
                    f"表二「{names.T2_CELLS.get(code, code)}」为空白或“/”，该行其他格有数字",
                )
            )
    return out
