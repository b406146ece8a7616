"""Peer position: where a report's metric ranks among reports of the same level or region in a year."""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.analysis.metrics import KEYS

#: peer groups a notebook can ask for → the `reports` column that defines them
PEER_GROUPS = {"level": "level", "region": "region"}


def peer_position(
    metric: pd.DataFrame, value: str, reports: pd.DataFrame, by: str = "level", ascending: bool = False
) -> pd.DataFrame:
    """Rank of `metric[value]` among reports with the same `by` (level or region) and year.

    Rank 1 is the largest value (the smallest with `ascending`). Reports whose value is null, or whose
    level/region is unknown, get no rank; `peer_count` counts the ranked reports of the group and
    `peer_median` is their median.
    """
    if by not in PEER_GROUPS:
        raise ValueError(f"同类分组只能是 {sorted(PEER_GROUPS)}，收到 {by!r}")
    out = metric[[*KEYS, value]].merge(
        reports[["report_id", PEER_GROUPS[by]]].rename(columns={PEER_GROUPS[by]: "peer_key"}),
        on="report_id",
        how="left",
    )
    ranked = out[out["peer_key"].notna() & out[value].notna()]
    groups = ranked.groupby(["year", "peer_key"])[value]
    out["rank"] = groups.rank(method="min", ascending=ascending).astype("Int64")
    stats = groups.agg(peer_count="count", peer_median="median").reset_index()
    out = out.merge(stats, on=["year", "peer_key"], how="left")
    out["peer_count"] = out["peer_count"].astype("Int64").where(out["rank"].notna())
    out["peer_median"] = out["peer_median"].astype("Float64")
    out.insert(len(KEYS), "peer_group", by)
    return out
