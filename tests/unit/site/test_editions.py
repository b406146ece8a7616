"""A lesson's editions from one notebook: what the student's leaves out, and the teacher's guide."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from disclosure_analysis.page.lesson import METADATA
from disclosure_analysis.site.editions import (
    edition_path,
    guide,
    lesson_parts,
    render_editions,
    student_notebook,
)
from disclosure_analysis.site.pages import Page


def shown(html: str, meta: dict | None = None) -> nbformat.NotebookNode:
    return new_output("display_data", data={"text/html": html, "text/plain": "（HTML）"},
                      metadata={METADATA: meta} if meta else {})


def notebook() -> nbformat.NotebookNode:
    cells = [
        new_markdown_cell("## 第一部分　读表（10 分钟）\n\n正文"),
        new_code_cell("show_case()", outputs=[shown("<h2>案例</h2>", {"case": {"title": "甲|局 2024 年度报告", "reasons": ["表内勾稽关系不成立"]}})]),
        new_code_cell("note()", metadata={"tags": ["teacher"]}, outputs=[shown("<p>选择原因</p>")]),
        new_code_cell("question(1)", metadata={"tags": ["hide-input"]}, outputs=[
            shown("<h3>练习1　算一算</h3>", {"exercise": {"number": 1, "title": "算一算", "teaches": "分母*是*什么",
                                                     "substitute": ""}})]),
        new_code_cell("answer = None\nchecked(1, answer)", outputs=[shown("<p>尚未作答</p>")]),
        new_code_cell("answer_of(1)", metadata={"tags": ["answer", "hide-input"]},
                      outputs=[shown("<h4>参考答案</h4><p>答案：42</p>")]),
        new_code_cell("verify()", metadata={"tags": ["answer-output"]}, outputs=[shown("<p>程序：42</p>")]),
        new_markdown_cell("## 第二部分　讨论（5 分钟）"),
    ]
    cells[4].metadata["execution"] = {"iopub.status.busy": "2026-01-01T00:00:00"}
    cells[4].metadata["papermill"] = {"duration": 0.1, "status": "completed"}
    papermill = {"parameters": {"year": 2024}, "start_time": "2026-01-01T00:00:00", "duration": 3.2}
    return new_notebook(cells=cells, metadata={"language_info": {"name": "python"}, "papermill": papermill})


PAGE = Page("lesson", "lesson-teacher", "课堂教学：甲局", {}, [], editions=True)


def test_the_student_edition_keeps_the_exercises_and_drops_the_answers() -> None:
    nb = notebook()
    student = student_notebook(nb)
    sources = [c.source for c in student.cells]
    assert "answer_of(1)" not in sources and "note()" not in sources
    assert "answer = None\nchecked(1, answer)" in sources and "question(1)" in sources
    verify = next(c for c in student.cells if c.source == "verify()")
    assert verify.outputs == []  # the code stays for the student to run
    assert len(nb.cells) == 8 and nb.cells[6].outputs  # the teacher's notebook is left as it was
    assert METADATA not in nbformat.writes(student) and METADATA in nbformat.writes(nb)
    assert student.metadata.papermill == {"parameters": {"year": 2024}}  # no timings: the same lesson, the same file
    assert "2026-01-01" not in nbformat.writes(student) and "2026-01-01" in nbformat.writes(nb)


def test_editions_html_and_guide() -> None:
    html, warnings, files = render_editions(notebook(), PAGE)
    student = files["lesson-student.html"].decode()
    assert "参考答案" in html and "答案：42" in html and "程序：42" in html and "选择原因" in html
    assert "参考答案" not in student and "：42" not in student and "选择原因" not in student  # (cell ids are random)
    code = re.sub(r"<[^>]+>", "", student)  # highlighted code is split into spans
    assert "checked(1, answer)" in code and "verify()" in code and "question(1)" not in code  # display-only
    assert "（学生版）" in student and "（教师版）" in html
    assert nbformat.reads(files["lesson-student.ipynb"].decode(), as_version=4).cells
    assert not warnings
    text = files["lesson-guide.md"].decode()
    assert "| 第一部分 | 读表 | 10 分钟 |" in text and "全课 15 分钟，1 道练习" in text
    assert r"| 练习1 | 算一算 | 分母\*是\*什么 |" in text and r"甲\|局" in text  # report text cannot break out
    assert "lesson-student.html" in text and "lesson-teacher.ipynb" in text and "选择它是因为：表内勾稽关系不成立。" in text


def test_parts_and_paths() -> None:
    assert lesson_parts(notebook()) == [("第一部分", "读表", 10), ("第二部分", "讨论", 5)]
    assert edition_path(PAGE, "student") == "lesson-student"
    assert guide(notebook(), PAGE).startswith("# 教师指南")
    with pytest.raises(ValueError):
        edition_path(Page("lesson", "lesson", "课", {}, []), "student")


def test_a_failed_lesson_leaves_no_edition_of_an_earlier_run(tmp_path) -> None:
    from disclosure_analysis.site.job import PageOutput, write_output

    _, _, files = render_editions(notebook(), PAGE)
    write_output(tmp_path, PAGE, PageOutput("{}", "<html>", files))
    assert {p.name for p in tmp_path.iterdir()} == {
        "lesson-teacher.html", "lesson-teacher.ipynb", "lesson-student.html", "lesson-student.ipynb", "lesson-guide.md"
    }
    write_output(tmp_path, PAGE, PageOutput("{}", error="笔记本第 3 个代码单元出错"))
    assert {p.name for p in tmp_path.iterdir()} == {"lesson-teacher.ipynb"}  # kept to show where it failed
