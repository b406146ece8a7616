"""The agency and overview pages' tables of indicators, outcomes, changes and peers, as display-ready frames.

Each takes the rows of a corpus-wide frame (`analysis.derived`) and returns a frame of formatted text with
Chinese headings: one row per indicator or outcome, one column per year, so a table has as many rows as
there are things to say, not years × things; rows with nothing in any year are left out. Numbers follow
`display`'s formats: counts with thousands separators, rates with one decimal and %, changes of rates in
百分点, lower bounds as "≥ 5,500", and a rate of a table that does not add up as "表内不平衡".
"""

from __future__ import annotations

from functools import cache

import pandas as pd

from disclosure_analysis.analysis import indicators, metrics, percapita
from disclosure_analysis.analysis.peers import MIN_GROUP
from disclosure_analysis.corpus.covariates import Covariates
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


def long_counts(wide: pd.DataFrame, items: list[str], at_least: list[bool]) -> pd.DataFrame:
    """`wide` (one row per year) as long rows for a chart: year, item (its Chinese name), count, and
    `at_least` (per row of `wide`, for the first item only: the 主动公开 total stated as a lower bound).
    Built from plain lists (pandas' `melt` costs a page several milliseconds)."""
    years = wide["year"].tolist()
    return pd.DataFrame({
        "year": years * len(items),
        "item": [names.COLUMNS[i] for i in items for _ in years],
        "count": pd.array([v for i in items for v in wide[i].tolist()], dtype="Float64"),
        "at_least": [*at_least, *[False] * (len(years) * (len(items) - 1))],
    })


def _by_year(
    first: str, labels: list[str], years: list[object], cells: list[str], order: list[str]
) -> pd.DataFrame:
    """Text cells (one per label and year) as a table: `first` column of labels in `order` (those present),
    one column per year ("2024 年"); a missing cell is "—". Plain Python: a page builds several of these
    from a handful of rows, where pandas' pivoting costs milliseconds each."""
    grid: dict[str, dict[int, str]] = {}
    for label, year, cell in zip(labels, years, cells, strict=True):
        if not pd.isna(year):
            grid.setdefault(label, {})[int(year)] = cell  # type: ignore[call-overload]
    shown_years = sorted({y for row in grid.values() for y in row})
    rows = [[label, *(grid[label].get(y, NULL) for y in shown_years)] for label in order if label in grid]
    return pd.DataFrame(rows, columns=[first, *(f"{y} 年" for y in shown_years)], dtype=object)


def indicator_table(values: pd.DataFrame) -> pd.DataFrame:
    """Rows of `derived` "indicators" as one row per indicator, one column per year: a rate with its
    numerator and denominator ("59.5%（1,816 / 3,050）"), an amount with its unit, and for a value not
    computed why ("表内不平衡", "—"). Indicators blank in every year are left out."""
    codes, statuses = values["indicator"].tolist(), values["status"].tolist()
    said = {c for c, s in zip(codes, statuses, strict=True) if s != indicators.BLANK}
    labels, years, cells = [], [], []
    for code, year, num, den, value, status in zip(
        codes, values["year"].tolist(), values["numerator"].tolist(), values["denominator"].tolist(),
        values["value"].tolist(), statuses, strict=True,
    ):
        if code not in said:
            continue
        ind = indicators.BY_CODE[code]
        if status != indicators.OK:
            cell = indicators.STATUS_TEXT.get(status) or NULL
        elif ind.is_rate:
            cell = f"{pct(value)}（{count(num)} / {count(den)}）"
        else:
            cell = f"{count(value)} {ind.unit}"
        labels.append(ind.name)
        years.append(year)
        cells.append(cell)
    return _by_year("指标", labels, years, cells, [i.name for i in indicators.INDICATORS])


def unbalanced_note(findings: pd.DataFrame) -> Html | None:
    """Which years' tables fail their identities, so that their rates are not computed; None when none."""
    rules = {rule: table for table, names_ in indicators.IDENTITIES.items() for rule in names_}
    failing: dict[tuple[object, str], list[str]] = {}
    for year, rule, severity in zip(
        findings["year"].tolist(), findings["rule"].tolist(), findings["severity"].tolist(), strict=True
    ):
        if severity == "error" and rule in rules and rule not in failing.setdefault((year, rules[rule]), []):
            failing[year, rules[rule]].append(rule)
    parts = sorted(
        f"{plain(year)} 年{indicators.TABLE_NAMES[table]}（{'、'.join(sorted(found))} 未通过）"
        for (year, table), found in failing.items()
        if found
    )
    if not parts:
        return None
    return Html(
        '<p class="unbalanced"><b>表内不平衡：</b>' + "；".join(parts) + "。这些表格的数字相互矛盾，"
        "由它们计算的比率和构成不是比率，页面上显示为“表内不平衡”，也不参加同类排名；数字本身照常列出，"
        "矛盾之处见“数据校验发现”。</p>"
    )


def per_capita_table(values: pd.DataFrame, covariates: Covariates) -> pd.DataFrame:
    """Rows of `derived.per_capita` as one row per covariate and per-capita figure, one column per year: the
    covariates as given ("4,553,000 人"), a figure with two decimals and what it is computed from
    ("6.85（3,119 / 455.3 万人）"), or why there is none ("无人口数", "表内不平衡")."""
    labels, years, cells = [], [], []
    first = values.drop_duplicates("report_id")
    for column in covariates.columns:
        if first[f"cov_{column}"].isna().all():
            continue
        for year, value in zip(first["year"].tolist(), first[f"cov_{column}"].tolist(), strict=True):
            labels.append(f"{covariates.name(column)}")
            years.append(year)
            cells.append(NULL if pd.isna(value) else f"{count(value)} {covariates.unit(column)}".rstrip())
    for code, year, num, pop, value, status in zip(
        values["figure"].tolist(), values["year"].tolist(), values["numerator"].tolist(),
        values["population"].tolist(), values["value"].tolist(), values["status"].tolist(), strict=True,
    ):
        labels.append(percapita.BY_CODE[code].name)
        years.append(year)
        if status != indicators.OK:
            cells.append(percapita.STATUS_TEXT.get(status) or NULL)
        else:
            cells.append(f"{value:,.2f}（{count(num)} / {count(round(pop / percapita.PER, 2))} 万人）")
    order = [covariates.name(c) for c in covariates.columns] + [f.name for f in percapita.FIGURES]
    return _by_year("指标", labels, years, cells, order)


def per_capita_by_report(values: pd.DataFrame, covariates: Covariates) -> pd.DataFrame:
    """Rows of `derived.per_capita` as one row per report (`report_id`), one text column per covariate and
    per-capita figure, formatted as in `per_capita_table`."""
    first = values.drop_duplicates("report_id")
    out = pd.DataFrame({"report_id": first["report_id"].tolist()})
    for column in covariates.columns:
        shown = [NULL if pd.isna(v) else count(v) for v in first[f"cov_{column}"].tolist()]
        if any(v != NULL for v in shown):
            unit = covariates.unit(column)
            out[f"{covariates.name(column)}（{unit}）" if unit else covariates.name(column)] = shown
    for fig in percapita.FIGURES:
        rows = values[values["figure"].eq(fig.code)].set_index("report_id")
        out[f"{fig.name}（{fig.unit}）"] = [
            f"{rows.at[r, 'value']:,.2f}" if rows.at[r, "status"] == indicators.OK
            else percapita.STATUS_TEXT.get(rows.at[r, "status"]) or NULL
            for r in out["report_id"].tolist()
        ]
    return out


@cache
def per_capita_definitions_html() -> Html:
    """The per-capita figures' definitions, folded under one line."""
    return _folded("人均指标的定义、分子和分母", percapita.definitions())


@cache
def definitions_html() -> Html:
    """The indicators' definitions, numerators, denominators and legal bases, folded under one line."""
    return _folded("指标的定义、分子、分母和法律依据", indicators.definitions())


def _folded(summary: str, frame: pd.DataFrame) -> Html:
    from disclosure_analysis.page.display import table

    return Html(f"<details><summary>{summary}</summary>{table(frame).to_html()}</details>")


def _count_share(counts: list[object], shares: list[object]) -> list[str]:
    return [
        NULL if pd.isna(n) else count(n) if pd.isna(s) else f"{count(n)}（{pct(s)}）"
        for n, s in zip(counts, shares, strict=True)
    ]


def applicants_table(apps: pd.DataFrame) -> pd.DataFrame:
    """Rows of `derived` "applications_by_applicant" as one row per year: the applicant types with a number
    in some year, and the printed 总计 (the shares' denominator)."""
    years = [int(y) for y in apps["year"].dropna().unique()]
    grid: dict[int, dict[str, object]] = {y: {} for y in sorted(years)}
    for year, applicant, n, total in zip(
        apps["year"].tolist(), apps["applicant"].tolist(), apps["count"].tolist(), apps["total"].tolist(),
        strict=True,
    ):
        if not pd.isna(year):
            grid[int(year)][names.APPLICANTS[applicant]] = n
            grid[int(year)]["总计（分母）"] = total
    shown = [
        c for c in [*(names.APPLICANTS[a] for a in metrics.APPLICANTS), "总计（分母）"]
        if any(not pd.isna(row.get(c)) for row in grid.values())
    ]
    data = {"year": list(grid)} | {c: pd.array([row.get(c) for row in grid.values()], dtype="Int64") for c in shown}
    return pd.DataFrame(data)


def outcome_table(mix: pd.DataFrame) -> pd.DataFrame:
    """Rows of `derived` "outcome_mix" as one row per outcome group and one column per year:
    "1,362（44.7%）"; a year whose table does not add up shows counts without shares."""
    labels = [names.OUTCOME_GROUPS[g] for g in mix["group"].tolist()]
    cells = _count_share(mix["count"].tolist(), mix["share"].tolist())
    return _by_year("办理结果", labels, mix["year"].tolist(), cells, list(names.OUTCOME_GROUPS.values()))


def reasons_table(reasons: pd.DataFrame, groups: tuple[str, ...] = ("denied", "unable", "rejected", "other")) -> pd.DataFrame:
    """Rows of `derived` "outcome_reasons" for `groups`: one row per reason printed with a number other than 0
    in some year (a reason that is 0 or blank in every year is left out), "count（share of 办理结果总计）"."""
    group, outcome, n = reasons["group"].tolist(), reasons["outcome"].tolist(), reasons["count"].tolist()
    said = {o for g, o, v in zip(group, outcome, n, strict=True) if g in groups and not pd.isna(v) and v != 0}
    keep = [g in groups and o in said for g, o in zip(group, outcome, strict=True)]
    labels = [f"{names.OUTCOME_GROUPS[g]}：{names.T3_ROWS[o]}" for g, o, k in zip(group, outcome, keep, strict=True) if k]
    cells = [c for c, k in zip(_count_share(n, reasons["share"].tolist()), keep, strict=True) if k]
    years = [y for y, k in zip(reasons["year"].tolist(), keep, strict=True) if k]
    return _by_year("理由", labels, years, cells, list(dict.fromkeys(labels)))


def changes_tables(changes: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Rows of `derived` "headline_changes" as two tables, counts and rates, one row per metric and year with a
    previous year: the value, last year's, and the change (counts: also the relative change; rates: in
    百分点 only); a year without the previous year's report is not listed. A lower bound shows as
    "≥ 5,500", and so does a change from an exact figure to it."""
    counts, rates = [], []
    for metric, year, value, previous, change, change_pct, bounded in zip(
        changes["metric"].tolist(), changes["year"].tolist(), changes["value"].tolist(),
        changes["previous"].tolist(), changes["change"].tolist(), changes["change_pct"].tolist(),
        changes["at_least"].tolist(), strict=True,
    ):
        if pd.isna(previous):
            continue
        name, shown_year = HEADLINE_NAMES[metric], plain(year)
        if metric.endswith("_pct"):
            rates.append([name, shown_year, _share(value), _share(previous), points(change)])
            continue
        at_least = bounded is True
        counts.append([
            name, shown_year, bound(value) if at_least else count(value), count(previous),
            f"≥ {signed(change)}" if at_least and not pd.isna(change) else signed(change),
            f"≥ {pct(change_pct)}" if at_least and not pd.isna(change_pct) else pct(change_pct),
        ])
    return (
        pd.DataFrame(counts, columns=["指标", "年度", "本年", "上年", "增减", "增减幅度"], dtype=object),
        pd.DataFrame(rates, columns=["指标", "年度", "本年", "上年", "增减"], dtype=object),
    )


def _share(value_pct: object) -> str:
    """A rate given in percentage points (52.6) as "52.6%"."""
    return NULL if pd.isna(value_pct) else pct(float(value_pct) / 100)  # type: ignore[arg-type]


def peer_table(peers: pd.DataFrame, min_group: int = MIN_GROUP) -> pd.DataFrame:
    """Rows of `derived` "peers_*" with a value: the metric, year, peer group, this agency's value, its rank
    among the group ("3 / 12") or why there is none (a group of fewer than `min_group` reports, or none),
    and the group's median (rates as %)."""
    rows = peers[peers["value"].notna()]

    def fmt(metric: str, value: object) -> str:
        return _share(value) if metric.endswith("_pct") else count(value)

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
