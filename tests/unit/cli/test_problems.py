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
    assert first["kind"] == "rectification" and first["categories"] == ["interpretation"] and not first["framing"]
    assert first["evidence"] == {"interpretation": ["政策解读", "图解", "解读"]}
    assert first["specificity"] == {"action": ["图解"], "number": ["12"]}
    earlier = next(r for r in records if r["year"] == 2023)
    assert latest["previous_report_id"] == earlier["report_id"] and earlier["previous_report_id"] is None
    assert earlier["statements"][first["rectifies"]]["text"] == "一是政策解读形式单一"
    measure, copied = latest["statements"][3:5]
    assert latest["statements"][measure["answers"]]["text"] == "一是依申请公开答复文书不够规范"
    assert copied["copied"] and copied["answers"] is None and not measure["copied"]
    assert latest["n_problems"] == 2 and latest["n_copied"] == 1 and 0 < latest["copied_share"] < 1
    assert latest["follow_up_ratio"] == 1 / 3 and latest["peer_similarity"] is None
    assert latest["specificity_parts"] == {
        "statements": 5, "concrete_statements": 1, "action": ["图解"], "number": ["12"]
    }


def test_framing_statements_are_flagged(corpus_of):
    corpus = corpus_of([("某县", 2024, "2024年，我县政务公开工作取得一定成效，但仍存在一些不足。一是政策解读形式单一。")])
    table = statements(corpus)
    (record,) = report_records(corpus.reports, table, report_signals(corpus, table))
    assert [(s["kind"], s["framing"], s["categories"]) for s in record["statements"]] == [
        ("framing", True, ["other"]), ("problem", False, ["interpretation"])
    ]
    assert record["n_framing"] == 1 and record["n_problems"] == 1


def test_parser():
    parser = argparse.ArgumentParser()
    add_problems_parser(parser.add_subparsers())
    args = parser.parse_args(["problems", "a.txt", "--json"])
    assert args.json and args.paths == ["a.txt"] and callable(args.func)
