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

# %% tags=["parameters"]
corpus: str = ""  # 语料文件夹路径；留空表示内置示例语料
agency_id: str = ""  # 机构编号（小写字母、数字、连字符）；留空表示语料中的第一个机构
years: list = []  # 分析的年度，如 [2023, 2024]（papermill -p 时写作 "[2023, 2024]"）；留空表示全部年度
peer_group: str = "level"  # 同类比较范围："level" 同类同级机关，"region" 同类同级且同一地区
output_dir: str = ""  # 站点输出文件夹，图表数据写入其中的 data/agencies/<机构编号>/；留空表示不写文件
register: str = ""  # 机构登记表（CSV 或 XLSX）：机构类型、层级、地区和补录的发布日期以它为准；留空表示不用
covariates: str = ""  # 协变量表 CSV（机构或地区 → 常住人口、预算等），用于每万人申请数等人均指标；留空表示不用

# %%
from pathlib import Path

from disclosure_analysis import formats
from disclosure_analysis.analysis import derived, metrics, problems
from disclosure_analysis.analysis.peers import MIN_GROUP
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.corpus.covariates import load_covariates
from disclosure_analysis.corpus.register import load_register, with_register
from disclosure_analysis.formats import names
from disclosure_analysis.page import charts, section_five, tables
from disclosure_analysis.page import display as page
from disclosure_analysis.page.params import as_list

if not corpus:
    from disclosure_analysis.synth.sample import sample_corpus

    corpus = str(sample_corpus())
full = load_corpus(corpus)
if register:
    full = with_register(full, load_register(register))
agency_id = agency_id or str(full.reports["agency_id"].dropna().sort_values().iloc[0])
years = as_list(years, int, "years")
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
    page.text(f"{agency_name}：政府信息公开工作年度报告分析", tag="h1"),
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
    tables.unbalanced_note(mine.findings),
)

# %% [markdown]
# 本页把一个机构的政府信息公开工作年度报告读成数据，按年度展示：
# 主动公开、依申请公开（申请人类型、办理结果及其理由）、主要指标（公开率、不予公开率、无法提供率、结转率、
# 复议诉讼发生率、纠错率、诉讼败诉率、信息处理费）、结转、行政复议和行政诉讼、同比变化、与同类机构的比较、
# 数据校验发现的问题，以及报告第五部分“存在的主要问题及改进情况”。
#
# 阅读提示：表中“—”表示报告中该格为空白或“/”，**不等于 0**；比率一律注明分母；“≥ 5,500”表示报告写的是
# “5500余条”，只知道不少于这个数；“表内不平衡”表示该年表格的数字相互矛盾，不据以计算比率。

# %% [markdown]
# ## 一、主动公开
#
# “主动公开信息”是报告正文（通常在第一部分）所写的全年主动公开信息条数；其余各列来自表二
# （第二十条第（一）（五）（六）（八）项）。2019 年版格式的“本年新制作数量”列在“制发”下。
# 每一项一幅小图，各用自己的纵轴；报告没有写明或表格空白的标为“—”，不画柱（不当作 0）。

# %%
volume = derived.rows(full, "proactive_volume", chosen_ids).sort_values("year")
bounded = volume["proactive_total"].isna() & volume["proactive_total_at_least"].notna()
volume = volume.assign(proactive_total=volume["proactive_total"].fillna(volume["proactive_total_at_least"]))
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
counts = tables.long_counts(volume, volume_cols[1:7], bounded.tolist())
drawn = charts.panels(
    counts, "year", "item", "count", title="主动公开数量", value_label="件/条", bounds=counts["at_least"]
)
shown_volume = page.compact(
    volume[volume_cols].assign(_bound=bounded.to_numpy(), _report=volume["report_id"].to_numpy()),
    keep=("year", "_bound", "_report"),
)
page.show(
    page.table(
        shown_volume.drop(columns=["_bound", "_report"]),
        labels=names.COLUMNS,
        at_least={"proactive_total": shown_volume["_bound"]},
        ocr=page.ocr_marks(
            shown_volume, mine.table2, {"report_id": "_report"}, {c: {"code": c} for c in volume_cols[2:] if c in shown_volume}
        ),
    ),
    data.save(counts, "proactive") if drawn else None,
)

# %% [markdown]
# ## 二、收到的申请：按申请人类型
#
# 表三第一行“本年新收政府信息公开申请数量”，按申请人类型（自然人、法人或其他组织的五类）分列。
# 占比的分母是报告所填的“总计”列。表中只列有数字的申请人类型。

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
    by_year = tables.applicants_table(apps)
    page.show(
        page.table(
            by_year,
            labels=names.COLUMNS,
            ocr=page.ocr_marks(
                by_year.assign(_report=by_year["year"].map(dict(zip(apps["year"], apps["report_id"], strict=True)))),
                mine.table3,
                {"report_id": "_report"},
                {label: {"row": "new_received", "column": code} for code, label in names.APPLICANTS.items() if label in by_year},
            ),
        ),
        data.save(apps, "applications-by-applicant"),
    )

# %% [markdown]
# ## 三、办理结果
#
# 表三“三、本年度办理结果”（总计列）：予以公开、部分公开、不予公开（八类理由）、无法提供（三类）、
# 不予处理（五类）、其他处理。某一类中只要有一格空白，该类合计即为“—”（空白不能当作 0 相加）；
# 括号里是占办理结果总计的比例，表格不平衡的年度不计算比例。第二张表按理由细分（只列某一年不为 0 的理由）。

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
    reasons = derived.rows(full, "outcome_reasons", chosen_ids)
    outcomes, reasons_shown = tables.outcome_table(mix), tables.reasons_table(reasons)
    page.show(
        page.table(outcomes, numeric=list(outcomes.columns[1:])),
        page.note("<b>按理由细分</b>（不予公开、无法提供、不予处理、其他处理）：") if not reasons_shown.empty else None,
        page.table(reasons_shown, numeric=list(reasons_shown.columns[1:])) if not reasons_shown.empty else None,
        data.save(mix, "outcome-mix"),
        data.save(reasons, "outcome-reasons", "下载按理由细分的数据（CSV）"),
    )

# %% [markdown]
# ## 四、主要指标
#
# 每个比率后的括号里是分子 / 分母。比率只从勾稽关系成立的表格计算：表三的收支平衡（R1）、行合计（R2）、
# 结果合计（R3）或表四的合计（R5）不成立的年度显示“表内不平衡”，不参加同类排名。
# 各指标的定义、分子、分母和法律依据见下方折叠的说明。

# %%
values = derived.rows(full, "indicators", chosen_ids)
shown_indicators = tables.indicator_table(values)
page.show(
    page.table(shown_indicators, numeric=list(shown_indicators.columns[1:])),
    tables.definitions_html(),
    data.save(values, "indicators", "下载指标数据（CSV，含分子、分母和状态）"),
)
if covariates:  # per-capita figures from the covariates file
    people = load_covariates(covariates)
    per_head = derived.per_capita(full, people)
    per_head = per_head[per_head["report_id"].isin(chosen_ids)]
    page.show(
        page.text("按人口计算", tag="h3"),
        page.note("常住人口等取自协变量表 {file}；没有对应人口数的年度显示“无人口数”。", file=Path(covariates).name),
        page.table(tables.per_capita_table(per_head, people)),
        tables.per_capita_definitions_html(),
        data.save(per_head, "per-capita", "下载人均指标数据（CSV）"),
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
    balanced = flows["balanced"].tolist()
    page.show(
        page.table(
            flows.drop(columns=["report_id", "agency_id", "balanced"]),
            labels=names.COLUMNS,
            percent=["backlog_rate"],
            null_text={"backlog_rate": ["" if b else "表内不平衡" for b in balanced]},
        ),
        data.save(flows, "carry-over"),
    )

# %% [markdown]
# ## 六、行政复议和行政诉讼
#
# 表四：行政复议，以及行政诉讼（未经复议直接起诉、复议后起诉）。
# 纠错率 = 结果纠正 ÷（总计 − 尚未审结），即已审结案件中被纠正的比例，分母一并列出；表四合计不成立（R5）的
# 年度不计算。只列有数字的类别。

# %%
cases = derived.rows(full, "review_litigation", chosen_ids)
cases = cases[cases[["upheld", "corrected", "other", "pending", "total"]].notna().any(axis=1)]
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
            null_text={"correction_rate": ["" if b else "表内不平衡" for b in cases["balanced"].tolist()]},
            ocr=page.ocr_marks(
                cases, mine.table4, {"report_id": "report_id", "group": "group"}, {o: {"outcome": o} for o in names.T4_OUTCOMES}
            ),
        ),
        data.save(cases, "review-litigation"),
    )

# %% [markdown]
# ## 七、同比变化
#
# 与上一年度相比的增减（只与紧邻的上一年比较；缺上一年报告时不列）。数量列出增减和增减幅度；
# 比率的增减以百分点计（52.6% 到 55.0% 是增加 2.4 个百分点），不给相对幅度。
# “≥”表示本年数字是下限（如“5500余条”），增减也只是下限；上年是下限时增减未知（“—”）。

# %%
yoy = derived.rows(full, "headline_changes", chosen_ids)
yoy = yoy.sort_values(
    ["metric", "year"], key=lambda s: s.map(list(derived.HEADLINE).index) if s.name == "metric" else s
)
count_changes, rate_changes = tables.changes_tables(yoy)
page.show(
    page.table(count_changes, numeric=["本年", "上年", "增减", "增减幅度"]) if not count_changes.empty else None,
    page.table(rate_changes, numeric=["本年", "上年", "增减"]) if not rate_changes.empty else None,
    page.note("没有相邻两个年度的报告，无法比较。") if count_changes.empty and rate_changes.empty else None,
    data.save(yoy, "year-over-year"),
)

# %% [markdown]
# ## 八、与同类机构比较
#
# 同类机构是同一年度、同一类型和层级（按“region”比较时还要同一地区）的机构的报告；
# 类型、层级或地区不详的机构不归入任何同类。同类报告不少于 5 份才排名并给出中位数：
# 数量类指标从大到小排，第 1 名为最多；公开率从高到低排。空白和表内不平衡的报告不参与排名。

# %%
peers = derived.rows(full, f"peers_{peer_group}", chosen_ids)
peers = peers.sort_values(
    ["metric", "year"], key=lambda s: s.map(derived.PEER_METRICS.index) if s.name == "metric" else s
)
peer_rows = tables.peer_table(peers)
parts = [page.note("比较范围：{group}。", group=names.PEER_GROUPS[peer_group])]
if peers["peer_key"].isna().all():
    parts.append(page.note("本机关的层级（或地区）未能从名称判断，无法确定同类机构，不作比较。"))
elif not peer_rows.empty:
    parts.append(page.table(peer_rows, numeric=["本机关", "同类中位数"]))
page.show(*parts, data.save(peers, "peers"))
latest_year = known_years[-1] if known_years else None
latest = peers[peers["year"].isin([latest_year]) & peers["metric"].eq("new_received")]
if not latest.empty and latest["peer_count"].fillna(0).iloc[0] >= MIN_GROUP:
    members = derived.peer_members(full, peer_group, latest_year, latest["peer_key"].iloc[0])
    group = derived.rows(full, "metrics", members).dropna(subset=["new_received"]).sort_values("new_received")
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
