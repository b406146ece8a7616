"""Notebook helpers for section 五: tables with Chinese labels, escaped HTML, figures."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from matplotlib.figure import Figure

from disclosure_analysis.analysis.problems import report_signals, statements
from disclosure_analysis.page import section_five
from section_five import PEER, Y2023, Y2024

HOSTILE = "存在的主要问题：一是<script>alert(1)</script>政策解读形式单一。二是政务新媒体更新不及时。三是工作人员多为兼职。"


@pytest.fixture
def corpus(corpus_of):
    return corpus_of([("某县政务办", 2023, Y2023), ("某县政务办", 2024, Y2024), ("另一县<b>政务办</b>", 2023, PEER)])


@pytest.fixture
def table(corpus):
    return statements(corpus)


def agency(corpus, name="某县政务办"):
    return corpus.reports.loc[corpus.reports["agency"] == name, "agency_id"].iloc[0]


def report_id(corpus, year, name="某县政务办"):
    rows = corpus.reports[(corpus.reports["agency"] == name) & (corpus.reports["year"] == year)]
    return rows["report_id"].iloc[0]


def test_agency_statements_and_topics_by_kind(corpus, table):
    shown = section_five.agency_statements(table, agency(corpus), 2024)
    assert list(shown.columns) == ["年度", "类型", "原文", "主题（判定依据的关键词）", "具体细节", "照抄上年", "回应的问题"]
    assert set(shown["年度"]) == {"2024"}  # shown as printed, not 2,024
    assert shown.iloc[-1, 3].startswith("队伍与能力建设（")  # topic names with their words, not codebook ids
    assert shown["具体细节"].iloc[0] == "具体活动：图解；数字频次：12"
    assert list(shown["照抄上年"]) == [False, False, False, False, True]
    assert shown["回应的问题"].iloc[0] == "上年：一是政策解读形式单一"
    assert shown["回应的问题"].iloc[3] == "一是依申请公开答复文书不够规范" and pd.isna(shown["回应的问题"].iloc[4])
    assert section_five.topics_with_evidence("other", "") == "其他"
    assert list(shown["类型"]) == ["整改", "问题", "问题", "措施", "措施"]
    counts = section_five.kind_by_topic(table, agency(corpus), 2024)
    assert counts.loc["依申请公开办理", "问题"] == 1 and counts.loc["队伍与能力建设", "措施"] == 1
    assert counts.loc["政策解读与回应关切", "整改"] == 1
    assert list(counts.columns) == ["问题", "措施", "整改"]


def test_repeated_passages_are_marked_and_text_escaped(corpus_of):
    c = corpus_of([("某局", 2023, HOSTILE), ("某局", 2024, HOSTILE + "下一步加强培训。")])
    page = section_five.repeated_html(c, report_id(c, 2024, "某局")).data
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.count("<mark>") == 1 and "下一步加强培训" in page.split("</mark>")[-1]
    first = section_five.repeated_html(c, report_id(c, 2023, "某局")).data
    assert "无法比较" in first and "<mark>" not in first and "<script>" not in first


def test_last_year_follow_up(corpus, table):
    follow = section_five.follow_ups(table, report_signals(corpus, table), agency(corpus))
    assert list(follow) == [2024]  # 2023 has no previous year to follow up
    shown = section_five.follow_up_shown(follow[2024])
    assert list(shown["本年有回应"]) == [True, False, False]  # the training measure is copied from 2023
    assert shown["回应类型"].iloc[0] == "整改" and pd.isna(shown["回应类型"].iloc[1])
    assert list(shown["本年再次出现"]) == [False, False, True]


def test_corpus_figures_and_tables(corpus, table):
    names = dict(zip(corpus.reports["agency_id"], corpus.reports["agency"], strict=True))
    assert isinstance(section_five.topic_heatmap(table, names), Figure)
    trends = section_five.topic_trends(table, corpus.reports)
    assert trends.loc[2023, "信息发布时效"] == 1.0  # both 2023 reports admit a timeliness problem
    assert trends.loc[2024, "依申请公开办理"] == 1.0
    assert isinstance(section_five.topic_trend_figure(trends), Figure)
    copied = section_five.most_copied(report_signals(corpus, table), corpus.reports)
    assert list(copied["机构"]) == ["某县政务办"] and 0 < copied["与上年重复占比"].iloc[0] < 1


def test_agency_summary_and_copied_flag(corpus_of):
    c = corpus_of([("某局", 2023, HOSTILE), ("某局", 2024, HOSTILE), ("某局", 2025, "存在的主要问题：一是依申请公开答复不规范。")])
    table = statements(c)
    signals = report_signals(c, table)
    summary = section_five.agency_summary(signals, agency(c, "某局"), section_five.follow_ups(table, signals, agency(c, "某局")))
    assert list(summary["年度"]) == ["2023", "2024", "2025"]
    assert summary["与上年重复占比"].iloc[1] == 1.0 and summary["与上年重复占比"].iloc[2] < section_five.COPIED_FLAG
    assert summary["上年问题"].isna().iloc[0] and summary["上年问题"].iloc[1] == 3
    assert summary["本年再次出现"].iloc[1] == 3 and summary["本年再次出现"].iloc[2] == 0
    from disclosure_analysis.page.display import table as shown_table

    no_score = signals.assign(specificity=signals["specificity"].where(signals["year"].ne(2025)))  # none: NA
    summary = section_five.agency_summary(no_score, agency(c, "某局"), section_five.follow_ups(table, signals, agency(c, "某局")))
    html = shown_table(summary, percent=["与上年重复占比"]).to_html()
    assert not re.search(r"\d\.\d{3,}", html)  # specificity as 0.44, never 0.4444444444444444
    flags = section_five.copied_flags(signals, agency(c, "某局")).data
    assert flags.count("与上年雷同 100%") == 1 and "2024 年度第五部分" in flags and "<script>" not in flags
    assert section_five.copied_flags(signals[signals["year"] != 2024], agency(c, "某局")) is None


def test_specificity_is_shown_with_its_parts_escaped(corpus_of):
    text = "存在的主要问题：一是《<b>办法</b>》未按期修订，需进一步加强。下一步将于6月底前由县政务办牵头完成修订。"
    c = corpus_of([("某局", 2024, text), ("某局", 2023, "推动政务公开工作再上新台阶。")])
    table = statements(c)
    page = section_five.specificity_html(table, report_id(c, 2024, "某局")).data
    assert page.startswith("<p>具体性 0.50：2 条问题、措施和整改中，1 条写出了至少 2 处具体细节")
    assert "<li>时间期限 1 处：6月底前</li>" in page and "<li>责任单位 1 处：由县政务办</li>" in page
    assert "<b>" not in page
    assert "无法计算" in section_five.specificity_html(table, report_id(c, 2023, "某局")).data
