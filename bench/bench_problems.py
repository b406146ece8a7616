"""Section 五 topic coding: precision/recall per category on the hand-labelled set, and speed.

    python bench/bench_problems.py

Prints precision, recall and F1 per category (all statements, and the held-out `test` split that the
codebook was not tuned on), the share of statements whose kind `segment` finds when given the statement
alone, and the time to classify 10,000 distinct statements in one process on one core, tokenizer start-up
included (wall and CPU time: CPU time is the fair figure on a busy machine).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import pandas as pd

from disclosure_analysis.analysis.problems.classify import classify
from disclosure_analysis.analysis.problems.evaluate import category_scores, macro_f1
from disclosure_analysis.analysis.problems.segment import segment

LABELS = Path(__file__).resolve().parents[1] / "tests" / "data" / "problem_statements.csv"
N_SPEED = 10_000


def distinct_statements(texts: list[str], n: int, seed: int = 1) -> list[str]:
    """`n` distinct statement-like texts: clauses of the labelled statements recombined."""
    rng = random.Random(seed)
    clauses = [c for t in texts for c in t.replace("。", "，").split("，") if len(c) > 3]
    out: set[str] = set()
    while len(out) < n:
        out.add("，".join(rng.sample(clauses, rng.randint(1, 4))))
    return sorted(out)


def main() -> None:
    labelled = pd.read_csv(LABELS, dtype=str)
    texts = distinct_statements(list(labelled["text"]), N_SPEED)
    start, cpu = time.perf_counter(), time.process_time()
    for t in texts:
        classify(t)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu

    for name, part in (("all", labelled), ("test (held out)", labelled[labelled["split"] == "test"])):
        scores = category_scores(part)
        print(f"\n== {name}: {len(part)} statements ==")
        print(scores.to_string(index=False, float_format=lambda v: f"{v:.2f}"))
        print(f"macro F1 {macro_f1(scores):.3f}")
    kinds = [next((s.kind for s in segment(t)), None) for t in labelled["text"]]
    print(f"\nkind found from the statement alone: {(pd.Series(kinds) == labelled['kind']).mean():.1%}")
    print(
        f"classify {len(texts):,} distinct statements: {elapsed:.2f} s wall, {cpu:.2f} s CPU (one core; "
        "tokenizer start-up included)"
    )


if __name__ == "__main__":
    main()
