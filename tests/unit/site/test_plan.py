"""Which pages a run makes: unsafe or unknown agency ids fail before running, without touching the disk."""

from __future__ import annotations

from pathlib import Path

from disclosure_analysis.corpus import Corpus, schema
from disclosure_analysis.site.config import RunConfig
from disclosure_analysis.site.pages import FAILED
from disclosure_analysis.site.plan import plan_pages


def corpus(agencies: dict[str, str]) -> Corpus:
    """One 2024 report per agency id, with a one-cell 表三 so the case study has a report to pick."""
    rows: dict[str, list[dict]] = {name: [] for name in Corpus.TABLES}
    for i, (agency_id, name) in enumerate(agencies.items()):
        rid = f"r{i}"
        rows["reports"].append({"report_id": rid, "agency_id": agency_id, "agency": name, "year": 2024})
        rows["manifest"].append(
            {"source": f"{rid}.txt", "sha256": f"hash{i}", "report_id": rid, "status": "ok"}
        )
        rows["table3"].append(
            {
                "report_id": rid,
                "agency_id": agency_id,
                "year": 2024,
                "row": "new_received",
                "column": "total",
                "value": i,
            }
        )
    return Corpus(**{name: schema.frame(name, rows[name]) for name in Corpus.TABLES})


def test_pages_for_every_agency_overview_and_case_study(tmp_path: Path) -> None:
    pages, failed = plan_pages(corpus({"a-1": "甲局", "b-2": "乙局"}), RunConfig(output=tmp_path), Path("c"))
    assert not failed
    assert [p.path for p in pages] == ["agencies/a-1", "agencies/b-2", "overview", "case_study", "lesson-teacher"]
    a = pages[0]
    assert a.title == "甲局" and a.inputs == ["hash0"] and a.parameters["agency_id"] == "a-1"
    assert pages[2].inputs == ["hash0", "hash1"]
    assert pages[3].parameters["report_id"] == "r1" and pages[3].title == "案例精读：乙局 2024 年度报告"
    lesson = pages[4]  # no finding anywhere: ties go to the first report id; the case is pinned by agency and year
    assert lesson.editions and lesson.title == "课堂教学：甲局 2024 年度报告"
    assert (lesson.parameters["agency"], lesson.parameters["year"]) == ("a-1", 2024)
    assert lesson.inputs == ["hash0", "hash1"]  # peers and other years count: every report of the corpus


def test_a_lesson_no_report_fits_fails_before_running(tmp_path: Path) -> None:
    config = RunConfig(output=tmp_path, notebooks=("lesson",), lesson_agency="丙")
    pages, failed = plan_pages(corpus({"a-1": "甲局", "b-2": "乙局"}), config, Path("c"))
    assert not pages and failed[0].page.path == "lesson-teacher"
    assert "没有名称含“丙”的机构" in failed[0].error and "乙局、甲局" in failed[0].error
    two = RunConfig(output=tmp_path, notebooks=("lesson",), lesson_two_reports=True)
    pages, failed = plan_pages(corpus({"a-1": "甲局"}), two, Path("c"))
    assert not pages and "2019 年版格式" in failed[0].error
    empty = corpus({"a-1": "甲局"})
    empty.table3 = empty.table3.iloc[0:0]  # no report with 表三 numbers, nothing asked for: no lesson (as for the case study)
    assert plan_pages(empty, RunConfig(output=tmp_path, notebooks=("lesson",)), Path("c")) == ([], [])


def test_unsafe_and_unknown_ids_fail_before_running(tmp_path: Path) -> None:
    evil = "../../etc/passwd"
    config = RunConfig(output=tmp_path, agencies=("zz-9",), case_study_report="nothere")
    pages, failed = plan_pages(corpus({evil: "坏局", "zz-0": "丙局"}), config, Path("c"))
    errors = {r.page.agency_id: r for r in failed}
    assert errors["zz-9"].status == FAILED and "没有该机构" in errors["zz-9"].error
    assert "case_study" in {r.page.path for r in failed}
    assert not [p for p in pages if p.notebook == "agency"]  # zz-9 is unknown, the rest not selected
    pages, failed = plan_pages(corpus({evil: "坏局"}), RunConfig(output=tmp_path), Path("c"))
    bad = next(r for r in failed if r.page.agency_id == evil)
    assert bad.page.path.startswith("agencies/invalid-") and ".." not in bad.page.path
    assert "不允许的字符" in bad.error
    assert not list(tmp_path.iterdir())


def test_a_register_is_a_parameter_and_an_input_of_the_pages(tmp_path: Path) -> None:
    register = tmp_path / "register.csv"
    register.write_text("编号,名称\na,甲局\n", encoding="utf-8")
    config = RunConfig(output=tmp_path, register=str(register))
    pages, _ = plan_pages(corpus({"a-1": "甲局"}), config, Path("c"))
    agency, overview = pages[0], pages[1]
    assert agency.parameters["register"] == str(register.resolve()) == overview.parameters["register"]
    assert len(agency.inputs) == 2 and agency.inputs[-1] == overview.inputs[-1]  # its content hash
    unchanged, _ = plan_pages(corpus({"a-1": "甲局"}), RunConfig(output=tmp_path), Path("c"))
    assert "register" not in unchanged[0].parameters  # pages without a register keep their keys


def test_a_covariates_file_is_a_parameter_and_an_input_of_the_pages_that_show_it(tmp_path: Path) -> None:
    people = tmp_path / "people.csv"
    people.write_text("地区,常住人口\n甲县,1000\n", encoding="utf-8")
    config = RunConfig(output=tmp_path, covariates=str(people), notebooks=("agency", "overview", "case_study"))
    pages, _ = plan_pages(corpus({"a-1": "甲局"}), config, Path("c"))
    agency, overview, case = pages
    assert agency.parameters["covariates"] == str(people.resolve()) == overview.parameters["covariates"]
    assert len(agency.inputs) == 2 and agency.inputs[-1] == overview.inputs[-1]  # its content hash
    assert "covariates" not in case.parameters  # the case study shows no per-capita figures
    people.write_text("地区,常住人口\n甲县,2000\n", encoding="utf-8")
    again, _ = plan_pages(corpus({"a-1": "甲局"}), config, Path("c"))
    assert again[0].inputs[-1] != agency.inputs[-1]  # a changed file makes its pages again
