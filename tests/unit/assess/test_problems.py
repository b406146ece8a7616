"""problems: section 五 scored from the problems analysis's signals; not assessed without that module."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.assess.indicators import problems

from .conftest import TEXTS

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
