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
# # 案例精读：一份政府信息公开工作年度报告
#
# 本页以一份报告为例，说明法律对年度报告的要求、三张统计表怎么读，并亲手核算表格里的勾稽关系。
# 默认选取语料中表三填得最完整（非空单元格最多）的报告；任何一份报告都可以用同样的方法阅读。

# %% tags=["parameters"]
corpus: str = ""  # 语料文件夹路径；留空表示内置示例语料
report_id: str = ""  # 报告编号（文件内容哈希的前 16 位）；留空表示表三非空单元格最多的报告
output_dir: str = ""  # 站点输出文件夹，图表数据写入其中的 data/case-study/；留空表示不写文件

# %%
import pandas as pd
from IPython.display import display

from disclosure_analysis.analysis import metrics, problems
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.page import charts, reading, section_five
from disclosure_analysis.page import display as page

if not corpus:
    from disclosure_analysis.synth.sample import sample_corpus

    corpus = str(sample_corpus())
full = load_corpus(corpus)
report_id = report_id or metrics.richest_report(full.table3) or str(full.reports["report_id"].iloc[0])
one = full.select([report_id])
if one.reports.empty:
    raise ValueError(f"语料中没有报告 {report_id}")
report = one.reports.iloc[0]
data = page.DataSink(output_dir, "case-study")
agency = report["agency"] if pd.notna(report["agency"]) else "（未读出机构名称）"
display(page.text(f"{agency} {report['year']} 年度报告", tag="h2"))
display(
    page.note(
        "格式版本：{template}；发布日期：{published}；报告编号：{rid}。",
        template=report["template"],
        published=report["published"] if pd.notna(report["published"]) else "未注明",
        rid=report_id,
    )
)

# %% [markdown]
# ## 一、法律要求
#
# 《中华人民共和国政府信息公开条例》（2019 年修订，国务院令第 711 号）：
#
# > **第四十九条** 县级以上人民政府部门应当在每年1月31日前向本级政府信息公开工作主管部门提交本行政机关上一年度
# > 政府信息公开工作年度报告并向社会公布。县级以上地方人民政府的政府信息公开工作主管部门应当在每年3月31日前
# > 向社会公布本级政府上一年度政府信息公开工作年度报告。
#
# > **第五十条** 政府信息公开工作年度报告应当包括下列内容：（一）行政机关主动公开政府信息的情况；
# > （二）行政机关收到和处理政府信息公开申请的情况；（三）因政府信息公开工作被申请行政复议、提起行政诉讼的情况；
# > （四）政府信息公开工作存在的主要问题及改进情况，各级人民政府的政府信息公开工作年度报告还应当包括工作考核、
# > 社会评议和责任追究结果情况；（五）其他需要报告的事项。
# > 全国政府信息公开工作主管部门应当公布政府信息公开工作年度报告统一格式，并适时更新。
#
# 统一格式（国办公开办函〔2019〕60号试行，〔2021〕30号修订）规定了六个部分：一、总体情况；二、主动公开政府信息情况
# （表二）；三、收到和处理政府信息公开申请情况（表三）；四、政府信息公开行政复议、行政诉讼情况（表四）；
# 五、存在的主要问题及改进情况；六、其他需要报告的事项。

# %% [markdown]
# ## 二、怎么读表二（主动公开政府信息情况）
#
# 表二按《条例》第二十条的各项分块：（一）项规章和行政规范性文件（2021 年版：本年制发、本年废止、现行有效件数），
# （五）项行政许可、（六）项行政处罚和行政强制（本年处理决定数量），（八）项行政事业性收费（本年收费金额，万元）。
# 2019 年版的列不同（本年新制作、本年新公开、对外公开总数量等），还有（九）项政府集中采购。

# %%
display(reading.table2(one) or page.note("该报告没有读出表二。"))

# %% [markdown]
# ## 三、怎么读表三（收到和处理政府信息公开申请情况）
#
# 表三的七列是申请人类型：自然人；法人或其他组织（商业企业、科研机构、社会公益组织、法律服务机构、其他）；总计。
# 行分四部分：一、本年新收申请；二、上年结转申请；三、本年度办理结果（（一）予以公开……（七）总计）；
# 四、结转下年度继续办理。表头左上角印着本表的勾稽关系：“第一项加第二项之和，等于第三项加第四项之和”。

# %%
display(reading.table3(one) or page.note("该报告没有读出表三。"))
if not one.table3.empty:
    data.save(one.table3, "table3")

# %% [markdown]
# ## 四、亲手核算勾稽关系
#
# **R1（表头印明）**：对每一列，一（本年新收）+ 二（上年结转）= 三（七）总计 + 四（结转下年度）。
# 下表逐列列出两边的和与差；有空白格的列无法核对（显示“—”），空白不能当作 0。

# %%
r1, r1_table = reading.r1(one)
display(r1_table)
data.save(r1, "r1-balance")
display(reading.r1_summary(r1))

# %% [markdown]
# **R3（结构隐含）**：对每一列，（七）总计 = （一）予以公开 +（二）部分公开 +（三）不予公开 8 项 +
# （四）无法提供 3 项 +（五）不予处理 5 项 +（六）其他处理（2021 年版为 3 项）。

# %%
display(reading.r3(one))

# %% [markdown]
# ## 五、怎么读表四（行政复议、行政诉讼情况）
#
# 表四一行 15 个数：行政复议，以及行政诉讼的“未经复议直接起诉”“复议后起诉”两组，每组五列：结果维持、结果纠正、
# 其他结果、尚未审结、总计。**R5**：每组 维持 + 纠正 + 其他 + 尚未审结 = 总计。

# %%
r5 = reading.r5(one)
if r5 is None:
    display(page.note("该报告没有读出表四。"))
else:
    display(r5)
    charts.bars(
        reading.table4_outcomes(one),
        "group",
        "outcome",
        "value",
        title="行政复议、行政诉讼的结果",
        value_label="件数",
        stacked=True,
        horizontal=True,
    )
    data.save(one.table4, "table4")

# %% [markdown]
# ## 六、程序给出的校验发现
#
# 与上面的手工核算对照：程序逐条列出不符之处，指向表、行、列。

# %%
display(reading.findings(one))

# %% [markdown]
# ## 七、第五部分说了什么
#
# 先读原文，再看程序把它拆成的陈述：按编号和句子拆分，分为**问题**（承认的不足）、
# **措施**（承诺要做的事）和**整改**（上年问题的整改情况）；
# 每条按主题词表归入主题，主题后的括号里是决定该主题的关键词。
# 评估者（如中国社会科学院法学研究所）常批评这一部分“泛泛而谈”、与上年雷同：
# 读的时候留意问题是否具体、措施是否对应问题。各机构页面还比较了它与上年的重复和上年问题的回应情况。

# %%
texts = one.sections[one.sections["section"].isin(["problems"])]
if texts.empty:
    display(page.note("该报告中未找到第五部分。"))
else:
    display(page.text(texts["text"].iloc[0], tag="blockquote"))
    said = problems.statements(one)
    display(page.table(section_five.kind_by_topic(said, report["agency_id"]), index=True))
    shown = section_five.agency_statements(said, report["agency_id"]).drop(columns="年度")
    display(page.table(shown, nowrap=["类型"]))
