"""Peer position: where a report's metric ranks among the reports of agencies like it in the same year.

A peer group is a combination of `reports` columns (`PEER_GROUPS`): the agency's kind and level, and for
`region` also its region. The keys are data: a key column the corpus does not have (the agency's kind
until extraction or a register gives it) is left out, and a report whose value of a key is unknown
(null, or "unknown") belongs to no group. A group smaller than `MIN_GROUP` reports is too small to rank
in: its reports get no rank and no median, only their number.
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.analysis.metrics import KEYS

#: peer groups a notebook can ask for → the `reports` columns that define them, in order
PEER_GROUPS: dict[str, tuple[str, ...]] = {
    "level": ("agency_kind", "level"),
    "region": ("agency_kind", "level", "region"),
}
#: the fewest reports (with a value) a group must have for ranks and medians to be shown
MIN_GROUP = 5
UNKNOWN = "unknown"


def peer_keys(reports: pd.DataFrame, by: str) -> list[str]:
    """The columns of `reports` that define peer group `by` (those the corpus has)."""
    if by not in PEER_GROUPS:
        raise ValueError(f"同类分组只能是 {sorted(PEER_GROUPS)}，收到 {by!r}")
    return [c for c in PEER_GROUPS[by] if c in reports.columns]


def peer_labels(reports: pd.DataFrame, by: str) -> pd.Series:
    """Each report's peer group as text ("人民政府 · 县级 · 沭阳县"), null when a key is unknown; by `report_id`."""
    keys = peer_keys(reports, by)
    values = reports.set_index("report_id")[keys].astype("string")
    known = values.notna().all(axis=1) & ~values.eq(UNKNOWN).fillna(False).any(axis=1)
    if "agency_kind" in keys:  # shown by its Chinese name ("政府部门 · 市级")
        values["agency_kind"] = values["agency_kind"].map(formats.agency_kinds().names).fillna(values["agency_kind"])
    joined = values.fillna("").agg(" · ".join, axis=1) if keys else pd.Series("", index=values.index)
    return joined.where(known & bool(keys)).astype("string")


def peer_position(
    metric: pd.DataFrame,
    value: str,
    reports: pd.DataFrame,
    by: str = "level",
    ascending: bool = False,
    min_group: int = MIN_GROUP,
) -> pd.DataFrame:
    """Rank of `metric[value]` among the reports of the same peer group (`by`) and year.

    Rank 1 is the largest value (the smallest with `ascending`). Reports whose value is null, or whose group
    is unknown, get no rank. `peer_count` counts the reports of the group that have a value; `rank` and
    `peer_median` (their median) are shown only when it is at least `min_group`.
    """
    labels = peer_labels(reports, by)
    out = metric[[*KEYS, value]].copy()
    out["peer_key"] = out["report_id"].map(labels).astype("string")
    ranked = out[out["peer_key"].notna() & out[value].notna()]
    groups = ranked.groupby(["year", "peer_key"])[value]
    out["rank"] = groups.rank(method="min", ascending=ascending).astype("Int64")
    stats = groups.agg(peer_count="count", peer_median="median").reset_index()
    out = out.merge(stats, on=["year", "peer_key"], how="left")
    out["peer_count"] = out["peer_count"].astype("Int64").where(out[value].notna() & out["peer_key"].notna())
    large = out["peer_count"].fillna(0).ge(min_group)
    out["rank"] = out["rank"].where(large)
    out["peer_median"] = out["peer_median"].astype("Float64").where(large)
    out.insert(len(KEYS), "peer_group", by)
    return out
