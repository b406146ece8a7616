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


@pytest.fixture
def corpus_of():
    """Build a Corpus from (agency, year, section 五 text) reports (see `section_five.make_corpus`)."""
    from section_five import make_corpus

    return make_corpus
