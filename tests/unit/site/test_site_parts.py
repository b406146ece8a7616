"""Runner parts without kernels: page and workbook keys, the state and its checkpoints, the index page, the
workbook, the CLI parser, the chart assets."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pandas as pd

from disclosure_analysis.cli import run as cli
from disclosure_analysis.site.export import CHART_SCRIPTS, STYLESHEET
from disclosure_analysis.site.index import render_index
from disclosure_analysis.site.pages import FAILED, OK, SKIPPED, Page, PageResult, RunResult
from disclosure_analysis.site.run import STATIC, copy_assets
from disclosure_analysis.site.state import (
    KILL_AT,
    State,
    checkpoint,
    page_key,
    read_state,
    tables_key,
    write_state,
)
from disclosure_analysis.site.workbook import FIXED_TIME, write_workbook

XSS = '<script>alert(1)</script><img src=x onerror="alert(2)">'


def page(path: str = "agencies/a-1", title: str = "甲局") -> Page:
    return Page("agency", path, title, {"agency_id": "a-1"}, ["h1"], agency_id="a-1", years=[2023, 2024])


def test_page_key_depends_on_inputs_parameters_notebook_and_code() -> None:
    base = page_key(["h1", "h2"], {"a": 1}, "nb", False)
    assert base == page_key(["h2", "h1"], {"a": 1}, "nb", False)  # order of files does not matter
    changed = [
        page_key(["h1"], {"a": 1}, "nb", False),
        page_key(["h1", "h2"], {"a": 2}, "nb", False),
        page_key(["h1", "h2"], {"a": 1}, "nb2", False),
        page_key(["h1", "h2"], {"a": 1}, "nb", True),
    ]
    assert base not in changed


def test_state_round_trip_and_garbage(tmp_path: Path) -> None:
    assert read_state(tmp_path) == State()
    state = State({"overview": {"key": "k", "status": OK}}, tables_key("c", ("a-1",), (2024,)))
    write_state(tmp_path, state)
    assert read_state(tmp_path) == state
    assert sorted(p.name for p in tmp_path.iterdir()) == [".state.json"]  # no temporary file left
    (tmp_path / ".state.json").write_text("{not json", encoding="utf-8")
    assert read_state(tmp_path) == State()
    (tmp_path / ".state.json").write_text("[]", encoding="utf-8")
    assert read_state(tmp_path) == State()


def test_tables_key_depends_on_corpus_agencies_and_years() -> None:
    base = tables_key("c", ("a-1",), (2024,))
    assert base == tables_key("c", ("a-1",), (2024,))
    assert base not in {tables_key("d", ("a-1",), (2024,)), tables_key("c", (), (2024,)), tables_key("c", ("a-1",), ())}


def test_checkpoint_kills_the_process_only_where_asked() -> None:
    checkpoint("pending")  # not asked: nothing happens
    code = "from disclosure_analysis.site.state import checkpoint; checkpoint('other'); checkpoint('state'); print('alive')"
    env = {**os.environ, KILL_AT: "state", "PYTHONPATH": os.pathsep.join(sys.path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL and "alive" not in done.stdout


def test_page_links_home() -> None:
    assert page().home == "../index.html" and page("overview").home == "index.html"
    assert page().html == "agencies/a-1.html"


def test_index_is_for_readers_and_escapes_names_and_errors(tmp_path: Path) -> None:
    result = RunResult(
        tmp_path,
        [
            PageResult(page("overview", "语料总览"), OK),
            PageResult(page("agencies/a-1", XSS), SKIPPED),
            PageResult(page("agencies/b-2", "乙局"), FAILED, error=f"ValueError: {XSS}"),
        ],
        unread_files=[f"bad.pdf：{XSS}"],
    )
    html = render_index(result, f"语料{XSS}")
    assert "<script>" not in html and "<img" not in html
    for status in ("已生成", "跳过", "沿用", "状态", "。。"):  # no build status for readers, no typo
        assert status not in html, status
    assert "未能生成的页面（1 个）" in html and "未能读作年报的文件（1 个）" in html
    assert "语料总览" in html and "各机构（2 个）" in html  # a page kept from an earlier run is a page
    assert '<link rel="stylesheet" href="assets/noto-sans-sc-subset.css">' in html
    assert "生成时间" not in html
    assert "生成时间：2026-12-04 13:32。" in render_index(result, "语料", dt.datetime(2026, 12, 4, 13, 32))
    assert (
        'href="agencies/a-1.html"' in html and 'href="agencies/b-2.html"' not in html
    )  # no link to a failed page
    assert result.exit_code == 1 and result.count(SKIPPED) == 1


def test_workbook_keeps_text_as_text_and_nulls_empty(tmp_path: Path) -> None:
    df = pd.DataFrame({"agency": ['=HYPERLINK("http://x")', "甲局"], "n": pd.array([1, None], dtype="Int64")})
    write_workbook({"报告 reports": df}, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(tmp_path / "t.xlsx")["报告 reports"]
    assert ws["A2"].data_type == "s" and ws["A2"].value.startswith("=HYPERLINK")
    assert ws["B2"].value == 1 and ws["B3"].value is None and ws["A3"].value == "甲局"


def test_workbook_bytes_depend_on_the_tables_only(tmp_path: Path) -> None:
    df = pd.DataFrame({"agency": ["甲局", None], "n": pd.array([1, None], dtype="Int64")})
    write_workbook({"报告 reports": df, "表二 table2": df}, tmp_path / "a.xlsx")
    write_workbook({"报告 reports": df, "表二 table2": df}, tmp_path / "b.xlsx")
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.xlsx") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    properties = openpyxl.load_workbook(tmp_path / "a.xlsx").properties
    assert properties.created == properties.modified == FIXED_TIME
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.xlsx", "b.xlsx"]  # no temporary file left


def test_cli_parser_and_bad_config(tmp_path: Path, capsys) -> None:
    parser = argparse.ArgumentParser()
    cli.add_run_parser(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["run", "--input", "c", "--output", "o", "--jobs", "3", "--show-code", "--stamp"])
    assert (args.input, args.output, args.jobs, args.show_code, args.stamp, args.params) == (
        "c",
        Path("o"),
        3,
        True,
        True,
        None,
    )
    assert parser.parse_args(["run"]).show_code is None and parser.parse_args(["run"]).stamp is None
    bad = tmp_path / "bad.yaml"
    bad.write_text("agencies: [../../etc]\n", encoding="utf-8")
    assert cli.run_command(parser.parse_args(["run", "--params", str(bad)])) == 2
    assert "配置错误" in capsys.readouterr().err


def test_assets_are_the_bundled_scripts_with_their_licences_copied_once(tmp_path: Path) -> None:
    copy_assets(tmp_path)
    assets = tmp_path / "assets"
    names = {p.name for p in assets.iterdir()}
    assert {
        "vega.min.js",
        "vega-lite.min.js",
        "charts.js",
        "LICENSE-vega.txt",
        "LICENSE-vega-lite.txt",
    } <= names
    assert all((assets / s).is_file() for s in CHART_SCRIPTS)
    assert b"vegaLite.compile" in (assets / "charts.js").read_bytes()
    css = (assets / STYLESHEET).read_text(encoding="utf-8")  # JupyterLab's styles, once for all pages
    assert ".jp-OutputArea-output" in css and "a.anchor-link" in css and "--jp-content-font-color1" in css
    assert "<style" not in css
    stamps = {p.name: p.stat().st_mtime_ns for p in assets.iterdir()}
    (assets / "charts.js").write_text("// stale", encoding="utf-8")
    copy_assets(tmp_path)  # a rerun mends what changed and leaves the rest alone
    assert (assets / "charts.js").read_bytes() == (STATIC / "charts.js").read_bytes()
    assert (assets / "vega.min.js").stat().st_mtime_ns == stamps["vega.min.js"]


def test_bundled_scripts_are_vega_5_and_vega_lite_5_with_their_licences() -> None:
    vega = (STATIC / "vega.min.js").read_text(encoding="utf-8")
    lite = (STATIC / "vega-lite.min.js").read_text(encoding="utf-8")
    assert ".vega={}" in vega[:400] and 'var n="5.' in lite[:600]
    readme = (STATIC / "README.md").read_text(encoding="utf-8")
    assert "Vega 5.33.1" in readme and "Vega-Lite 5.23.0" in readme
    for licence in ("LICENSE-vega.txt", "LICENSE-vega-lite.txt"):
        assert "Redistribution and use in source and binary forms" in (STATIC / licence).read_text(
            encoding="utf-8"
        )
    assert "http" not in (STATIC / "charts.js").read_text(encoding="utf-8")
