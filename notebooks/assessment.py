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
# # 政府信息公开工作年度报告评估结果
#
# 本页按评估指标（rubric）逐份评估年报：是否按时发布、是否符合统一格式、表格勾稽关系、跨年度衔接、
# 第五部分“存在的主要问题及改进情况”的质量、信息处理费和政府年报应报告的事项等，给出每份报告的得分和
# 同一年度内的名次、最常见的问题、名册中未发布年报的机构，以及政府年报与所属部门年报的数字核对。
#
# 阅读提示：每个指标的得分为 0–100；总分是已评分指标的加权平均，“不适用”“未评估”和“无法判断”的指标
# 不计入（除非评估指标文件另有规定）。“—”表示没有得分。评估人员驳回（dismissed）的问题不扣分。

# %% tags=["parameters"]
assessment_dir: str = ""  # 评估结果文件夹（含 assessment.xlsx）；留空表示用默认指标现场评估内置示例语料

# %%
import html

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from disclosure_analysis.assess.model import RULE_TEXT, STATUS_TEXT
from disclosure_analysis.page import display as page
from disclosure_analysis.page import plotting

plotting.setup()
if assessment_dir:
    from disclosure_analysis.assess.output import read_assessment

    sheets = read_assessment(assessment_dir)
else:
    from disclosure_analysis.assess import assess
    from disclosure_analysis.corpus import load_corpus
    from disclosure_analysis.synth.sample import sample_corpus

    sheets = assess(load_corpus(sample_corpus())).sheets()
scores, outcomes, findings = sheets["scores"], sheets["outcomes"], sheets["findings"]
rubric = sheets["rubric"]
labels = dict(zip(rubric["indicator"], rubric["label"], strict=True))
scores["agency"] = scores["agency"].fillna(scores["agency_id"])
years = sorted(int(y) for y in scores["year"].dropna().unique())
display(
    page.note(
        "共评估 {reports} 份报告、{agencies} 个机构，年度 {span}；评估指标 {n} 项。",
        reports=len(scores),
        agencies=scores["agency_id"].nunique(),
        span="、".join(map(str, years)) or "未读出",
        n=len(rubric),
    )
)
display(
    page.table(
        rubric[["label", "weight", "basis"]],
        labels={"label": "指标", "weight": "权重", "basis": "依据"},
        caption="评估指标、权重和依据",
    )
)

# %% [markdown]
# ## 一、排名
#
# 名次在同一年度内比较（1 为最好，得分相同者名次相同）。

# %%
shown = ["rank", "agency", "total", *labels]
names_of = {"rank": "名次", "agency": "机构", "total": "总分", **labels}
for year in reversed(years):
    table = scores[scores["year"] == year].sort_values(["rank", "agency"])
    display(page.table(table[shown], labels=names_of, caption=f"{year} 年度"))

# %%
if years:
    latest = scores[scores["year"] == years[-1]].sort_values("total")
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(latest))))
    ax.barh(latest["agency"].map(plotting.label), latest["total"], color="#4c72b0")  # "$" stays text
    ax.set_xlim(0, 100)
    ax.set_xlabel("总分")
    ax.set_title(f"{years[-1]} 年度各机构总分")
    plt.show()

# %% [markdown]
# ## 二、得分分布
#
# 左图为总分的分布（按年度堆叠）；右图为各指标得分的分布（箱线图，只含有得分的报告）。

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
if years:
    totals = [scores.loc[scores["year"] == year, "total"].dropna() for year in years]
    axes[0].hist(totals, bins=10, range=(0, 100), stacked=True, label=[str(y) for y in years])
axes[0].set_xlabel("总分")
axes[0].set_ylabel("报告数")
axes[0].set_title("总分的分布")
if years:
    axes[0].legend(title="年度", fontsize=8)
scored = [(labels[i], scores[i].dropna()) for i in labels if scores[i].notna().any()]
axes[1].boxplot([v for _, v in scored], orientation="horizontal")
axes[1].set_yticks(range(1, len(scored) + 1), [name for name, _ in scored])
axes[1].set_xlim(-5, 105)
axes[1].set_xlabel("得分")
axes[1].set_title("各指标得分的分布")
plt.show()

# %% [markdown]
# ## 三、各指标的结果
#
# 每个指标下达标、部分达标、不达标、无法判断、不适用和未评估的报告数。

# %%
status_table = pd.crosstab(outcomes["indicator"].map(labels), outcomes["status"].map(STATUS_TEXT))
status_table = status_table.reindex(
    columns=[s for s in STATUS_TEXT.values() if s in status_table.columns], fill_value=0
)
status_table = status_table.reindex([labels[i] for i in labels if labels[i] in status_table.index])
display(
    page.table(
        status_table.reset_index().rename(columns={"indicator": "指标"}), caption="各指标的结果（报告数）"
    )
)
colors = dict(
    zip(STATUS_TEXT.values(), ["#2e7d32", "#aed581", "#e53935", "#ffb74d", "#cfd8dc", "#90a4ae"], strict=True)
)
ax = status_table.plot.barh(
    stacked=True, figsize=(9, 0.4 * len(status_table) + 1.5), color=[colors[c] for c in status_table.columns]
)
ax.invert_yaxis()
ax.set_xlabel("报告数")
ax.set_ylabel("")
ax.legend(title="结果", fontsize=8, bbox_to_anchor=(1.01, 1), loc="upper left")
plt.show()

# %% [markdown]
# ## 四、最常见的问题
#
# 只计错误和警告，不含评估人员已驳回的问题；“涉及报告”为出现该问题的报告份数。

# %%
counted = findings[findings["severity"].isin(["error", "warning"]) & (findings["decision"] != "dismissed")]
if counted.empty:
    display(page.note("没有错误或警告。"))
else:
    frequent = (
        counted.groupby("rule")
        .agg(findings=("finding_key", "count"), reports=("report_id", "nunique"))
        .sort_values(["reports", "findings"], ascending=False)
        .reset_index()
    )
    frequent.insert(1, "what", frequent["rule"].map(lambda r: RULE_TEXT.get(r, r)))
    display(
        page.table(
            frequent.head(15),
            labels={"rule": "规则", "what": "内容", "findings": "问题条数", "reports": "涉及报告"},
            caption="最常见的问题",
        )
    )
    examples = counted.drop_duplicates("rule").set_index("rule").loc[frequent["rule"].head(8)]
    display(
        page.table(
            examples.reset_index()[["rule", "agency", "year", "message"]],
            labels={"rule": "规则", "agency": "机构", "year": "年度", "message": "示例"},
            caption="每条规则的一个示例",
        )
    )
decided = findings["decision"].value_counts()
display(
    page.note(
        "评估人员的决定：已确认 {c} 条，已驳回 {d} 条，报告内容变化后待重新确认 {r} 条，尚未处理 {o} 条。",
        c=int(decided.get("confirmed", 0)),
        d=int(decided.get("dismissed", 0)),
        r=int(decided.get("reopened", 0)),
        o=int(decided.get("open", 0)),
    )
)

# %% [markdown]
# ## 五、名册中未发布年报的机构
#
# 提供机构名册时，列出名册中的机构在哪些年度没有年报（按规范化名称和别名与报告对应）。

# %%
missing = sheets["missing"]
if missing.empty:
    display(page.note("没有提供名册，或名册中的机构在各年度都有年报。"))
else:
    by_year = missing.groupby("year")["roster_id"].count()
    display(
        page.note(
            "共 {n} 个机构-年度缺报：{detail}。",
            n=len(missing),
            detail="；".join(f"{int(y)} 年 {c} 个" for y, c in by_year.items()),
        )
    )
    display(
        page.table(
            missing[["year", "agency", "level", "parent"]],
            labels={"year": "年度", "agency": "机构", "level": "层级", "parent": "上级"},
        )
    )

# %% [markdown]
# ## 六、政府年报与所属部门年报的核对
#
# 政府年报的表三本年新收申请总计和表四各项总计，与同一年度所属部门年报之和比较。全区域汇总报告的数字
# 不应小于部分之和；只反映本机关情况的报告则可能小于。

# %%
cross = sheets["cross_level"]
if cross.empty:
    display(page.note("语料中没有可对应的政府年报与部门年报。"))
else:
    display(
        page.table(
            cross[
                [
                    "agency",
                    "year",
                    "measure",
                    "parent_value",
                    "children_sum",
                    "children_reported",
                    "children_expected",
                    "children_missing",
                    "status",
                ]
            ],
            labels={
                "agency": "政府",
                "year": "年度",
                "measure": "数字",
                "parent_value": "政府年报",
                "children_sum": "部门之和",
                "children_reported": "有年报的部门",
                "children_expected": "名册中的部门",
                "children_missing": "缺报的部门",
                "status": "比较",
            },
        )
    )

# %% [markdown]
# ## 七、各机构记分卡
#
# 每个机构一页，列出各年度每个指标的结果、依据和具体问题。

# %%
if assessment_dir:
    agencies = scores.drop_duplicates("agency_id").sort_values("agency")
    links = "".join(
        f'<li><a href="scorecards/{html.escape(a)}.html">{html.escape(str(n))}</a></li>'
        for a, n in zip(agencies["agency_id"], agencies["agency"], strict=True)
    )
    display(HTML(f"<ul>{links}</ul>"))
else:
    display(page.note("现场评估时不生成记分卡；运行 disclosure-analysis assess 生成。"))
