"""Exit statuses scripts can rely on: a bug is 4 (not 1, an unreadable input), said in one Chinese line with
a log of the traceback; `--debug` shows the traceback; a missing or empty corpus is a usage error (2)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_analysis.cli import main

CLI = [sys.executable, "-m", "disclosure_analysis.cli"]


def _bug(*_args, **_kwargs):
    raise ZeroDivisionError("division by zero")


def test_a_bug_exits_4_with_one_line_and_a_log(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_CACHE", str(tmp_path))
    monkeypatch.setattr("disclosure_analysis.cli.extract.results", _bug)
    assert main(["extract", str(tmp_path)]) == 4
    err = capsys.readouterr().err
    assert "内部错误" in err and "Traceback" not in err
    log = Path(re.search(r"详细信息已写入 (\S+)；", err).group(1))
    assert log.parent == tmp_path / "logs"
    assert "Traceback" in log.read_text(encoding="utf-8") and "ZeroDivisionError" in log.read_text(encoding="utf-8")


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr("disclosure_analysis.cli.extract.results", _bug)
    assert main(["extract", str(tmp_path), "--debug"]) == 4
    assert "Traceback" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["run", "assess"])
def test_a_missing_or_empty_corpus_is_a_usage_error(tmp_path: Path, command: str) -> None:
    (tmp_path / "empty").mkdir()
    for corpus in (tmp_path / "missing", tmp_path / "empty"):
        done = subprocess.run([*CLI, command, "--input", str(corpus), "--output", str(tmp_path / "out")],
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 2, done.stderr
        assert "配置错误" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "out").exists()  # no empty site
