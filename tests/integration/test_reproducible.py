"""Reproducible sites: `run` (and `assess`) on the same inputs give byte-identical trees in any folder, and a
`run` killed with SIGKILL at any step, then run again, leaves the tree an uninterrupted run makes (and no
temporary files)."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Any

import pytest

from cli_child import cli, start, wait
from disclosure_analysis.executors import process_running
from disclosure_analysis.site import scratch
from disclosure_analysis.synth import generate
from trees import differing, tree

pytestmark = pytest.mark.slow

#: checkpoints (`site.state.checkpoint`) in the order a run reaches them: after the first page is written
#: (others in flight), with the new workbook written but not yet in place, with it in place but not yet
#: recorded in the state, and with the state written but not the index. (The first, "pending", is left out
#: to save time: it is "page" with no page written.)
STEPS = ("page", "workbook", "tables", "state")
#: what may stay in the temp folder: jieba's dictionary cache (kept on purpose, for later runs)
KEPT = {"jieba.cache"}


def wait_for_the_dead(temp: Path, seconds: float = 30) -> None:
    """Wait until the workers and kernels of a killed run have ended (they follow their parent within
    about a second), so that the next run finds their folders stale."""
    root = temp / scratch.root().name
    deadline = time.monotonic() + seconds
    while root.is_dir() and any(process_running(int(p.name)) for p in root.iterdir() if p.name.isdigit()):
        assert time.monotonic() < deadline, sorted(p.name for p in root.iterdir())
        time.sleep(0.1)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A corpus (2 agencies × 2 years) whose last report arrives after a first site was made of the others:
    "before" is that first site; "one" and "two" are sites of the whole corpus made from nothing, at the
    same time (and "reference" the files of "one" before anything else is written there)."""
    root = tmp_path_factory.mktemp("reproducible")
    corpus, temp = root / "corpus", root / "temp"
    temp.mkdir()
    truth = generate(corpus, agencies=2, years=(2023, 2024), formats=("txt",), seed=5)
    late = corpus / truth[-1]["file"]
    held = late.read_bytes()
    late.unlink()
    assert cli("run", "--input", str(corpus), "--output", str(root / "before"), "--jobs", "1", temp=str(temp)) == 0
    late.write_bytes(held)
    both = [start("run", "--input", str(corpus), "--output", str(root / n), "--jobs", "1", temp=str(temp)) for n in ("one", "two")]
    assert [wait(child) for child in both] == [0, 0]
    return {
        "corpus": corpus,
        "temp": temp,
        "before": root / "before",
        "one": root / "one",
        "two": root / "two",
        "reference": tree(root / "one"),
    }


def test_two_runs_into_two_folders_give_the_same_files(sites) -> None:
    one, two = sites["one"], sites["two"]
    assert differing(one, two) == []
    files = tree(one)
    assert {"data/tables.xlsx", "overview.ipynb", "case_study.ipynb", ".state.json", "index.html"} <= set(files)
    assert len([f for f in files if f.startswith("agencies/") and f.endswith(".ipynb")]) == 2
    assert differing(sites["before"], one)  # the late report changed the site
    both = [
        start("assess", "--input", str(sites["corpus"]), "--output", str(site), temp=str(sites["temp"]))
        for site in (one, two)
    ]
    assert [wait(child) for child in both] == [0, 0]
    assert (one / "assessment" / "assessment.ipynb").is_file() and (one / "assessment" / "assessment.xlsx").is_file()
    assert differing(one, two) == []
    _links_resolve(one)
    # a run after the assessment keeps the links: the pages' bytes do not depend on which command came last
    assert cli("run", "--input", str(sites["corpus"]), "--output", str(two), "--jobs", "1", temp=str(sites["temp"])) == 0
    assert differing(one, two) == []


def _links_resolve(site: Path) -> None:
    """index.html links to the assessment, every agency page to its own scorecard, and both targets exist."""
    assert 'href="assessment/assessment.html"' in (site / "index.html").read_text(encoding="utf-8")
    pages = sorted((site / "agencies").glob("*.html"))
    assert pages
    for page in pages:
        target = f"../assessment/scorecards/{page.stem}.html"
        assert f'href="{target}"' in page.read_text(encoding="utf-8"), page.name
        assert (page.parent / target).resolve().is_file()


@pytest.fixture(scope="module")
def interrupted(sites, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Any]]:
    """For each step, a copy of "before" that a run killed at that step, then a run to the end, brought up
    to date with the whole corpus (the steps' runs at the same time); the exit statuses of both runs."""
    root, temp = tmp_path_factory.mktemp("interrupted"), str(sites["temp"])
    folders = {step: root / step for step in STEPS}
    for folder in folders.values():
        shutil.copytree(sites["before"], folder)

    def run(folder: Path, jobs: int, kill_at: str = "") -> Any:
        args = ("run", "--input", str(sites["corpus"]), "--output", str(folder), "--jobs", str(jobs))
        return start(*args, temp=temp, kill_at=kill_at)

    # at "page", a pool of two workers: they and their kernels die with the run too
    killed = {step: run(folder, 2 if step == "page" else 1, step) for step, folder in folders.items()}
    killed = {step: wait(child) for step, child in killed.items()}
    wait_for_the_dead(sites["temp"])
    again = {step: run(folder, 1) for step, folder in folders.items()}
    return {"folders": folders, "killed": killed, "again": {step: wait(c) for step, c in again.items()}}


@pytest.mark.parametrize("step", STEPS)
def test_a_run_killed_at_any_step_is_finished_by_the_next(sites, interrupted, step: str) -> None:
    assert interrupted["killed"][step] == -9 and interrupted["again"][step] == 0
    assert differing(interrupted["folders"][step], sites["reference"]) == []


def test_killed_runs_leave_no_temporary_files(sites, interrupted) -> None:
    temp = sites["temp"]
    assert {p.name for p in temp.iterdir()} - KEPT == {scratch.root().name}  # no connection or openpyxl files
    assert list((temp / scratch.root().name).iterdir()) == []  # nor the killed runs' scratch folders
