"""The hand-labelled statements of section 五 (tests/data) and the section texts they were read from.

Sections come from ../shared/corpus: for the reports whose section 五 the extractor finds, its text; for
the crawler texts and the 2011 page (pre-2019 layouts), the text between the section's printed heading and
the next part, cut here with the exact strings printed in each file.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pandas as pd

from shared_corpus import SHARED_CORPUS

DATA = Path(__file__).resolve().parent / "data"
INDEPENDENT = DATA / "problem_statements_independent.csv"
CORPUS = DATA / "problem_statements_corpus.csv"
AUTHOR = DATA / "problem_statements.csv"

# source → (heading printed before the section, text printed right after it)
CUT = {
    "crawl/2016_pingtan_shiyanqu.txt": ("六、主要问题和改进措施", "七、平潭综合实验区政府信息公开情况统计表"),
    "crawl/2019_pingtan_caijinju.txt": ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"),
    "crawl/2021_pingtan_guanweihuibangongshi.txt": ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"),
    "crawl/2023_pingtan_guoziju.txt": ("五、存在的主要问题及改进情况", "六、其他需要报告的事项"),
    "dev/pingtan_2011_pre2019.html": ("四、政府信息公开工作存在的主要问题及改进情况", "二○一二年二月二十日"),
}
YEAR = re.compile(r"(?:^|/)(?:(\d{4})_|[^/]*_(\d{4})[._])")


def labelled(path: Path) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str)


def year_of(source: str) -> int:
    m = YEAR.search(source)
    return int(m.group(1) or m.group(2))


@cache
def section_text(source: str) -> str:
    """Section 五 of a corpus file (`source` relative to ../shared/corpus)."""
    path = SHARED_CORPUS / source
    if source in CUT:
        from disclosure_analysis.ingest.readers import read_document

        text = "\n".join(b.text for b in read_document(path).blocks if hasattr(b, "text"))
        head, tail = CUT[source]
        start = text.index(head) + len(head)
        return text[start : text.index(tail, start)]
    from disclosure_analysis.corpus.extraction import extract_path

    return extract_path(path).sections["problems"]
