"""The executor seam: retry once, then a per-input failure; results of every input; progress; order."""

from __future__ import annotations

import os
import sys
from functools import partial
from pathlib import Path

import pytest

from disclosure_analysis.corpus.extraction import extract_many
from disclosure_analysis.executors import ExecutorUnavailable, LocalExecutor, WorkerError, make_executor


def flaky(marks: Path, item: str) -> str:
    """Fails the first time it sees an item (remembered in a file, so across processes), then succeeds."""
    mark = marks / item
    if not mark.exists():
        mark.touch()
        raise RuntimeError(f"first try of {item}")
    return item.upper()


def broken(item: str) -> str:
    if item == "bad":
        raise ValueError("always bad")
    return item.upper()


def refuse(item: str) -> str:
    raise RuntimeError(f"cannot handle {item}")


def crashing(item: str) -> str:
    if item == "crash":
        os._exit(3)  # the worker process dies, as on a segfault or an OOM kill
    return item.upper()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_task_that_fails_once_is_retried(tmp_path: Path, jobs: int) -> None:
    items = ["a", "b", "c", "d"]
    with LocalExecutor(jobs) as ex:
        got = dict(ex.map_unordered(partial(flaky, tmp_path), items))
    assert got == {0: "A", 1: "B", 2: "C", 3: "D"}


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_task_that_always_fails_is_reported_for_its_input_only(jobs: int) -> None:
    items = ["a", "bad", "c", "d", "e"]
    with LocalExecutor(jobs) as ex:
        got = dict(ex.map_unordered(broken, items))
    assert {i: v for i, v in got.items() if i != 1} == {0: "A", 2: "C", 3: "D", 4: "E"}
    assert isinstance(got[1], WorkerError)
    assert "always bad" in got[1].detail


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_dead_worker_fails_only_its_own_input(jobs: int) -> None:
    """Even one job runs in a worker process: a task that kills it loses no other result."""
    items = ["a", "b", "crash", "d", "e", "f", "g"]
    with LocalExecutor(jobs) as ex:
        got = dict(ex.map_unordered(crashing, items))
    assert isinstance(got.pop(2), WorkerError)
    assert got == {i: s.upper() for i, s in enumerate(items) if s != "crash"}


def test_progress_counts_every_input_once(tmp_path: Path) -> None:
    ticks: list[tuple[int, int]] = []
    with LocalExecutor(2) as ex:
        list(ex.map_unordered(partial(flaky, tmp_path), ["a", "b", "c"], progress=lambda d, t: ticks.append((d, t))))
    assert ticks == [(1, 3), (2, 3), (3, 3)]


def test_extract_many_keeps_the_input_order_and_reports_worker_errors(tmp_path: Path, monkeypatch) -> None:
    files = []
    for i in range(6):
        f = tmp_path / f"{i}.txt"
        f.write_text(f"示例市第{i}局2021年政府信息公开工作年度报告\n一、总体情况\n", encoding="utf-8")
        files.append(f)
    ticks: list[int] = []
    with LocalExecutor(2) as ex:
        results = list(extract_many(files, None, ex, lambda done, _total: ticks.append(done)))
    assert [r["source"] for r in results] == [str(f) for f in files]
    assert ticks[-1] == len(files)

    monkeypatch.setattr("disclosure_analysis.corpus.extraction.extract_json", refuse)  # forked after the patch
    (tmp_path / "bad.txt").write_text("某局2021年政府信息公开工作年度报告", encoding="utf-8")
    failed = next(extract_many([tmp_path / "bad.txt"], None, jobs=1))
    assert failed["status"] == "failed"
    assert failed["error"]["code"] == "worker_error"
    assert str(tmp_path / "bad.txt") in failed["error"]["message"]


def test_dask_missing_is_said_in_chinese(monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "dask.distributed", None)  # import fails as if not installed
    with pytest.raises(ExecutorUnavailable, match=r"pip install 'disclosure-analysis\[dask\]'"):
        make_executor(dask="local")
    assert isinstance(make_executor(jobs=3), LocalExecutor)


def test_not_isolated_runs_in_this_process() -> None:
    with LocalExecutor(1, isolate=False) as ex:
        assert dict(ex.map_unordered(_pid, ["a"])) == {0: os.getpid()}
    with LocalExecutor(1) as ex:
        assert dict(ex.map_unordered(_pid, ["a"])) != {0: os.getpid()}


def _pid(_item: str) -> int:
    return os.getpid()
