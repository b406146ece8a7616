"""Section 五 texts and a small Corpus built from them, for the tests of `disclosure_analysis.analysis.problems`."""

from __future__ import annotations

import hashlib

from disclosure_analysis.corpus import Corpus, build_corpus

Y2023 = (
    "存在的主要问题：一是政策解读形式单一。二是政务新媒体更新不及时。三是工作人员多为兼职。\n"
    "改进措施：一是丰富解读形式。二是加强业务培训，提升工作人员业务水平。"
)
Y2024 = (
    "（一）上年度问题整改情况。针对上年度政策解读形式单一的问题，全年制作图解解读12篇。\n"
    "（二）存在的主要问题。一是依申请公开答复文书不够规范。二是工作人员多为兼职，队伍不稳定。\n"
    "（三）改进措施。一是统一答复文书格式。二是加强业务培训，提升工作人员业务水平。"
)
PEER = "存在的主要问题：一是政策解读形式单一。二是政务新媒体更新不及时。改进措施：一是丰富解读形式。"


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
