"""Analysis frames computed once for a whole corpus (cached on it) and looked up per agency.

The analysis functions are vectorised: running one over every report costs about what running it over
one agency's reports does, so an agency page takes its rows from the corpus-wide frame instead of
computing its own. Rankings and year-over-year changes need the whole corpus anyway. A warm kernel
(`site.inkernel`) keeps its corpus between pages and with it these frames, so a site computes each once
per kernel. Every call returns a new frame (a shallow copy: pandas copy-on-write keeps the cached one
unchanged whatever the caller does with it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import pandas as pd

from disclosure_analysis.analysis import metrics
from disclosure_analysis.analysis.peers import PEER_GROUPS, peer_position
from disclosure_analysis.corpus import Corpus

#: the headline metrics of a report compared across years and peers (columns of the `metrics` frame)
HEADLINE = ("proactive_total", "new_received", "release_rate_pct", "review_total", "suit_total")


def _metrics(c: Corpus) -> pd.DataFrame:
    table = metrics.report_metrics(c.reports, c.table2, c.table3, c.table4, c.narrative)
    return table.assign(release_rate_pct=table["release_rate"] * 100)  # compared in percentage points


def _headline_changes(c: Corpus) -> pd.DataFrame:
    long = frame(c, "metrics").melt(
        id_vars=metrics.KEYS, value_vars=list(HEADLINE), var_name="metric", value_name="value"
    )
    return metrics.year_over_year(long.astype({"value": "Float64"}), "value", by=("agency_id", "metric"))


#: the metrics an agency page ranks among its peers
PEER_METRICS = ("new_received", "release_rate_pct", "proactive_total", "review_total")


def _peer_positions(c: Corpus, by: str) -> pd.DataFrame:
    table = frame(c, "metrics")
    parts = [
        peer_position(table, m, c.reports, by=by).rename(columns={m: "value"}).assign(metric=m)
        for m in PEER_METRICS
    ]
    return pd.concat(parts, ignore_index=True)


#: name → how the frame is computed from a corpus
FRAMES: dict[str, Callable[[Corpus], pd.DataFrame]] = {
    "proactive_volume": lambda c: metrics.proactive_volume(c.narrative, c.table2, c.reports),
    "applications_by_applicant": lambda c: metrics.applications_by_applicant(c.table3),
    "outcome_mix": lambda c: metrics.outcome_mix(c.table3),
    "outcome_reasons": lambda c: metrics.outcome_mix(c.table3, detail=True),
    "release_rate": lambda c: metrics.release_rate(c.table3),
    "carry_over": lambda c: metrics.carry_over(c.table3),
    "review_litigation": lambda c: metrics.review_litigation(c.table4),
    "metrics": _metrics,
    "headline_changes": _headline_changes,
    **{f"peers_{by}": partial(_peer_positions, by=by) for by in PEER_GROUPS},  # see peers.peer_position
}


def frame(corpus: Corpus, name: str) -> pd.DataFrame:
    """The corpus-wide frame `name` of `FRAMES`."""
    return _cached(corpus, name, lambda: FRAMES[name](corpus)).copy(deep=False)


def rows(corpus: Corpus, name: str, report_ids: Iterable[str]) -> pd.DataFrame:
    """The rows of frame `name` for the given reports, in the frame's order, with a fresh index."""
    return corpus.rows(name, _cached(corpus, name, lambda: FRAMES[name](corpus)), set(report_ids))


def _cached(corpus: Corpus, key: str, compute: Callable[[], Any]) -> Any:
    store = corpus.derived
    if key not in store:
        store[key] = compute()
    return store[key]
