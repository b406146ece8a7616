"""Kind accuracy and topic precision/recall against hand-labelled statements (text, kind, categories).

A statement's kind is what `segment` finds for the statement given alone (no heading or neighbours to go
by); its topics are those of `classify.code` for that kind (a framing sentence has none: `other`).
"""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.analysis.problems.classify import code, codebook
from disclosure_analysis.analysis.problems.segment import segment


def kind_alone(text: str) -> str | None:
    """The kind of the first statement `segment` finds in `text` given alone."""
    return next((s.kind for s in segment(text)), None)


def kind_accuracy(labelled: pd.DataFrame) -> float:
    """Share of `labelled` (columns text, kind) whose kind is found from the statement alone."""
    found = [kind_alone(t) for t in labelled["text"]]
    return sum(f == k for f, k in zip(found, labelled["kind"], strict=True)) / len(found)


def category_scores(labelled: pd.DataFrame) -> pd.DataFrame:
    """Per category: support, precision, recall and F1 of the coding on `labelled`.

    `labelled` has columns text and categories (';'-joined ids). Precision is null for a category never
    predicted, recall for one never labelled.
    """
    counts = {c: {"tp": 0, "fp": 0, "fn": 0} for c in codebook().categories}
    for text, cats in zip(labelled["text"], labelled["categories"], strict=True):
        gold = set(cats.split(";"))
        pred = set(code(kind_alone(text) or "", text).categories)
        for c in pred & gold:
            counts[c]["tp"] += 1
        for c in pred - gold:
            counts[c]["fp"] += 1
        for c in gold - pred:
            counts[c]["fn"] += 1
    rows = []
    for c, n in counts.items():
        precision = n["tp"] / (n["tp"] + n["fp"]) if n["tp"] + n["fp"] else None
        recall = n["tp"] / (n["tp"] + n["fn"]) if n["tp"] + n["fn"] else None
        f1 = 2 * precision * recall / (precision + recall) if precision and recall else 0.0
        rows.append({"category": c, "support": n["tp"] + n["fn"], "precision": precision, "recall": recall, "f1": f1})
    return pd.DataFrame(rows)


def macro_f1(scores: pd.DataFrame) -> float:
    """Mean F1 over the categories that occur in the labels."""
    return float(scores.loc[scores["support"] > 0, "f1"].mean())
