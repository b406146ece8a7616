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
# 本页按评估指标逐份评估年报：是否按时发布、是否符合统一格式、表格勾稽关系、跨年度衔接、上下级年报的衔接、
# 第五部分“存在的主要问题及改进情况”的质量、信息处理费和政府年报应报告的事项等，给出每份报告的得分和
# 同一年度内的名次、最常见的问题、应发布而没有的报告、同一机构同一年度的多份报告，以及政府年报与下级年报的
# 数字核对。第五节可以逐条确认或驳回问题，并下载 decisions.csv 供下次评估使用。
#
# 阅读提示：每个指标的得分为 0–100；总分是有得分的指标的加权平均，“不适用”“未评估”的指标不计入；
# “无法判断”的指标按评估指标规定的分数计分（如发布日期不明的“按时发布”计 0 分）。“—”表示没有得分。
# 评估人员驳回的问题不扣分。各工作表的含义见 assessment.xlsx 的“说明”表。

# %% tags=["parameters"]
assessment_dir: str = ""  # 评估结果文件夹（含 assessment.xlsx 和 data/）；留空表示用默认指标现场评估内置示例语料

# %%
import html
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import HTML, display

from disclosure_analysis.assess.widget import decisions_html
from disclosure_analysis.page import display as page
from disclosure_analysis.page import plotting

plotting.setup()
if assessment_dir:
    from disclosure_analysis.assess.output import DECISIONS, read_assessment

    sheets = read_assessment(assessment_dir)
    decisions = pd.read_csv(Path(assessment_dir) / DECISIONS, dtype=str, encoding="utf-8-sig", keep_default_na=False)
else:
    from disclosure_analysis.assess import assess, present
    from disclosure_analysis.corpus import load_corpus
    from disclosure_analysis.synth.sample import sample_corpus

    result = assess(load_corpus(sample_corpus()))
    sheets, decisions = present.sheets(result), present.decisions(result)
scores, findings, rubric = sheets["评分"], sheets["问题清单"], sheets["评估指标"]
labels = list(rubric["指标"])
years = sorted(int(y) for y in scores["年度"].dropna().unique())
display(
    page.note(
        "共评估 {reports} 份报告、{agencies} 个机构，年度 {span}；评估指标 {n} 项。",
        reports=len(scores),
        agencies=scores["机构"].nunique(),
        span="、".join(map(str, years)) or "未读出",
        n=len(rubric),
    )
)
by_ocr = scores[scores["读取方式"] == "OCR 识别"]
if not by_ocr.empty:
    display(
        page.note(
            "其中 {n} 份报告的表格由 OCR 从图片（扫描件或表格图片）识别，共 {m} 格可能识别有误，请对照原件核对："
            "排名表的“读取方式”列标出这些报告，问题清单中问题所涉的格由 OCR 识别的，位置后注明置信度。",
            n=len(by_ocr),
            m=int(by_ocr["OCR 存疑格数"].fillna(0).sum()),
        )
    )
display(page.table(rubric[["指标", "权重", "无法判断时的得分", "依据"]], caption="评估指标、权重和依据"))

# %% [markdown]
# ## 一、排名
#
# 名次在同一年度内比较（1 为最好，得分相同者名次相同）。“日期来源”说明发布日期取自报告正文还是登记表补录。

# %%
shown = ["名次", "机构", "机构类型", "发布日期", "日期来源", "总分", *labels, "无法判断的指标", "读取方式"]
for year in reversed(years):
    table = scores[scores["年度"] == year].sort_values(["名次", "机构"])
    display(page.table(table[shown], caption=f"{year} 年度"))

# %%
if years:
    latest = scores[scores["年度"] == years[-1]].sort_values("总分")
    fig, ax = plt.subplots(figsize=(8, max(2.5, 0.35 * len(latest))))
    ax.barh(latest["机构"].map(plotting.label), latest["总分"], color="#4c72b0")  # "$" stays text
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
    totals = [scores.loc[scores["年度"] == year, "总分"].dropna() for year in years]
    axes[0].hist(totals, bins=10, range=(0, 100), stacked=True, label=[str(y) for y in years])
    axes[0].legend(title="年度", fontsize=8)
axes[0].set_xlabel("总分")
axes[0].set_ylabel("报告数")
axes[0].set_title("总分的分布")
scored = [(label, scores[label].dropna()) for label in labels if scores[label].notna().any()]
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
outcomes = sheets["指标结果"]
order = ["达标", "部分达标", "不达标", "无法判断", "不适用", "未评估"]
status_table = pd.crosstab(outcomes["指标"], outcomes["结果"])
status_table = status_table.reindex(columns=[s for s in order if s in status_table.columns], fill_value=0)
status_table = status_table.reindex([label for label in labels if label in status_table.index])
display(page.table(status_table.rename_axis("指标").reset_index(), caption="各指标的结果（报告数）"))
colors = dict(zip(order, ["#2e7d32", "#aed581", "#e53935", "#ffb74d", "#cfd8dc", "#90a4ae"], strict=True))
if not status_table.empty:
    ax = status_table.plot.barh(
        stacked=True,
        figsize=(9, 0.4 * len(status_table) + 1.5),
        color=[colors[c] for c in status_table.columns],
    )
    ax.invert_yaxis()
    ax.set_xlabel("报告数")
    ax.set_ylabel("")
    ax.legend(title="结果", fontsize=8, bbox_to_anchor=(1.01, 1), loc="upper left")
    plt.show()

# %% [markdown]
# ## 四、最常见的问题
#
# 只计错误和警告，不含评估人员已驳回的问题；“涉及报告”为出现该问题的机构-年度数。

# %%
counted = findings[findings["级别"].isin(["错误", "警告"]) & (findings["决定"] != "已驳回")]
if counted.empty:
    display(page.note("没有错误或警告。"))
else:
    frequent = (
        counted.assign(报告=counted["机构"] + counted["年度"].astype(str))
        .groupby("规则")
        .agg(问题条数=("问题编号", "count"), 涉及报告=("报告", "nunique"))
        .sort_values(["涉及报告", "问题条数"], ascending=False)
        .reset_index()
    )
    display(page.table(frequent.head(15), caption="最常见的问题"))
    examples = counted.drop_duplicates("规则").set_index("规则").loc[frequent["规则"].head(8)].reset_index()
    display(page.table(examples[["规则", "机构", "年度", "位置", "OCR 识别", "说明"]], caption="每条规则的一个示例"))

# %% [markdown]
# ## 五、逐条处理问题：确认或驳回
#
# 每条问题可以点“确认”或“驳回”，并写明理由（先在“决定人”处填写姓名）；处理完后点“下载 decisions.csv”，
# 下次运行 `disclosure-analysis assess --decisions decisions.csv` 时提供这个文件，被驳回的问题不再扣分。
# 问题编号在报告文件不变时每次运行都相同，决定随之保留；页面会在本浏览器中暂存尚未下载的决定。

# %%
decided = findings["决定"].value_counts()
display(
    page.note(
        "评估人员的决定：已确认 {c} 条，已驳回 {d} 条，报告内容变化后待重新确认 {r} 条，尚未处理 {o} 条。",
        c=int(decided.get("已确认", 0)),
        d=int(decided.get("已驳回", 0)),
        r=int(decided.get("报告已变化，待重新确认", 0)),
        o=int(decided.get("待处理", 0)),
    )
)
display(HTML(decisions_html(decisions)))

# %% [markdown]
# ## 六、缺报和重复报告
#
# 缺报：登记表中的机构在所评估的年度应发布而语料中没有的报告（未提供登记表时，只列出语料中已有机构在其
# 首末年度之间缺少的年度）。重复报告：同一机构同一年度的多份报告只评估一份，其余列在这里。

# %%
missing, duplicates = sheets["缺报"], sheets["重复报告"]
if missing.empty:
    display(page.note("所评估的年度没有缺报。"))
else:
    by_year = missing.groupby("年度")["机构"].count()
    display(
        page.note(
            "共 {n} 个机构-年度缺报：{detail}。",
            n=len(missing),
            detail="；".join(f"{int(y)} 年 {c} 个" for y, c in by_year.items()),
        )
    )
    display(page.table(missing[["年度", "机构", "机构类型", "层级", "上级", "说明"]]))
if duplicates.empty:
    display(page.note("没有同一机构同一年度的多份报告。"))
else:
    display(page.table(duplicates, caption="未计分的重复报告"))

# %% [markdown]
# ## 七、政府年报与下级年报的核对
#
# 政府年报的表三本年新收申请总计和表四各项总计，与同一年度其下级（部门、乡镇街道）年报之和比较。全区域汇总
# 报告的数字不应小于下级之和；只反映本机关情况的报告则可能小于（此时可驳回相应问题）。

# %%
cross = sheets["上下级核对"]
if cross.empty:
    display(page.note("语料中没有可对应的政府年报与下级年报。"))
else:
    display(page.table(cross))

# %% [markdown]
# ## 八、各机构记分卡
#
# 每个机构一页，列出各年度每个指标的结果、依据和具体问题，并链接到该机构的年报分析页。

# %%
if assessment_dir:
    cards = sheets["记分卡"]
    links = "".join(
        f'<li><a href="{html.escape(card)}">{html.escape(name)}</a></li>'
        for name, card in zip(cards["机构"], cards["记分卡"], strict=True)
    )
    display(HTML(f"<ul>{links}</ul>"))
else:
    display(page.note("现场评估时不生成记分卡；运行 disclosure-analysis assess 生成。"))
