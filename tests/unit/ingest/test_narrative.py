"""Narrative figures: a digit run too long for any number is no figure (and no crash)."""

from __future__ import annotations

from disclosure_analysis.ingest.narrative import fee, figures


def test_figures_as_stated() -> None:
    found = figures("全年主动公开政府信息1862条，共收到政府信息公开申请38件。")
    assert found["proactive_total"].value == 1862 and found["applications_received"].value == 38


def test_a_digit_run_too_long_is_no_figure() -> None:
    assert figures("全年主动公开政府信息" + "9" * 5000 + "条") == {}  # int() raised ValueError
    assert figures("共收到政府信息公开申请12345678901234567890件") == {}


def test_fee_as_stated_in_section_six() -> None:
    assert fee("全年收取政府信息公开信息处理费 3940 元。").value == 3940
    assert fee("收取信息处理费共计380元，其中民政局1件，收取380元。").value == 380
    assert fee("共收取信息处理费0.05万元。").value == 500
    assert fee("2025 年度本机关未收取信息公开处理费。").value == 0  # a stated zero
    assert fee("县发展和改革局政府信息公开未发生收费情况。").value == 0
    assert fee("本年度无其他需要报告的事项。") is None  # not stated: null, never 0


def test_fee_elsewhere_only_when_the_processing_fee_is_named() -> None:
    assert fee("", "依申请公开方面，未发生收费情况。") is None  # outside 六 a 收费 may be any fee
    assert fee("", "依申请公开方面，收取信息处理费200元。").value == 200
    assert fee("未收取信息处理费。", "收取信息处理费200元。").value == 0  # section 六 first
