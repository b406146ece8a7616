"""Narrative figures: the phrasings of renderings.md, parts never taken for totals, and a digit run too long
for any number is no figure (and no crash)."""

from __future__ import annotations

import pytest

from disclosure_analysis.ingest.narrative import figures


def test_figures_as_stated() -> None:
    found = figures("全年主动公开政府信息1862条，共收到政府信息公开申请38件。")
    assert found["proactive_total"].value == 1862 and found["applications_received"].value == 38


def test_a_digit_run_too_long_is_no_figure() -> None:
    assert figures("全年主动公开政府信息" + "9" * 5000 + "条") == {}  # int() raised ValueError
    assert figures("共收到政府信息公开申请12345678901234567890件") == {}


@pytest.mark.parametrize(
    ("text", "name", "value"),
    [
        ("全年主动公开政府信息1862条。", "proactive_total", 1862),
        ("全年累计主动公开教育政务信息93条。", "proactive_total", 93),
        ("今年我委公开412条政务信息。", "proactive_total", 412),
        ("全年共制作政府信息总数110条，其中主动公开信息20条，依申请公开政府信息86条。", "proactive_total", 20),
        ("2019年制作、获取政府信息总数330条，其中主动公开政府信息90条。", "proactive_total", 90),
        ("本年度全县共收到38件申请。", "applications_received", 38),
        ("共受理政府信息公开申请17件。", "applications_received", 17),
        ("收到依申请公开0件。", "applications_received", 0),
        ("全年未收到政府信息公开申请。", "applications_received", 0),
        ("2023年,我局未收到过信息公开申请。", "applications_received", 0),
        ("本年度未收到任何要求公开政府信息的申请。", "applications_received", 0),
    ],
)
def test_stated_figures(text: str, name: str, value: int) -> None:
    assert figures(text)[name].value == value


def test_approximate_figure_is_marked() -> None:
    fig = figures("共主动公开各类信息5500余条。")["proactive_total"]
    assert (fig.value, fig.approximate) == (5500, True)


@pytest.mark.parametrize(
    "text",
    [
        "依申请公开政府信息86条，不予公开政府信息4条。",  # not proactive disclosure
        "全年发布信息5000条，其中通过门户网站主动公开政府信息1200条。",  # a part of a total not read
        "本年度未收到政府信息公开行政复议申请。",  # not an application for information
        "收到3件行政复议申请。",
    ],
)
def test_no_figure_where_none_is_stated(text: str) -> None:
    assert figures(text) == {}


def test_the_total_before_its_parts() -> None:
    text = "全年主动公开政府信息1862条，其中通过门户网站主动公开政府信息1200条。"
    assert figures(text)["proactive_total"].value == 1862
