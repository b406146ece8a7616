"""The agency and overview pages' tables of indicators, outcomes, changes and peers, as display-ready frames.

Each takes the rows of a corpus-wide frame (`analysis.derived`) and returns a frame of formatted text with
Chinese headings: one row per indicator or outcome, one column per year, so a table has as many rows as
there are things to say, not years × things; rows with nothing in any year are left out. Numbers follow
`display`'s formats: counts with thousands separators, rates with one decimal and %, changes of rates in
百分点, lower bounds as "≥ 5,500", and a rate of a table that does not add up as "表内不平衡".
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.analysis import indicators
from disclosure_analysis.analysis.peers import MIN_GROUP
from disclosure_analysis.formats import names
from disclosure_analysis.page.display import NULL, Html, count, pct, plain, points, signed
from disclosure_analysis.page.display import at_least as bound

#: how the headline metrics are named on a page (`derived.HEADLINE`)
HEADLINE_NAMES = {
    "proactive_total": "主动公开信息（条）",
    "new_received": "本年新收申请（件）",
    "review_total": "行政复议（件）",
    "suit_total": "行政诉讼（件）",
    **{f"{code}_pct": indicators.BY_CODE[code].name for code in indicators.RATES},
}


def _years(values: pd.Series) -> list[int]:
    return sorted(int(y) for y in values.dropna().unique())


def _by_year(rows: pd.DataFrame, label: str, cell: pd.Series, order: list[str]) -> pd.DataFrame:
    """Text cells of `rows` (one per label and year) as a table: labels in `order` down, years across."""
    table = rows.assign(_cell=cell.to_numpy()).pivot_table(
        index=label, columns="year", values="_cell", aggfunc="first", observed=True
    )
    years = _years(rows["year"])
    table = table.reindex(index=[o for o in order if o in set(rows[label])], columns=years).fillna(NULL)
    table.columns = [f"{y} 年" for y in table.columns]
    return table.rename_axis(index=None).reset_index(names="")


def indicator_table(values: pd.DataFrame) -> pd.DataFrame:
    """Rows of `derived` "indicators" as one row per indicator, one column per year: a rate with its
    numerator and denominator ("59.5%（1,816 / 3,050）"), an amount with its unit, and for a value not
    computed why ("表内不平衡", "—"). Indicators blank in every year are left out."""
    cells = []
    for code, num, den, value, status in zip(
        values["indicator"].tolist(), values["numerator"].tolist(), values["denominator"].tolist(),
        values["value"].tolist(), values["status"].tolist(), strict=True,
    ):
        ind = indicators.BY_CODE[code]
        if status != indicators.OK:
            cells.append(indicators.STATUS_TEXT.get(status) or NULL)
        elif ind.is_rate:
            cells.append(f"{pct(value)}（{count(num)} / {count(den)}）")
        else:
            cells.append(f"{count(value)} {ind.unit}")
    named = values.assign(name=values["indicator"].map(lambda c: indicators.BY_CODE[c].name))
    said = named.groupby("name")["status"].transform(lambda s: s.ne(indicators.BLANK).any())
    kept = named[said.to_numpy()]
    shown = [c for c, keep in zip(cells, said.tolist(), strict=True) if keep]
    order = [i.name for i in indicators.INDICATORS]
    return _by_year(kept, "name", pd.Series(shown, dtype=object), order).rename(columns={"": "指标"})


def unbalanced_note(findings: pd.DataFrame) -> Html | None:
    """Which years' tables fail their identities, so that their rates are not computed; None when none."""
    failing = indicators.unbalanced(findings)
    if failing.empty:
        return None
    years = findings.drop_duplicates("report_id").set_index("report_id")["year"]
    parts = []
    for (rid, table), rules in failing.groupby(["report_id", "table"], sort=False)["rule"]:
        parts.append(f"{plain(years.get(rid))} 年{indicators.TABLE_NAMES[table]}（{'、'.join(rules)} 未通过）")
    return Html(
        '<p class="unbalanced"><b>表内不平衡：</b>' + "；".join(sorted(parts)) + "。这些表格的数字相互矛盾，"
        "由它们计算的比率和构成不是比率，页面上显示为“表内不平衡”，也不参加同类排名；数字本身照常列出，"
        "矛盾之处见“数据校验发现”。</p>"
    )


def definitions_html(codes: list[str] | None = None) -> Html:
    """The indicators' definitions, numerators, denominators and legal bases, folded under one line."""
    from disclosure_analysis.page.display import table

    body = table(indicators.definitions(codes)).to_html()
    return Html(f"<details><summary>指标的定义、分子、分母和法律依据</summary>{body}</details>")


def outcome_table(mix: pd.DataFrame) -> pd.DataFrame:
    """Rows of `derived` "outcome_mix" as one row per outcome group and one column per year:
    "1,362（44.7%）"; a year whose table does not add up shows counts without shares."""
    cells = [
        NULL if pd.isna(n) else count(n) if pd.isna(s) else f"{count(n)}（{pct(s)}）"
        for n, s in zip(mix["count"].tolist(), mix["share"].tolist(), strict=True)
    ]
    named = mix.assign(name=mix["group"].map(names.OUTCOME_GROUPS))
    return _by_year(named, "name", pd.Series(cells, dtype=object), list(names.OUTCOME_GROUPS.values())).rename(
        columns={"": "办理结果"}
    )


def reasons_table(reasons: pd.DataFrame, groups: tuple[str, ...] = ("denied", "unable", "rejected", "other")) -> pd.DataFrame:
    """Rows of `derived` "outcome_reasons" for `groups`: one row per reason printed with a number other than 0
    in some year (a reason that is 0 or blank in every year is left out), "count（share of 办理结果总计）"."""
    rows = reasons[reasons["group"].isin(groups)]
    said = rows.groupby("outcome")["count"].transform(lambda s: s.fillna(0).ne(0).any())
    rows = rows[said.to_numpy()]
    cells = [
        NULL if pd.isna(n) else count(n) if pd.isna(s) else f"{count(n)}（{pct(s)}）"
        for n, s in zip(rows["count"].tolist(), rows["share"].tolist(), strict=True)
    ]
    named = rows.assign(
        name=[f"{names.OUTCOME_GROUPS[g]}：{names.T3_ROWS[o]}" for g, o in zip(rows["group"], rows["outcome"], strict=True)]
    )
    order = list(dict.fromkeys(named["name"]))
    return _by_year(named, "name", pd.Series(cells, dtype=object), order).rename(columns={"": "理由"})


def changes_tables(changes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of `derived` "headline_changes" as two tables, counts and rates, one row per metric and year with a
    previous year: the value, last year's, and the change (counts: also the relative change; rates: in
    百分点 only); a year without the previous year's report is not listed. A lower bound shows as
    "≥ 5,500", and so does a change from an exact figure to it."""
    rows = changes[changes["previous"].notna()]
    is_rate = rows["metric"].str.endswith("_pct")
    out = []
    for part, rate in ((rows[~is_rate], False), (rows[is_rate], True)):
        shown = pd.DataFrame({
            "指标": part["metric"].map(HEADLINE_NAMES).tolist(),
            "年度": [plain(y) for y in part["year"].tolist()],
        })
        flags = part["at_least"].fillna(False).tolist()
        if rate:
            shown["本年"] = [pct(v / 100) if pd.notna(v) else NULL for v in part["value"].tolist()]
            shown["上年"] = [pct(v / 100) if pd.notna(v) else NULL for v in part["previous"].tolist()]
            shown["增减"] = [points(v) for v in part["change"].tolist()]
        else:
            shown["本年"] = [bound(v) if b else count(v) for v, b in zip(part["value"].tolist(), flags, strict=True)]
            shown["上年"] = [count(v) for v in part["previous"].tolist()]
            shown["增减"] = [
                f"≥ {signed(v)}" if b and pd.notna(v) else signed(v)
                for v, b in zip(part["change"].tolist(), flags, strict=True)
            ]
            shown["增减幅度"] = [
                f"≥ {pct(v)}" if b and pd.notna(v) else pct(v)
                for v, b in zip(part["change_pct"].tolist(), flags, strict=True)
            ]
        out.append(shown)
    return out[0], out[1]


def peer_table(peers: pd.DataFrame, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """Rows of `derived` "peers_*" with a value: the metric, year, peer group, this agency's value, its rank
    among the group ("3 / 12") or why there is none (a group of fewer than `min_group` reports, or none),
    and the group's median (rates as %)."""
    rows = peers[peers["value"].notna()]

    def fmt(metric: str, value: object) -> str:
        if pd.isna(value):
            return NULL
        return pct(float(value) / 100) if metric.endswith("_pct") else count(value)

    ranks = []
    for key, rank, size in zip(rows["peer_key"].tolist(), rows["rank"].tolist(), rows["peer_count"].tolist(), strict=True):
        if pd.isna(key):
            ranks.append("不排名（同类不详）")
        elif pd.isna(rank):
            ranks.append(f"不排名（同类 {count(size)} 份）")
        else:
            ranks.append(f"{count(rank)} / {count(size)}")
    metrics_ = rows["metric"].tolist()
    return pd.DataFrame({
        "指标": [HEADLINE_NAMES[m] for m in metrics_],
        "年度": [plain(y) for y in rows["year"].tolist()],
        "同类": [NULL if pd.isna(k) else str(k) for k in rows["peer_key"].tolist()],
        "本机关": [fmt(m, v) for m, v in zip(metrics_, rows["value"].tolist(), strict=True)],
        "名次 / 同类报告数": ranks,
        "同类中位数": [fmt(m, v) for m, v in zip(metrics_, rows["peer_median"].tolist(), strict=True)],
    })
