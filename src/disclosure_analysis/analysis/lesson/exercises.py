"""The lesson's exercises, computed from the chosen report's own numbers, and the check of a student's answer.

Every exercise has a question (with the numbers a student needs), a hint, and an answer worked out from the
report's data by the same functions the site uses (`metrics`, `checks` findings, `problems`). Where the
report lacks what an exercise needs (a blank cell, no previous year, no section 五, no peers), the exercise
says so and asks something the report can answer instead: it never fails and never guesses.

Kinds of answer: `number` (a count or difference, exact), `percent` (0.526, 52.6 or "52.6%" within 0.1
percentage point), `choice` (one word, as the question offers it), `set` (names separated by 、 or commas; 无 for none),
`sequence` (words in order).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.analysis import derived, metrics, problems
from disclosure_analysis.analysis.lesson.case import NEW, Case, equals, report_of
from disclosure_analysis.analysis.peers import MIN_GROUP, peer_position
from disclosure_analysis.analysis.problems.segment import KIND_NAMES
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.formats import names

NONE = "无"
CANNOT = "不能"
COLUMNS = formats.table3().column_codes  # 总计 last
#: the columns an exercise reads, in the order it tries them: 总计 first, then the applicant columns
TRY_ORDER = (COLUMNS[-1], *COLUMNS[:-1])
DENIED = metrics.OUTCOME_GROUPS["denied"]
OTHER_SPLIT = ("other_no_correction", "other_no_fee", "other_misc")
_SEPARATORS = re.compile(r"[、,，;；/\s]+")
_PUNCTUATION = re.compile(r"[\s“”\"'‘’。.!！?？：:（）()]")


@dataclass(frozen=True)
class Exercise:
    """One exercise: `question` shows the numbers needed, `answer` is what `check` compares with, and
    `answer_text` with `working` is the reference answer a teacher reads (参考答案)."""

    number: int
    title: str
    teaches: str  # what the exercise teaches (the teacher's guide lists it)
    question: str
    kind: str
    answer: Any
    answer_text: str
    working: str = ""
    hint: str = ""
    table: pd.DataFrame | None = field(default=None, compare=False)  # data shown with the question
    substitute: str = ""  # why the original exercise could not be asked of this report, when it could not


@dataclass(frozen=True)
class Checked:
    """The result of checking an answer: `status` is empty, right or wrong; `message` says it in Chinese."""

    status: str
    message: str


def check(exercise: Exercise, given: object) -> Checked:
    """Whether `given` answers `exercise` (see the module docstring for the accepted forms)."""
    if given is None or (isinstance(given, str) and not given.strip()):
        return Checked("empty", "尚未作答：把答案写在等号右边，再运行本单元。")
    try:
        right = _COMPARE[exercise.kind](exercise, given)
    except (TypeError, ValueError):
        right = False
    if right:
        return Checked("right", "正确！")
    hint = f"提示：{exercise.hint}" if exercise.hint else ""
    return Checked("wrong", f"还不对，再想想。{hint}")


def _number(value: object) -> float:
    if isinstance(value, bool):
        raise TypeError("a truth value is no number")
    if isinstance(value, int | float):
        return float(value)
    return float(str(value).strip().rstrip("件%％个").replace(",", "").strip())


def _same_number(exercise: Exercise, given: object) -> bool:
    return _number(given) == float(exercise.answer)


def _same_percent(exercise: Exercise, given: object) -> bool:
    value = _number(given)
    text = str(given)
    share = value / 100 if ("%" in text or "％" in text or abs(value) > 1) else value
    return abs(share - float(exercise.answer)) <= 0.001 + 1e-9


def _word(text: object) -> str:
    return _PUNCTUATION.sub("", str(text))


def _same_choice(exercise: Exercise, given: object) -> bool:
    return _word(given) == _word(exercise.answer)


def _words(given: object) -> list[str]:
    items = given if isinstance(given, list | tuple | set | frozenset) else _SEPARATORS.split(str(given))
    return [w for w in (_word(i) for i in items) if w]


def _same_set(exercise: Exercise, given: object) -> bool:
    words = set(_words(given)) - {NONE, "没有"}
    return words == {_word(a) for a in exercise.answer}


def _same_sequence(exercise: Exercise, given: object) -> bool:
    return _words(given) == [_word(a) for a in exercise.answer]


_COMPARE: dict[str, Callable[[Exercise, object], bool]] = {
    "number": _same_number,
    "percent": _same_percent,
    "choice": _same_choice,
    "set": _same_set,
    "sequence": _same_sequence,
}


# --- the report's cells -------------------------------------------------------------------------------


def _n(value: object) -> str:
    """A number as a student writes it: 3, 2.5; 空白 for a blank cell."""
    if value is None or pd.isna(value):
        return "空白"
    number = float(value)  # type: ignore[arg-type]
    return str(int(number)) if number.is_integer() else f"{number:g}"


class Cells:
    """A report's 表三 and 表四 cells by code (None for blank or absent)."""

    def __init__(self, corpus: Corpus, report_id: str | None) -> None:
        one = corpus.select([report_id] if report_id else [])
        self.t3 = {(r, c): _value(v) for r, c, v in one.table3[["row", "column", "value"]].itertuples(index=False)}
        self.t4 = {(g, o): _value(v) for g, o, v in one.table4[["group", "outcome", "value"]].itertuples(index=False)}
        self.rows = {r for r, _ in self.t3}

    def get(self, row: str, column: str = "total") -> int | None:
        return self.t3.get((row, column))

    def column(self, rows: Iterable[str]) -> str | None:
        """The first column of TRY_ORDER where every one of `rows` is printed."""
        rows = list(rows)
        return next((c for c in TRY_ORDER if all(self.get(r, c) is not None for r in rows)), None)


def _value(v: object) -> int | None:
    return None if pd.isna(v) else int(v)  # type: ignore[call-overload]


def _fails(holds: object) -> bool:
    """Whether an identity's `holds` value says it fails (not when it could not be checked)."""
    return not pd.isna(holds) and not holds


def _label(column: str) -> str:
    return names.APPLICANTS[column]


def _cannot(number: int, title: str, teaches: str, question: str, why: str, substitute: str = "") -> Exercise:
    return Exercise(
        number, title, teaches, question + "（填“能”或“不能”）", "choice", CANNOT, f"答案：{CANNOT}。{why}",
        hint="空白不等于 0。", substitute=substitute,
    )


# --- the exercises ----------------------------------------------------------------------------------------


def release_rate(n: int, cells: Cells) -> Exercise:
    title, teaches = "计算公开率", "公开率的分子和分母各来自表三哪几行；比率要写明分母"
    rows = ("granted", "partial", "handled_total")
    column = next((c for c in TRY_ORDER if None not in (cells.get(r, c) for r in rows) and cells.get(rows[2], c)), None)
    if column is None:
        return _cannot(
            n, title, teaches,
            "本报告表三的（一）予以公开、（二）部分公开、（七）总计在每一列都有空白或总计为 0。能否算出公开率？",
            "空白不等于 0，总计为 0 时比率没有意义，所以不能计算；应如实写“无法计算”，而不是写 0%。",
        )
    g, p, t = (cells.get(r, column) for r in rows)
    rate = (g + p) / t  # type: ignore[operator]
    where = "总计列" if column == "total" else f"{_label(column)}列（总计列有空白或总计为 0）"
    return Exercise(
        n, title, teaches,
        f"公开率 =（予以公开 + 部分公开）÷ 办理结果总计。请用表三{where}的数字计算本报告的公开率"
        "（写成小数或百分数，保留一位小数的百分数即可）。",
        "percent", rate, f"答案：公开率 = ({g} + {p}) ÷ {t} = {rate:.1%}",
        working=f"表三{where}：（一）予以公开 {g}，（二）部分公开 {p}，（七）总计 {t}。分母是（七）总计。",
        hint="分子是表三（一）（二）两行之和，分母是（七）总计。",
    )


def denied(n: int, cells: Cells) -> Exercise:
    title, teaches = "不予公开有多少件，依据哪几条", "（三）不予公开没有小计行，要把 8 个子项加起来；不予公开的法定理由"
    column = cells.column(DENIED)
    if column is None:
        return _cannot(
            n, title, teaches, "本报告表三（三）不予公开的 8 个子项在每一列都有空白。能否算出不予公开的总件数？",
            "有空白格就不能把其余格相加当作合计：空白不等于 0。",
        )
    parts = [cells.get(r, column) for r in DENIED]
    total = sum(parts)  # type: ignore[arg-type]
    return Exercise(
        n, title, teaches,
        f"表三（三）不予公开分 8 个子项，没有小计行。请用{_label(column)}列"
        f"{'' if column == 'total' else '（总计列有空白）'}算出本报告不予公开的总件数。"
        "（再想一想：这 8 项理由分别出自《条例》哪几条？）",
        "number", total, f"答案：不予公开共 {total} 件（{' + '.join(map(str, parts))}）",
        working="理由出自《条例》第十四条（国家秘密、法律行政法规禁止、“三安全一稳定”）、第十五条（第三方合法权益）、"
        "第十六条（内部事务、过程性信息、行政执法案卷），行政查询事项见第三十六条第（七）项。",
        hint="把（三）下的 1 至 8 项加起来。",
    )


def r1_by_hand(n: int, cells: Cells) -> Exercise:
    title, teaches = "亲手核算 R1", "表头印明的勾稽关系：一 + 二 = 三（七）+ 四"
    rows = ("new_received", "carried_in", "handled_total", "carried_out")
    column = cells.column(rows)
    if column is None:
        return _cannot(
            n, title, teaches, "本报告表三的一、二、三（七）、四行在每一列都有空白。能否核算 R1？",
            "R1 需要四个格都有数字；有空白就只能写“无法核对”，不能当作成立。",
        )
    a, b, c, d = (cells.get(r, column) for r in rows)
    diff = a + b - c - d  # type: ignore[operator]
    verdict = "R1 成立" if diff == 0 else "R1 不成立"
    return Exercise(
        n, title, teaches,
        f"用表三{_label(column)}列核算 R1：算出“一 本年新收 + 二 上年结转”和“三（七）总计 + 四 结转下年度”，"
        "前者减后者等于多少？",
        "number", diff, f"答案：({a} + {b}) − ({c} + {d}) = {diff}，{verdict}",
        hint="表头左上角写着：第一项加第二项之和，等于第三项加第四项之和。",
    )


def r3_columns(n: int, corpus: Corpus, case: Case) -> Exercise:
    title, teaches = "找出 R3 不成立的列", "办理结果各项之和应等于（七）总计；逐列核对，空白的列无法核对"
    r3 = metrics.r3_results(corpus.select([case.report_id]).table3)
    broken = [_label(c) for c in r3.loc[r3["holds"].eq(False).fillna(False), "column"]]
    unchecked = [_label(c) for c in r3.loc[r3["holds"].isna(), "column"]]
    note = f"（{'、'.join(unchecked)}列有空白，无法核对，不算在内。）" if unchecked else ""
    differences = [
        f"{_label(c)}列各项之和 {_n(s)}、总计 {_n(t)}"
        for c, s, t, ok in r3[["column", "results_sum", "handled_total", "holds"]].itertuples(index=False)
        if _fails(ok)
    ]
    return Exercise(
        n, title, teaches,
        "R3：每一列中，（一）予以公开至（六）其他处理各行之和应等于（七）总计。逐列核对本报告的表三，"
        f"写出不成立的列名（如“自然人”，多列用顿号隔开；都成立写“{NONE}”）。{note}",
        "set", frozenset(broken),
        f"答案：{'、'.join(broken) if broken else NONE}" + (f"（{'；'.join(differences)}）" if differences else ""),
        hint="（三）（四）（五）（六）只有子项，没有小计行，要把子项逐一加上。",
    )


def r5_groups(n: int, corpus: Corpus, case: Case, cells: Cells) -> Exercise:
    title, teaches = "核对表四", "表四每组：结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计"
    r5 = metrics.r5_balance(corpus.select([case.report_id]).table4)
    if r5.empty or r5["holds"].isna().all():
        return r2_new_received(n, cells, substitute="本报告没有读出表四（或表四各组都有空白），无法核对 R5。")
    broken = [names.T4_GROUPS[g] for g in r5.loc[r5["holds"].eq(False).fillna(False), "group"]]
    details = [
        f"{names.T4_GROUPS[g]}：四项之和 {_n(s)}，总计 {_n(t)}"
        for g, s, t, ok in r5[["group", "parts_sum", "total", "holds"]].itertuples(index=False)
        if _fails(ok)
    ]
    return Exercise(
        n, title, teaches,
        "表四分三组：行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）。逐组核对"
        f"“结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计”，写出不成立的组（用顿号隔开；都成立写“{NONE}”）。",
        "set", frozenset(broken),
        f"答案：{'、'.join(broken) if broken else NONE}" + (f"（{'；'.join(details)}）" if details else ""),
        hint="组名照抄：行政复议、行政诉讼（未经复议直接起诉）、行政诉讼（复议后起诉）。",
    )


def r2_new_received(n: int, cells: Cells, substitute: str = "") -> Exercise:
    title, teaches = "核对行合计 R2", "每一行的总计应等于六类申请人之和"
    parts = [cells.get("new_received", c) for c in COLUMNS[:-1]]
    total = cells.get("new_received")
    if total is None or None in parts:
        return _cannot(
            n, title, teaches, "本报告表三“一、本年新收”一行有空白。能否核对这一行的总计？",
            "有空白格就无法核对。", substitute,
        )
    diff = sum(parts) - total  # type: ignore[arg-type]
    return Exercise(
        n, title, teaches,
        f"{substitute}改做：把表三“一、本年新收”一行六类申请人的数字加起来，减去该行的总计，等于多少？",
        "number", diff, f"答案：{' + '.join(map(str, parts))} − {total} = {diff}",
        hint="六类申请人：自然人和法人或其他组织的五列。", substitute=substitute,
    )


def carry_over(n: int, corpus: Corpus, case: Case, cells: Cells) -> Exercise:
    title, teaches = "上年结转与上年报告是否衔接（X1）", "跨年度的勾稽：今年的上年结转 = 去年的结转下年度"
    carried_in = cells.get("carried_in")
    previous = Cells(corpus, case.previous_id).get("carried_out") if case.previous_id else None
    if case.previous_id is not None and carried_in is not None and previous is not None:
        same = carried_in == previous
        return Exercise(
            n, title, teaches,
            f"本报告表三总计列“二、上年结转”为 {carried_in} 件；{case.year - 1} 年度报告表三总计列"
            f"“四、结转下年度继续办理”为 {previous} 件。两者是否衔接？（填“一致”或“不一致”）",
            "choice", "一致" if same else "不一致",
            f"答案：{'一致' if same else '不一致'}（今年上年结转 {carried_in}，去年结转下年度 {previous}）",
            hint="上一年结转下年度继续办理的申请，就是今年的上年结转。",
        )
    why = (f"语料中没有该机构 {case.year - 1} 年度的报告" if case.previous_id is None
           else "本报告或上年报告的结转格为空白")
    carried_out = cells.get("carried_out")
    substitute = f"{why}，无法核对本报告的上年结转。"
    following = report_of(corpus.reports, case.agency_id, case.year + 1)
    carried_next = Cells(corpus, following).get("carried_in") if following else None
    if carried_out is not None and carried_next is not None:
        same = carried_out == carried_next
        return Exercise(
            n, title, teaches,
            f"{substitute}改做：本报告表三总计列“四、结转下年度继续办理”为 {carried_out} 件；"
            f"{case.year + 1} 年度报告表三总计列“二、上年结转”为 {carried_next} 件。两者是否衔接？（填“一致”或“不一致”）",
            "choice", "一致" if same else "不一致",
            f"答案：{'一致' if same else '不一致'}（今年结转下年度 {carried_out}，明年上年结转 {carried_next}）",
            hint="今年结转下年度继续办理的申请，就是明年的上年结转。", substitute=substitute,
        )
    if carried_out is None:
        return _cannot(
            n, title, teaches, f"{substitute}改做：本报告“四、结转下年度继续办理”总计列为空白。"
            f"能否说出 {case.year + 1} 年度报告的“上年结转”应填多少？", "空白不能当作 0。", substitute,
        )
    return Exercise(
        n, title, teaches,
        f"{substitute}改做：根据本报告，{case.year + 1} 年度报告表三总计列的“二、上年结转”应当填多少件？",
        "number", carried_out, f"答案：{carried_out} 件（本报告“四、结转下年度继续办理”的总计）",
        hint="今年结转下年度的，就是明年的上年结转。", substitute=substitute,
    )


def narrative_vs_table(n: int, corpus: Corpus, case: Case, cells: Cells) -> Exercise:
    title, teaches = "正文与表格是否一致（T1）", "正文数字要与表格对照；正文常只写一部分，须看清口径"
    stated = corpus.select([case.report_id]).narrative
    stated = stated[stated["figure"] == "applications_received"]
    table = cells.get("new_received")
    if not stated.empty and table is not None:
        said, quote = stated["value"].iloc[0], stated["quote"].iloc[0]
        same = float(said) == float(table)
        return Exercise(
            n, title, teaches,
            f"正文写道：“{quote}”。表三总计列“一、本年新收政府信息公开申请数量”为 {table} 件。"
            "正文与表格是否一致？（填“一致”或“不一致”）",
            "choice", "一致" if same else "不一致",
            f"答案：{'一致' if same else '不一致'}（正文 {_n(said)} 件，表三 {table} 件）",
            working="" if same else "不一致时先想想：正文是否只统计了一部分申请（如只算网上申请）？报告应当说明口径。",
            hint="对照正文的件数和表三第一行的总计。",
        )
    substitute = "正文没有写出收到申请的件数（或表三该格为空白），无法对照 T1。"
    if table is None:
        return _cannot(n, title, teaches, f"{substitute}改做：能否从表三读出本年新收申请的总数？",
                       "表三该格为空白，读不出来。", substitute)
    return Exercise(
        n, title, teaches,
        f"{substitute}改做：如果由你来写正文第三部分的第一句，“本年度共收到政府信息公开申请____件”应填多少？",
        "number", table, f"答案：{table} 件（表三总计列“一、本年新收”）", hint="看表三第一行的总计列。",
        substitute=substitute,
    )


def five_statements(corpus: Corpus, case: Case) -> tuple[pd.DataFrame, str]:
    """The section 五 statements a lesson's exercises read: the case's (with copied flags against the
    previous year), else those of the agency's nearest year that has them, else of the corpus's first
    report that has them; with a note saying which report they come from when it is not the case."""
    own = corpus.agency(case.agency_id)
    said = problems.statements(own)
    mine = said[said["report_id"] == case.report_id]
    if not mine.empty:
        return mine.sort_values("start").reset_index(drop=True), ""
    dated = said.dropna(subset=["year"])
    if not dated.empty:
        years = dated["year"].astype(int)
        nearest = dated.loc[(years - case.year).abs().sort_values(kind="stable").index[0], "year"]
        return (dated[equals(dated["year"], nearest)].sort_values("start").reset_index(drop=True),
                f"本报告没有读出第五部分，以下改用该机构 {int(nearest)} 年度报告的第五部分。")
    five = corpus.sections[corpus.sections["section"] == "problems"].sort_values(["year", "report_id"])
    for rid in five["report_id"]:
        other = problems.statements(corpus.select([rid]))
        if not other.empty:
            r = corpus.reports[corpus.reports["report_id"] == rid].iloc[0]
            agency = r["agency"] if pd.notna(r["agency"]) else "未读出机构名称的机关"
            year = f"{int(r['year'])} 年度" if pd.notna(r["year"]) else "年度不详的"
            return (other.sort_values("start").reset_index(drop=True),
                    f"本报告没有读出第五部分，以下改用{agency} {year}报告的第五部分。")
    return said.iloc[0:0], "语料中的报告都没有读出第五部分。"


def classify(n: int, said: pd.DataFrame, note: str) -> Exercise:
    title, teaches = "给第五部分的句子分类", "分清问题（承认的不足）、措施（承诺要做的事）、整改（上年问题的整改）和引导语"
    kinds = "、".join(KIND_NAMES.values())
    if said.empty:
        return _cannot(n, title, teaches, f"{note}能否练习给第五部分分类？", "没有第五部分的文字可读。", note)
    picked: list[int] = []
    for kind in ("problem", "measure", "rectification", "framing"):
        picked += list(said.index[said["kind"] == kind][:1])
    picked = sorted((picked + [i for i in said.index if i not in picked])[:3])
    chosen = said.loc[picked]
    answer = tuple(KIND_NAMES[k] for k in chosen["kind"])
    table = pd.DataFrame({"句子": [f"（{i + 1}）" for i in range(len(chosen))], "原文": chosen["text"].tolist()})
    return Exercise(
        n, title, teaches,
        f"{note}下面 {len(chosen)} 句出自第五部分。依次判断每句是{kinds}中的哪一类，按顺序写出（用顿号隔开）。",
        "sequence", answer, f"答案：{'、'.join(answer)}",
        working="参考答案是程序按固定规则作出的判断；有争议的句子正好拿来讨论：它承认了什么不足？承诺了什么具体行动？",
        hint="“存在……不足/不够”是问题；“将……/下一步……”是措施；“针对上年……已……”是整改。",
        table=table, substitute=note,
    )


def copied_measure(n: int, corpus: Corpus, case: Case, said: pd.DataFrame, note: str) -> Exercise:
    title, teaches = "找出照抄上年的措施", "第五部分与上年雷同是评估者常批评的问题；照抄的措施回应不了今年的问题"
    if said.empty:
        return _cannot(n, title, teaches, f"{note}能否找出照抄上年的措施？", "没有第五部分的文字可读。", note)
    measures = said[said["kind"] == "measure"]
    listed = measures if not measures.empty else said
    what = "措施" if not measures.empty else "陈述（本部分没有措施）"
    table = pd.DataFrame({"编号": range(1, len(listed) + 1), "原文": listed["text"].tolist()})
    if not note and _has_five(corpus, case.previous_id):
        copied = [str(i + 1) for i, c in enumerate(listed["copied"].fillna(False).tolist()) if c]
        return Exercise(
            n, title, teaches,
            f"下面是本报告第五部分的 {len(listed)} 条{what}。对照该机构 {case.year - 1} 年度报告的第五部分，"
            f"哪几条是照抄上年的？写出编号（用顿号隔开；没有写“{NONE}”）。",
            "set", frozenset(copied), f"答案：{'、'.join(copied) if copied else NONE}",
            working="程序把 80% 以上的五字片段见于上年第五部分的陈述判为照抄。",
            hint="把每条与上年第五部分逐句对照，几乎一字不差的就是照抄。", table=table,
        )
    substitute = note or f"语料中没有该机构 {case.year - 1} 年度的第五部分，无法对照上年。"
    vague = [str(i + 1) for i, c in enumerate(listed["concrete"].fillna("").tolist()) if not c]
    return Exercise(
        n, title, teaches,
        f"{substitute}改做：下面 {len(listed)} 条{what}中，哪几条没有任何具体内容（没有具体活动、平台、期限、"
        f"数字、责任单位或成果）？写出编号（用顿号隔开；没有写“{NONE}”）。",
        "set", frozenset(vague), f"答案：{'、'.join(vague) if vague else NONE}",
        working="“加强、推进、提升、完善”这类动词和对《条例》的引用不算具体内容。",
        hint="找出只有口号、没有“谁、何时、做什么、做多少”的条目。", table=table, substitute=substitute,
    )


def _has_five(corpus: Corpus, report_id: str | None) -> bool:
    sections = corpus.sections
    return report_id is not None and bool(
        ((sections["report_id"] == report_id) & (sections["section"] == "problems")).any()
    )


def peers(n: int, corpus: Corpus, case: Case) -> Exercise:
    title, teaches = "与同级机关比较公开率", "比较要在同级、同年的报告之间进行，并说明比较的范围"
    rates = derived.frame(corpus, "metrics")  # 公开率 only from a 表三 that adds up (`indicators`)
    ranked = peer_position(rates, "release_rate", corpus.reports, by="level")
    mine = ranked[ranked["report_id"] == case.report_id]
    if not mine.empty and pd.notna(mine["rank"].iloc[0]):  # ranked: a group of at least peers.MIN_GROUP
        group = ranked[equals(ranked["year"], case.year) & equals(ranked["peer_key"], mine["peer_key"].iloc[0])]
        group = group[group["rank"].notna()].merge(corpus.reports[["report_id", "agency"]], on="report_id")
        group = group.sort_values(["agency", "report_id"])
        table = pd.DataFrame({"机构": group["agency"].tolist(), "公开率": group["release_rate"].tolist()})
        rank, count = int(mine["rank"].iloc[0]), int(mine["peer_count"].iloc[0])
        return Exercise(
            n, title, teaches,
            f"下表是语料中与本机关同级（{mine['peer_key'].iloc[0]}）的 {count} 份 {case.year} 年度报告的公开率（按机构名排列）。"
            "本报告的公开率从高到低排第几？",
            "number", rank, f"答案：第 {rank} 名（共 {count} 份）",
            working="并列时取最好的名次。只在同级、同年的报告之间比较，并写明比较了多少份。",
            hint="先在表中找到本机关，再数有几份公开率比它高。", table=table,
        )
    substitute = (
        f"语料中同级同年、公开率可以计算的报告不足 {MIN_GROUP} 份（或本报告的公开率无法计算），不做同级排名。"
    )
    own = rates[equals(rates["agency_id"], case.agency_id)].dropna(subset=["year"]).set_index("year")["release_rate"]
    now, before = own.get(case.year), own.get(case.year - 1)
    if now is None or before is None or pd.isna(now) or pd.isna(before) or now == before:
        return _cannot(n, title, teaches, f"{substitute}改做：能否把本报告的公开率与该机构上一年度比较？",
                       "语料中没有该机构上一年度可比的公开率（或两年相同），只能说明无法比较。", substitute)
    higher = "高" if now > before else "低"
    return Exercise(
        n, title, teaches, f"{substitute}改做：本报告的公开率比该机构 {case.year - 1} 年度高还是低？（填“高”或“低”）",
        "choice", higher, f"答案：{higher}（{case.year - 1} 年 {before:.1%}，{case.year} 年 {now:.1%}）",
        hint="分别算出两年的公开率。", substitute=substitute,
    )


def format_change(n: int, cells: Cells, case: Case) -> Exercise:
    title, teaches = "格式变化：（六）其他处理", "2021 年版把（六）其他处理拆成三行；两版数字如何对应、哪些不能换算"
    if set(OTHER_SPLIT) <= cells.rows:
        column = cells.column(OTHER_SPLIT)
        if column is None:
            return _cannot(
                n, title, teaches, "本报告按 2021 年版把（六）其他处理拆成三行，但三行都有空白。"
                "能否算出 2019 年版（六）其他处理一行应填的数？", "有空白就不能相加。",
            )
        parts = [cells.get(r, column) for r in OTHER_SPLIT]
        total = sum(parts)  # type: ignore[arg-type]
        return Exercise(
            n, title, teaches,
            f"本报告按 2021 年版把（六）其他处理拆成三行。若按 2019 年版填写，{_label(column)}列的（六）其他处理"
            "一行应当填多少？",
            "number", total, f"答案：{' + '.join(map(str, parts))} = {total}",
            hint="2019 年版的一行等于 2021 年版三行之和。",
        )
    printed = "（本报告虽是 2021 年以后的报告，表三仍按 2019 年版印成一行）" if case.year >= int(NEW) else ""
    return _cannot(
        n, title, teaches,
        f"本报告表三的（六）其他处理只有一行{printed}。2021 年版把它拆成逾期不补正、逾期未缴费、其他三行。"
        "能否从本报告算出“逾期未缴费”一行应填多少？",
        "一行合计拆不回三行：报告没有印出各情形的件数，只能查原始台账。反过来，三行可以加成一行。",
    )


def exercises(corpus: Corpus, case: Case) -> list[Exercise]:
    """The lesson's exercises for `case`, numbered from 1, every answer computed from the corpus."""
    cells = Cells(corpus, case.report_id)
    said, note = five_statements(corpus, case)
    makers: list[Callable[[int], Exercise]] = [
        lambda n: release_rate(n, cells),
        lambda n: denied(n, cells),
        lambda n: r1_by_hand(n, cells),
        lambda n: r3_columns(n, corpus, case),
        lambda n: r5_groups(n, corpus, case, cells),
        lambda n: carry_over(n, corpus, case, cells),
        lambda n: narrative_vs_table(n, corpus, case, cells),
        lambda n: classify(n, said, note),
        lambda n: copied_measure(n, corpus, case, said, note),
        lambda n: peers(n, corpus, case),
        lambda n: format_change(n, cells, case),
    ]
    return [make(n) for n, make in enumerate(makers, start=1)]
