"""Section 五 of every real report in ../shared/corpus, segmented as labelled by hand (tests/data)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from disclosure_analysis.analysis.problems.segment import segment
from labelled_sections import CORPUS, INDEPENDENT, labelled, section_text, year_of

pytestmark = pytest.mark.corpus

# (problems, measures, rectifications, framing sentences), counted by hand from the printed reports
HAND_COUNT = {
    "crawl/2016_pingtan_shiyanqu.txt": (6, 3, 0, 2),
    "crawl/2019_pingtan_caijinju.txt": (4, 4, 0, 0),
    "crawl/2021_pingtan_guanweihuibangongshi.txt": (2, 2, 0, 2),
    "crawl/2023_pingtan_guoziju.txt": (2, 2, 0, 1),
    "seed/2019_changle-kejiju.txt": (2, 2, 0, 2),
    "dev/pingtan_2011_pre2019.html": (4, 6, 0, 2),
    "dev/shanghai-bgt_2025.md": (3, 0, 3, 2),
    "dev/shuyang-fgj_2023.html": (3, 2, 0, 1),
    "dev/shuyang-xian_2025.txt": (3, 3, 0, 2),
    "raw/2023_huaian-hongze-qu.pdf": (3, 3, 0, 2),
    "raw/2024_huaian-hongze-qu.pdf": (5, 3, 0, 2),
    "raw/2024_huaian-shi.pdf": (2, 2, 0, 1),
}


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("source", sorted(HAND_COUNT))
def test_counts_match_the_hand_count(shared_corpus, source):
    kinds = Counter(s.kind for s in segment(section_text(source), year_of(source)))
    counted = (kinds["problem"], kinds["measure"], kinds["rectification"], kinds["framing"])
    assert counted == HAND_COUNT[source]


@pytest.mark.parametrize("path", [INDEPENDENT, CORPUS], ids=["independent", "corpus"])
def test_every_statement_is_segmented_as_labelled(shared_corpus, path):
    """Each listed item its own statement, each framing sentence `framing`, in reading order."""
    rows = labelled(path)
    assert set(rows["source"]) <= set(HAND_COUNT)
    for source, own in rows.groupby("source", sort=False):
        got = [(s.kind, _plain(s.text)) for s in segment(section_text(source), year_of(source))]
        assert got == [(k, _plain(t)) for k, t in zip(own["kind"], own["text"], strict=True)], source
