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


def load_truth(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))
