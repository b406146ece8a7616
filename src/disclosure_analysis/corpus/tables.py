"""The corpus as tidy pandas tables: `Corpus` (every table read), `LazyCorpus` (each table made when first
read) and `Selection` (some reports of a corpus). Columns are defined in `schema`."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from disclosure_analysis.errors import READ_STATUSES, SKIPPED_STATUSES


@dataclass
class Corpus:
    """Tidy tables of a set of reports (see `schema.TABLES` for every column)."""

    reports: pd.DataFrame
    table2: pd.DataFrame
    table3: pd.DataFrame
    table4: pd.DataFrame
    sections: pd.DataFrame
    narrative: pd.DataFrame
    findings: pd.DataFrame
    manifest: pd.DataFrame

    TABLES = ("reports", "table2", "table3", "table4", "sections", "narrative", "findings", "manifest")

    def __post_init__(self) -> None:
        self.derived: dict[str, Any] = {}  # frames computed from these tables, kept with them (`analysis.derived`)

    def agency(self, agency_id: str) -> Corpus:
        """The sub-corpus of one agency (all its reports and their rows)."""
        ids = set(self.reports.loc[self.reports["agency_id"] == agency_id, "report_id"])
        return self.select(ids)

    def select(self, report_ids: Iterable[str]) -> Corpus:
        """The sub-corpus of the given reports: each of its tables is taken from this corpus's when first
        read (a page reads two or three of the eight)."""
        return Selection(self, set(report_ids))

    def selected(self, name: str, report_ids: set[str]) -> pd.DataFrame:
        """The rows of table `name` for the given reports (see `rows`)."""
        return self.rows(name, getattr(self, name), report_ids)

    def rows(self, key: str, df: pd.DataFrame, report_ids: set[str]) -> pd.DataFrame:
        """The rows of `df` (a table of this corpus or a frame derived from it, named `key`) for the given
        reports, in `df`'s order, with a fresh index. Each report's row positions are found once per frame
        (a table replaced by another frame gets its positions found again)."""
        cached = self.derived.get(f"{key}:positions")
        if cached is None or cached[0] is not df:
            cached = self.derived[f"{key}:positions"] = (df, df.groupby("report_id", sort=False).indices)
        where = cached[1]
        found = [where[r] for r in report_ids if r in where]
        positions = np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)
        return df.take(positions).reset_index(drop=True)

    @property
    def unread(self) -> pd.DataFrame:
        """The manifest rows of the inputs that could not be read (failed, not a report, needing OCR); not
        those left out on purpose (hidden files, copies, files of other types: status skipped or duplicate)."""
        return self.manifest[~self.manifest["status"].isin(READ_STATUSES | SKIPPED_STATUSES)]

    def cells(self, report_id: str) -> dict[str, float | int | None]:
        """Flat cells of one report, keyed like `extract --json`."""
        out: dict[str, float | int | None] = {}
        for r in self.table2[self.table2["report_id"] == report_id].itertuples():
            out[f"t2.{r.code}"] = None if pd.isna(r.value) else r.value
        for r in self.table3[self.table3["report_id"] == report_id].itertuples():
            out[f"t3.{r.row}.{r.column}"] = None if pd.isna(r.value) else int(r.value)
        for r in self.table4[self.table4["report_id"] == report_id].itertuples():
            out[f"t4.{r.group}_{r.outcome}"] = None if pd.isna(r.value) else int(r.value)
        return out


class LazyCorpus(Corpus):
    """A corpus whose tables are each made (`load`) when first read, and kept."""

    def load(self, name: str) -> pd.DataFrame:
        raise NotImplementedError

    def __getattr__(self, name: str) -> pd.DataFrame:  # only for what is not set: a table not read yet
        if name not in Corpus.TABLES:
            raise AttributeError(name)
        df = self.load(name)
        setattr(self, name, df)
        return df


class Selection(LazyCorpus):
    """Some reports of a corpus (`Corpus.select`): each table is taken from `source`'s when first read."""

    def __init__(self, source: Corpus, report_ids: set[str]) -> None:
        self.source, self.report_ids = source, report_ids
        self.derived: dict[str, Any] = {}  # as `Corpus.derived`

    def load(self, name: str) -> pd.DataFrame:
        return self.source.selected(name, self.report_ids)

    def __repr__(self) -> str:
        return f"Selection({len(self.report_ids)} reports)"
