"""What the notebooks show about section 五: display-ready tables (Chinese labels), figures and HTML.

Every text read from a report reaches HTML only through `html.escape`; tables are plain DataFrames for
`display.table`, which escapes them. `statements` and `signals` are the tables of `problems.statements`
and `problems.report_signals`.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from disclosure_analysis.analysis.problems.classify import OTHER, codebook, topic_names
from disclosure_analysis.analysis.problems.segment import KIND_NAMES
from disclosure_analysis.analysis.problems.signals import Said, follow_up_table, said
from disclosure_analysis.analysis.problems.similarity import (
    COPIED_FLAG,
    MIN_PASSAGE,
    SHINGLE,
    jaccard,
    repeated,
    shingles,
)
from disclosure_analysis.analysis.problems.specificity import ENOUGH, PART_NAMES, specificity
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.page.display import Html

STATEMENT_COLUMNS = {
    "year": "年度", "kind": "类型", "text": "原文", "topics": "主题（判定依据的关键词）", "concrete": "具体细节",
    "copied": "照抄上年", "answers": "回应的问题",
}
COUNTED_KINDS = ("problem", "measure", "rectification")  # framing sentences have no topic
SUMMARY_COLUMNS = [
    "年度", "问题", "措施", "整改", "引导语", "照抄上年", "具体性", "与上年重复占比", "上年问题", "本年有回应", "本年再次出现",
]
FOLLOW_UP_COLUMNS = {
    "problem": "上年提出的问题", "topics": "主题", "taken_up": "本年有回应", "response": "回应的措施或整改",
    "response_kind": "回应类型", "came_back": "本年再次出现", "repeated_as": "本年的表述",
}


def _agency_rows(statements: pd.DataFrame, agency_id: str, year: int | None = None) -> pd.DataFrame:
    rows = statements[statements["agency_id"] == agency_id]
    return rows if year is None else rows[rows["year"] == year]


def agency_statements(statements: pd.DataFrame, agency_id: str, year: int | None = None) -> pd.DataFrame:
    """An agency's statements in reading order: 年度, 类型, 原文, 主题 with their evidence, concrete details,
    whether copied from last year, and the problem a measure answers (上年：… for a rectification)."""
    rows = _agency_rows(statements, agency_id, year).sort_values(["year", "start"], kind="stable")
    out = rows.assign(
        year=_year_text(rows["year"]), kind=rows["kind"].map(KIND_NAMES),
        topics=[topics_with_evidence(c, e) for c, e in zip(rows["categories"], rows["evidence"], strict=True)],
        concrete=[concrete_shown(c) for c in rows["concrete"].tolist()],
        answers=_answered(_agency_rows(statements, agency_id), rows),
    )
    return out[list(STATEMENT_COLUMNS)].rename(columns=STATEMENT_COLUMNS).reset_index(drop=True)


def concrete_shown(concrete: str | None) -> str:
    """Concrete details as stored (`part=a+b; part=c`) with the parts' Chinese names: `具体活动：a、b；数字频次：c`."""
    parts = dict(p.split("=", 1) for p in (concrete or "").split("; ") if "=" in p)
    return "；".join(f"{PART_NAMES[p]}：{'、'.join(found.split('+'))}" for p, found in parts.items())


def _answered(every_year: pd.DataFrame, rows: pd.DataFrame) -> list[str | None]:
    """For each of `rows`, the text of the problem it answers (same report) or rectifies (上年：…)."""
    texts = {
        rid: own["text"].tolist()
        for rid, own in every_year.sort_values("start", kind="stable").groupby("report_id", sort=False)
    }
    report_of = dict(zip(zip(every_year["agency_id"], every_year["year"], strict=True), every_year["report_id"], strict=True))
    out: list[str | None] = []
    for rid, agency, year, answers, rectifies in zip(
        *(rows[c].tolist() for c in ("report_id", "agency_id", "year", "answers", "rectifies")), strict=True
    ):
        if not pd.isna(answers):
            out.append(texts[rid][int(answers)])
        elif not pd.isna(rectifies) and (previous := report_of.get((agency, year - 1))) is not None:
            out.append("上年：" + texts[previous][int(rectifies)])
        else:
            out.append(None)
    return out


def topics_with_evidence(categories: str | None, evidence: str | None) -> str:
    """Topic names with the words that decided each: `依申请公开办理（依申请公开、答复）；其他`.

    `categories` and `evidence` are as in the statements table (`id;id` and `id=word+word; id=word`).
    """
    names = codebook().names
    words = dict(part.split("=", 1) for part in (evidence or "").split("; ") if "=" in part)
    return "；".join(
        f"{names[c]}（{'、'.join(words[c].split('+'))}）" if c in words else names[c]
        for c in (categories or OTHER).split(";")
    )


def _year_text(years: pd.Series) -> pd.Series:
    """Years as printed text ("2024", null kept), so tables show no thousands separator."""
    return years.astype("Int64").astype("string")


def kind_by_topic(statements: pd.DataFrame, agency_id: str, year: int | None = None) -> pd.DataFrame:
    """Statements per topic (rows, codebook order) and kind (columns: problems, measures, rectifications;
    framing sentences have no topic); a statement counts in each of its topics."""
    rows = _agency_rows(statements, agency_id, year)
    counts = Counter(
        (topic, kind)
        for joined, kind in zip(rows["categories"].tolist(), rows["kind"].tolist(), strict=True)
        for topic in (joined if isinstance(joined, str) else OTHER).split(";")
    )
    topics, names = list(codebook().categories), codebook().names
    return pd.DataFrame(
        [[counts[topic, kind] for kind in COUNTED_KINDS] for topic in topics],
        index=pd.Index([names[t] for t in topics], name="主题"),
        columns=pd.Index([KIND_NAMES[k] for k in COUNTED_KINDS], name="类型"),
    )


def repeated_html(corpus: Corpus, report_id: str) -> Html:
    """This year's section 五 with the passages repeated from the agency's previous year marked (<mark>)."""
    this = _problem_row(corpus, report_id)
    if this is None:
        return Html("<p>该报告没有第五部分“存在的主要问题及改进情况”。</p>")
    previous = _previous_row(corpus, this)
    if previous is None:
        return Html(f"<p>没有该机构 {int(this.year) - 1} 年度的报告，无法比较。</p><blockquote>"
                    f"{_escaped(this.text)}</blockquote>")
    rep = repeated(this.text, previous.text)
    similarity = jaccard(shingles(this.text), shingles(previous.text)) or 0.0
    parts, pos = [], 0
    for start, end in rep.spans:
        parts += [_escaped(this.text[pos:start]), f"<mark>{_escaped(this.text[start:end])}</mark>"]
        pos = end
    parts.append(_escaped(this.text[pos:]))
    head = (f"<p>与 {int(previous.year)} 年度相比：{rep.copied_share:.0%} 的文字出现在上年的段落中（标记部分，"
            f"至少 {MIN_PASSAGE} 个字连续相同）；{SHINGLE} 字片段相似度 {similarity:.2f}。</p>")
    return Html(head + "<blockquote>" + "".join(parts) + "</blockquote>")


def _escaped(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _problem_row(corpus: Corpus, report_id: str):
    return _five_texts(corpus)[0].get(report_id)


def _previous_row(corpus: Corpus, this):
    return None if pd.isna(this.year) else _five_texts(corpus)[1].get((this.agency_id, this.year - 1))


def _five_texts(corpus: Corpus) -> tuple[dict, dict]:
    """The corpus's section 五 rows by report id and by (agency id, year), found once per corpus."""
    if "five_texts" not in corpus.derived:
        by_id: dict = {}
        by_year: dict = {}
        for row in corpus.sections[corpus.sections["section"] == "problems"].itertuples():
            by_id.setdefault(row.report_id, row)
            if pd.notna(row.year):
                by_year.setdefault((row.agency_id, row.year), row)
        corpus.derived["five_texts"] = (by_id, by_year)
    return corpus.derived["five_texts"]


def follow_ups(statements: pd.DataFrame, signals: pd.DataFrame, agency_id: str) -> dict[int, pd.DataFrame]:
    """`signals.follow_up` of each year of the agency whose section 五 and last year's are both there:
    year → last year's problems, whether this year answered each and whether it came back."""
    rows = _agency_rows(statements, agency_id)
    by_year: dict[int, list[Said]] = defaultdict(list)
    for year, statement in zip(rows["year"].tolist(), said(rows), strict=True):
        if not pd.isna(year):
            by_year[int(year)].append(statement)
    both = signals[(signals["agency_id"] == agency_id) & signals["copied_share"].notna()]
    return {
        year: follow_up_table(by_year.get(year - 1, []), by_year.get(year, []))
        for year in sorted(int(y) for y in both["year"].dropna())
    }


def follow_up_shown(table: pd.DataFrame) -> pd.DataFrame:
    """A `follow_ups` table with Chinese column names, topic names and kind names."""
    shown = {
        "topics": [topic_names(c) for c in table["categories"].tolist()],
        "response_kind": [KIND_NAMES.get(k) for k in table["response_kind"].tolist()],
    }
    return pd.DataFrame(
        {label: shown[name] if name in shown else table[name] for name, label in FOLLOW_UP_COLUMNS.items()}
    )


def agency_summary(signals: pd.DataFrame, agency_id: str, follow: dict[int, pd.DataFrame]) -> pd.DataFrame:
    """Per year of the agency: statements by kind, framing sentences, statements copied from last year,
    specificity, share repeated from last year, and how many of last year's problems were answered or came
    back (`follow`: its `follow_ups`; null without last year's section 五)."""
    own = signals[signals["agency_id"] == agency_id]
    fields = ("year", "n_problems", "n_measures", "n_rectifications", "n_framing", "n_copied", "specificity",
              "copied_share")
    rows = []
    for year, *values in sorted(
        (r for r in zip(*(own[f].tolist() for f in fields), strict=True) if not pd.isna(r[0])),
        key=lambda r: r[0],
    ):
        row = dict(zip(SUMMARY_COLUMNS[: len(fields)], [str(int(year)), *values], strict=True))
        if (table := follow.get(int(year))) is not None:
            taken, back = table["taken_up"].tolist(), table["came_back"].tolist()
            row |= {"上年问题": len(table), "本年有回应": sum(taken), "本年再次出现": sum(back)}
        rows.append(row)
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).astype(  # typed: a year without 五 left 0.444… as text
        {**{c: "Int64" for c in ("上年问题", "本年有回应", "本年再次出现")}, "具体性": "Float64", "与上年重复占比": "Float64"}
    )


def copied_flags(signals: pd.DataFrame, agency_id: str) -> Html | None:
    """A prominent 与上年雷同 banner for each year whose section 五 repeats ≥ `COPIED_FLAG` of last year's."""
    own = signals[signals["agency_id"] == agency_id]
    flagged = sorted(
        (year, share)
        for year, share in zip(own["year"].tolist(), own["copied_share"].tolist(), strict=True)
        if not pd.isna(share) and share >= COPIED_FLAG
    )
    banners = [
        '<div class="copied-flag" style="border-left:6px solid #c0392b;background:#fdecea;padding:.5em 1em;'
        f'margin:.5em 0"><strong style="font-size:1.3em;color:#c0392b">与上年雷同 {share:.0%}</strong>　'
        f"{int(year)} 年度第五部分有 {share:.0%} 的文字与 {int(year) - 1} 年度报告逐字相同"
        f"（连续 {MIN_PASSAGE} 个字以上相同的段落；达到 {COPIED_FLAG:.0%} 即标出）。</div>"
        for year, share in flagged
    ]
    return Html("".join(banners)) if banners else None


def specificity_html(statements: pd.DataFrame, report_id: str) -> Html:
    """The specificity of a report's section 五 with its parts: the statements counted, the concrete details
    found per part, and the formula."""
    rows = statements[statements["report_id"] == report_id]
    found = specificity(zip(rows["kind"].tolist(), rows["text"].tolist(), strict=True))
    if found.score is None:
        return Html("<p>该报告第五部分没有问题、措施或整改陈述，无法计算具体性。</p>")
    parts = "".join(
        f"<li>{PART_NAMES[part]} {len(details)} 处：{_escaped('、'.join(details))}</li>"
        for part, details in found.parts.items()
    ) or "<li>没有找到具体细节（只有原则性表述、套话或对《条例》的引用）</li>"
    return Html(
        f"<p>具体性 {found.score:.2f}：{found.statements} 条问题、措施和整改中，{found.concrete} 条写出了至少 "
        f"{ENOUGH} 处具体细节。每条按 min(具体细节数, {ENOUGH}) ÷ {ENOUGH} 计分，再取平均；"
        "口号、对《条例》的引用和“加强、推进、提升、完善”等泛泛的动词不计。</p>"
        f"<ul>{parts}</ul>"
    )


def topic_counts(statements: pd.DataFrame, kind: str = "problem") -> pd.DataFrame:
    """Long table: report_id, agency_id, year, topic id, statements of `kind` coded with it."""
    rows = statements[statements["kind"] == kind]
    long = rows.assign(topic=rows["categories"].fillna(OTHER).str.split(";")).explode("topic")
    keys = ["report_id", "agency_id", "year", "topic"]
    counts = long.groupby(keys).size().rename("statements").reset_index()
    return counts.assign(topic_name=counts["topic"].map(codebook().names))


def topic_heatmap(
    statements: pd.DataFrame, agency_names: dict[str, str] | None = None, kind: str = "problem", top: int = 30
) -> Figure:
    """Topics (rows) × the `top` agencies with most statements of `kind` (columns), all years summed;
    non-zero cells are labelled with their count."""
    from disclosure_analysis.page.plotting import label

    counts = topic_counts(statements, kind)
    wide = counts.pivot_table(index="topic", columns="agency_id", values="statements", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=list(codebook().categories), fill_value=0)
    wide = wide[wide.sum().sort_values(ascending=False).index[:top]] if len(wide.columns) else wide
    values = wide.to_numpy(dtype=float)
    fig = _figure(max(6.0, 0.45 * len(wide.columns) + 3), 5.5)
    ax = fig.subplots()
    image = ax.imshow(values, aspect="auto", cmap="Blues")
    for (row, column), value in np.ndenumerate(values):
        if value:
            dark = value > values.max() / 2
            ax.text(column, row, f"{value:.0f}", ha="center", va="center", fontsize="small",
                    color="white" if dark else "black")
    ax.set_yticks(range(len(wide.index)), [codebook().names[c] for c in wide.index])
    names = agency_names or {}
    shown = [label(names.get(a, a)) for a in wide.columns]
    ax.set_xticks(range(len(wide.columns)), shown, rotation=60, ha="right")
    ax.grid(False)
    ax.set_title(f"各机构{KIND_NAMES[kind]}的主题（条数）")
    fig.colorbar(image, ax=ax, label="条数", ticks=MaxNLocator(integer=True))
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


def topic_trend_figure(trends: pd.DataFrame, kind: str = "problem", columns: int = 4) -> Figure:
    """Small multiples of `topic_trends`: one small panel per topic (its line over the years), on a shared
    percentage axis, instead of one tangle of lines."""
    topics = list(trends.columns)
    rows = max(1, -(-len(topics) // columns))
    fig = _figure(2.6 * columns, 1.9 * rows + 0.6)
    axes = np.atleast_1d(fig.subplots(rows, columns, sharex=True, sharey=True)).ravel()
    years = trends.index.astype(int)
    top = max(float(np.nanmax(trends.to_numpy(dtype=float))) * 100, 1.0) if topics else 1.0
    for ax, topic in zip(axes, topics, strict=False):
        ax.plot(years, trends[topic] * 100, marker="o", color="#4c72b0")
        ax.set_title(topic, fontsize="small")
        ax.set_ylim(0, top * 1.1)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=4))
        ax.tick_params(labelsize="x-small")
    for ax in axes[len(topics):]:
        ax.set_visible(False)
    fig.supxlabel("年度", fontsize="small")
    fig.supylabel(f"提到该主题{KIND_NAMES[kind]}的报告占比（%）", fontsize="small")
    fig.suptitle(f"{KIND_NAMES[kind]}主题的年度变化（每个主题一幅小图，纵轴相同）")
    return fig


def most_copied(signals: pd.DataFrame, reports: pd.DataFrame, n: int = 20) -> pd.DataFrame:
    """The `n` reports whose 五 repeats most of last year's (none that repeats nothing; flagged from
    `COPIED_FLAG` on), with their closest other agency's report."""
    names = reports.set_index("report_id")[["agency", "year"]]
    copied = signals[signals["copied_share"].fillna(0) > 0]
    top = copied.sort_values("copied_share", ascending=False).head(n)
    peer = top["most_similar_report_id"]
    return pd.DataFrame({
        "机构": top["report_id"].map(names["agency"]).to_numpy(),
        "年度": _year_text(top["year"]).to_numpy(),
        "与上年重复占比": top["copied_share"].to_numpy(),
        "与上年雷同": (top["copied_share"] >= COPIED_FLAG).to_numpy(dtype=bool),
        "与上年相似度": top["self_similarity"].to_numpy(),
        "最相似的其他机构": peer.map(names["agency"]).to_numpy(),
        "其年度": _year_text(peer.map(names["year"])).to_numpy(),
        "与其相似度": top["peer_similarity"].to_numpy(),
    })


def _figure(width: float, height: float) -> Figure:
    from disclosure_analysis.page import plotting

    plotting.setup()
    return Figure(figsize=(width, height), layout="constrained")
