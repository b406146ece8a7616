"""A small corpus built from section 五 texts (no files involved)."""

from __future__ import annotations

import hashlib

import pytest

from disclosure_analysis.corpus import Corpus, build_corpus


def make_corpus(reports: list[tuple[str, int, str]]) -> Corpus:
    """A Corpus of (agency, year, section 五 text) reports."""
    results = []
    for agency, year, text in reports:
        digest = hashlib.sha256(f"{agency}{year}{text}".encode()).hexdigest()
        results.append({
            "source": f"{agency}_{year}.txt", "sha256": digest, "kind": "text", "status": "ok",
            "agency": agency, "year": year, "template": "2021", "cells": {},
            "sections": {"problems": text}, "headings": {"problems": "五、存在的主要问题及改进情况"},
        })
    return build_corpus(results)


@pytest.fixture
def corpus_of():
    return make_corpus
