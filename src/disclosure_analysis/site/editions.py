"""A lesson's two editions from one executed notebook, and its teacher's guide.

- The teacher's edition is the executed notebook as it is: every cell, with the reference answers.
- The student's edition is made from it by nbconvert's `TagRemovePreprocessor`: cells tagged `answer`
  (参考答案) or `teacher` (notes for the teacher) are removed, and the outputs of cells tagged
  `answer-output` (the program's own checks, which give the answers away) are cleared; the code stays, so
  a student runs those cells to check the work. The exercise cells stay as they are.

Both are written as .ipynb and HTML with their code shown (a lesson is run as well as read; the HTML leaves
out the code of the parameters, the set-up and cells tagged `hide-input`, which only display): the teacher's
as the page itself (`<path>.ipynb`, `<path>.html`, the page's path contains `teacher`), the student's beside
it (`student` in place of `teacher`). The teacher's guide (`guide.md` beside them, Markdown) lists the
lesson's parts with their timings (from the notebook's `## 第N部分　…（M 分钟）` headings) and what each
exercise teaches (from the metadata `page.lesson` attaches to each question).
"""

from __future__ import annotations

import copy
import posixpath
import re

import nbformat
from nbconvert.preprocessors import TagRemovePreprocessor

from disclosure_analysis.page.lesson import METADATA
from disclosure_analysis.site.export import to_html
from disclosure_analysis.site.pages import Page

TEACHER, STUDENT, GUIDE = "teacher", "student", "guide"
REMOVED_CELLS = frozenset({"answer", "teacher"})
CLEARED_OUTPUTS = frozenset({"answer-output"})
#: cells whose code the HTML leaves out: the parameters and the set-up (the notebooks show them), cells that only display
HIDDEN_INPUTS = frozenset({"hide-input", "parameters", "injected-parameters"})
_PART = re.compile(r"^##\s+(第.+?部分)\s*(.+?)（(\d+)\s*分钟）\s*$", re.M)


def edition_path(page: Page, edition: str) -> str:
    """The site path (without suffix) of an edition of lesson `page` (its own path is the teacher's)."""
    if TEACHER not in posixpath.basename(page.path):
        raise ValueError(f"a lesson page's path names the teacher's edition: {page.path!r}")
    folder, name = posixpath.split(page.path)
    return posixpath.join(folder, name.replace(TEACHER, edition))


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of executed notebook `nb` without the answers (see the module docstring), nor the lesson's
    metadata for the guide (it says why the report was chosen), nor the run's timings and paths (the same
    lesson gives the same student's notebook): papermill's record keeps only the parameters."""
    student = _removed(nb, remove_cell_tags=REMOVED_CELLS, remove_all_outputs_tags=CLEARED_OUTPUTS)
    run = student.metadata.get("papermill", {})
    student.metadata["papermill"] = {"parameters": run.get("parameters", {})}
    for cell in student.cells:
        for key in ("papermill", "execution"):
            cell.metadata.pop(key, None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell.id = "injected-parameters"  # papermill's id for it is random
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop(METADATA, None)
    return student


def for_html(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of an edition to export as HTML: the code of cells that only display is left out."""
    return _removed(nb, remove_input_tags=HIDDEN_INPUTS)


def _removed(nb: nbformat.NotebookNode, **tags: frozenset[str]) -> nbformat.NotebookNode:
    """A copy of `nb` processed by `TagRemovePreprocessor` with `tags` (its traits, e.g. remove_cell_tags)."""
    remove = TagRemovePreprocessor(enabled=True, **{k: set(v) for k, v in tags.items()})
    return remove.preprocess(copy.deepcopy(nb), {})[0]


def render_editions(
    nb: nbformat.NotebookNode, page: Page
) -> tuple[str, list[str], dict[str, bytes]]:
    """The teacher's page (HTML), the stderr left out of it, and the student's edition and the guide as
    site files (path → content)."""
    html, warnings = to_html(for_html(nb), f"{page.title}（教师版）", True, page.home)
    student = student_notebook(nb)
    student_html, _ = to_html(for_html(student), f"{page.title}（学生版）", True, page.home)
    contents = (nbformat.writes(student), student_html, guide(nb, page))
    files = {name: text.encode("utf-8") for name, text in zip(edition_files(page), contents, strict=True)}
    return html, warnings, files


def edition_files(page: Page) -> list[str]:
    """The site files a lesson page makes besides its own: the student's .ipynb and HTML, the guide (none
    for another page). A lesson that fails leaves none of them behind from an earlier run."""
    if not page.editions:
        return []
    student = edition_path(page, STUDENT)
    return [f"{student}.ipynb", f"{student}.html", f"{edition_path(page, GUIDE)}.md"]


def lesson_parts(nb: nbformat.NotebookNode) -> list[tuple[str, str, int]]:
    """(part, title, minutes) of each `## 第N部分　title（M 分钟）` heading, in order."""
    text = "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")
    return [(part, title, int(minutes)) for part, title, minutes in _PART.findall(text)]


def lesson_marks(nb: nbformat.NotebookNode, key: str) -> list[dict]:
    """The `key` entries ("case", "exercise") of the lesson metadata of `nb`'s outputs, in order."""
    return [
        out["metadata"][METADATA][key]
        for cell in nb.cells
        for out in cell.get("outputs", [])
        if key in out.get("metadata", {}).get(METADATA, {})
    ]


def guide(nb: nbformat.NotebookNode, page: Page) -> str:
    """The teacher's guide (Markdown) of an executed lesson notebook."""
    name = posixpath.basename
    teacher, student = name(page.path), name(edition_path(page, STUDENT))
    parts = lesson_parts(nb)
    exercises = lesson_marks(nb, "exercise")
    cases = lesson_marks(nb, "case")
    case = cases[0] if cases else {"title": page.title, "reasons": []}
    why = "；".join(case.get("reasons", [])) or "没有发现勾稽关系、跨年衔接或第五部分雷同方面的问题"
    lines = [
        "# 教师指南：读懂一份政府信息公开工作年度报告",
        "",
        f"本课案例：**{_md(case['title'])}**。选择它是因为：{_md(why)}。",
        "",
        f"全课 {sum(m for *_, m in parts)} 分钟，{len(exercises)} 道练习。",
        "",
        "## 材料",
        "",
        f"- 教师版（含参考答案）：`{teacher}.html`（网页）、`{teacher}.ipynb`（笔记本）",
        f"- 学生版（不含参考答案，可直接分发）：`{student}.html`（网页，可打印）、`{student}.ipynb`（笔记本）",
        "- 学生在笔记本中把答案写在每道练习下的 `answer = None` 处，运行该单元即知对错（答错有提示，不显示答案）；"
        "学生版里程序核对的单元没有输出，学生自己运行后对照。运行笔记本需要安装本软件包并能读到同一语料。",
        "",
        "## 课堂安排",
        "",
        "| 部分 | 内容 | 时间 |",
        "|---|---|---|",
        *[f"| {part} | {_md(title)} | {minutes} 分钟 |" for part, title, minutes in parts],
        "",
        "## 练习与教学要点",
        "",
        "| 练习 | 题目 | 教学要点 |",
        "|---|---|---|",
        *[
            f"| 练习{e['number']} | {_md(e['title'])} | {_md(e['teaches'])}"
            + (f"（本报告改做，因为{_md(e['substitute'].rstrip('。'))}）" if e.get("substitute") else "")
            + " |"
            for e in exercises
        ],
        "",
        "## 建议",
        "",
        "- 练习1、2 在读表时当堂做；练习3 至 7 先让学生手算，再一起运行“用代码核对”的单元对照。",
        "- 参考答案由程序从报告数据算出；练习8、9 的分类按程序的固定规则，有争议处正好用于讨论。",
        "- 换一份报告：`disclosure-analysis run --params params/lesson.yaml --input 报告文件夹 --lesson-agency 机构名称"
        " --lesson-year 年度`（机构名称可写其中一段）；加 `--two-reports` 让同一机构 2019 年版与 2021 年版的两份报告对照。"
        "运行配置中的对应键是 `lesson_agency`、`lesson_year`、`lesson_two_reports`。",
        "",
    ]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text from a report inside a Markdown table cell: no pipe or line break can break the table, and no
    markup is interpreted."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", " ".join(str(text).split()))
