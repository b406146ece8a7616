"""What the notebooks show about section 五: display-ready tables (Chinese labels), figures and HTML.

Every text read from a report reaches HTML only through `html.escape`; tables are plain DataFrames for
`display.table`, which escapes them. `statements` and `signals` are the tables of `problems.statements`
and `problems.report_signals`.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML
from matplotlib import colormaps
from matplotlib.figure import Figure

from ..corpus import Corpus
from .classify import OTHER, codebook, topic_names
from .segment import KIND_NAMES
from .signals import follow_up
from .similarity import jaccard, repeated, shingles

STATEMENT_COLUMNS = {"year": "年度", "kind": "类型", "text": "原文", "topics": "主题", "evidence": "判定依据"}
FOLLOW_UP_COLUMNS = {
    "problem": "上年提出的问题", "topics": "主题", "taken_up": "本年有回应", "response": "回应的措施或整改",
    "came_back": "本年再次出现", "repeated_as": "本年的表述",
}


def _agency_rows(statements: pd.DataFrame, agency_id: str, year: int | None = None) -> pd.DataFrame:
    rows = statements[statements["agency_id"] == agency_id]
    return rows if year is None else rows[rows["year"] == year]


def agency_statements(statements: pd.DataFrame, agency_id: str, year: int | None = None) -> pd.DataFrame:
    """An agency's statements in reading order: 年度, 类型, 原文, 主题, 判定依据."""
    rows = _agency_rows(statements, agency_id, year).sort_values(["year", "start"], kind="stable")
    out = rows.assign(kind=rows["kind"].map(KIND_NAMES), topics=rows["categories"].map(topic_names))
    return out[list(STATEMENT_COLUMNS)].rename(columns=STATEMENT_COLUMNS).reset_index(drop=True)


def kind_by_topic(statements: pd.DataFrame, agency_id: str, year: int | None = None) -> pd.DataFrame:
    """Statements per topic (rows, codebook order) and kind (columns); a statement counts in each topic."""
    rows = _agency_rows(statements, agency_id, year)
    long = rows.assign(topic=rows["categories"].fillna(OTHER).str.split(";")).explode("topic")
    table = pd.crosstab(long["topic"], long["kind"]) if len(long) else pd.DataFrame()
    table = table.reindex(index=list(codebook().categories), columns=list(KIND_NAMES), fill_value=0)
    return table.rename(index=codebook().names, columns=KIND_NAMES).rename_axis(index="主题", columns="类型")


def repeated_html(corpus: Corpus, report_id: str) -> HTML:
    """This year's section 五 with the passages repeated from the agency's previous year marked (<mark>)."""
    this = _problem_row(corpus, report_id)
    if this is None:
        return HTML("<p>该报告没有第五部分“存在的主要问题及改进情况”。</p>")
    previous = _previous_row(corpus, this)
    if previous is None:
        return HTML(f"<p>没有该机构 {int(this.year) - 1} 年度的报告，无法比较。</p><blockquote>"
                    f"{_escaped(this.text)}</blockquote>")
    rep = repeated(this.text, previous.text)
    similarity = jaccard(shingles(this.text), shingles(previous.text)) or 0.0
    parts, pos = [], 0
    for start, end in rep.spans:
        parts += [_escaped(this.text[pos:start]), f"<mark>{_escaped(this.text[start:end])}</mark>"]
        pos = end
    parts.append(_escaped(this.text[pos:]))
    head = (f"<p>与 {int(previous.year)} 年度相比：{rep.copied_share:.0%} 的文字出现在上年的段落中（标记部分，"
            f"至少 12 个字连续相同）；5 字片段相似度 {similarity:.2f}。</p>")
    return HTML(head + "<blockquote>" + "".join(parts) + "</blockquote>")


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _problem_row(corpus: Corpus, report_id: str):
    five = corpus.sections[(corpus.sections["section"] == "problems") & (corpus.sections["report_id"] == report_id)]
    return next(five.itertuples(), None)


def _previous_row(corpus: Corpus, this):
    if pd.isna(this.year):
        return None
    five = corpus.sections[corpus.sections["section"] == "problems"]
    prev = five[(five["agency_id"] == this.agency_id) & (five["year"] == this.year - 1)]
    return next(prev.itertuples(), None)


def last_year_follow_up(statements: pd.DataFrame, agency_id: str, year: int) -> pd.DataFrame:
    """Each problem the agency admitted for `year - 1`: answered this year? admitted again?"""
    table = follow_up(_agency_rows(statements, agency_id, year - 1), _agency_rows(statements, agency_id, year))
    table = table.assign(topics=table["categories"].map(topic_names))
    return table[list(FOLLOW_UP_COLUMNS)].rename(columns=FOLLOW_UP_COLUMNS)


def topic_counts(statements: pd.DataFrame, kind: str = "problem") -> pd.DataFrame:
    """Long table: report_id, agency_id, year, topic id, statements of `kind` coded with it."""
    rows = statements[statements["kind"] == kind]
    long = rows.assign(topic=rows["categories"].fillna(OTHER).str.split(";")).explode("topic")
    keys = ["report_id", "agency_id", "year", "topic"]
    return long.groupby(keys).size().rename("statements").reset_index()


def topic_heatmap(
    statements: pd.DataFrame, agency_names: dict[str, str] | None = None, kind: str = "problem", top: int = 30
) -> Figure:
    """Topics (rows) × the `top` agencies with most statements of `kind` (columns), all years summed."""
    counts = topic_counts(statements, kind)
    wide = counts.pivot_table(index="topic", columns="agency_id", values="statements", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(codebook().categories), fill_value=0)
    wide = wide[wide.sum().sort_values(ascending=False).index[:top]] if len(wide.columns) else wide
    fig = _figure(max(6.0, 0.45 * len(wide.columns) + 3), 5.5)
    ax = fig.subplots()
    image = ax.imshow(wide.to_numpy(dtype=float), aspect="auto", cmap="Blues")
    ax.set_yticks(range(len(wide.index)), [codebook().names[c] for c in wide.index])
    names = agency_names or {}
    ax.set_xticks(range(len(wide.columns)), [names.get(a, a) for a in wide.columns], rotation=60, ha="right")
    ax.grid(False)
    ax.set_title(f"各机构{KIND_NAMES[kind]}的主题（条数）")
    fig.colorbar(image, ax=ax, label="条数")
    return fig


def topic_trends(statements: pd.DataFrame, reports: pd.DataFrame, kind: str = "problem") -> pd.DataFrame:
    """Share of each year's reports with at least one statement of `kind` on each topic (years × topics).

    The denominator is every report of the year in `reports`, including reports without section 五.
    """
    counts = topic_counts(statements, kind)
    mentioned = counts.groupby(["year", "topic"])["report_id"].nunique().unstack(fill_value=0)
    per_year = reports.groupby("year")["report_id"].nunique()
    shares = mentioned.reindex(index=per_year.index, columns=list(codebook().categories), fill_value=0)
    return shares.div(per_year, axis=0).rename(columns=codebook().names).rename_axis(index="年度", columns="主题")


def topic_trend_figure(trends: pd.DataFrame, kind: str = "problem") -> Figure:
    """Lines of `topic_trends` (one per topic) over the years."""
    fig = _figure(9, 4.5)
    ax = fig.subplots()
    colours = colormaps["tab20"].colors
    for i, topic in enumerate(trends.columns):
        ax.plot(trends.index.astype(int), trends[topic] * 100, marker="os^Dv"[i % 5], color=colours[i % 20], label=topic)
    ax.set_xlabel("年度")
    ax.set_ylabel(f"提到该主题{KIND_NAMES[kind]}的报告占比（%）")
    ax.set_xticks(sorted(trends.index.astype(int)))
    ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize="small")
    ax.set_title(f"{KIND_NAMES[kind]}主题的年度变化")
    return fig


def most_copied(signals: pd.DataFrame, reports: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The `n` reports whose 五 repeats most of last year's, with their closest other agency's report."""
    names = reports.set_index("report_id")[["agency", "year"]]
    top = signals.dropna(subset=["copied_share"]).sort_values("copied_share", ascending=False).head(n)
    peer = top["most_similar_report_id"]
    return pd.DataFrame({
        "机构": top["report_id"].map(names["agency"]).to_numpy(),
        "年度": top["year"].to_numpy(),
        "与上年重复占比": top["copied_share"].to_numpy(),
        "与上年相似度": top["self_similarity"].to_numpy(),
        "最相似的其他机构": peer.map(names["agency"]).to_numpy(),
        "其年度": peer.map(names["year"]).to_numpy(),
        "与其相似度": top["peer_similarity"].to_numpy(),
    })


def _figure(width: float, height: float) -> Figure:
    from .. import plotting

    plotting.setup()
    return Figure(figsize=(width, height), layout="constrained")
