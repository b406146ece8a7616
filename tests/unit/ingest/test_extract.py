"""Whole texts: a report without its title line is still a report; a blank form is not (renderings.md)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure_analysis.ingest.extract import read_report
from disclosure_analysis.synth import generate


@pytest.fixture(scope="module")
def pipe_report(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict]:
    out = tmp_path_factory.mktemp("pipe")
    (record,) = generate(out, agencies=1, years=[2021], formats=["pipe"], seed=3)
    return (out / record["file"]).read_text(encoding="utf-8"), record


def _read(tmp_path: Path, text: str, name: str = "report.txt") -> dict:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_report(path).to_json()


def test_a_filled_report_without_its_title_is_read(tmp_path: Path, pipe_report: tuple[str, dict]) -> None:
    text, record = pipe_report
    body = text[text.index("一、总体情况") :]
    got = _read(tmp_path, f"现公布{record['agency']}2021年政府信息公开工作年度报告。\n{body}")
    assert got["status"] == "ok"
    assert (got["agency"], got["year"], got["template"]) == (record["agency"], 2021, "2021")
    assert got["metadata_source"] == {"agency": "preamble", "year": "preamble"}
    assert {k: got["cells"][k] for k in record["cells"]} == record["cells"]


def test_no_title_and_no_figure_is_still_read_when_cells_are_filled(tmp_path: Path, pipe_report) -> None:
    text, record = pipe_report
    body = re.sub(r"全年[^。]*?\d+[条件][^。]*。", "", text[text.index("一、总体情况") :])
    got = _read(tmp_path, body)
    assert got["status"] == "partial"  # filled tables: a report, not a blank form
    assert (got["agency"], got["year"]) == (record["agency"], None)
    assert got["metadata_source"] == {"agency": "signature"}
    assert got["notes"][0] == "没有读出报告所属的年度"


def test_a_skeleton_is_partial_and_says_why(tmp_path: Path, pipe_report) -> None:
    text, record = pipe_report
    skeleton = re.sub(r"\| \d+(?:\.\d+)? (?=\|)", "|  ", text)
    got = _read(tmp_path, skeleton)
    assert got["status"] == "partial" and all(v is None for v in got["cells"].values())
    assert "表二、表三、表四只有表头和行名，没有数字" in got["notes"][0]
    assert got["narrative"]["proactive_total"] == record["narrative"]["proactive_total"]


def test_a_blank_form_is_no_report_but_a_blank_form_with_a_preamble_or_a_figure_is(tmp_path: Path, pipe_report) -> None:
    text, _ = pipe_report
    form = re.sub(r"\| \d+(?:\.\d+)? (?=\|)", "|  ", text[text.index("一、总体情况") :])
    form = re.sub(r"。[^。\n]*\d+[条件元][^。\n]*。", "。", form)  # no stated figure (信息处理费 480元 is one)
    form = "\n".join(ln for ln in form.splitlines() if not re.search(r"\d+[条件元]", ln))
    got = _read(tmp_path, form)
    assert got["status"] == "not_a_report" and "空白的报告格式模板" in got["error"]["message"]
    got = _read(tmp_path, "本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。\n" + form)
    assert got["status"] == "partial" and got["year"] == 2021
    got = _read(tmp_path, form.replace("一、总体情况\n", "一、总体情况\n全年主动公开政府信息12条。\n", 1))
    assert got["status"] == "partial" and got["narrative"]["proactive_total"] == 12
