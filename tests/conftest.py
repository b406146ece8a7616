"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared_corpus import SHARED_CORPUS


@pytest.fixture
def shared_corpus() -> Path:
    """../shared/corpus, or skip saying why."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"reference corpus not found at {SHARED_CORPUS} (it lives beside the repository as ../shared)")
    return SHARED_CORPUS
