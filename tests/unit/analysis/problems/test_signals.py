"""Specificity, follow-up of last year's problems and the per-report signals table."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.analysis.problems import report_signals, statements
from disclosure_analysis.analysis.problems.signals import follow_up, follow_up_ratio, said
from disclosure_analysis.analysis.problems.specificity import specificity
from disclosure_analysis.corpus.schema import columns
from section_five import PEER, Y2023, Y2024


def test_specificity_scores_concrete_details_against_stock_phrases():
    stock = specificity("主动公开力度还需进一步增强，信息更新速度需要进一步加快，不断提升工作水平。")
    assert stock.score == 0.0 and len(stock.generic) == 3
    concrete = specificity("由县政务办牵头，2025年6月底前完成《政务公开事项目录》修订，12个乡镇全部上线。")
    assert concrete.score == pytest.approx(4 / 5)
    assert {"《政务公开事项目录》", "12", "6月底前"} <= set(concrete.concrete)
    assert "2025" not in concrete.concrete  # a year is not a concrete detail
    assert specificity("").score is None


def test_follow_up_of_last_years_problems(corpus_of):
    table = statements(corpus_of([("某县政务办", 2023, Y2023), ("某县政务办", 2024, Y2024)]))
    prev, cur = (table[table["year"] == y] for y in (2023, 2024))
    report = follow_up(prev, cur)
    assert list(report["problem"]) == ["一是政策解读形式单一", "二是政务新媒体更新不及时", "三是工作人员多为兼职"]
    # 解读 taken up by the rectification, 兼职 by the training measure; 新媒体 by nothing
    assert list(report["taken_up"]) == [True, False, True]
    assert list(report["came_back"]) == [False, False, True]
    assert follow_up_ratio(said(prev), said(cur)) == pytest.approx(2 / 3)
    assert follow_up_ratio([], said(cur)) is None


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
    assert this.follow_up_ratio == pytest.approx(2 / 3)
    assert pd.isna(first.self_similarity) and pd.isna(first.follow_up_ratio)
    # the other agency's text is mostly last year's text of the first agency
    assert peer.most_similar_report_id == first.report_id
    assert peer.peer_similarity > 0.4
