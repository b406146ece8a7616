"""Evaluator decisions: keys survive re-runs, a changed report reopens its findings, the file loses nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.assess import assess, present
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
    handed_back = present.decisions(first)
    handed_back["决定"] = "驳回"
    path = tmp_path / "decisions.csv"
    handed_back.to_csv(path, index=False)
    changed = assess(_corpus(build, rid="b"), rubric(IDENTITIES), decisions=load_decisions(path))
    assert set(changed.findings["decision"]) == {"reopened"}
    assert changed.outcomes.iloc[0]["score"] == 0.5  # reopened findings count again
    assert "需重新确认；上次为已驳回" in changed.findings["decision_note"].iloc[0]
    kept = present.decisions(changed)
    assert set(handed_back["问题编号"]) <= set(kept["问题编号"])  # earlier decisions are not lost


def test_handed_back_file_reads_back_with_the_decisions(build, rubric, tmp_path: Path) -> None:
    first = assess(_corpus(build), rubric(IDENTITIES))
    sheet = present.decisions(first)
    assert list(sheet.columns[:5]) == ["问题编号", "决定", "理由", "决定人", "日期"]
    assert set(sheet["规则"]) == {"表三列平衡（新收+结转=办结+结转下年）", "表四合计"}  # context in words
    sheet.loc[0, "决定"] = "确认"
    path = tmp_path / "decisions.csv"
    sheet.to_csv(path, index=False, encoding="utf-8-sig")
    loaded = load_decisions(path)
    assert list(loaded["finding_key"]) == [sheet.loc[0, "问题编号"]]  # open rows are skipped
    assert loaded.loc[0, "decision"] == "confirmed"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("key,decision\nx,confirmed\n", "缺少列 问题编号"),
        ("finding_key,decision\nx,maybe\n", "第 2 行：决定应为“确认”或“驳回”"),
        ("问题编号,决定\n,确认\n", "第 2 行：缺少问题编号"),
    ],
)
def test_bad_decisions_file_is_rejected(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "decisions.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DecisionsError, match=re.escape(problem)) as err:
        load_decisions(path)
    assert str(path) in str(err.value)
