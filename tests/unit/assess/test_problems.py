"""problems: section 五 scored from the problems analysis's signals; not assessed without that module."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.assess import assess
from disclosure_analysis.assess.indicators import problems

from .conftest import TEXTS, rubric_of

PROBLEMS = {"type": "problems"}


@pytest.fixture
def signals(monkeypatch):
    def use(rows: list[dict]) -> None:
        monkeypatch.setattr(problems, "signal_function", lambda: lambda corpus: pd.DataFrame(rows))

    return use


def test_not_assessed_without_the_problems_module(build, one, monkeypatch) -> None:
    monkeypatch.setattr(problems, "signal_function", lambda: None)
    assert one(build().report("a").corpus(), PROBLEMS, "a")["status"] == "not_assessed"


def test_specific_new_and_followed_up_passes(build, one, signals) -> None:
    signals(
        [
            {
                "report_id": "a",
                "specificity": 0.6,
                "copied_share": 0.1,
                "peer_similarity": 0.2,
                "follow_up_ratio": 0.8,
            }
        ]
    )
    assert one(build().report("a").corpus(), PROBLEMS, "a")["status"] == "pass"


def test_copied_and_vague_fails_half(build, one, signals) -> None:
    signals(
        [
            {
                "report_id": "a",
                "specificity": 0.1,
                "copied_share": 0.9,
                "peer_similarity": 0.2,
                "follow_up_ratio": 0.8,
            }
        ]
    )
    row = one(build().report("a").corpus(), PROBLEMS, "a")
    assert (row["status"], row["score"], row["findings"]) == ("partial", 0.5, 2)


def test_a_null_signal_is_skipped(build, one, signals) -> None:
    signals(
        [
            {
                "report_id": "a",
                "specificity": 0.1,
                "copied_share": None,
                "peer_similarity": None,
                "follow_up_ratio": None,
            }
        ]
    )
    assert one(build().report("a").corpus(), PROBLEMS, "a")["status"] == "fail"


def test_no_section_five_fails(build, one, signals) -> None:
    signals([{"report_id": "a", "specificity": None}])
    sections = {k: v for k, v in TEXTS.items() if k != "problems"}
    assert one(build().report("a", sections=sections).corpus(), PROBLEMS, "a")["status"] == "fail"


def test_the_real_module_gives_signals(build, one) -> None:
    if problems.signal_function() is None:
        pytest.skip("disclosure_analysis.analysis.problems.report_signals is not available")
    assert one(build().report("a").corpus(), PROBLEMS, "a")["status"] in {"pass", "partial", "fail"}


def test_copied_statements_are_named_in_the_finding(build, signals) -> None:
    signals([{"report_id": "a", "specificity": 0.6, "copied_share": 0.9, "n_copied": 3}])
    findings = assess(build().report("a").corpus(), rubric_of(PROBLEMS)).findings
    (message,) = findings.loc[findings["indicator"] == "problems", "message"]
    assert "重复比例 90%" in message and "其中 3 条问题或措施与上年基本一字不差" in message


def test_slogans_fail_and_concrete_actions_pass_specificity(build, one) -> None:
    """The real module on real sentences (crawl/2016_pingtan_shiyanqu.txt; dev/shanghai-bgt_2025.md)."""
    if problems.signal_function() is None:
        pytest.skip("disclosure_analysis.analysis.problems.report_signals is not available")
    slogans = (
        "存在的问题：信息公开更新不够及时与全面。改进措施：（一）继续强化信息公开责任。切实贯彻落实《中华人民共和国"
        "政府信息公开条例》，切实树立起“公开是常态、不公开是例外”的政府信息公开原则，做到政府信息公开“应报尽报”。"
    )
    actions = (
        "存在的问题：政府门户网站的用户体验有待进一步改善。改进措施：一是推广“政策公开讲”短视频解读，"
        "在市政府门户网站集成发布政策文件及解读，全市已有近 1400 个政策文件实现“阅办联动”。"
    )
    checked = {"type": "problems", "params": {"max_peer_similarity": None}}
    for text, status in ((slogans, "fail"), (actions, "pass")):
        corpus = build().report("a", sections={**TEXTS, "problems": text}).corpus()
        assert one(corpus, checked, "a")["status"] == status, text
