"""Repetition of last year's text and MinHash/LSH peer similarity."""

from __future__ import annotations

import random

from disclosure_analysis.analysis.problems import minhash
from disclosure_analysis.analysis.problems.similarity import dice, jaccard, repeated, shingles

LAST_YEAR = (
    "存在的主要问题：政策解读形式单一。下一步，将切实抓好以下工作：一是扎实推进依申请公开工作，全面梳理和优化工作流程、"
    "健全工作机制、强化部门协同配合。二是继续加强业务指导培训，不断提高工作人员的业务水平。"
)
THIS_YEAR = (
    "存在的主要问题：政务新媒体运维管理还需加强。下一步，将切实抓好以下工作：一是扎实推进依申请公开工作，\n"
    "全面梳理和优化工作流程、健全工作机制、强化部门协同配合。二是开展政务新媒体专项检查，每季度通报一次。"
)


def test_copied_passages_and_share():
    rep = repeated(THIS_YEAR, LAST_YEAR)
    passages = [THIS_YEAR[s:e] for s, e in rep.spans]
    # the long measure is found across the line break; the short stock heading is below the minimum
    assert any(p.startswith("下一步，将切实抓好以下工作：一是扎实推进依申请公开工作，\n全面梳理") for p in passages)
    assert all("政务新媒体运维" not in p for p in passages)
    copied = sum(len([c for c in p if c.isalnum()]) for p in passages)
    total = len([c for c in THIS_YEAR if c.isalnum()])
    assert rep.copied_share == copied / total
    assert 0.4 < rep.copied_share < 0.7


def test_identical_and_unrelated_texts():
    assert repeated(LAST_YEAR, LAST_YEAR).copied_share == 1.0
    assert repeated("完全不同的一段文字内容在这里出现", LAST_YEAR).spans == ()
    assert jaccard(shingles(LAST_YEAR), shingles(LAST_YEAR)) == 1.0
    assert jaccard(set(), set()) is None


def test_punctuation_and_line_breaks_do_not_hide_a_copy():
    assert jaccard(shingles("加强业务培训，提高业务水平。"), shingles("加强业务培训\n提高业务水平；")) == 1.0


def test_dice():
    assert dice("政策解读形式单一", "丰富政策解读形式") > 0.5
    assert dice("政策解读", "网站栏目") == 0.0


def _random_texts(n: int, length: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    alphabet = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
    return ["".join(rng.choice(alphabet) for _ in range(length)) for _ in range(n)]


def test_minhash_finds_a_planted_copy_among_many_texts():
    texts = _random_texts(3000, 250, seed=5)
    original = texts[1234]
    texts.append(original[:180] + _random_texts(1, 70, seed=6)[0])  # 72% copied, then new text
    groups = [f"agency-{i}" for i in range(len(texts))]
    matches = minhash.nearest_other(minhash.signatures(texts), groups)
    assert matches[-1].index == 1234
    assert matches[1234].index == len(texts) - 1
    assert 0.4 < matches[-1].similarity < 0.8
    assert sum(m.index is not None for m in matches) == 2  # unrelated texts find no candidate


def test_minhash_ignores_the_same_group_and_empty_texts():
    base = _random_texts(1, 200, seed=8)[0]
    sigs = minhash.signatures([base, base, "", ""])
    matches = minhash.nearest_other(sigs, ["a", "a", "b", "c"])
    assert all(m.index is None for m in matches)
    assert minhash.signatures([base]).tolist() == minhash.signatures([base]).tolist()  # deterministic
