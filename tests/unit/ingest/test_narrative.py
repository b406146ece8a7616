"""Narrative figures: the phrasings of renderings.md, parts never taken for totals, and a digit run too long
for any number is no figure (and no crash)."""

from __future__ import annotations

import pytest

from disclosure_analysis.ingest.narrative import fee, figures


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
        ("全年共主动公开政府信息1,862条。", "proactive_total", 1862),
        ("主动公开政府信息总数为88条。", "proactive_total", 88),
        ("全年主动公开政府信息数量为88条。", "proactive_total", 88),
        ("主动公开文件、通知公告等各类信息789条。", "proactive_total", 789),
        ("全年累计发布政务信息2000余条。", "proactive_total", 2000),
        ("共受理依申请公开事项38件。", "applications_received", 38),
        ("共接到政府信息公开申请9件。", "applications_received", 9),
        ("收到群众申请公开政府信息2件。", "applications_received", 2),
        ("受理公民、法人和其他组织提出的政府信息公开申请16件。", "applications_received", 16),
        ("共收到政府信息公开申请1,234件，其中当面申请3件。", "applications_received", 1234),
        ("2021年，全年无依申请公开事项。", "applications_received", 0),
        ("我局通过“某某区管委会”门户网站主动公开政府信息16条。", "proactive_total", 16),  # the portal: the total
        ("我区在政府网站平台主动公开政府信息1136条。", "proactive_total", 1136),
        ("全年通过门户网站、政务新媒体等渠道主动公开政府信息1200条。", "proactive_total", 1200),
        ("通过政务微博发布政务信息230条，通过门户网站主动公开政府信息1200条。", "proactive_total", 1200),
    ],
)
def test_stated_figures(text: str, name: str, value: int) -> None:
    fig = figures(text)[name]
    assert fig.value == value
    assert fig.quote in text.replace("，", ",")  # the words it was read from


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
        "受理并答复上年结转的政府信息公开申请3件。",  # carried over, not received
        "共收到各类信息公开申请38件（含上年结转2件）。",  # new and carried over: not 本年新收
        "全年受理政府信息公开申请15件(包括上一年度结转3件)。",
        "在政府公报上发布政府信息12条。",  # one channel's figure, not the total
        "通过政务新媒体主动公开政府信息300条。",
        "收到行政复议申请2件。",
    ],
)
def test_no_figure_where_none_is_stated(text: str) -> None:
    assert figures(text) == {}


def test_the_total_before_its_parts() -> None:
    text = "全年主动公开政府信息1862条，其中通过门户网站主动公开政府信息1200条。"
    assert figures(text)["proactive_total"].value == 1862


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
