"""Temporary files per process: a process removes its folder when it exits, and the folder of a killed one
is removed by the next process that makes its own."""

from __future__ import annotations

import multiprocessing
import os
import signal
import tempfile
from pathlib import Path

import pytest

from disclosure_analysis.executors import process_running
from disclosure_analysis.site import scratch


@pytest.fixture
def temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The scratch root of this test (in its own temp folder), with no folder made yet by this process."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(scratch, "_own", None)
    return scratch.root()


def _leave_a_file(then_kill: bool) -> None:
    (scratch.process_dir() / "kernel-1.json").write_text("{}", encoding="utf-8")
    if then_kill:
        os.kill(os.getpid(), signal.SIGKILL)


def _in_child(then_kill: bool) -> int:
    child = multiprocessing.get_context("fork").Process(target=_leave_a_file, args=(then_kill,))
    child.start()
    child.join()
    return child.pid


def test_a_process_removes_its_folder_at_exit_and_a_killed_ones_is_removed_next_time(temp: Path) -> None:
    _in_child(then_kill=False)
    assert list(temp.iterdir()) == []
    killed = _in_child(then_kill=True)
    assert (temp / str(killed) / "kernel-1.json").is_file()  # SIGKILL: nothing cleaned up
    mine = scratch.process_dir()
    assert mine == temp / str(os.getpid()) and list(temp.iterdir()) == [mine]


def test_only_folders_of_processes_that_are_gone_are_removed(temp: Path) -> None:
    temp.mkdir(parents=True)
    gone = _in_child(then_kill=True)  # its folder is removed below; its pid is free
    assert not process_running(gone)
    for name in (str(gone), str(os.getpid()), "1", "notes"):
        (temp / name).mkdir(exist_ok=True)
    assert scratch.remove_stale(temp) == [temp / str(gone)]
    assert sorted(p.name for p in temp.iterdir()) == sorted([str(os.getpid()), "1", "notes"])
    (temp / str(gone)).mkdir()
    scratch.clean()
    assert not (temp / str(gone)).exists()


def test_temp_files_of_libraries_go_to_the_process_folder(temp: Path) -> None:
    with scratch.temp_files_here() as folder, tempfile.NamedTemporaryFile() as fh:
        assert Path(fh.name).parent == folder == scratch.process_dir()
    assert tempfile.gettempdir() == str(temp.parent)
