"""Topic coding with the codebook: seed statements, evidence, dictionary words, codebook integrity."""

from __future__ import annotations

import pytest

from disclosure_analysis.analysis.problems.classify import OTHER, classify, codebook
from disclosure_analysis.analysis.problems.words import words
from disclosure_analysis.corpus.schema import columns

REQUIRED_NAMES = {
    "主动公开（范围/深度）", "信息发布时效", "政策解读与回应关切", "依申请公开办理",
    "平台与渠道建设（网站/政务新媒体/查阅点）", "政府信息管理（属性认定/保密审查/文件清理）",
    "基层政务公开标准化规范化", "队伍与能力建设", "制度机制与监督考核", "公众参与与互动", "其他",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("主动公开力度还需进一步增强", ("proactive",)),
        ("信息更新速度需要进一步加快", ("timeliness",)),
        ("一是加强组织领导监督，强化对信息公开工作的督促检查，进一步规范工作流程，确保信息公开的质量和效率",
         ("mechanisms",)),
        ("二是加大工作创新力度，不断拓宽政府信息公开渠道，努力探索政府信息公开的新途径，开展多种形式的信息公开方式",
         ("platforms",)),
    ],
)
def test_seed_statements(text, expected):
    assert classify(text).categories == expected


@pytest.mark.parametrize(
    ("text", "expected", "evidence"),
    [
        ("信息发布属性界定还不够精确", "records", "属性界定"),
        ("工作机制有待进一步调整和完善", "mechanisms", "工作机制"),
        ("互动效果有待进一步加强", "participation", "互动"),
        ("部分单位对政务公开工作重视不够", "staff", "重视不够"),
        ("信息平台不同源", "platforms", "平台不同源"),
    ],
)
def test_obvious_words_of_a_topic_are_not_other(text, expected, evidence):
    coding = classify(text)
    assert coding.categories == (expected,)
    assert evidence in coding.evidence[expected]


def test_several_categories_with_their_evidence():
    coding = classify("一是扎实推进依申请公开工作，全面梳理和优化工作流程、健全工作机制、强化部门协同配合")
    assert coding.categories == ("applications", "mechanisms")
    assert "依申请公开" in coding.evidence["applications"]
    assert {"工作流程", "工作机制"} <= set(coding.evidence["mechanisms"])
    assert coding.evidence_text().startswith("applications=依申请公开")


def test_no_topic_is_other_without_evidence():
    coding = classify("推动政府信息公开工作再上新台阶")
    assert coding.categories == (OTHER,)
    assert coding.evidence == {} and coding.evidence_text() == ""


def test_keyword_does_not_match_inside_a_longer_word():
    # 申请 (applications, 0.4) and 公开 appear only inside 依申请公开 here; the word itself decides
    assert classify("依申请公开办理质量有待提升").evidence["applications"] == ("依申请公开",)
    # 领导 is not counted again inside 组织领导
    assert classify("加强组织领导").evidence["mechanisms"] == ("组织领导",)


@pytest.mark.parametrize(
    "term", ["依申请公开", "政务新媒体", "政务公开", "政府信息公开", "政策解读", "主动公开", "保密审查", "属性认定"]
)
def test_domain_terms_stay_whole_words(term):
    sentence = f"进一步规范{term}工作，提升{term}质量"
    assert words(sentence).count(term) == 2


def test_codebook_has_the_required_categories_documented():
    book = codebook()
    assert set(book.names.values()) == REQUIRED_NAMES
    for cat in book.categories.values():
        assert cat.definition.strip()
        assert all(0 < w <= 1 for w in cat.keywords.values())


def test_every_keyword_can_match():
    """A keyword longer than four words could never be matched as a run of words."""
    for cat in codebook().categories.values():
        for keyword in cat.keywords:
            assert len(words(keyword)) <= 4, keyword


def test_signal_columns_follow_the_codebook():
    counted = [c.removeprefix("cat_") for c in columns("problem_signals") if c.startswith("cat_")]
    assert counted == list(codebook().categories)


def test_classification_is_deterministic_and_cached():
    text = "政府网站部分栏目更新不及时"
    assert classify(text) is classify(text)
    assert classify(text).categories == ("timeliness", "platforms")
