# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 语料总览：全部机构的政府信息公开工作年度报告
#
# 本页汇总语料中全部机构的报告：哪些年度缺报告、申请量和主动公开量的分布、各项指标的排行、
# 办理结果构成的比较、各机构的表格没有通过哪些校验规则，以及第五部分“存在的主要问题”谈了哪些主题、
# 哪些报告照搬上年。
#
# 阅读提示：“—”表示报告中该格为空白或“/”，不等于 0；比率一律注明分母。

# %% tags=["parameters"]
corpus: str = ""  # 语料文件夹路径；留空表示内置示例语料
years: list = []  # 纳入的年度，如 [2023, 2024]（papermill -p 时写作 "[2023, 2024]"）；留空表示全部年度
agencies: list = []  # 纳入的机构编号，如 ["a-1", "b-2"]；留空表示全部机构
output_dir: str = ""  # 站点输出文件夹，图表数据写入其中的 data/overview/；留空表示不写文件
register: str = ""  # 机构登记表（CSV 或 XLSX）：机构类型、层级、地区和补录的发布日期以它为准；留空表示不用
covariates: str = ""  # 协变量表 CSV（机构或地区 → 常住人口、预算等），用于每万人申请数等人均指标；留空表示不用

# %%
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from disclosure_analysis.analysis import derived, metrics, problems
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.corpus.covariates import load_covariates
from disclosure_analysis.corpus.register import load_register, with_register
from disclosure_analysis.formats import names
from disclosure_analysis.page import charts, plotting, section_five, tables
from disclosure_analysis.page import display as page
from disclosure_analysis.page.params import as_list

plotting.setup()
if not corpus:
    from disclosure_analysis.synth.sample import sample_corpus

    corpus = str(sample_corpus())
full = load_corpus(corpus)
if register:
    full = with_register(full, load_register(register))
years, agencies = as_list(years, int, "years"), as_list(agencies, str, "agencies")
chosen = metrics.subset(full.reports, agencies, years)
if chosen.empty:
    raise ValueError("所选机构和年度中没有报告")
data_corpus = full.select(chosen["report_id"])
data = page.DataSink(output_dir, "overview")
per_report = derived.rows(full, "metrics", chosen["report_id"])
per_report["agency"] = per_report["agency"].fillna(per_report["agency_id"])
latest_year = int(per_report["year"].max()) if per_report["year"].notna().any() else None
display(
    page.note(
        "共 {agencies} 个机构、{reports} 份报告，年度：{years}；读取失败或不是年报的文件 {failed} 个。",
        agencies=per_report["agency_id"].nunique(),
        reports=len(per_report),
        years="、".join(str(int(y)) for y in sorted(per_report["year"].dropna().unique())) or "未读出",
        failed=len(full.unread),
    )
)

# %% [markdown]
# ## 一、各机构的报告年度与缺报年度
#
# 没有机构名册时，无法知道一个机构从哪一年起应当发布年报。这里把一个机构在语料中最早一份报告的年度
# 到语料的最近年度之间没有报告的年度算作缺报；最早一份之前的年度不算缺报（语料中有 2011 年的报告，
# 不等于每个机构都应有 2011 年的报告）。

# %%
names_by_id = per_report.sort_values("year").groupby("agency_id")["agency"].last()
cov = metrics.coverage(data_corpus.reports, years or None).reset_index()
cov = cov.assign(agency=cov["agency_id"].map(names_by_id))
page.show(
    page.table(
        cov[["agency", "first_year", "last_year", "reports", "missing_years"]],
        labels={"first_year": "最早年度", "last_year": "最近年度", "reports": "报告份数", "missing_years": "缺报年度", **names.COLUMNS},
    ),
    page.note("缺报的机构-年度共 {n} 个。", n=int(cov["missing"].sum())),
    data.save(cov, "coverage"),
)

# %% [markdown]
# ## 二、数量分布
#
# 新收申请和主动公开信息的数量在机构之间常相差几个数量级，此时横轴采用对数刻度。

# %%
fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
for ax, column, label in (
    (axes[0], "new_received", "本年新收申请（件）"),
    (axes[1], "proactive_total", "主动公开信息（条）"),
):
    plotting.distribution(ax, per_report[column], label)
plt.show()
page.show(
    data.save(
        per_report[["agency_id", "agency", "year", "new_received", "proactive_total"]], "volume-distribution"
    )
)

# %% [markdown]
# ## 三、同类机构中的排名（最近年度）
#
# 只在同类机构（同一层级，已知机构类型时还须同一类型）之间排名，同类报告不少于 5 份才给名次：
# 省级机关不和县级政府比。公开率 = （予以公开 + 部分公开）÷ 办理结果总计；复议纠错率 = 结果纠正 ÷ 已审结案件；
# 复议诉讼发生率 = （行政复议＋行政诉讼）÷ 本年新收申请。表内不平衡的报告不计算比率，也不参加排名。

# %%
latest = per_report[per_report["year"].isin([latest_year])]
ranked = derived.rows(full, "peers_level", latest["report_id"])
rank_text = {}
for metric in ("new_received", "release_rate_pct"):
    rows = ranked[ranked["metric"].eq(metric) & ranked["value"].notna()]
    shown_ranks = tables.peer_table(rows)["名次 / 同类报告数"].tolist()
    rank_text[metric] = dict(zip(rows["report_id"].tolist(), shown_ranks, strict=True))
group_of = dict(zip(ranked["report_id"].tolist(), ranked["peer_key"].tolist(), strict=True))
ids = latest["report_id"].tolist()
league = latest.assign(
    peer_key=pd.array([group_of.get(r) for r in ids], dtype="string"),
    rank_new=[rank_text["new_received"].get(r, page.NULL) for r in ids],
    rank_rate=[rank_text["release_rate_pct"].get(r, page.NULL) for r in ids],
).sort_values(["peer_key", "new_received"], ascending=[True, False], na_position="last")
league_cols = [
    "agency",
    "peer_key",
    "new_received",
    "rank_new",
    "proactive_total",
    "handled_total",
    "release_rate",
    "rank_rate",
    "backlog_rate",
    "review_total",
    "correction_rate",
    "suit_total",
    "dispute_rate",
]
labels = {
    "peer_key": "同类",
    "rank_new": "新收名次 / 同类数",
    "rank_rate": "公开率名次 / 同类数",
    "review_total": "行政复议（件）",
    "correction_rate": "复议纠错率",
    "suit_total": "行政诉讼（件）",
    "dispute_rate": "复议诉讼发生率",
    **names.COLUMNS,
}
rates = ["release_rate", "backlog_rate", "correction_rate", "dispute_rate"]
values = derived.rows(full, "indicators", latest["report_id"]).set_index(["report_id", "indicator"])["status"]
why = {
    r: [
        "表内不平衡" if values.get((rid, r)) == "unbalanced" else ""
        for rid in league["report_id"].tolist()
    ]
    for r in rates
}
page.show(
    page.note("<b>{year} 年，按同类分组，组内按本年新收申请从多到少：</b>", year=latest_year),
    page.table(league[league_cols], labels=labels, percent=rates, null_text=why, numeric=["rank_new", "rank_rate"]),
    data.save(league[["agency_id", *league_cols]], "league-table"),
)
if covariates:  # per-capita figures from the covariates file, in the league's order
    people = load_covariates(covariates)
    per_head = derived.per_capita(full, people)
    per_head = per_head[per_head["report_id"].isin(ids)]
    shown_per_head = league[["report_id", "agency", "peer_key"]].merge(
        tables.per_capita_by_report(per_head, people), on="report_id"
    )
    missing = people.unmatched(full.reports)
    page.show(
        page.text("按人口计算", tag="h3"),
        page.note(
            "{year} 年；常住人口等取自协变量表 {file}。{missing}",
            year=latest_year,
            file=Path(covariates).name,
            missing=f"表中 {len(missing)} 个{'地区' if people.by == 'region' else '机构'}没有对应的报告：{'、'.join(missing)}。"
            if missing else "",
        ),
        page.table(shown_per_head.drop(columns="report_id"), labels={"peer_key": "同类", **names.COLUMNS}),
        tables.per_capita_definitions_html(),
        data.save(per_head, "per-capita", "下载人均指标数据（CSV）"),
    )

# %% [markdown]
# ## 四、办理结果构成比较（最近年度）
#
# 各机构办理结果中各类的占比（分母为各自的办理结果总计）；有空白的类别不画，表内不平衡的报告不画。

# %%
mix = derived.rows(full, "outcome_mix", latest["report_id"])
mix = mix[mix["year"].isin([latest_year])].assign(group_label=lambda d: d["group"].map(names.OUTCOME_GROUPS))
mix = mix.assign(agency=mix["agency_id"].map(names_by_id))
charts.bars(
    mix,
    "agency",
    "group_label",
    "share",
    title=f"{latest_year} 年办理结果构成",
    value_label="占办理结果总计的百分比（%）",
    stacked=True,
    horizontal=True,
    scale=100,
)
page.show(data.save(mix, "outcome-mix"))

# %% [markdown]
# ## 五、校验规则 × 机构
#
# 每格为该机构报告中违反该规则的错误和警告条数（不含“无法核对”）。规则：R1 收支平衡（表头印明的勾稽关系）、
# R2 行合计、R3 办理结果合计、R4 非负整数、R5 表四合计、X1 跨年结转、T1 正文与表格一致。

# %%
matrix = metrics.findings_matrix(data_corpus.findings)
if matrix.empty:
    page.show(page.note("所有报告都通过了校验。"))
else:
    matrix = matrix.reset_index().assign(agency=lambda d: d["agency_id"].map(names_by_id))
    page.show(
        page.table(
            matrix[["agency", *[c for c in matrix.columns if c not in ("agency", "agency_id")]]],
            labels=names.COLUMNS,
        ),
        data.save(matrix, "findings-by-rule"),
    )

# %% [markdown]
# ## 六、存在的主要问题：主题 × 机构
#
# 报告第五部分“存在的主要问题及改进情况”拆成一条条陈述，分为问题、措施和整改，
# 每条按主题词表归入一个或多个主题（方法见各机构页面）。
# 下图每格为该机构各年度承认的问题中属于该主题的条数（问题最多的 30 个机构）。

# %%
said = problems.statements(data_corpus)
if said.empty:
    page.show(page.note("所选报告中未找到第五部分。"))
else:
    display(section_five.topic_heatmap(said, names_by_id.to_dict()))
    counts = section_five.topic_counts(said)
    page.show(data.save(counts.assign(agency=counts["agency_id"].map(names_by_id)), "problem-topics"))

# %% [markdown]
# ## 七、问题主题的年度变化
#
# 每年的报告中提到某一主题问题的报告所占比例；分母是该年度的全部报告（包括没有第五部分的报告）。
# 每个主题一幅小图，纵轴相同，便于比较。

# %%
if not said.empty:
    trends = section_five.topic_trends(said, data_corpus.reports)
    display(section_five.topic_trend_figure(trends))
    page.show(data.save(trends.reset_index(), "problem-topic-trends"))

# %% [markdown]
# ## 八、与上年雷同的报告
#
# 按“与上年重复占比”从高到低（不列没有重复的报告）：
# 本年第五部分的文字中，落在与本机构上年第五部分逐字相同的较长段落里的比例，比例高的标为“与上年雷同”；
# 相似度为两段文字中短片段的重合程度（0 到 1）。
# “最相似的其他机构”是第五部分与之最接近的另一机构的报告，相似度很高时可能是互相照抄。

# %%
signals = problems.report_signals(data_corpus, said)
copied = section_five.most_copied(signals, data_corpus.reports)
if copied.empty:
    page.show(page.note("没有与上年重复的报告（比较需要同一机构相邻两年的第五部分）。"))
else:
    page.show(page.table(copied, percent=["与上年重复占比"]), data.save(copied, "most-copied"))
