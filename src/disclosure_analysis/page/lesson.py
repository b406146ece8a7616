"""What the lesson notebook shows: the case, each exercise's question, the check of an answer, the reference
answer (参考答案), the legal basis and the 2019→2021 mapping.

The parts that a site needs to find again carry their data in the output's metadata under `METADATA`: the
case (`case`) and each exercise (`exercise`: number, title, what it teaches), from which `site.editions`
writes the teacher's guide. Everything from a report is escaped (`display`).
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
from IPython.display import publish_display_data

from disclosure_analysis.analysis.lesson import INSTRUCTIVE, Case, Exercise, check
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.formats.basis import PARTS_BASIS
from disclosure_analysis.formats.changes import CHANGES
from disclosure_analysis.page import display as page

METADATA = "disclosure_analysis/lesson"
ANSWER_HEADING = "参考答案"
_STATUS_STYLE = {"empty": "color:#666", "right": "color:#1b5e20;font-weight:bold", "wrong": "color:#b00020"}
_BOX = "border:1px solid #ccc;border-radius:4px;padding:0.4em 0.8em;margin:0.4em 0"


class Marked(page.Html):
    """HTML with data for the site in its output's metadata (`METADATA`)."""

    def __init__(self, data: str, meta: dict[str, Any]) -> None:
        super().__init__(data)
        self.meta = meta

    def _ipython_display_(self) -> None:
        publish_display_data(self.bundle(), metadata={METADATA: self.meta})


def case_header(case: Case, one: Corpus) -> Marked:
    """The report the lesson reads: agency, year, format, publication date, report id."""
    report = one.reports[one.reports["report_id"] == case.report_id].iloc[0]
    facts = page.note(
        "格式版本：{template}；发布日期：{published}；报告编号：{rid}。",
        template=case.template,
        published=report["published"] if pd.notna(report["published"]) else "未注明",
        rid=case.report_id,
    )
    title = page.text(f"本课案例：{case.title}", tag="h2")
    reasons = [INSTRUCTIVE[r] for r in case.reasons]
    return Marked(title.to_html() + facts.to_html(), {"case": {"title": case.title, "reasons": reasons}})


def report_title(one: Corpus) -> str:
    """「agency year 年度报告」 of the one report of `one`."""
    report = one.reports.iloc[0]
    agency = report["agency"] if pd.notna(report["agency"]) else "（未读出机构名称）"
    return f"{agency} {report['year']} 年度报告"


def reasons(case: Case, partner: str | None = None) -> page.Html:
    """For the teacher: why this report was chosen (what a class will find in it)."""
    found = [INSTRUCTIVE[r] for r in case.reasons]
    why = "；".join(found) if found else "未发现勾稽关系、跨年衔接或第五部分雷同方面的问题（这本身也值得讨论）"
    text = f"选择这份报告的原因（学生版不显示）：{why}。"
    if partner:
        text += f"与之对照的是同一机构的 {partner}（2019 年版格式）。"
    return page.text(text, tag="blockquote")


def question(exercise: Exercise) -> Marked:
    """The exercise's heading (练习N), its question and the data it shows."""
    parts = [f"<h3>练习{exercise.number}　{html.escape(exercise.title)}</h3>", page.text(exercise.question).to_html()]
    if exercise.table is not None:
        parts.append(page.table(exercise.table, percent=[c for c in exercise.table.columns if c == "公开率"]).to_html())
    meta = {"exercise": {"number": exercise.number, "title": exercise.title, "teaches": exercise.teaches,
                         "substitute": exercise.substitute}}
    return Marked("".join(parts), meta)


def checked(exercise: Exercise, given: object) -> page.Html:
    """Whether the student's answer is right (with a hint when it is not); never the answer itself."""
    result = check(exercise, given)
    return page.Html(f'<p style="{_STATUS_STYLE[result.status]}">练习{exercise.number}：{html.escape(result.message)}</p>')


def answer(exercise: Exercise) -> page.Html:
    """The reference answer (参考答案) and how it was worked out, from the report's numbers."""
    body = [f"<h4>{ANSWER_HEADING}（练习{exercise.number}）</h4>", page.text(exercise.answer_text).to_html()]
    if exercise.working:
        body.append(page.text(exercise.working).to_html())
    return page.Html(f'<div class="lesson-answer" style="{_BOX};background:#f5f9ff">{"".join(body)}</div>')


def basis() -> page.Table:
    """The tables and section 五 with the 条例 provisions behind them."""
    frame = pd.DataFrame({"报告的部分": list(PARTS_BASIS), "《条例》依据": list(PARTS_BASIS.values())})
    return page.table(frame)


def changes(corpus: Corpus, case: Case) -> page.Table:
    """The 2019→2021 format change field by field; with the case's numbers (and, in two-report mode, its
    partner's) under the format each prints. Several cells of one side are listed, not added up."""
    reports = [r for r in (case.partner_id, case.report_id) if r]
    one = corpus.select(reports)
    rows = []
    for change in CHANGES:
        row = {
            "表": {"t2": "表二", "t3": "表三", "t4": "表四"}[change.table],
            "项目（2019 年版 → 2021 年版）": change.field,
            "变化": change.change,
        }
        for rid in reports:
            year = one.reports.loc[one.reports["report_id"] == rid, "year"].iloc[0]
            row[f"{year} 年报告所填"] = _values(one, rid, change.table, change.old, change.new)
        rows.append(row)
    return page.table(pd.DataFrame(rows), nowrap=["表"])


def _values(one: Corpus, report_id: str, table: str, old: tuple[str, ...], new: tuple[str, ...]) -> str:
    """The report's printed values of whichever side of a change it has cells for ("/"-separated)."""
    if table == "t2":
        cells = one.table2[one.table2["report_id"] == report_id]
        values = dict(zip(cells["code"], cells["value"], strict=True))
    elif table == "t3":
        cells = one.table3[(one.table3["report_id"] == report_id) & (one.table3["column"] == "total")]
        values = dict(zip(cells["row"], cells["value"], strict=True))
    else:
        return ""
    for codes in (old, new):
        if codes and any(c in values for c in codes):
            return " / ".join(page.count(values.get(c)) for c in codes)
    return "—（本报告没有这一格）" if old or new else ""
