"""Newcomer friction: --version, `sample` as a path everywhere and as a command, help in Chinese, one
--jobs for every command."""

from __future__ import annotations

import argparse
import re

import pytest

from disclosure_analysis import __version__
from disclosure_analysis.cli import _parser, main
from disclosure_analysis.cli.common import JOBS_HELP, sample_path
from disclosure_analysis.synth.sample import sample_corpus

CJK = re.compile(r"[\u4e00-\u9fff]")


def commands() -> dict[str, argparse.ArgumentParser]:
    parser = _parser()
    return next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices


def test_version(capsys) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0 and capsys.readouterr().out.strip() == f"disclosure-analysis {__version__}"


def test_sample_prints_its_folder_and_is_a_path_for_every_command(capsys, tmp_path, monkeypatch) -> None:
    assert main(["sample"]) == 0
    assert capsys.readouterr().out.strip() == str(sample_corpus())
    assert sample_path("sample") == str(sample_corpus()) and sample_path("reports/") == "reports/"
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sample").mkdir()  # a folder of that name in the working folder is that folder
    assert sample_path("sample") == "sample"
    monkeypatch.chdir(sample_corpus().parent)
    assert main(["validate", "sample", "--jobs", "1", "-q"]) == 0
    assert "未发现问题" in capsys.readouterr().out


def test_help_is_in_chinese_for_every_command(capsys) -> None:
    for name, command in commands().items():
        texts = [command.description or "", *(a.help or "" for a in command._actions)]
        assert all(CJK.search(t) for t in texts if t), (name, [t for t in texts if t and not CJK.search(t)])
        shown = command.format_help()
        assert shown.startswith("用法：") and "options:" not in shown and "usage:" not in shown, name
        assert "show this help message" not in shown, name


def test_one_jobs_option_with_one_default() -> None:
    with_jobs = {}
    nested = {f"{name} {sub}": c for name, command in commands().items() for a in command._actions
              if isinstance(a, argparse._SubParsersAction) for sub, c in a.choices.items()}
    for name, command in {**commands(), **nested}.items():
        found = [a for a in command._actions if "--jobs" in a.option_strings]
        if found:
            with_jobs[name] = (found[0].default, found[0].help)
    assert {"extract", "validate", "problems", "build", "run", "assess", "export", "register init"} <= set(with_jobs)
    assert set(with_jobs.values()) == {(None, JOBS_HELP)}  # None: one worker per core
    assert main(["extract", "x", "--jobs", "-1"]) == 2


@pytest.mark.parametrize("command", ["run", "export"])
def test_a_bad_covariates_file_is_a_usage_error_naming_it(command, capsys, tmp_path) -> None:
    bad = tmp_path / "人口.csv"
    bad.write_text("地区,常住人口\n样本县,约 50 万\n", encoding="utf-8")
    args = {"run": ["run", "--output", str(tmp_path / "site")], "export": ["export", "sample", "--out", str(tmp_path / "x")]}
    assert main([*args[command], "--covariates", str(bad)]) == 2
    said = capsys.readouterr().err
    assert str(bad) in said and "第 2 行“常住人口”列：“约 50 万”不是数字" in said
    assert not (tmp_path / "site").exists() and not (tmp_path / "x").exists()  # refused before anything is written
