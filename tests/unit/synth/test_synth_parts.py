"""The administrative tree, the narrative, copying of section 五, the CLI and the sample corpus."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pytest

from disclosure_analysis.cli.synth import add_synth_parser
from disclosure_analysis.synth.generator import build_reports
from disclosure_analysis.synth.sample import sample_corpus
from disclosure_analysis.synth.tree import all_agencies, select_agencies


def test_tree_is_fictional_consistent_and_mixes_levels() -> None:
    agencies = all_agencies()
    ids = [a.id for a in agencies]
    assert len(set(ids)) == len(ids) and all(re.fullmatch(r"[a-z0-9-]+", i) for i in ids)
    known = set(ids)
    assert all(a.parent_id is None or a.parent_id in known for a in agencies)
    assert agencies[0].name == "示例市人民政府" and agencies[0].parent_id is None
    assert {a.level for a in select_agencies(6)} == {"市级", "县级", "乡镇街道"}
    assert {a.name for a in agencies if a.is_government} >= {
        "示例市人民政府",
        "样本县人民政府",
        "范例区人民政府",
    }
    assert any(a.name.endswith("街道办事处") and not a.is_government for a in agencies)
    with pytest.raises(ValueError):
        select_agencies(len(agencies) + 1)


def test_narrative_states_the_figures_it_records(
    corpus: tuple[Path, list[dict]], truth_lines: list[dict]
) -> None:
    out, _ = corpus
    for r in truth_lines:
        if r["format"] != "txt":
            continue
        text = (out / r["file"]).read_text(encoding="utf-8")
        n = r["narrative"]
        assert f"全年共主动公开政府信息{n['proactive_total']}条" in text
        assert f"共收到政府信息公开申请{n['applications_received']}件" in text
        if r["year"] >= 2021:
            assert "信息处理费" in text.split("六、")[-1]


def test_copied_problems_are_verbatim() -> None:
    reports = build_reports(7, select_agencies(20), [2021, 2022, 2023], 0.0)
    by = {(r.agency.id, r.year): r for r in reports}
    copies = [r for r in reports if r.copied_problems_from]
    kinds = {"last_year" if c.copied_problems_from["agency"] == c.agency.id else "sibling" for c in copies}
    assert kinds == {"last_year", "sibling"}
    for r in copies:
        src = by[r.copied_problems_from["agency"], r.copied_problems_from["year"]]
        assert r.problems == src.problems
    originals = [r.problems for r in reports if not r.copied_problems_from]
    assert len(set(originals)) == len(originals)


def _run(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    add_synth_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    return args.func(args)


def test_cli_writes_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(["synth", str(tmp_path), "--agencies", "3", "--years", "2022-2023", "--formats", "txt,html"])
    assert code == 0
    records = [json.loads(x) for x in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 6 and {r["format"] for r in records} == {"txt", "html"}
    assert "6 份报告" in capsys.readouterr().out


def test_cli_refuses_bad_arguments(tmp_path: Path) -> None:
    assert _run(["synth", str(tmp_path), "--years", "2015-2016"]) == 2
    assert _run(["synth", str(tmp_path), "--faults", "2"]) == 2
    with pytest.raises(SystemExit):
        _run(["synth", str(tmp_path), "--formats", "txt,odt"])


def test_sample_corpus_is_generated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DISCLOSURE_ANALYSIS_CACHE", str(tmp_path))
    path = sample_corpus()
    assert path.parent == tmp_path and path.name.startswith("sample-")
    records = [json.loads(x) for x in (path / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len({r["agency_id"] for r in records}) == 12 and {r["year"] for r in records} == {2022, 2023, 2024}
    assert {r["format"] for r in records} == {"txt", "html", "docx", "pdf"}
    types = {f["type"] for r in records for f in r["faults"]}
    assert "X1" in types and len(types) >= 4
    assert any(
        r["copied_problems_from"] == {"agency": r["agency_id"], "year": r["year"] - 1} for r in records
    )
    stamp = (path / "truth.jsonl").stat().st_mtime_ns
    assert sample_corpus() == path and (path / "truth.jsonl").stat().st_mtime_ns == stamp
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temp dir left
