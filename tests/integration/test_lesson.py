"""The lesson on real kernels: both editions from the sample corpus, the real reports of ../shared/corpus and a
synthetic pair of formats; the teacher's exercise cells run and accept the reference answers; warm = fresh."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from disclosure_analysis.analysis import lesson
from disclosure_analysis.analysis.lesson import Exercise
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.site import RunConfig, run_site
from disclosure_analysis.site.job import PageJob, render_job
from disclosure_analysis.site.notebooks import load_source
from disclosure_analysis.site.pages import FAILED, OK
from disclosure_analysis.site.plan import corpus_hash, plan_pages
from disclosure_analysis.site.warm import close_kernels
from disclosure_analysis.synth.generator import generate
from shared_corpus import SHARED_CORPUS

pytestmark = pytest.mark.slow

EDITIONS = ("lesson-teacher.html", "lesson-teacher.ipynb", "lesson-student.html", "lesson-student.ipynb",
            "lesson-guide.md")


def case_of(corpus: Path, page_parameters: dict) -> tuple[lesson.Case, list[Exercise]]:
    """The case a lesson page was made for (its pinned parameters) and its exercises, computed here."""
    full = load_corpus(corpus)
    case = lesson.choose_case(full, page_parameters["agency"], page_parameters["year"],
                              page_parameters["two_reports"])
    return case, lesson.exercises(full, case)


def notebook_text(path: Path) -> str:
    """Every source and output text of a notebook file."""
    nb = nbformat.read(path, as_version=4)
    parts = []
    for cell in nb.cells:
        parts.append(cell.source)
        for out in cell.get("outputs", []):
            parts += [out.get("text", ""), out.get("data", {}).get("text/html", "")]
    return "\n".join(parts)


def assert_editions(site: Path, exercises: list[Exercise]) -> None:
    """The student's edition has the exercises and none of the answers; the teacher's has every answer."""
    for name in EDITIONS:
        assert (site / name).is_file(), name
    teacher = (site / "lesson-teacher.html").read_text(encoding="utf-8")
    student = (site / "lesson-student.html").read_text(encoding="utf-8")
    student_nb = notebook_text(site / "lesson-student.ipynb")
    teacher_nb = notebook_text(site / "lesson-teacher.ipynb")
    assert len(exercises) >= 8
    for exercise in exercises:
        shown = html.escape(exercise.answer_text)
        heading = f"练习{exercise.number}　{html.escape(exercise.title)}"
        assert heading in teacher and heading in student, heading
        assert shown in teacher and shown in teacher_nb, exercise.answer_text
        assert shown not in student and shown not in student_nb, exercise.answer_text
        assert exercise.answer_text not in student_nb
    raw = (site / "lesson-student.ipynb").read_text(encoding="utf-8")
    assert not any(reason in raw for reason in lesson.INSTRUCTIVE.values())  # why the report was chosen
    for text in (student, student_nb):
        assert "参考答案" not in text and "选择这份报告的原因" not in text
        assert "jp-OutputArea-error" not in text and "Traceback" not in text
    assert teacher.count("参考答案（练习") == len(exercises)
    guide = (site / "lesson-guide.md").read_text(encoding="utf-8")
    minutes = [int(m) for m in re.findall(r"\| (\d+) 分钟 \|", guide)]
    assert sum(minutes) == 90 and len(minutes) >= 6
    assert all(f"| 练习{e.number} | " in guide for e in exercises)


def literal(exercise: Exercise) -> str:
    """The reference answer as a student would type it in the exercise's cell."""
    if exercise.kind in ("number", "percent"):
        return repr(exercise.answer)
    if exercise.kind == "set":
        return repr("、".join(sorted(exercise.answer)) or "无")
    if exercise.kind == "sequence":
        return repr("、".join(exercise.answer))
    return repr(exercise.answer)


def run_answered(edition: Path, exercises: list[Exercise], work: Path) -> nbformat.NotebookNode:
    """Run an edition's .ipynb again on a fresh kernel with every exercise answered as the key says."""
    nb = nbformat.read(edition, as_version=4)
    answered = 0
    for cell in nb.cells:
        found = re.match(r"answer = None  # 练习(\d+)：", cell.source)
        if found:
            number = int(found.group(1))
            cell.source = cell.source.replace("answer = None", f"answer = {literal(exercises[number - 1])}", 1)
            answered += 1
    assert answered == len(exercises)
    NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(work)}}).execute()
    return nb


def checks(nb: nbformat.NotebookNode) -> list[str]:
    return [
        out.get("data", {}).get("text/html", "")
        for cell in nb.cells
        if re.match(r"answer = ", cell.source)
        for out in cell.get("outputs", [])
    ]


@pytest.fixture(scope="module")
def sample_lesson(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    out = tmp_path_factory.mktemp("lesson") / "site"
    result = run_site(RunConfig(notebooks=("lesson",), output=out), jobs=1, progress=False)
    return out, result


def test_the_demo_lesson_in_both_editions(sample_lesson) -> None:
    out, result = sample_lesson
    (page,) = result.pages
    assert page.status == OK and page.page.path == "lesson-teacher", page.error
    case, exercises = case_of(Path(page.page.parameters["corpus"]), page.page.parameters)
    assert case.reasons  # the sample has reports that do not add up: the default case is one of them
    assert_editions(out, exercises)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "lesson-teacher.html" in index and "课堂教学" in index


@pytest.mark.parametrize("edition", ["lesson-teacher.ipynb", "lesson-student.ipynb"])
def test_every_exercise_cell_runs_and_takes_the_key(sample_lesson, edition: str, tmp_path: Path) -> None:
    out, result = sample_lesson
    _, exercises = case_of(Path(result.pages[0].page.parameters["corpus"]), result.pages[0].page.parameters)
    nb = run_answered(out / edition, exercises, tmp_path)
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    said = checks(nb)
    assert len(said) == len(exercises) and all("正确" in s for s in said), said
    if edition.startswith("lesson-student"):  # run by a student, it still shows no answer
        assert "参考答案" not in "".join(o.get("data", {}).get("text/html", "") for c in nb.cells
                                        for o in c.get("outputs", []))


@pytest.mark.skipif(not SHARED_CORPUS.is_dir(), reason=f"reference corpus not found at {SHARED_CORPUS}")
def test_the_real_reports_default_to_a_real_finding_and_have_no_pair(tmp_path: Path) -> None:
    result = run_site(RunConfig(corpus=str(SHARED_CORPUS), notebooks=("lesson",), output=tmp_path / "one"),
                      jobs=1, progress=False)
    (page,) = [r for r in result.pages if r.page.notebook == "lesson"]
    assert page.status == OK, page.error
    case, exercises = case_of(SHARED_CORPUS, page.page.parameters)
    assert (case.agency, case.year, case.reasons) == ("洪泽区人民政府", 2023, ("identity",))  # 表四 R5
    r5 = next(e for e in exercises if e.title == "核对表四")
    assert r5.answer == {"行政复议", "行政诉讼（复议后起诉）"} and "四项之和 11，总计 0" in r5.answer_text
    assert_editions(tmp_path / "one", exercises)
    pair = run_site(
        RunConfig(corpus=str(SHARED_CORPUS), notebooks=("lesson",), output=tmp_path / "two", lesson_two_reports=True),
        jobs=1, progress=False,
    )
    (failed,) = pair.pages
    assert failed.status == FAILED and "2019 年版格式" in failed.error and pair.exit_code == 1


@pytest.fixture(scope="module")
def pair_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two synthetic agencies with a 2020 (2019-format) and a 2021 (2021-format) report each."""
    folder = tmp_path_factory.mktemp("pair") / "corpus"
    generate(folder, agencies=2, years=(2020, 2021), formats=("txt",), seed=3)
    return folder


def test_two_reports_of_one_agency_in_the_two_formats(pair_corpus: Path, tmp_path: Path) -> None:
    config = RunConfig(corpus=str(pair_corpus), notebooks=("lesson",), output=tmp_path, lesson_agency="样本县",
                       lesson_two_reports=True)
    (page,) = run_site(config, jobs=1, progress=False).pages
    assert page.status == OK and "两份报告对照" in page.page.title and page.page.years == [2020, 2021]
    case, exercises = case_of(pair_corpus, page.page.parameters)
    assert (case.year, case.template, case.partner_id is not None) == (2021, "2021", True)
    assert_editions(tmp_path, exercises)
    teacher = (tmp_path / "lesson-teacher.html").read_text(encoding="utf-8")
    assert "2020 年报告所填" in teacher and "2021 年报告所填" in teacher and "一行拆为三行" in teacher
    assert "收费金额" in teacher and "整块取消" in teacher


def comparable(notebook: str) -> dict:
    nb = json.loads(notebook)
    nb["metadata"].pop("papermill")
    for cell in nb["cells"]:
        cell["metadata"].pop("papermill", None)
        cell["metadata"].pop("execution", None)
        if "injected-parameters" in cell["metadata"]["tags"]:
            cell.pop("id")
    return nb


def test_a_lesson_on_a_warm_kernel_is_the_lesson_a_fresh_kernel_makes(pair_corpus: Path) -> None:
    corpus = load_corpus(pair_corpus)
    digest, source = corpus_hash(corpus), load_source("lesson")
    (one,), _ = plan_pages(corpus, RunConfig(notebooks=("lesson",), lesson_agency="示例市"), pair_corpus)
    (two,), _ = plan_pages(corpus, RunConfig(notebooks=("lesson",), lesson_two_reports=True), pair_corpus)
    fresh = render_job(PageJob(two, source, False, 600, digest, warm=False))
    try:
        render_job(PageJob(one, source, False, 600, digest))
        warm = render_job(PageJob(two, source, False, 600, digest))
    finally:
        close_kernels()
    assert fresh.error is None and warm.error is None
    assert comparable(warm.notebook) == comparable(fresh.notebook)
    assert warm.html == fresh.html
    assert warm.files == fresh.files  # the student's edition (no timings), the guide, the data
