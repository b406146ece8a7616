"""Analysis frames computed once for a whole corpus (cached on it) and looked up per agency.

The analysis functions are vectorised: running one over every report costs about what running it over
one agency's reports does, so an agency page takes its rows from the corpus-wide frame instead of
computing its own. Rankings and year-over-year changes need the whole corpus anyway. A warm kernel
(`site.inkernel`) keeps its corpus between pages and with it these frames, so a site computes each once
per kernel. Every call returns a new frame (a shallow copy: pandas copy-on-write keeps the cached one
unchanged whatever the caller does with it).

Rates here are those of `indicators`: null, with status `unbalanced`, for a table that fails its
identities, so such a report is never ranked by them; the outcome shares of such a table are null too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import Any

import pandas as pd

from disclosure_analysis.analysis import indicators, metrics, percapita
from disclosure_analysis.analysis.peers import PEER_GROUPS, peer_position
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.corpus.covariates import Covariates

#: counts compared across years (columns of the `metrics` frame)
HEADLINE_COUNTS = ("proactive_total", "new_received", "review_total", "suit_total")
#: rates compared across years, in percentage points (`indicators` codes; `<code>_pct` in `metrics`)
HEADLINE_RATES = ("release_rate", "denied_rate", "unable_rate", "backlog_rate", "correction_rate")
HEADLINE = (*HEADLINE_COUNTS, *(f"{r}_pct" for r in HEADLINE_RATES))
#: the metrics an agency page ranks among its peers
PEER_METRICS = ("new_received", "release_rate_pct", "proactive_total", "review_total")
#: rates of `report_metrics` replaced by the indicators' (computed only from tables that add up)
_UNGATED = ("release_rate", "backlog_rate", "review_correction_rate", "suit_correction_rate")


def _indicators(c: Corpus) -> pd.DataFrame:
    return indicators.indicator_values(c.reports, c.table3, c.table4, c.narrative, c.findings)


def _metrics(c: Corpus) -> pd.DataFrame:
    table = metrics.report_metrics(c.reports, c.table2, c.table3, c.table4, c.narrative).drop(columns=list(_UNGATED))
    bounds = frame(c, "proactive_volume")[["report_id", "proactive_total_at_least"]]
    table = table.merge(bounds, on="report_id", how="left")
    table = table.merge(indicators.wide(frame(c, "indicators")).drop(columns=["agency_id", "year"]), on="report_id", how="left")
    for rate in indicators.RATES:  # compared in percentage points
        table[f"{rate}_pct"] = table[rate] * 100
    return table


def _headline_changes(c: Corpus) -> pd.DataFrame:
    """Year over year per agency and headline metric. A count stated only as a lower bound ("5500余条")
    is compared as such: `value` is the bound and `at_least` true; the change from an exact figure to a
    bound is itself a lower bound, the change from a bound is unknown (null). Rates change in percentage
    points (`change`); their relative change is not given."""
    table = frame(c, "metrics")
    table = table.assign(
        proactive_total=table["proactive_total"].fillna(table["proactive_total_at_least"]),
        at_least=table["proactive_total"].isna() & table["proactive_total_at_least"].notna(),
    )
    long = table.melt(id_vars=[*metrics.KEYS, "at_least"], value_vars=list(HEADLINE), var_name="metric")
    long["at_least"] = long["at_least"] & long["metric"].eq("proactive_total")
    long = long.astype({"value": "Float64", "at_least": "boolean"})
    out = metrics.year_over_year(long, "value", by=("agency_id", "metric"))
    flags = long.assign(year=long["year"] + 1)[["agency_id", "metric", "year", "at_least"]]
    flags = flags.drop_duplicates(["agency_id", "metric", "year"]).rename(columns={"at_least": "previous_at_least"})
    out = out.merge(flags, on=["agency_id", "metric", "year"], how="left")
    from_bound = out["previous_at_least"].fillna(False).astype(bool)
    out["change"] = out["change"].mask(from_bound)
    is_rate = out["metric"].str.endswith("_pct")
    out["change_pct"] = out["change_pct"].mask(from_bound | is_rate)
    return out.drop(columns="previous_at_least")


def _peer_positions(c: Corpus, by: str) -> pd.DataFrame:
    table = frame(c, "metrics")
    parts = [
        peer_position(table, m, c.reports, by=by).rename(columns={m: "value"}).assign(metric=m)
        for m in PEER_METRICS
    ]
    return pd.concat(parts, ignore_index=True)


def _gated(table: str, columns: Iterable[str], compute: Callable[[Corpus], pd.DataFrame]) -> Callable[[Corpus], pd.DataFrame]:
    """A frame of `compute` whose `columns` are null for reports whose `table` does not add up."""
    return lambda c: indicators.gate(compute(c), c.findings, table, columns)


#: name → how the frame is computed from a corpus
FRAMES: dict[str, Callable[[Corpus], pd.DataFrame]] = {
    "proactive_volume": lambda c: metrics.proactive_volume(c.narrative, c.table2, c.reports),
    "applications_by_applicant": lambda c: metrics.applications_by_applicant(c.table3),
    "outcome_mix": _gated("t3", ["share"], lambda c: metrics.outcome_mix(c.table3)),
    "outcome_reasons": _gated("t3", ["share"], lambda c: metrics.outcome_mix(c.table3, detail=True)),
    "carry_over": _gated("t3", ["backlog_rate"], lambda c: metrics.carry_over(c.table3)),
    "review_litigation": _gated("t4", ["correction_rate"], lambda c: metrics.review_litigation(c.table4)),
    "indicators": _indicators,
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


def peer_members(corpus: Corpus, by: str, year: int, key: str) -> list[str]:
    """The reports of peer group `key` (a `peer_key` of the `peers_<by>` frame) in `year`; the groups are
    found once per corpus, so a page looks its group up instead of scanning every report."""

    def members() -> dict[tuple[int, str], list[str]]:
        peers = frame(corpus, f"peers_{by}")
        known = peers[peers["metric"].eq(PEER_METRICS[0]) & peers["peer_key"].notna()]
        return {(int(y), str(k)): list(ids) for (y, k), ids in known.groupby(["year", "peer_key"])["report_id"]}

    return _cached(corpus, f"peer_members_{by}", members).get((int(year), key), [])


def per_capita(corpus: Corpus, covariates: Covariates) -> pd.DataFrame:
    """`percapita.per_capita` of every report with `covariates` joined, and the covariates themselves
    (columns `cov_<name>` beside the figures' rows), computed once per corpus and covariates file."""

    def compute() -> pd.DataFrame:
        joined = covariates.join(corpus.reports)
        values = percapita.per_capita(frame(corpus, "metrics"), joined, corpus.findings)
        return values.merge(joined.drop(columns=["agency_id", "year"]).add_prefix("cov_"), left_on="report_id",
                            right_on="cov_report_id", how="left").drop(columns="cov_report_id")

    return _cached(corpus, f"per_capita:{covariates.digest}", compute).copy(deep=False)


def _cached(corpus: Corpus, key: str, compute: Callable[[], Any]) -> Any:
    store = corpus.derived
    if key not in store:
        store[key] = compute()
    return store[key]
