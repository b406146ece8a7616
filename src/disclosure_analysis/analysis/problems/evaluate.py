"""Precision and recall of the topic coding against hand-labelled statements (text, categories)."""

from __future__ import annotations

import pandas as pd

from disclosure_analysis.analysis.problems.classify import classify, codebook


def category_scores(labelled: pd.DataFrame) -> pd.DataFrame:
    """Per category: support, precision, recall and F1 of `classify` on `labelled`.

    `labelled` has columns text and categories (';'-joined ids). Precision is null for a category never
    predicted, recall for one never labelled.
    """
    counts = {c: {"tp": 0, "fp": 0, "fn": 0} for c in codebook().categories}
    for text, cats in zip(labelled["text"], labelled["categories"], strict=True):
        gold, pred = set(cats.split(";")), set(classify(text).categories)
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
