"""The reference corpus in ../shared: its report/truth pairs (empty when it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED_CORPUS = REPO.parent / "shared" / "corpus"


def corpus_cases() -> list[tuple[Path, Path]]:
    """(report file, truth file) pairs of ../shared/corpus; empty when it is absent."""
    if not SHARED_CORPUS.is_dir():
        return []
    pairs = []
    for truth in sorted(SHARED_CORPUS.rglob("*.truth.json")):
        stem = truth.name[: -len(".truth.json")]
        report = next((p for p in truth.parent.glob(stem + ".*") if not p.name.endswith(".truth.json")), None)
        if report is not None:
            pairs.append((report, truth))
    return pairs


#: Known errors of truth files, each with its evidence (reported in the issue notes). A truth is read through
#: these and nothing else of it is changed.
#: 1. Keys that are no field code of spec/codes.md: the crawl truths name 表二's first column of 规章 and
#:    规范性文件 `<kind>_made`; codes.md calls it `<kind>_new_made` (2019) and `<kind>_issued` (2021).
RENAMED_KEYS = {
    "t2.regulations_made": {"2019": "t2.regulations_new_made", "2021": "t2.regulations_issued"},
    "t2.normative_made": {"2019": "t2.normative_new_made", "2021": "t2.normative_issued"},
}
#: 2. Values keyed from outside the table where the table's digits split more than one way: the cell is
#:    null and flagged (the corpus README: "cells keyed only where the digit run splits one way").
NOT_PRINTED_FOR_CERTAIN = {
    ("2021_pingtan_guanweihuibangongshi", "t2.normative_issued"):
        "表二 prints ' 20 155', which splits 20|1|55, 20|15|5 or 2|0|155 (the truth's own note); its 20 is the "
        "narrative's '2021年发布规范性文件20份'",
}
#: 3. Truths that key only some of the cells they could (the crawl texts: 表三 keyed in the natural_person
#:    and total columns of six rows, though e.g. every '0000000' row splits one way): the other cells are
#:    checked against the identities the truth states (`checks`), not required to be flagged.
SUBSET_KEYED = ("crawl",)


def load_truth(path: Path) -> dict:
    """A truth file, read through the known errors above: renamed keys; `uncertain` lists the keys whose
    cell must be null and flagged; `subset_keyed` says the truth keys only some certain cells."""
    truth = json.loads(path.read_text(encoding="utf-8"))
    stem = path.name[: -len(".truth.json")]
    for wrong, right in RENAMED_KEYS.items():
        if wrong in truth:
            truth[right[truth["template"]]] = truth.pop(wrong)
    truth["uncertain"] = [key for (name, key) in NOT_PRINTED_FOR_CERTAIN if name == stem and key in truth]
    for key in truth["uncertain"]:
        truth[key] = None
    truth["subset_keyed"] = path.parent.name in SUBSET_KEYED
    return truth
