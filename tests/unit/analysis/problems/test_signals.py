"""Specificity, follow-up of last year's problems and the per-report signals table."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.analysis.problems import report_signals, statements
from disclosure_analysis.analysis.problems.followup import Said
from disclosure_analysis.analysis.problems.signals import follow_up, follow_up_ratio, said, takes_up
from disclosure_analysis.analysis.problems.specificity import details, section_specificity, specificity
from disclosure_analysis.corpus.schema import columns
from section_five import PEER, Y2023, Y2024

# real sentences of ../shared/corpus: section 六 of crawl/2016_pingtan_shiyanqu.txt (slogans, the 条例 cited)
SLOGANS = (
    "（一）继续强化信息公开责任。切实贯彻落实《中华人民共和国政府信息公开条例》，不断完善信息公开工作机制,强化组织领导，"
    "明确责任职责，切实树立起“公开是常态、不公开是例外”的政府信息公开原则，通过做到政府信息公开“应报尽报”、数据准确透明。"
    "（二）继续完善信息公开机制。不断完善政府信息公开有关内容审核发布机制、保密监督机制、人员培训机制、督查考核机制等长效机制。"
)
# … and concrete actions: dev/shanghai-bgt_2025.md, dev/shuyang-xian_2025.txt, the overview of the 2016 report
ACTIONS = (
    "一是推广“政策公开讲”短视频解读，持续提高政策解读质量和传播效果。"
    "二是深化“阅办联动”机制建设，全市已有近 1400 个政策文件实现“阅办联动”。"
    "三是开展考核管理。将县直单位政务公开实效纳入高质量考核范围，定期开展业务检查，年底进行综合考评。"
    "四是开设“在线访谈”栏目，定期组织一名乡镇人民政府或区直单位的负责人参加在线访谈。"
)


def test_slogans_and_citations_score_lower_than_concrete_actions():
    slogans, actions = section_specificity(SLOGANS), section_specificity(ACTIONS)
    assert slogans.score == 0.0 and slogans.statements == 2 and slogans.parts == {}
    assert actions.score == 0.75 and actions.concrete == 2  # two statements name one detail each
    assert {"“政策公开讲”短视频", "“阅办联动”机制", "“在线访谈”栏目"} <= set(actions.parts["action"])
    assert actions.parts["number"] == ("1400", "一名") and actions.parts["date"] == ("年底",)


def test_specificity_parts_and_formula():
    found = details("由县政务办牵头，2025年6月底前完成《政务公开事项目录》修订，编制依申请公开答复书模板，12个乡镇全部上线。")
    assert set(found.parts) == {"unit", "date", "deliverable", "number"}
    assert "2025" not in found.text()  # a year is no detail
    assert details("1、加强培训。").parts == {}  # nor is an enumerator
    assert details("组织座谈会、听证会、问卷调查").parts["action"] == ("座谈会", "听证会", "问卷调查")
    half = specificity([("problem", "政务新媒体更新不及时"), ("measure", "加强培训"), ("framing", "取得了成效")])
    assert half.statements == 2 and half.score == pytest.approx((0.5 + 0) / 2)
    assert specificity([("framing", "取得了成效")]).score is None
    assert section_specificity("").score is None


def test_follow_up_by_content_not_by_topic(corpus_of):
    table = statements(corpus_of([("某县政务办", 2023, Y2023), ("某县政务办", 2024, Y2024)]))
    prev, cur = (table[table["year"] == y] for y in (2023, 2024))
    report = follow_up(prev, cur)
    assert list(report["problem"]) == ["一是政策解读形式单一", "二是政务新媒体更新不及时", "三是工作人员多为兼职"]
    # 解读 taken up by this year's rectification; the training measure is copied word for word from 2023, so it
    # answers nothing (兼职 is not answered); 新媒体 by nothing
    assert list(report["taken_up"]) == [True, False, False]
    assert report["response_kind"].iloc[0] == "rectification"
    assert list(report["came_back"]) == [False, False, True]
    assert follow_up_ratio(said(prev), said(cur)) == pytest.approx(1 / 3)
    assert follow_up_ratio([], said(cur)) is None
    assert list(cur["copied"]) == [False, False, False, False, True]
    # the statements table links responses to problems: 统一答复文书格式 answers 答复文书不够规范
    assert cur["text"].iloc[3] == "一是统一答复文书格式" and cur["answers"].iloc[3] == 1
    assert cur["text"].iloc[1] == "一是依申请公开答复文书不够规范"
    assert cur["rectifies"].iloc[0] == 0  # 上年度政策解读形式单一 → 2023's first problem
    assert cur["answers"].iloc[4] is pd.NA  # copied: answers nothing


def test_same_topic_without_shared_content_is_no_answer():
    problem = Said("problem", "政务公开队伍建设有待加强", None, frozenset({"staff"}))
    training = Said("measure", "继续加强业务指导培训，实行跟班学习制度", None, frozenset({"staff"}))
    staffing = Said("measure", "配齐配强政务公开队伍，保持人员稳定", None, frozenset({"staff"}))
    assert not takes_up(problem, training) and takes_up(problem, staffing)
    copied = Said("measure", "配齐配强政务公开队伍，保持人员稳定", None, frozenset({"staff"}), copied=True)
    assert not takes_up(problem, copied)


def test_report_signals(corpus_of):
    corpus = corpus_of([("某县政务办", 2023, Y2023), ("某县政务办", 2024, Y2024), ("另一县政务办", 2023, PEER)])
    sig = report_signals(corpus)
    assert list(sig.columns) == columns("problem_signals")
    ids = dict(zip(corpus.reports["agency"], corpus.reports["agency_id"], strict=True))
    this = sig[(sig["agency_id"] == ids["某县政务办"]) & (sig["year"] == 2024)].iloc[0]
    first = sig[(sig["agency_id"] == ids["某县政务办"]) & (sig["year"] == 2023)].iloc[0]
    peer = sig[sig["agency_id"] == ids["另一县政务办"]].iloc[0]
    assert len(sig) == 3
    assert (this.n_problems, this.n_measures, this.n_rectifications) == (2, 2, 1)
    assert this.cat_applications == 2 and this.cat_staff == 2
    assert 0 < this.copied_share < 1 and 0 < this.self_similarity < 1
    assert this.follow_up_ratio == pytest.approx(1 / 3) and this.n_copied == 1 and this.n_framing == 0
    assert pd.isna(first.self_similarity) and pd.isna(first.follow_up_ratio)
    # the other agency's text is mostly last year's text of the first agency
    assert peer.most_similar_report_id == first.report_id
    assert peer.peer_similarity > 0.4
