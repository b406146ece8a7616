"""Section 五: kind accuracy and topic F1 on the hand-labelled sets, and speed.

    python bench/bench_problems.py [LABELLED.csv …]

For each labelled set (tests/data: the independent set, labelled before the code was changed from reports
the codebook was never tuned on; the corpus set; the codebook author's set and its held-out `test` split)
prints the kind accuracy from the statement alone, the topic precision, recall and F1 per category with their
macro F1, and for the sets read from ../shared/corpus the kind accuracy in context (each report's section 五
segmented whole and compared statement by statement with the labels, when the corpus is there). Then the
time to classify 10,000 distinct statements in one process on one core, tokenizer start-up included (wall
and CPU time: CPU time is the fair figure on a busy machine), and to segment and code them. Other labelled
files with the same columns (text, kind, categories; `source` optional) given as arguments are reported too.
"""

from __future__ import annotations

import random
import re
import sys
import time
from pathlib import Path

import pandas as pd

from disclosure_analysis.analysis.problems.classify import classify, code
from disclosure_analysis.analysis.problems.evaluate import category_scores, kind_accuracy, macro_f1
from disclosure_analysis.analysis.problems.segment import segment
from disclosure_analysis.analysis.problems.words import words

TESTS = Path(__file__).resolve().parents[1] / "tests"
sys.path.insert(0, str(TESTS))
from labelled_sections import AUTHOR, CORPUS, INDEPENDENT, labelled, section_text, year_of  # noqa: E402
from shared_corpus import SHARED_CORPUS  # noqa: E402

N_SPEED = 10_000


def distinct_statements(texts: list[str], n: int, seed: int = 1) -> list[str]:
    """`n` distinct statement-like texts: clauses of the labelled statements recombined."""
    rng = random.Random(seed)
    clauses = [c for t in texts for c in t.replace("。", "，").split("，") if len(c) > 3]
    out: set[str] = set()
    while len(out) < n:
        out.add("，".join(rng.sample(clauses, rng.randint(1, 4))))
    return sorted(out)


def in_context(rows: pd.DataFrame) -> float:
    """Share of labelled statements found with the same text and kind when their sections are segmented."""
    def plain(text: str) -> str:
        return re.sub(r"\s+", "", text)

    hits = 0
    for source, own in rows.groupby("source", sort=False):
        found = {(s.kind, plain(s.text)) for s in segment(section_text(source), year_of(source))}
        hits += sum((k, plain(t)) in found for k, t in zip(own["kind"], own["text"], strict=True))
    return hits / len(rows)


def report(name: str, rows: pd.DataFrame) -> None:
    scores = category_scores(rows)
    print(f"\n== {name}: {len(rows)} statements ==")
    print(scores[scores["support"] > 0].to_string(index=False, float_format=lambda v: f"{v:.2f}"))
    line = f"kind from the statement alone {kind_accuracy(rows):.1%}; topic macro F1 {macro_f1(scores):.3f}"
    sources = rows["source"].unique() if "source" in rows else []
    if len(sources) and all(isinstance(s, str) and (SHARED_CORPUS / s).is_file() for s in sources):
        line += f"; kind in context (sections segmented whole) {in_context(rows):.1%}"
    print(line)


def main() -> None:
    author = labelled(AUTHOR)
    report("independent (labelled before the change, reports never tuned on)", labelled(INDEPENDENT))
    report("corpus (the other real reports)", labelled(CORPUS))
    report("author's set, all", author)
    report("author's set, held-out test split", author[author["split"] == "test"])
    for path in sys.argv[1:]:
        report(path, pd.read_csv(path, dtype=str))

    texts = distinct_statements(list(author["text"]), N_SPEED)
    start, cpu = time.perf_counter(), time.process_time()
    for t in texts:
        classify(t)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(
        f"\nclassify {len(texts):,} distinct statements: {elapsed:.2f} s wall, {cpu:.2f} s CPU (one core; "
        "tokenizer start-up included)"
    )
    classify.cache_clear()
    words.cache_clear()
    start, cpu = time.perf_counter(), time.process_time()
    for t in texts:
        for s in segment(t):
            code(s.kind, s.text)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    print(f"segment and code the same {len(texts):,} texts: {elapsed:.2f} s wall, {cpu:.2f} s CPU")


if __name__ == "__main__":
    main()
