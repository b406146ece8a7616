# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 机构政府信息公开工作年度报告分析
#
# 本页把一个机构的政府信息公开工作年度报告读成数据，按年度展示：
# 主动公开、依申请公开（申请人类型、办理结果、公开率、结转）、行政复议和行政诉讼、与同类机构的比较、
# 数据校验发现的问题，以及报告第五部分“存在的主要问题及改进情况”。
#
# 阅读提示：表中“—”表示报告中该格为空白或“/”，**不等于 0**；比率一律注明分母。

# %% tags=["parameters"]
corpus: str = ""  # 语料文件夹路径；留空表示内置示例语料
agency_id: str = ""  # 机构编号（小写字母、数字、连字符）；留空表示语料中的第一个机构
years: list = []  # 分析的年度，如 [2023, 2024]；留空表示全部年度
peer_group: str = "level"  # 同类比较范围："level" 同级机关，"region" 同一地区
output_dir: str = ""  # 站点输出文件夹，图表数据写入其中的 data/agencies/<机构编号>/；留空表示不写文件
register: str = ""  # 机构登记表（CSV 或 XLSX）：机构类型、层级、地区和补录的发布日期以它为准；留空表示不用

# %%
from pathlib import Path

from disclosure_analysis import formats
from disclosure_analysis.analysis import derived, metrics, problems
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.corpus.register import load_register, with_register
from disclosure_analysis.formats import names
from disclosure_analysis.page import charts, section_five
from disclosure_analysis.page import display as page

if not corpus:
    from disclosure_analysis.synth.sample import sample_corpus

    corpus = str(sample_corpus())
full = load_corpus(corpus)
if register:
    full = with_register(full, load_register(register))
agency_id = agency_id or str(full.reports["agency_id"].dropna().sort_values().iloc[0])
years = [int(y) for y in years]
chosen = metrics.subset(full.reports, [agency_id], years)
if chosen.empty:
    raise ValueError(f"语料中没有机构 {agency_id} 在所选年度 {years or '全部'} 的报告")
mine = full.select(chosen["report_id"])
chosen_ids = list(chosen["report_id"])  # this agency's reports: their rows of the corpus-wide tables
reports = mine.reports.sort_values("year")
agency_name = page.last(reports["agency"], agency_id)
data = page.DataSink(output_dir, f"agencies/{agency_id}", page_dir="agencies")
known_years = sorted(int(y) for y in reports["year"].dropna().unique())
year_span = "、".join(str(y) for y in known_years) or "未读出"

read = mine.manifest.dropna(subset=["read_by"]).drop_duplicates("report_id").set_index("report_id")
read = read.reindex(reports["report_id"])
files = reports.assign(
    source=reports["source"].map(lambda s: Path(s).name),
    read_by=[page.read_by(h, u) for h, u in zip(read["read_by"], read["ocr_uncertain"], strict=True)],
)
page.show(
    page.text(agency_name, tag="h2"),
    page.note(
        "年度：{years}；报告 {n} 份；机构类型：{kind}；层级：{level}；地区：{region}。",
        years=year_span,
        n=len(reports),
        kind=formats.agency_kinds().names.get(page.last(reports["agency_kind"]), "待确认"),
        level=page.last(reports["level"]),
        region=page.last(reports["region"]),
    ),
    page.table(
        files[["year", "template", "published", "status", "source", "read_by"]],
        labels={"template": "格式版本", "published": "发布日期", "source": "文件", "read_by": "读取方式", **names.COLUMNS},
    ),
)

# %% [markdown]
# ## 一、主动公开
#
# “主动公开信息”是报告正文（通常在第一部分）所写的全年主动公开信息条数；其余各列来自表二
# （第二十条第（一）（五）（六）（八）项）。2019 年版格式的“本年新制作数量”列在“制发”下。
# 报告没有写明或表格空白的，显示为“—”。

# %%
volume = derived.rows(full, "proactive_volume", chosen_ids).sort_values("year")
volume_cols = [
    "year",
    "proactive_total",
    "regulations_issued",
    "normative_issued",
    "licensing_decisions",
    "punishment_decisions",
    "coercion_decisions",
    "fees_amount",
]
counts = volume.melt(id_vars="year", value_vars=volume_cols[1:7], var_name="item", value_name="count")
counts["item"] = counts["item"].map(names.COLUMNS)
drawn = charts.bars(
    counts, "year", "item", "count", title="主动公开数量", value_label="件/条", index_label="年度"
)
page.show(
    page.table(
        volume[volume_cols],
        labels=names.COLUMNS,
        ocr=page.ocr_marks(volume, mine.table2, {"report_id": "report_id"}, {c: {"code": c} for c in volume_cols[2:]}),
    ),
    data.save(counts, "proactive") if drawn else None,
)

# %% [markdown]
# ## 二、收到的申请：按申请人类型
#
# 表三第一行“本年新收政府信息公开申请数量”，按申请人类型（自然人、法人或其他组织的五类）分列。
# 占比的分母是报告所填的“总计”列。

# %%
apps = derived.rows(full, "applications_by_applicant", chosen_ids)
if apps.empty:
    page.show(page.note("报告未提供表三数据。"))
else:
    apps = apps.assign(applicant_label=apps["applicant"].map(names.APPLICANTS))
    charts.bars(
        apps,
        "year",
        "applicant_label",
        "count",
        title="本年新收申请：按申请人类型",
        value_label="新收申请（件）",
        index_label="年度",
        stacked=True,
    )
    page.show(
        page.table(
            apps[["year", "applicant_label", "count", "total", "share"]],
            labels={"applicant_label": "申请人类型", "total": "总计（分母）", **names.COLUMNS},
            percent=["share"],
            ocr=page.ocr_marks(
                apps, mine.table3, {"report_id": "report_id", "column": "applicant"}, {"count": {"row": "new_received"}}
            ),
        ),
        data.save(apps, "applications-by-applicant"),
    )

# %% [markdown]
# ## 三、办理结果
#
# 表三“三、本年度办理结果”（总计列）：予以公开、部分公开、不予公开（八类理由）、无法提供、
# 不予处理、其他处理。某一类中只要有一格空白，该类合计即为“—”（空白不能当作 0 相加）。

# %%
mix = derived.rows(full, "outcome_mix", chosen_ids)
if mix.empty:
    page.show(page.note("报告未提供表三办理结果。"))
else:
    mix = mix.assign(group_label=mix["group"].map(names.OUTCOME_GROUPS))
    charts.bars(
        mix,
        "year",
        "group_label",
        "share",
        title="办理结果构成",
        value_label="占办理结果总计的百分比（%）",
        index_label="年度",
        stacked=True,
        horizontal=True,
        scale=100,
    )
    parts = [
        page.table(
            mix[["year", "group_label", "count", "handled_total", "share"]],
            labels={"group_label": "结果类别", **names.COLUMNS},
            percent=["share"],
        ),
        data.save(mix, "outcome-mix"),
    ]
    reasons = derived.rows(full, "outcome_reasons", chosen_ids)
    reasons = reasons[reasons["group"].isin(["denied"]) & reasons["count"].fillna(1).ne(0)]
    if not reasons.empty:
        reasons = reasons.assign(reason=reasons["outcome"].map(names.T3_ROWS))
        parts += [
            page.note("<b>不予公开的理由</b>（只列非零或空白的行）："),
            page.table(
                reasons[["year", "reason", "count", "share"]],
                labels={"reason": "不予公开理由", **names.COLUMNS},
                percent=["share"],
            ),
        ]
    page.show(*parts)

# %% [markdown]
# ## 四、公开率
#
# 公开率 = （予以公开 + 部分公开）÷ 办理结果总计（表三“（七）总计”，总计列）。分母一并列出；
# 分母为 0 或有空白时不计算。

# %%
rate = derived.rows(full, "release_rate", chosen_ids).sort_values("year")
if rate.empty:
    page.show(page.note("报告未提供表三数据，无法计算公开率。"))
else:
    latest = rate.iloc[-1]
    page.show(
        page.table(
            rate[["year", "granted", "partial", "released", "handled_total", "release_rate"]],
            labels=names.COLUMNS,
            percent=["release_rate"],
        ),
        page.note(
            "{year} 年公开率为 {rate}（分母：办理结果总计 {den} 件，其中予以公开与部分公开共 {num} 件）。",
            year=latest["year"],
            rate=page.pct(latest["release_rate"]),
            den=page.count(latest["handled_total"]),
            num=page.count(latest["released"]),
        ),
        data.save(rate, "release-rate"),
    )

# %% [markdown]
# ## 五、结转与积压
#
# 收支关系：本年新收 + 上年结转 = 办理结果总计 + 结转下年度。结转率 = 结转下年度 ÷（本年新收 + 上年结转）。
# “结转衔接一致”核对本年“上年结转”是否等于上一年度报告的“结转下年度”（缺上年报告时为“—”）。

# %%
flows = derived.rows(full, "carry_over", chosen_ids).sort_values("year")
if flows.empty:
    page.show(page.note("报告未提供表三数据。"))
else:
    page.show(
        page.table(
            flows.drop(columns=["report_id", "agency_id"]), labels=names.COLUMNS, percent=["backlog_rate"]
        ),
        data.save(flows, "carry-over"),
    )

# %% [markdown]
# ## 六、行政复议和行政诉讼
#
# 表四：行政复议，以及行政诉讼（未经复议直接起诉、复议后起诉）。
# 纠错率 = 结果纠正 ÷（总计 − 尚未审结），即已审结案件中被纠正的比例，分母一并列出。

# %%
cases = derived.rows(full, "review_litigation", chosen_ids)
if cases.empty:
    page.show(page.note("报告未提供表四数据。"))
else:
    cases = cases.assign(group_label=cases["group"].map(names.T4_GROUPS))
    page.show(
        page.table(
            cases[
                [
                    "year",
                    "group_label",
                    "upheld",
                    "corrected",
                    "other",
                    "pending",
                    "total",
                    "decided",
                    "correction_rate",
                ]
            ],
            labels={"group_label": "类别", **names.COLUMNS},
            percent=["correction_rate"],
            ocr=page.ocr_marks(
                cases, mine.table4, {"report_id": "report_id", "group": "group"}, {o: {"outcome": o} for o in names.T4_OUTCOMES}
            ),
        ),
        data.save(cases, "review-litigation"),
    )

# %% [markdown]
# ## 七、同比变化
#
# 与上一年度相比的增减（只与紧邻的上一年比较；缺上一年报告时为“—”）。公开率以百分比计，其增减为百分点。

# %%
headline = {
    "proactive_total": "主动公开信息（条）",
    "new_received": "本年新收申请（件）",
    "release_rate_pct": "公开率（%）",
    "review_total": "行政复议（件）",
    "suit_total": "行政诉讼（件）",
}
yoy = derived.rows(full, "headline_changes", chosen_ids)
yoy = yoy.sort_values(
    ["metric", "year"], key=lambda s: s.map(list(headline).index) if s.name == "metric" else s
)
yoy = yoy.assign(metric_label=yoy["metric"].map(headline))
page.show(
    page.table(
        yoy[["metric_label", "year", "value", "previous", "change", "change_pct"]],
        labels={"metric_label": "指标", "value": "本年", **names.COLUMNS},
        percent=["change_pct"],
    ),
    data.save(yoy, "year-over-year"),
)

# %% [markdown]
# ## 八、与同类机构比较
#
# 在同一年度、同一范围（同级机关或同一地区）的全部报告中排名：数量类指标从大到小排，
# 第 1 名为最多；公开率从高到低排。空白的报告不参与排名。

# %%
peers = derived.rows(full, f"peers_{peer_group}", chosen_ids)
peers = peers.sort_values(
    ["metric", "year"], key=lambda s: s.map(derived.PEER_METRICS.index) if s.name == "metric" else s
)
peers = peers.assign(metric=peers["metric"].map(headline))
page.show(
    page.note("比较范围：{group}。", group=names.PEER_GROUPS[peer_group]),
    page.table(
        peers[["metric", "year", "peer_key", "value", "rank", "peer_count", "peer_median"]],
        labels={"metric": "指标", "value": "本机关", **names.COLUMNS},
    ),
    data.save(peers, "peers"),
)
latest_year = known_years[-1] if known_years else None
key = mine.reports.loc[mine.reports["year"].isin([latest_year]), peer_group].dropna()
if not key.empty:
    per_report = derived.frame(full, "metrics")
    group = per_report[per_report["year"].isin([latest_year]) & per_report[peer_group].isin([key.iloc[0]])]
    group = group.dropna(subset=["new_received"]).sort_values("new_received")
    if len(group) > 1:
        charts.ranking(
            group["agency"].fillna(group["agency_id"]),
            group["new_received"],
            group["agency_id"].isin([agency_id]),
            title=f"{latest_year} 年同类机构的新收申请（红色为本机关）",
            value_label="本年新收申请（件）",
        )
        page.show(data.save(group[["agency_id", "agency", "year", "new_received"]], "peers-new-received"))

# %% [markdown]
# ## 九、数据校验发现
#
# 对表三、表四的勾稽关系（R1 收支平衡、R2 行合计、R3 结果合计、R5 表四合计）、跨年结转（X1）、
# 表二存量与流量的衔接（X2 2019 年格式、X3 2021 年格式：本年新公开不超过公开总数、现行有效件数与上年衔接等，
# 报告说明了清理后调整的只作提示）和正文与表格一致性（T1）的核对结果。每条指向具体的表、行、列，列出按勾稽关系应为的数值和报告所填数值。

# %%
findings = metrics.in_order(mine.findings, "rule")
problems_found = findings[findings["severity"].isin(["error", "warning"])]
unchecked = findings[findings["severity"].isin(["info"])]
parts = [
    page.note("未发现勾稽关系错误或警告。") if problems_found.empty else page.findings_table(problems_found)
]
if not unchecked.empty:
    parts += [
        page.note("<b>无法核对的项目</b>（有空白格或“/”，空白不能当作 0）共 {n} 条：", n=len(unchecked)),
        page.findings_table(unchecked),
    ]
page.show(*parts, data.save(findings, "findings"))

# %% [markdown]
# ## 十、存在的主要问题及改进情况
#
# 报告第五部分按编号（（一）、一是、1. 等）、列举（“主要表现在：A；B；C”“如A、B、C等”）和句子
# 拆成一条条陈述，分为四类：**问题**（承认的不足）、**措施**（承诺要做的事）、**整改**（上年问题的整改情况，
# 按“上年度问题整改情况”等小标题或“针对上年度……问题”等提示语识别）和**引导语**（“取得了明显进展，
# 但仍存在一些不足”“我们将采取以下措施”之类的铺垫句，不算作问题）。
# 每条问题、措施和整改按主题词表归入一个或多个主题，主题后的括号里是决定该主题的关键词（判定依据），
# 一个关键词也没有命中的归入“其他”。
#
# - **与上年重复占比**：本年第五部分的文字中，落在与上年第五部分逐字相同的较长段落里的比例。
#   比例高的年度在表格上方醒目地标为“与上年雷同”。一条陈述 80% 以上的文字片段见于上年第五部分的，
#   标为**照抄上年**，不算作对任何问题的回应。
# - **回应的问题**：措施与本年哪条问题有共同的具体用词（不只是主题相同），整改对应上年的哪条问题。
# - **上年问题的回应**：上年提出的每个问题，本年是否有按内容回应它、且不是照抄上年的整改或措施（有回应），
#   本年的问题中是否又出现了用词相近的同一问题（再次出现）。
# - **具体性**：每条问题、措施、整改中找出具体细节——具体活动（座谈会、问卷调查、在线访谈、短视频等）、
#   具体平台（门户网站、公众号、查阅点等）、时间期限、数字和频次、责任单位、成果产出（编制模板、清单等）；
#   口号、对《条例》的引用和“加强、推进、提升、完善”等泛泛的动词不计。每条按 min(细节数, 2) ÷ 2 计分，
#   全部取平均：0 表示通篇没有具体内容，1 表示每条都写出了至少两处具体细节。
#
# 这些都是按固定规则自动得出的，供阅读时参考，不代替阅读原文。

# %%
own = full.agency(agency_id)  # every year of the agency: last year's text is compared even if not selected
own_statements = problems.statements(own)
signals = problems.report_signals(own, own_statements)
follow = section_five.follow_ups(own_statements, signals, agency_id)
signals = signals[signals["year"].isin(known_years)]
said = own_statements[own_statements["year"].isin(known_years)]
texts = own.sections[own.sections["section"].isin(["problems"]) & own.sections["year"].isin(known_years)]
if texts.empty:
    page.show(page.note("报告中未找到第五部分。"))
else:
    summary = section_five.agency_summary(signals, agency_id, follow)
    page.show(
        section_five.copied_flags(signals, agency_id),
        page.table(summary, percent=["与上年重复占比"]),
        data.save(summary, "problems-summary"),
    )

# %% [markdown]
# ### 各年的陈述：类型与主题
#
# 上表为各主题下问题、措施、整改的条数（一条陈述可属于几个主题；引导语不计），
# 下表逐条列出原文、主题及其判定依据、具体细节、是否照抄上年，以及措施或整改回应的问题。

# %%
if not said.empty:
    statements_shown = section_five.agency_statements(said, agency_id)
    page.show(
        page.table(section_five.kind_by_topic(said, agency_id), index=True),
        page.table(statements_shown, nowrap=["年度", "类型"]),
        data.save(statements_shown, "problem-statements"),
    )

# %% [markdown]
# ### 与上年比较
#
# 逐年列出第五部分原文，与上年重复的段落以底色标出；
# 随后是具体性的计算依据，以及上年提出的问题本年有无回应、是否再次出现。

# %%
parts = []
for rid, year in texts.sort_values("year")[["report_id", "year"]].itertuples(index=False):
    parts += [
        page.text(f"{year} 年", tag="h3"),
        section_five.repeated_html(own, rid),
        section_five.specificity_html(own_statements, rid),
    ]
    answers = follow.get(int(year))
    if answers is not None and not answers.empty:
        parts += [
            page.note(
                "{prev} 年提出的 {n} 个问题：本年有回应 {answered} 个，再次出现 {back} 个。",
                prev=int(year) - 1,
                n=len(answers),
                answered=int(answers["taken_up"].sum()),
                back=int(answers["came_back"].sum()),
            ),
            page.table(section_five.follow_up_shown(answers)),
        ]
page.show(*parts)
