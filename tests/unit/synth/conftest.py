"""A small synthetic corpus shared by the synth tests (generated once per session)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_analysis.synth import generate


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict]]:
    """10 agencies × 2019–2024 in all formats, a quarter of them with a fault: (dir, truth records)."""
    out = tmp_path_factory.mktemp("synth")
    records = generate(out, agencies=10, years=range(2019, 2025), seed=11, faults=0.25)
    return out, records


@pytest.fixture(scope="session")
def truth_lines(corpus: tuple[Path, list[dict]]) -> list[dict]:
    out, _ = corpus
    return [json.loads(line) for line in (out / "truth.jsonl").read_text(encoding="utf-8").splitlines()]
