"""Evaluator decisions: keys survive re-runs, a changed report reopens its findings, the file loses nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.assess import assess
from disclosure_analysis.assess.decisions import DecisionsError, finding_key, load_decisions

IDENTITIES = {"type": "findings", "id": "identities", "params": {"rules": ["R1", "R5"]}}


def _corpus(build, rid: str = "a"):
    return (
        build()
        .report(rid)
        .table3(rid)
        .finding(rid, "R1", column="natural_person")
        .finding(rid, "R5", table="t4", column="review_total")
        .corpus()
    )


def _decide(tmp_path: Path, rows: list[dict]) -> Path:
    path = tmp_path / "decisions.csv"
    pd.DataFrame(rows).to_csv(path, index=False, encoding="utf-8-sig")
    return path


def test_key_depends_on_report_content_and_location() -> None:
    key = finding_key("a" * 16, "R1", "t3", None, "total")
    assert key == finding_key("a" * 16, "R1", "t3", None, "total")
    assert key != finding_key("b" * 16, "R1", "t3", None, "total")
    assert key != finding_key("a" * 16, "R1", "t3", "granted", "total")


def test_decisions_survive_a_rerun(build, rubric, tmp_path: Path) -> None:
    first = assess(_corpus(build), rubric(IDENTITIES))
    r1, r5 = (first.findings.set_index("rule").loc[r, "finding_key"] for r in ("R1", "R5"))
    path = _decide(
        tmp_path,
        [
            {
                "finding_key": r1,
                "decision": "dismissed",
                "note": "表头合并单元格误读",
                "decided_by": "张三",
                "date": "2024-05-01",
            },
            {"finding_key": r5, "decision": "确认"},
        ],
    )
    again = assess(_corpus(build), rubric(IDENTITIES), decisions=load_decisions(path)).findings.set_index(
        "rule"
    )
    assert again.loc["R1", "finding_key"] == r1
    assert again.loc["R1", "decision"] == "dismissed" and "张三" in again.loc["R1", "decision_note"]
    assert again.loc["R5", "decision"] == "confirmed"


def test_a_changed_report_reopens_its_findings(build, rubric, tmp_path: Path) -> None:
    first = assess(_corpus(build), rubric(IDENTITIES))
    handed_back = first.decisions.copy()
    handed_back["decision"] = "dismissed"
    path = tmp_path / "decisions.csv"
    handed_back.to_csv(path, index=False)
    changed = assess(_corpus(build, rid="b"), rubric(IDENTITIES), decisions=load_decisions(path))
    assert set(changed.findings["decision"]) == {"reopened"}
    assert changed.outcomes.iloc[0]["score"] == 0.5  # reopened findings count again
    assert "需重新确认" in changed.findings["decision_note"].iloc[0]
    kept = changed.decisions
    assert set(handed_back["finding_key"]) <= set(kept["finding_key"])  # earlier decisions are not lost


def test_handed_back_file_reads_back_with_the_decisions(build, rubric, tmp_path: Path) -> None:
    first = assess(_corpus(build), rubric(IDENTITIES))
    sheet = first.decisions.copy()
    sheet.loc[0, "decision"] = "confirmed"
    path = tmp_path / "decisions.csv"
    sheet.to_csv(path, index=False, encoding="utf-8-sig")
    loaded = load_decisions(path)
    assert list(loaded["finding_key"]) == [sheet.loc[0, "finding_key"]]  # open rows are skipped


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key,decision\nx,confirmed\n", "缺少列 ['finding_key']"),
        ("finding_key,decision\nx,maybe\n", "第 2 行：decision 应为 confirmed 或 dismissed"),
        ("finding_key,decision\n,confirmed\n", "第 2 行：缺少 finding_key"),
    ],
)
def test_bad_decisions_file_is_rejected(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DecisionsError, match=re.escape(problem)) as err:
        load_decisions(path)
    assert str(path) in str(err.value)
