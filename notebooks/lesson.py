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
# # 课堂教学：读懂一份政府信息公开工作年度报告（90 分钟）
#
# 本课围绕一个机关的一份真实格式的年度报告展开：先读《条例》对年度报告的要求，再读懂三张统计表，
# 亲手和用代码核对表格里的勾稽关系，批判地阅读第五部分“存在的主要问题及改进情况”，与同级机关比较，
# 最后讨论 2019 年版与 2021 年版格式的变化。
#
# **怎么用**：每道练习（练习1、练习2……）下面有一个代码单元，把答案写在 `answer = None` 的等号右边
# （数字直接写，文字加引号，如 `answer = "一致"`），运行该单元即可知道对错；答错时会给出提示。
# 所有数字都来自本课选用的报告。表中“—”表示报告中该格为空白或“/”，**不等于 0**。

# %% tags=["parameters"]
corpus: str = ""  # 语料文件夹路径；留空表示内置示例语料
agency: str = ""  # 机构名称或其中一段（如“洪泽区”），或机构编号；留空表示选最有教学价值的报告
year: int = 0  # 报告年度，如 2023；0 表示自动选择
two_reports: bool = False  # 两份报告对照：同一机构 2021 年版格式的报告与 2019 年版格式的报告
agencies: list = []  # 只在这些机构编号中选择，如 ["a-1", "b-2"]；留空表示全部
years: list = []  # 只在这些年度中选择，如 [2023, 2024]（papermill -p 时写作 "[2023, 2024]"）；留空表示全部
output_dir: str = ""  # 站点输出文件夹，本报告的表格数据写入其中的 data/lesson/；留空表示不写文件

# %% tags=["hide-input"]
from IPython.display import display

from disclosure_analysis.analysis import lesson
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.page import charts, reading, section_five
from disclosure_analysis.page import display as page
from disclosure_analysis.page import lesson as lesson_page
from disclosure_analysis.page.params import as_list

if not corpus:
    from disclosure_analysis.synth.sample import sample_corpus

    corpus = str(sample_corpus())
full = load_corpus(corpus)
agencies, years = as_list(agencies, str, "agencies"), as_list(years, int, "years")
case = lesson.choose_case(full, agency, int(year) or None, bool(two_reports), tuple(agencies), tuple(years))
exercises = {e.number: e for e in lesson.exercises(full, case)}
one = full.select([case.report_id])
partner = full.select([case.partner_id]) if case.partner_id else None
partner_title = lesson_page.report_title(partner) if partner is not None else None
data = page.DataSink(output_dir, "lesson")
display(lesson_page.case_header(case, one))

# %% tags=["teacher", "hide-input"]
page.show(
    lesson_page.reasons(case, partner_title),
    page.Html(
        '<p>本课材料：<a href="lesson-student.html">学生版</a>（不含参考答案，可直接分发；'
        '<a href="lesson-student.ipynb">学生版笔记本</a>）、<a href="lesson-guide.md">教师指南</a>'
        "（各部分时间安排与每道练习的教学要点）。</p>"
    ),
)

# %% [markdown]
# ## 第一部分　学习目标与导入（5 分钟）
#
# 学完本课，学生应当能够：
#
# 1. 说出《政府信息公开条例》对年度报告的要求（第四十九、五十条）和统一格式的六个部分；
# 2. 读懂表二、表三、表四，说出表三每一行对应《条例》的哪一条；
# 3. 亲手并用代码核对表格的勾稽关系（R1、R3、R5）和跨年度衔接（X1），并知道空白不能当作 0；
# 4. 批判地阅读第五部分：分清问题与措施，识别照抄上年的套话；
# 5. 在同级、同年的范围内比较，并说明比较的局限；
# 6. 说出 2019 年版与 2021 年版格式的主要区别。
#
# 导入问题：如果你想知道一个机关一年里收到了多少信息公开申请、公开了多少、拒绝了多少，去哪里找？

# %% [markdown]
# ## 第二部分　法律依据（10 分钟）
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
# 五、存在的主要问题及改进情况；六、其他需要报告的事项。〔2021〕30号还规定，出现不按时发布、发布内容不准确不全面
# 或者内容雷同、敷衍塞责等问题并造成不良后果的，依照《条例》第四十七条追责。
#
# 表三的每一行都对应申请办理中的一种答复：**予以公开、部分公开**是第三十六条、第三十七条规定的答复；
# **不予公开**的理由主要出自第十四条至第十六条（第 8 项行政查询事项见第三十六条第（七）项）；**无法提供**、**不予处理**、**其他处理**各有出处（见第三部分表三最后一列）。

# %% tags=["hide-input"]
display(lesson_page.basis())

# %% [markdown]
# ## 第三部分　读表（15 分钟）
#
# **表二（主动公开政府信息情况）** 按《条例》第二十条的各项分块：（一）项规章和行政规范性文件，（五）项行政许可，
# （六）项行政处罚和行政强制，（八）项行政事业性收费。

# %% tags=["hide-input"]
display(reading.table2(one) or page.note("该报告没有读出表二。"))

# %% [markdown]
# **表三（收到和处理政府信息公开申请情况）** 的七列是申请人类型：自然人；法人或其他组织（商业企业、科研机构、
# 社会公益组织、法律服务机构、其他）；总计。行分四部分：一、本年新收申请；二、上年结转申请；三、本年度办理结果
# （（一）予以公开……（七）总计）；四、结转下年度继续办理。最后一列是每一行对应的《条例》条款。

# %% tags=["hide-input"]
display(reading.table3(one, basis=True))
page.show(data.save(one.table3, "table3"))

# %% [markdown]
# **表四（行政复议、行政诉讼情况）** 一行 15 个数：行政复议，以及行政诉讼的“未经复议直接起诉”“复议后起诉”两组，
# 每组五列：结果维持、结果纠正、其他结果、尚未审结、总计。

# %% tags=["hide-input"]
r5 = reading.r5(one)
if r5 is None:
    display(page.note("该报告没有读出表四。"))
else:
    display(reading.table4(one))
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
    page.show(data.save(one.table4, "table4"))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[1]))

# %%
answer = None  # 练习1：写出公开率，如 0.25 或 "25%"
display(lesson_page.checked(exercises[1], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[1]))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[2]))

# %%
answer = None  # 练习2：写出件数
display(lesson_page.checked(exercises[2], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[2]))

# %% [markdown]
# ## 第四部分　核对勾稽关系：手算与代码（25 分钟）
#
# - **R1（表头印明）**：每一列，一（本年新收）+ 二（上年结转）= 三（七）总计 + 四（结转下年度）。
# - **R3（表的结构决定）**：每一列，（七）总计 = （一）+（二）+（三）8 项 +（四）3 项 +（五）5 项 +（六）
#   （2019 年版一行，2021 年版三行）。（三）至（六）没有小计行，要把子项逐一加上。
# - **R5（表四）**：每组，结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计。
# - **X1（跨年度）**：今年的“二、上年结转”= 去年报告的“四、结转下年度继续办理”。
# - **T1（正文与表格）**：正文写的申请件数应当与表三“一、本年新收”的总计一致。
#
# 有空白格的等式**无法核对**：空白不能当作 0，也不能当作成立。先手算练习3至练习7，再运行后面的代码对照。

# %% tags=["hide-input"]
display(lesson_page.question(exercises[3]))

# %%
answer = None  # 练习3：写出差，如 0 或 -2
display(lesson_page.checked(exercises[3], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[3]))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[4]))

# %%
answer = None  # 练习4：写出列名，如 "自然人、总计"；都成立写 "无"
display(lesson_page.checked(exercises[4], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[4]))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[5]))

# %%
answer = None  # 练习5：写出组名，如 "行政复议"；都成立写 "无"
display(lesson_page.checked(exercises[5], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[5]))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[6]))

# %%
answer = None  # 练习6：写出 "一致"、"不一致" 或件数（按题目要求）
display(lesson_page.checked(exercises[6], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[6]))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[7]))

# %%
answer = None  # 练习7：写出 "一致"、"不一致" 或件数（按题目要求）
display(lesson_page.checked(exercises[7], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[7]))

# %% [markdown]
# **用代码核对。** 笔记本开头把本课报告读成了 `one`（整个语料是 `full`）。
# 表三在数据里是一张“长表”：每个格一行（行 `row`、列 `column`、数值 `value`）。
# 下面三行代码取出总计列，按 R1 算出两边之差（0 表示成立；空白格会让结果也是空白，显示为 `<NA>`）。
# 学生版中这些单元格没有输出：自己运行一下，与手算的结果对照。

# %% tags=["answer-output"]
total = one.table3[one.table3["column"] == "total"].set_index("row")["value"]
total["new_received"] + total["carried_in"] - total["handled_total"] - total["carried_out"]

# %% [markdown]
# 程序对每一列、每一组都这样核对，下面是 R1、R3、R5 的逐列结果和程序给出的全部校验发现。

# %% tags=["answer-output"]
r1, r1_table = reading.r1(one)
page.show(r1_table, reading.r1_summary(r1), reading.r3(one), r5, reading.findings(one))

# %% [markdown]
# ## 第五部分　批判地读第五部分（15 分钟）
#
# 第五部分“存在的主要问题及改进情况”是《条例》第五十条第（四）项要求的内容。阅读时区分四类句子：
# **问题**（承认的不足）、**措施**（承诺要做的事）、**整改**（上年问题的整改情况）和**引导语**
# （“取得了一定成效，但仍存在不足”之类的铺垫）。评估者（如中国社会科学院法学研究所）常批评这一部分
# “泛泛而谈”、与上年雷同。读的时候问三个问题：问题是否具体？措施是否对应问题？是不是去年的原话？

# %% tags=["hide-input"]
texts = one.sections[one.sections["section"] == "problems"]
if texts.empty:
    display(page.note("该报告中未找到第五部分（练习8、练习9改用其他报告的第五部分，题目中有说明）。"))
else:
    display(page.text(texts["text"].iloc[0], tag="blockquote"))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[8]))

# %%
answer = None  # 练习8：按顺序写出类型，如 "问题、措施、引导语"
display(lesson_page.checked(exercises[8], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[8]))

# %% tags=["hide-input"]
display(lesson_page.question(exercises[9]))

# %%
answer = None  # 练习9：写出编号，如 "1、3"；没有写 "无"
display(lesson_page.checked(exercises[9], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[9]))

# %% [markdown]
# 程序把第五部分拆成的陈述（类型、主题、具体细节、是否照抄上年），以及与上年第五部分逐字相同的段落（底色标出）：

# %% tags=["answer-output"]
own = full.agency(case.agency_id)
said = lesson.five_statements(full, case)[0]
parts = [page.table(section_five.agency_statements(said, str(said["agency_id"].iloc[0])), nowrap=["类型"])] if not said.empty else []
if not texts.empty and case.previous_id:
    parts.append(section_five.repeated_html(own, case.report_id))
page.show(*parts)

# %% [markdown]
# ## 第六部分　与同级机关比较（8 分钟）
#
# 比较要在同级、同年的报告之间进行，并写明比较了多少份：申请少的机关，一两件申请就能让公开率大起大落。

# %% tags=["hide-input"]
display(lesson_page.question(exercises[10]))

# %%
answer = None  # 练习10：写出名次，如 2（或按题目要求作答）
display(lesson_page.checked(exercises[10], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[10]))

# %% [markdown]
# ## 第七部分　2019 年版与 2021 年版格式（7 分钟）
#
# 2019、2020 年度的报告用试行格式（国办公开办函〔2019〕60号），2021 年度起用修订格式（〔2021〕30号）。
# 表二变化最大：（一）项的列从“本年新制作、本年新公开、对外公开总数量”改为“本年制发、本年废止、现行有效件数”，
# 取消了“其他对外管理服务事项”和（九）项政府集中采购，（八）项行政事业性收费从项目数改为收费金额（万元）；
# 表三只有（六）其他处理拆成了三行；表四没有变化。所以跨越 2020→2021 的年度比较要格外小心。
# 下表逐项列出变化，并给出本课报告所填的数字（两份报告对照时各列一栏；一格多个数用“/”分开）。

# %% tags=["hide-input"]
parts = [lesson_page.changes(full, case)]
if partner is not None:
    parts.insert(0, page.note("两份报告对照：{old}（2019 年版）与 {new}（{template} 年版）。", old=partner_title,
                              new=case.title, template=case.template))
page.show(*parts)

# %% tags=["hide-input"]
display(lesson_page.question(exercises[11]))

# %%
answer = None  # 练习11：写出件数，或 "能" / "不能"（按题目要求）
display(lesson_page.checked(exercises[11], answer))

# %% tags=["answer", "hide-input"]
display(lesson_page.answer(exercises[11]))

# %% [markdown]
# ## 第八部分　讨论（5 分钟）
#
# 1. 为什么空白不能当作 0？如果报告把应填的格留空，或把不适用的格填 0，读者会被怎样误导？
# 2. 本报告的勾稽关系有不成立的吗？可能是哪个环节出了错，谁应当在发布前核对？（参见〔2021〕30号对“发布内容不准确”的问责）
# 3. 第五部分写的问题具体吗？措施能回应问题吗？一份好的“问题与改进”应当写出什么？
# 4. 与同级机关比较公开率，哪些因素会让比较不公平？
# 5. 2021 年版取消了哪些项目、增加了哪些？这对跨年度比较和公众监督有什么影响？
# 6. 作为公众或研究者，你会用这份报告的哪些数字来监督这个机关？还缺少什么信息？
