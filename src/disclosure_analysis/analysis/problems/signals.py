"""Quality signals of section 五 per report (the `problem_signals` table).

* specificity — see `specificity.py` (from the report's statements); n_framing and n_copied count the
  framing sentences and the statements copied from last year (`followup.py`).
* self_similarity — Jaccard similarity of the 5-character shingles of this year's 五 and the same agency's
  previous-year 五; copied_share — share of this year's characters inside passages (≥ 12 characters)
  repeated from last year (`similarity.repeated`).
* peer_similarity / most_similar_report_id — the most similar 五 of ANOTHER agency, found with MinHash and
  LSH (`minhash.py`, no all-pairs comparison); null when no other agency's text is a candidate.
* follow_up_ratio — share of last year's problems taken up by this year's rectifications or measures:
  a response that addresses the problem by content (`followup.addresses`: shared content words beyond the
  topic) and is not copied from last year.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pandas as pd

from disclosure_analysis.analysis.problems import minhash
from disclosure_analysis.analysis.problems.classify import codebook
from disclosure_analysis.analysis.problems.followup import Said, addresses, topics
from disclosure_analysis.analysis.problems.segment import RESPONSES
from disclosure_analysis.analysis.problems.similarity import dice, jaccard, repeated, shingles
from disclosure_analysis.analysis.problems.specificity import specificity
from disclosure_analysis.corpus.schema import frame

RETURN_DICE = 0.4  # a problem this close to one of last year's problems is the same problem again
RETURN_DICE_SAME_TOPIC = 0.2  # … or this close when they also share a topic


def said(statements: pd.DataFrame) -> list[Said]:
    """The rows of a statements table as `Said`, in order."""
    columns = (statements[c].tolist() for c in ("kind", "text", "categories", "copied"))
    return [
        Said(k, t, c, topics(c if isinstance(c, str) else None), copied is True)
        for k, t, c, copied in zip(*columns, strict=True)
    ]


def takes_up(problem: Said, response: Said) -> bool:
    """Whether a measure or rectification, not copied from last year, addresses a problem by its content."""
    return response.kind in RESPONSES and not response.copied and addresses(problem, response) > 0


def comes_back(old: Said, new: Said) -> bool:
    """Whether this year's problem `new` repeats last year's problem `old`."""
    d = dice(old.text, new.text)
    return d >= RETURN_DICE or (bool(old.topics & new.topics) and d >= RETURN_DICE_SAME_TOPIC)


FOLLOW_UP = ["problem", "categories", "taken_up", "response", "response_kind", "came_back", "repeated_as"]


def follow_up(previous: pd.DataFrame, current: pd.DataFrame) -> pd.DataFrame:
    """Last year's problems with the first response that takes each up and the first problem repeating it."""
    return follow_up_table(said(previous), said(current))


def follow_up_table(previous: list[Said], current: list[Said]) -> pd.DataFrame:
    """`follow_up` of statements already read with `said`."""
    return pd.DataFrame(_follow_up(previous, current), columns=FOLLOW_UP)


def _follow_up(previous: list[Said], current: list[Said]) -> list[dict]:
    # a rectification (what was done) answers before a measure (what will be done)
    responses = sorted((s for s in current if s.kind in RESPONSES), key=lambda s: s.kind != "rectification")
    problems = [s for s in current if s.kind == "problem"]
    rows = []
    for old in (s for s in previous if s.kind == "problem"):
        answer = next((r for r in responses if takes_up(old, r)), None)
        again = next((p.text for p in problems if comes_back(old, p)), None)
        values = (
            old.text, old.categories, answer is not None, answer and answer.text, answer and answer.kind,
            again is not None, again,
        )
        rows.append(dict(zip(FOLLOW_UP, values, strict=True)))
    return rows


def follow_up_ratio(previous: list[Said], current: list[Said]) -> float | None:
    """Share of last year's problems taken up this year; None when last year admitted none."""
    table = _follow_up(previous, current)
    return sum(r["taken_up"] for r in table) / len(table) if table else None


def report_signals(reports: pd.DataFrame, sections: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """One row per report of `reports`; `sections` holds the 五 texts, `statements` their statements."""
    texts = _problem_texts(reports, sections)
    peers = _peers(texts)
    by_key = {(agency, year): rid for rid, agency, year, _ in texts if pd.notna(year)}
    text_of = {rid: text for rid, _, _, text in texts}
    listed: dict[str, list[Said]] = defaultdict(list)
    for rid, statement in zip(statements["report_id"].tolist(), said(statements), strict=True):
        listed[rid].append(statement)
    rows = []
    columns = (reports[c].tolist() for c in ("report_id", "agency_id", "year"))
    for rid, agency, year in zip(*columns, strict=True):
        own = listed.get(rid, [])
        text = text_of.get(rid)
        prev_id = by_key.get((agency, year - 1)) if pd.notna(year) else None
        row = {"report_id": rid, "agency_id": agency, "year": year, **_counts(own)}
        row["specificity"] = specificity((s.kind, s.text) for s in own).score
        if text and prev_id:
            row["self_similarity"] = jaccard(shingles(text), shingles(text_of[prev_id]))
            row["copied_share"] = repeated(text, text_of[prev_id]).copied_share
            row["follow_up_ratio"] = follow_up_ratio(listed.get(prev_id, []), own)
        row.update(peers.get(rid, {}))
        rows.append(row)
    return frame("problem_signals", rows)


def _problem_texts(reports: pd.DataFrame, sections: pd.DataFrame) -> list[tuple[str, object, object, str]]:
    """(report id, agency id, year, section 五 text) of each report that has one, in the order of
    `reports`; a report listed twice, or with two 五 sections, counts once, with its first."""
    five = sections[sections["section"] == "problems"]
    first: dict[str, str] = {}
    for rid, text in zip(five["report_id"].tolist(), five["text"].tolist(), strict=True):
        first.setdefault(rid, text)
    out = []
    columns = (reports[c].tolist() for c in ("report_id", "agency_id", "year"))
    for rid, agency, year in zip(*columns, strict=True):
        if rid in first:
            out.append((rid, agency, year, first.pop(rid)))
    return out


def _counts(own: list[Said]) -> dict[str, int]:
    kinds = Counter(s.kind for s in own)
    cats = Counter(
        c for s in own if s.kind != "framing" and isinstance(s.categories, str) for c in set(s.categories.split(";"))
    )
    return {
        **{f"cat_{c}": cats[c] for c in codebook().categories},
        "n_problems": kinds["problem"],
        "n_measures": kinds["measure"],
        "n_rectifications": kinds["rectification"],
        "n_framing": kinds["framing"],
        "n_copied": sum(s.copied for s in own),
    }


def _peers(texts: list[tuple[str, object, object, str]]) -> dict[str, dict]:
    if len({agency for _, agency, _, _ in texts}) < 2:  # no other agency to be like (an agency's own page)
        return {}
    ids = [rid for rid, *_ in texts]
    matches = minhash.nearest_other(minhash.signatures([t[3] for t in texts]), [t[1] for t in texts])
    return {
        rid: {"peer_similarity": m.similarity, "most_similar_report_id": ids[m.index]}
        for rid, m in zip(ids, matches, strict=True)
        if m.index is not None
    }
