"""Narrative figures: a digit run too long for any number is no figure (and no crash)."""

from __future__ import annotations

from disclosure_analysis.ingest.narrative import figures


def test_figures_as_stated() -> None:
    found = figures("全年主动公开政府信息1862条，共收到政府信息公开申请38件。")
    assert found["proactive_total"].value == 1862 and found["applications_received"].value == 38


def test_a_digit_run_too_long_is_no_figure() -> None:
    assert figures("全年主动公开政府信息" + "9" * 5000 + "条") == {}  # int() raised ValueError
    assert figures("共收到政府信息公开申请12345678901234567890件") == {}
