"""Quality signals of section 五 per report (the `problem_signals` table).

* specificity — see `specificity.py`.
* self_similarity — Jaccard similarity of the 5-character shingles of this year's 五 and the same agency's
  previous-year 五; copied_share — share of this year's characters inside passages (≥ 12 characters)
  repeated from last year (`similarity.repeated`).
* peer_similarity / most_similar_report_id — the most similar 五 of ANOTHER agency, found with MinHash and
  LSH (`minhash.py`, no all-pairs comparison); null when no other agency's text is a candidate.
* follow_up_ratio — share of last year's problems taken up by this year's measures or rectification
  statements: a shared codebook category (other than 其他) or bigram Dice ≥ `TAKE_UP_DICE`.
"""

from __future__ import annotations

import pandas as pd

from ..schema import frame
from . import minhash
from .classify import OTHER, codebook
from .similarity import dice, jaccard, repeated, shingles
from .specificity import specificity

TAKE_UP_DICE = 0.3  # a response this close to a problem's wording takes it up even without a shared topic
RETURN_DICE = 0.4  # a problem this close to one of last year's problems is the same problem again
RETURN_DICE_SAME_TOPIC = 0.2  # … or this close when they also share a topic
RESPONSES = ("measure", "rectification")


def topics(categories: str | None) -> frozenset[str]:
    """The codebook topics of a ';'-joined category list, without 其他."""
    return frozenset(c for c in (categories or "").split(";") if c and c != OTHER)


def takes_up(problem: pd.Series, response: pd.Series) -> bool:
    """Whether a measure or rectification statement addresses a problem."""
    shared = topics(problem["categories"]) & topics(response["categories"])
    return bool(shared) or dice(problem["text"], response["text"]) >= TAKE_UP_DICE


def comes_back(old: pd.Series, new: pd.Series) -> bool:
    """Whether this year's problem `new` repeats last year's problem `old`."""
    d = dice(old["text"], new["text"])
    shared = topics(old["categories"]) & topics(new["categories"])
    return d >= RETURN_DICE or (bool(shared) and d >= RETURN_DICE_SAME_TOPIC)


def follow_up(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Last year's problems with the first response that takes each up and the first problem repeating it."""
    responses = current[current["kind"].isin(RESPONSES)]
    problems = current[current["kind"] == "problem"]
    rows = []
    for _, old in previous[previous["kind"] == "problem"].iterrows():
        answer = next((r["text"] for _, r in responses.iterrows() if takes_up(old, r)), None)
        again = next((p["text"] for _, p in problems.iterrows() if comes_back(old, p)), None)
        rows.append({"problem": old["text"], "categories": old["categories"], "taken_up": answer is not None,
                     "response": answer, "came_back": again is not None, "repeated_as": again})
    columns = ["problem", "categories", "taken_up", "response", "came_back", "repeated_as"]
    return pd.DataFrame(rows, columns=columns)


def follow_up_ratio(previous: pd.DataFrame, current: pd.DataFrame) -> float | None:
    """Share of last year's problems taken up this year; None when last year admitted none."""
    table = follow_up(previous, current)
    return float(table["taken_up"].mean()) if len(table) else None


def report_signals(reports: pd.DataFrame, sections: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """One row per report of `reports`; `sections` holds the 五 texts, `statements` their statements."""
    texts = _problem_texts(reports, sections)
    peers = _peers(texts)
    by_key = {(r.agency_id, r.year): r.report_id for r in texts.itertuples() if pd.notna(r.year)}
    text_of = dict(zip(texts["report_id"], texts["text"], strict=True))
    groups = dict(tuple(statements.groupby("report_id", sort=False)))
    empty = statements.iloc[0:0]
    rows = []
    for r in reports.itertuples():
        own = groups.get(r.report_id, empty)
        text = text_of.get(r.report_id)
        prev_id = by_key.get((r.agency_id, r.year - 1)) if pd.notna(r.year) else None
        row = {"report_id": r.report_id, "agency_id": r.agency_id, "year": r.year, **_counts(own)}
        row["specificity"] = specificity(text).score
        if text and prev_id:
            row["self_similarity"] = jaccard(shingles(text), shingles(text_of[prev_id]))
            row["copied_share"] = repeated(text, text_of[prev_id]).copied_share
            row["follow_up_ratio"] = follow_up_ratio(groups.get(prev_id, empty), own)
        row.update(peers.get(r.report_id, {}))
        rows.append(row)
    return frame("problem_signals", rows)


def _problem_texts(reports: pd.DataFrame, sections: pd.DataFrame) -> pd.DataFrame:
    five = sections.loc[sections["section"] == "problems", ["report_id", "text"]]
    return reports[["report_id", "agency_id", "year"]].merge(five, on="report_id").drop_duplicates("report_id")


def _counts(own: pd.DataFrame) -> dict[str, int]:
    cats = own["categories"].fillna("").str.split(";")
    counts = {f"cat_{c}": int(cats.map(lambda xs, c=c: c in xs).sum()) for c in codebook().categories}
    kinds = own["kind"].value_counts()
    return {**counts, "n_problems": int(kinds.get("problem", 0)), "n_measures": int(kinds.get("measure", 0)),
            "n_rectifications": int(kinds.get("rectification", 0))}


def _peers(texts: pd.DataFrame) -> dict[str, dict]:
    if texts.empty:
        return {}
    ids = list(texts["report_id"])
    matches = minhash.nearest_other(minhash.signatures(list(texts["text"])), list(texts["agency_id"]))
    return {
        rid: {"peer_similarity": m.similarity, "most_similar_report_id": ids[m.index]}
        for rid, m in zip(ids, matches, strict=True)
        if m.index is not None
    }
