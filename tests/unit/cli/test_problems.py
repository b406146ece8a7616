"""`disclosure-analysis problems … --json` records."""

from __future__ import annotations

import argparse
import json

from disclosure_analysis.analysis.problems import report_signals, statements
from disclosure_analysis.cli.problems import add_problems_parser, report_records
from section_five import Y2023, Y2024


def test_records_carry_statements_and_signals(corpus_of):
    corpus = corpus_of([("某县政务办", 2023, Y2023), ("某县政务办", 2024, Y2024)])
    table = statements(corpus)
    records = report_records(corpus.reports, table, report_signals(corpus, table))
    json.dumps(records, ensure_ascii=False)  # plain JSON values only
    latest = next(r for r in records if r["year"] == 2024)
    assert latest["agency"] == "某县政务办" and latest["source"] == "某县政务办_2024.txt"
    first = latest["statements"][0]
    assert first["kind"] == "rectification" and first["categories"] == ["interpretation"]
    assert first["evidence"] == {"interpretation": ["图解", "解读"]}
    assert latest["n_problems"] == 2 and 0 < latest["copied_share"] < 1
    assert latest["follow_up_ratio"] == 2 / 3 and latest["peer_similarity"] is None


def test_parser():
    parser = argparse.ArgumentParser()
    add_problems_parser(parser.add_subparsers())
    args = parser.parse_args(["problems", "a.txt", "--json"])
    assert args.json and args.paths == ["a.txt"] and callable(args.func)
