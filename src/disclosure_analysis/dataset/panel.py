"""The panel (one row per report: agency × year) and the provenance of every value, from a corpus.

The panel's columns are those of `codebook.panel_columns`, in that order and type: the report's keys and
source, the figures stated in its text, every cell of 表二, 表三's 总计 column, 表四, whether its tables add
up, and the indicators with their status. Provenance: one row per value read (table cells and stated
figures) with its file, the file's sha256, where in the report it is printed (the heading of the section
holding the table, or of the section whose text holds the stated figure; page numbers are not kept by the
readers) and whether it was read from text or by OCR.
"""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

from disclosure_analysis.analysis import indicators, metrics
from disclosure_analysis.analysis.metrics import KEYS
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.dataset.codebook import (
    NARRATIVE_COLUMNS,
    Column,
    panel_columns,
    t2_columns,
    t4_columns,
)
from disclosure_analysis.ingest.values import normalize

DTYPES = {"string": "string", "integer": "Int64", "number": "Float64", "boolean": "boolean"}
#: the section each table is printed in (`ingest.extract.SECTION_KEYS`)
TABLE_SECTIONS = {"t2": "active", "t3": "applications", "t4": "review_litigation"}


def corpus_root(manifest: pd.DataFrame) -> str:
    """The folder that holds every input file (their common parent), "" when there is none."""
    sources = [os.path.dirname(str(s)) for s in manifest["source"].dropna()]
    return os.path.commonpath(sources) if sources else ""


def relative(paths: pd.Series, root: str) -> pd.Series:
    """`paths` relative to `root` (posix): the same in any copy of the corpus, wherever it lies."""
    return pd.Series(
        [None if pd.isna(p) else Path(os.path.relpath(str(p), root) if root else Path(str(p)).name).as_posix() for p in paths],
        index=paths.index, dtype="string",
    )


def without_root(texts: pd.Series, root: str) -> pd.Series:
    """`texts` (messages that name input files) with the corpus folder left out of the paths they name."""
    return texts if not root else texts.str.replace(root.rstrip("/") + "/", "", regex=False)


def _files(corpus: Corpus) -> pd.DataFrame:
    """Per report: source_file, sha256, read_by."""
    read = corpus.manifest.dropna(subset=["report_id"]).drop_duplicates("report_id")
    return pd.DataFrame({
        "report_id": read["report_id"].to_numpy(),
        "source_file": relative(read["source"], corpus_root(corpus.manifest)).to_numpy(),
        "sha256": read["sha256"].to_numpy(),
        "read_by": read["read_by"].to_numpy(),
    }).astype("string")


def _typed(df: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    return df.reindex(columns=[c.name for c in columns]).astype({c.name: DTYPES[c.type] for c in columns})


def panel(corpus: Corpus, values: pd.DataFrame) -> pd.DataFrame:
    """One row per report (by agency, year); `values` is the corpus's `derived` "indicators" frame."""
    out = corpus.reports[[*KEYS, "agency", "level", "region", "template", "published", "status"]]
    out = out.merge(_files(corpus), on="report_id", how="left")
    figures = [c.name for c in NARRATIVE_COLUMNS if c.name not in indicators.BY_CODE]
    stated = metrics.widen(corpus.narrative, KEYS, "figure", figures, "Float64")
    t2 = metrics.widen(corpus.table2, KEYS, "code", [c.name[3:] for c in t2_columns()], "Float64")
    t3 = metrics.table3_wide(corpus.table3)
    t4 = corpus.table4.assign(code=corpus.table4["group"] + "_" + corpus.table4["outcome"])
    t4 = metrics.widen(t4, KEYS, "code", [c.name[3:] for c in t4_columns()], "Int64")
    for frame, prefix in ((stated, ""), (t2, "t2_"), (t3, "t3_"), (t4, "t4_")):
        keep = frame.drop(columns=["agency_id", "year"]).rename(
            columns=lambda c, p=prefix: c if c == "report_id" else p + c
        )
        out = out.merge(keep, on="report_id", how="left")
    failing = indicators.unbalanced(corpus.findings)
    for table, name in (("t3", "t3_fails_identities"), ("t4", "t4_fails_identities")):
        has = set(getattr(corpus, {"t3": "table3", "t4": "table4"}[table])["report_id"])
        bad = set(failing.loc[failing["table"].eq(table), "report_id"])
        out[name] = pd.array([r in bad if r in has else None for r in out["report_id"]], dtype="boolean")
    wide = values.drop_duplicates([*KEYS, "indicator"]).set_index([*KEYS, "indicator"])
    for column in ("value", "status"):
        part = wide[column].unstack("indicator").reindex(columns=list(indicators.BY_CODE))
        suffix = "" if column == "value" else "_status"
        part = part.rename(columns=lambda c, s=suffix: c + s).reset_index().drop(columns=["agency_id", "year"])
        out = out.merge(part, on="report_id", how="left")
    return metrics.in_order(_typed(out, panel_columns()))


def with_per_capita(table: pd.DataFrame, values: pd.DataFrame, columns: list[Column]) -> pd.DataFrame:
    """The panel `table` with the covariates and per-capita figures of `values` (`derived.per_capita`) as
    the columns `columns` (`codebook.per_capita_columns`)."""
    wide = values.drop_duplicates(["report_id", "figure"]).set_index(["report_id", "figure"])
    parts = [values.drop_duplicates("report_id").set_index("report_id").filter(like="cov_")]
    for column, suffix in (("value", ""), ("status", "_status")):
        parts.append(wide[column].unstack("figure").rename(columns=lambda c, s=suffix: c + s))
    joined = pd.concat(parts, axis=1).reset_index()
    out = table.merge(joined, on="report_id", how="left")
    return _typed(out, [*(c for c in panel_columns()), *columns])


PROVENANCE_COLUMNS = [
    ("report_id", "string"), ("table", "string"), ("code", "string"), ("value", "Float64"), ("unit", "string"),
    ("flag", "string"), ("printed", "string"), ("confidence", "Float64"), ("quote", "string"),
    ("location", "string"), ("source_file", "string"), ("sha256", "string"), ("read_by", "string"),
]


def provenance(corpus: Corpus) -> pd.DataFrame:
    """One row per value read: the table cells (table t2/t3/t4, code as in `extract --json` without the
    table prefix) and the stated figures (table "narrative", with the quote they were read from)."""
    headings = corpus.sections.set_index(["report_id", "section"])["heading"]
    parts = []
    cells = {
        "t2": corpus.table2.assign(key=corpus.table2["code"]),
        "t3": corpus.table3.assign(key=corpus.table3["row"] + "." + corpus.table3["column"]),
        "t4": corpus.table4.assign(key=corpus.table4["group"] + "_" + corpus.table4["outcome"]),
    }
    for table, df in cells.items():
        where = [headings.get((r, TABLE_SECTIONS[table])) for r in df["report_id"].tolist()]
        parts.append(pd.DataFrame({
            "report_id": df["report_id"], "table": table, "code": df["key"], "value": df["value"].astype("Float64"),
            "unit": df.get("unit", pd.NA), "flag": df["flag"], "printed": df["printed"],
            "confidence": df["confidence"], "quote": pd.NA, "location": where,
        }))
    stated = corpus.narrative
    parts.append(pd.DataFrame({
        "report_id": stated["report_id"], "table": "narrative", "code": stated["figure"],
        "value": stated["value"].astype("Float64"), "unit": stated["figure"].map(_figure_unit), "flag": pd.NA,
        "printed": pd.NA, "confidence": pd.NA, "quote": stated["quote"],
        "location": _quote_headings(corpus.sections, stated),
    }))
    out = pd.concat(parts, ignore_index=True).drop(columns=["source_file", "sha256", "read_by"], errors="ignore")
    out = out.merge(_files(corpus), on="report_id", how="left")
    out = out.astype(dict(PROVENANCE_COLUMNS))[[c for c, _ in PROVENANCE_COLUMNS]]
    order = {"t2": 0, "t3": 1, "t4": 2, "narrative": 3}
    keys = corpus.reports.set_index("report_id")[["agency_id", "year"]]
    out = out.assign(agency_id=out["report_id"].map(keys["agency_id"]), year=out["report_id"].map(keys["year"]))
    out = metrics.in_order(out, "table", ranks={"table": list(order)})
    return out.drop(columns=["agency_id", "year"])


def _figure_unit(figure: str) -> str:
    return "元" if figure == "info_processing_fee" else "件" if figure.startswith("applications") else "条"


def _quote_headings(sections: pd.DataFrame, stated: pd.DataFrame) -> list[str | None]:
    """The heading of the section whose text holds each figure's quote (both normalised as the figures are
    read: `ingest.values.normalize`), else None."""
    texts: dict[str, list[tuple[str, str]]] = {}
    for rid, heading, text in zip(sections["report_id"], sections["heading"], sections["text"], strict=True):
        if isinstance(text, str):
            texts.setdefault(rid, []).append((heading if isinstance(heading, str) else None, normalize(text)))
    out = []
    for rid, quote in zip(stated["report_id"], stated["quote"], strict=True):
        found = None
        if isinstance(quote, str) and quote:
            found = next((h for h, t in texts.get(rid, []) if quote in t), None)
        out.append(found)
    return out
