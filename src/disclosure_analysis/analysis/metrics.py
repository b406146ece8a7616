"""The metrics the notebooks show, as pure functions over the corpus frames (`corpus.schema` columns).

Null handling — a blank cell is not 0:
- A metric read from one cell is null when that cell is blank (or the report does not print it).
- A group sum (e.g. 不予公开 = the 8 reason rows) is null when any of its printed cells is blank: summing
  the rest would silently read the blank as 0. Rows the report's format does not print are not part of
  its groups (a 2019 table has one （六）其他处理 row, a 2021 table three sub-rows).
- A ratio is null when its numerator or denominator is null, or its denominator is 0. Every ratio is
  returned with its denominator beside it so a reader can judge it.
- 表三 metrics use the 总计 column as printed; it is never recomputed from the applicant columns.
- Year-over-year compares with exactly the previous year; a gap year leaves the change null.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

from disclosure_analysis import formats

KEYS = ["report_id", "agency_id", "year"]
#: the order rows come out in: by agency, then year
ORDER = ["agency_id", "year", "report_id"]

APPLICANTS: tuple[str, ...] = formats.table3().column_codes[:-1]

#: 表三 result rows by outcome group; a report prints either `other` (2019) or the three sub-rows (2021)
OUTCOME_GROUPS: dict[str, tuple[str, ...]] = {
    "granted": ("granted",),
    "partial": ("partial",),
    "denied": tuple(c for c, r in formats.table3().rows.items() if r.group == "（三）不予公开"),
    "unable": tuple(c for c, r in formats.table3().rows.items() if r.group == "（四）无法提供"),
    "rejected": tuple(c for c, r in formats.table3().rows.items() if r.group == "（五）不予处理"),
    "other": ("other", *(c for c, r in formats.table3().rows.items() if r.group == "（六）其他处理")),
}


def in_order(
    df: pd.DataFrame, *columns: str, ranks: Mapping[str, Sequence[str]] | None = None
) -> pd.DataFrame:
    """Rows by agency, year and report, then by `columns` (in the order `ranks` gives for a column)."""
    rank = {c: {v: i for i, v in enumerate(values)} for c, values in (ranks or {}).items()}
    by = [c for c in (*ORDER, *columns) if c in df.columns]
    out = df.sort_values(by, key=lambda s: s.map(rank[s.name]) if s.name in rank else s, na_position="last")
    return out.reset_index(drop=True)


def ratio(numerator: pd.Series, denominator: pd.Series) -> pd.Series:
    """numerator / denominator as Float64; null where either is null or the denominator is 0."""
    den = denominator.astype("Float64")
    return (numerator.astype("Float64") / den.where(den.fillna(0) != 0)).astype("Float64")


def subset(
    df: pd.DataFrame, agency_ids: Iterable[str] | None = None, years: Iterable[int] | None = None
) -> pd.DataFrame:
    """Rows of a corpus frame for the given agencies and years (None or empty = all)."""
    mask = pd.Series(True, index=df.index)
    agency_ids, years = list(agency_ids or []), list(years or [])
    if agency_ids:
        mask &= df["agency_id"].isin(agency_ids).fillna(False)
    if years:
        mask &= df["year"].isin(years).fillna(False)
    return df[mask]


def _strict_sums(long: pd.DataFrame, by: list[str]) -> pd.Series:
    """Sum of `value` per group, null when any value in the group is null."""
    grouped = long.groupby(by, dropna=False, sort=True)["value"]
    has_null = long["value"].isna().groupby([long[c] for c in by], dropna=False, sort=True).any()
    return grouped.sum(min_count=1).astype("Float64").mask(has_null).astype("Int64")


def widen(
    long: pd.DataFrame, index: list[str], columns: str, codes: Sequence[str], dtype: str
) -> pd.DataFrame:
    """Long cells → one row per `index`, one column per code in `codes` (absent cells are null)."""
    cells = long.drop_duplicates([*index, columns]).set_index([*index, columns])["value"]
    wide = cells.unstack(columns).reindex(columns=list(codes)).astype(dtype)
    return in_order(wide.rename_axis(columns=None).reset_index(), *[c for c in index if c not in ORDER])


def table3_wide(table3: pd.DataFrame, column: str = "total") -> pd.DataFrame:
    """One row per report, one column per 表三 row code, values of one applicant column."""
    return widen(table3[table3["column"] == column], KEYS, "row", list(formats.table3().rows), "Int64")


def applications_by_applicant(table3: pd.DataFrame) -> pd.DataFrame:
    """新收申请 (row 一) per applicant type, with the printed 总计 as the share's denominator."""
    received = table3[table3["row"] == "new_received"]
    total = received[received["column"] == "total"][[*KEYS, "value"]].rename(columns={"value": "total"})
    out = received[received["column"].isin(APPLICANTS)][[*KEYS, "column", "value"]]
    out = out.rename(columns={"column": "applicant", "value": "count"}).merge(total, on=KEYS, how="left")
    out["share"] = ratio(out["count"], out["total"])
    return in_order(out, "applicant", ranks={"applicant": APPLICANTS})


def outcome_mix(table3: pd.DataFrame, detail: bool = False) -> pd.DataFrame:
    """办理结果 per report in the 总计 column: by group (予以公开 … 其他处理), or by row with `detail`.

    Columns: report_id, agency_id, year, group, outcome, count, handled_total, share (of 总计).
    """
    row_group = {row: group for group, rows in OUTCOME_GROUPS.items() for row in rows}
    cells = table3[(table3["column"] == "total") & table3["row"].isin(row_group)]
    cells = cells.assign(group=cells["row"].map(row_group))
    if detail:
        out = cells[[*KEYS, "group", "row", "value"]].rename(columns={"row": "outcome", "value": "count"})
    else:
        out = _strict_sums(cells, [*KEYS, "group"]).rename("count").reset_index()
        out["outcome"] = out["group"]
    totals = table3_wide(table3)[[*KEYS, "handled_total"]]
    out = out.merge(totals, on=KEYS, how="left")
    out["share"] = ratio(out["count"], out["handled_total"])
    out = in_order(out, "group", "outcome", ranks={"group": list(OUTCOME_GROUPS), "outcome": list(row_group)})
    return out[[*KEYS, "group", "outcome", "count", "handled_total", "share"]].reset_index(drop=True)


def release_rate(table3: pd.DataFrame) -> pd.DataFrame:
    """公开率 = (予以公开 + 部分公开) / 办理结果总计, with the denominator `handled_total` beside it."""
    wide = table3_wide(table3)
    out = wide[[*KEYS, "granted", "partial", "handled_total"]].copy()
    out["released"] = out["granted"] + out["partial"]
    out["release_rate"] = ratio(out["released"], out["handled_total"])
    return out


def carry_over(table3: pd.DataFrame) -> pd.DataFrame:
    """Flow of applications (总计 column): 上年结转, 新收, 办结, 结转下年度, backlog rate and the X1 link.

    `backlog_rate` = 结转下年度 / (新收 + 上年结转); `previous_carried_out` is 结转下年度 of the same
    agency's report for year − 1 and `carry_link_ok` whether 上年结转 equals it (null when unknown).
    """
    wide = table3_wide(table3)
    out = wide[[*KEYS, "carried_in", "new_received", "handled_total", "carried_out"]].copy()
    out["backlog_rate"] = ratio(out["carried_out"], out["new_received"] + out["carried_in"])
    prev = year_over_year(out[[*KEYS, "carried_out"]], "carried_out")["previous"]
    out["previous_carried_out"] = prev.astype("Int64")
    out["carry_link_ok"] = (out["carried_in"] == out["previous_carried_out"]).astype("boolean")
    return out


def review_litigation(table4: pd.DataFrame) -> pd.DataFrame:
    """行政复议/行政诉讼 per report and group, with 纠错率 = 结果纠正 / (总计 − 尚未审结)."""
    wide = widen(table4, [*KEYS, "group"], "outcome", [o for o, _ in formats.table4().outcomes], "Int64")
    wide["decided"] = wide["total"] - wide["pending"]
    wide["correction_rate"] = ratio(wide["corrected"], wide["decided"])
    return in_order(wide, "group", ranks={"group": [g for g, _ in formats.table4().groups]})


def year_over_year(df: pd.DataFrame, value: str, by: Sequence[str] = ("agency_id",)) -> pd.DataFrame:
    """`df` with `previous` (the value for year − 1 within `by`), `change` and `change_pct` added."""
    keys = [*by, "year"]
    prev = df[[*keys, value]].drop_duplicates(keys).rename(columns={value: "previous"})
    prev["year"] = prev["year"] + 1
    out = df.merge(prev, on=keys, how="left")
    out["change"] = out[value] - out["previous"]
    out["change_pct"] = ratio(out["change"], out["previous"])
    return out


def proactive_volume(narrative: pd.DataFrame, table2: pd.DataFrame, reports: pd.DataFrame) -> pd.DataFrame:
    """主动公开 per report: the stated total (section 一/二 narrative) and the main 表二 counts.

    A total stated only as a lower bound ("5500余条") is not the exact total (`proactive_total` is null)
    but `proactive_total_at_least`. 2019-format 本年新制作数量 is shown as 制发 (`*_issued`); 收费金额
    exists only in the 2021 format.
    """
    counts = [
        "regulations_issued",
        "normative_issued",
        "licensing_decisions",
        "punishment_decisions",
        "coercion_decisions",
        "fees_amount",
    ]
    t2 = widen(table2, KEYS, "code", [*counts, "regulations_new_made", "normative_new_made"], "Float64")
    for kind in ("regulations", "normative"):
        t2[f"{kind}_issued"] = t2[f"{kind}_issued"].fillna(t2[f"{kind}_new_made"])
    t2 = t2[[*KEYS, *counts]]
    out = reports[KEYS]
    for figure in ("proactive_total", "proactive_total_at_least"):
        stated = narrative[narrative["figure"] == figure].drop_duplicates("report_id")
        out = out.merge(stated[["report_id", "value"]].rename(columns={"value": figure}), on="report_id", how="left")
    out = out.merge(t2, on=KEYS, how="left")
    out = out[[*KEYS, "proactive_total", *counts, "proactive_total_at_least"]]
    return out.astype({"proactive_total": "Float64", "proactive_total_at_least": "Float64", **{c: "Float64" for c in counts}})


def report_metrics(
    reports: pd.DataFrame,
    table2: pd.DataFrame,
    table3: pd.DataFrame,
    table4: pd.DataFrame,
    narrative: pd.DataFrame,
) -> pd.DataFrame:
    """One row per report with the headline metrics (league tables, year-over-year, the workbook).

    行政诉讼 combines 未经复议直接起诉 and 复议后起诉 (null when either is blank).
    """
    flows = carry_over(table3)[[*KEYS, "new_received", "carried_in", "carried_out", "backlog_rate"]]
    rate = release_rate(table3)[[*KEYS, "released", "handled_total", "release_rate"]]
    rl = review_litigation(table4).set_index([*KEYS, "group"])[["total", "corrected", "decided"]]
    by_group = rl.unstack("group")
    cases = pd.DataFrame(index=by_group.index)
    for name, groups in (("review", ["review"]), ("suit", ["suit_direct", "suit_after_review"])):
        for field in ("total", "corrected", "decided"):
            parts = [
                by_group.get((field, g), pd.Series(pd.NA, index=by_group.index, dtype="Int64"))
                for g in groups
            ]
            cases[f"{name}_{field}"] = sum(parts[1:], parts[0])
        cases[f"{name}_correction_rate"] = ratio(cases[f"{name}_corrected"], cases[f"{name}_decided"])
    cases = cases[
        ["review_total", "review_correction_rate", "suit_total", "suit_correction_rate"]
    ].reset_index()
    volume = proactive_volume(narrative, table2, reports)[[*KEYS, "proactive_total"]]
    out = reports[[*KEYS, "agency", "level", "region"]]
    for part in (volume, flows, rate, cases):
        out = out.merge(part, on=KEYS, how="left")
    return out


def r1_balance(table3: pd.DataFrame) -> pd.DataFrame:
    """The printed identity R1 per report and column: 一 + 二 = 三（七）总计 + 四 (null when a cell is blank)."""
    rows = ["new_received", "carried_in", "handled_total", "carried_out"]
    out = widen(table3, [*KEYS, "column"], "row", rows, "Int64")
    out["inflow"] = out["new_received"] + out["carried_in"]
    out["outflow"] = out["handled_total"] + out["carried_out"]
    out["difference"] = out["inflow"] - out["outflow"]
    out["holds"] = (out["difference"] == 0).astype("boolean")
    return in_order(out, "column", ranks={"column": formats.table3().column_codes})


def r3_results(table3: pd.DataFrame) -> pd.DataFrame:
    """R3 per report and column: the result rows (（一）…（六）) summed against （七）总计."""
    results = [r for rows in OUTCOME_GROUPS.values() for r in rows]
    sums = _strict_sums(table3[table3["row"].isin(results)], [*KEYS, "column"]).rename("results_sum")
    totals = widen(table3, [*KEYS, "column"], "row", ["handled_total"], "Int64")
    out = sums.reset_index().merge(totals, on=[*KEYS, "column"], how="outer")
    out["difference"] = out["results_sum"] - out["handled_total"]
    out["holds"] = (out["difference"] == 0).astype("boolean")
    return in_order(out, "column", ranks={"column": formats.table3().column_codes})


def r5_balance(table4: pd.DataFrame) -> pd.DataFrame:
    """R5 per report and 表四 group: 维持 + 纠正 + 其他 + 尚未审结 = 总计."""
    out = review_litigation(table4)
    out["parts_sum"] = out["upheld"] + out["corrected"] + out["other"] + out["pending"]
    out["difference"] = out["parts_sum"] - out["total"]
    out["holds"] = (out["difference"] == 0).astype("boolean")
    return out[
        [
            *KEYS,
            "group",
            "upheld",
            "corrected",
            "other",
            "pending",
            "parts_sum",
            "total",
            "difference",
            "holds",
        ]
    ]


def findings_matrix(findings: pd.DataFrame, severities: Sequence[str] = ("error", "warning")) -> pd.DataFrame:
    """Number of findings per agency (rows) and rule (columns), for the given severities."""
    kept = findings[findings["severity"].isin(severities).fillna(False)]
    return kept.pivot_table(
        index="agency_id", columns="rule", values="report_id", aggfunc="count", fill_value=0
    )


def coverage(reports: pd.DataFrame, years: Iterable[int] | None = None) -> pd.DataFrame:
    """Per agency (index `agency_id`): `first_year` and `last_year` with a report, `reports`, and the years
    of the corpus (of `years`, when given) with no report of it (`missing_years` as text, `missing` their
    number), from its first report's year to the latest year. Without a register of who must report
    since when, a year before an agency's first report is not counted as missing: a 2011 report of one
    agency does not make 2011 a missing year of every other."""
    known = reports.dropna(subset=["year"]).astype({"year": int})
    chosen = sorted(set(years or known["year"]))
    latest = max(chosen, default=0)
    rows = []
    for agency, own in known.groupby("agency_id", sort=True):
        have = set(own["year"])
        first = min(have)
        missing = [y for y in chosen if first <= y <= latest and y not in have]
        rows.append({
            "agency_id": agency, "first_year": first, "last_year": max(have), "reports": len(own),
            "missing_years": "、".join(map(str, missing)), "missing": len(missing),
        })
    columns = ["agency_id", "first_year", "last_year", "reports", "missing_years", "missing"]
    out = pd.DataFrame(rows, columns=columns).astype(
        {"first_year": "Int64", "last_year": "Int64", "reports": "Int64", "missing": "Int64", "missing_years": "string"}
    )
    return out.set_index("agency_id")


def richest_report(table3: pd.DataFrame) -> str | None:
    """The report with the most non-null 表三 cells; ties go to more non-zero cells, the latest year, the id."""
    if table3.empty:
        return None
    cells = table3.assign(filled=table3["value"].notna(), nonzero=table3["value"].fillna(0).ne(0))
    counts = cells.groupby(["report_id", "year"], dropna=False)[["filled", "nonzero"]].sum().reset_index()
    counts = counts.sort_values(
        ["filled", "nonzero", "year", "report_id"], ascending=[False, False, False, True]
    )
    return str(counts["report_id"].iloc[0])

