"""`validate` checks across the files it is given: two consecutive years of one agency whose carry-over does
not link give the same X1 findings as `assess`, and the output ends with a summary line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from disclosure_analysis.assess import assess, load_rubric
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.synth import generate

pytestmark = pytest.mark.slow


def test_validate_reports_the_x1_finding_assess_reports(tmp_path: Path) -> None:
    records = generate(tmp_path / "in", agencies=1, years=[2022, 2023], formats=["txt"], seed=3)
    later = tmp_path / "in" / max(records, key=lambda r: r["year"])["file"]
    lines = later.read_text(encoding="utf-8").split("\n")
    at = lines.index("\t二、上年结转政府信息公开申请数量")
    lines[at + 1] = f"\t{int(lines[at + 1]) + 2}"  # 自然人: two more than last year's 结转下年度
    lines[at + 7] = f"\t{int(lines[at + 7]) + 2}"  # 总计 (so that the row still adds up)
    later.write_text("\n".join(lines), encoding="utf-8")
    env = {**os.environ, "DISCLOSURE_ANALYSIS_CACHE": str(tmp_path / "cache"), "COLUMNS": "400"}
    proc = subprocess.run(
        [sys.executable, "-m", "disclosure_analysis.cli", "validate", str(tmp_path / "in")],
        capture_output=True, text=True, env=env, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    shown = [line for line in proc.stdout.splitlines() if "│ X1" in line]

    corpus = load_corpus(tmp_path / "in", cache_dir=tmp_path / "cache")
    found = assess(corpus, load_rubric()).findings
    x1 = found[found["rule"] == "X1"]
    assert len(x1) == len(shown) == 2  # the 自然人 and 总计 columns
    for message in x1["message"]:
        assert any(message in line for line in shown), message
    assert set(x1["indicator"]) == {"carry_over"}
    summary = proc.stdout.strip().splitlines()[-1]
    assert summary.startswith("共 3 个文件：读取 2 份报告") and "其中跨年度衔接 2 条" in summary  # + truth.jsonl
