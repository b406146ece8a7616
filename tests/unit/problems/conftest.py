"""Fixtures of the section 五 tests."""

from __future__ import annotations

import pytest

from section_five import make_corpus


@pytest.fixture
def corpus_of():
    """Build a Corpus from (agency, year, section 五 text) reports."""
    return make_corpus
