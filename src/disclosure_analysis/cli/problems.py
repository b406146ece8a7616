"""`disclosure-analysis problems PATH… [--json]`: section 五 statements and signals."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import TYPE_CHECKING

from disclosure_analysis.analysis.problems import report_signals, statements
from disclosure_analysis.analysis.problems.segment import KIND_NAMES
from disclosure_analysis.cli.common import EXIT_USAGE, add_inputs, exit_status, results

if TYPE_CHECKING:
    import pandas as pd

SIGNALS = ("n_problems", "n_measures", "n_rectifications", "n_framing", "n_copied", "specificity", "self_similarity",
           "copied_share", "peer_similarity", "most_similar_report_id", "follow_up_ratio")


def add_problems_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `problems` command."""
    p = subparsers.add_parser(
        "problems",
        help="分析第五部分“存在的主要问题及改进情况”：问题与措施、类别、抄袭、整改跟进",
        description="把每份报告的第五部分拆成问题、措施、整改和引导语，归入主题并给出判定依据，计算具体性、"
        "与上年重复的比例、与其他机构的相似度，以及上年问题的跟进情况。",
    )
    add_inputs(p)
    p.add_argument("--json", action="store_true", help="输出 JSON 数组（每份报告一个对象）")
    p.set_defaults(func=run_problems)
    return p


def run_problems(args: argparse.Namespace) -> int:
    """Run `problems`; exit status as for `extract` (0 all read, 1 some unreadable, 2 no input)."""
    from disclosure_analysis.corpus import build_corpus

    read = results(args)
    if read is None:
        return EXIT_USAGE
    corpus = build_corpus(read)
    table = statements(corpus)
    records = report_records(corpus.reports, table, report_signals(corpus, table))
    if args.json:
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        print_summary(records)
    return exit_status(read)


def report_records(reports: pd.DataFrame, table: pd.DataFrame, signals: pd.DataFrame) -> list[dict]:
    """One JSON-ready object per report: source, agency, year, statements and the report-level signals.

    Each statement has its `kind` (problem, measure, rectification or framing; `framing` true for the last),
    topics with evidence, concrete details per specificity part, `copied` (from the agency's previous
    report), `answers` (measure: index in `statements` of the problem it answers) and `rectifies`
    (rectification: index in the statements of `previous_report_id` of the problem it reports on).
    """
    from disclosure_analysis.analysis.problems.specificity import specificity

    by_report = dict(tuple(table.groupby("report_id", sort=False)))
    sig = signals.set_index("report_id")
    with_five = {(a, y): rid for rid, a, y in zip(table["report_id"], table["agency_id"], table["year"], strict=True)}
    out = []
    for r in reports.itertuples():
        own = by_report.get(r.report_id, table.iloc[0:0])
        found = specificity(zip(own["kind"], own["text"], strict=True))
        previous = with_five.get((r.agency_id, r.year - 1)) if _plain(r.year) is not None else None
        record = {"source": r.source, "report_id": r.report_id, "agency": _plain(r.agency),
                  "year": _plain(r.year), "previous_report_id": previous,
                  "statements": [_statement(s) for s in own.itertuples()]}
        record.update({name: _plain(sig.at[r.report_id, name]) for name in SIGNALS})
        record["specificity_parts"] = {
            "statements": found.statements, "concrete_statements": found.concrete,
            **{part: list(details) for part, details in found.parts.items()},
        }
        out.append(record)
    return out


def _statement(s) -> dict:
    from disclosure_analysis.analysis.problems.classify import code
    from disclosure_analysis.analysis.problems.specificity import details

    coding = code(s.kind, s.text)
    return {"kind": s.kind, "framing": s.kind == "framing", "text": s.text, "start": int(s.start), "end": int(s.end),
            "categories": list(coding.categories), "evidence": {k: list(v) for k, v in coding.evidence.items()},
            "specificity": {part: list(found) for part, found in details(s.text).parts.items()},
            "copied": bool(s.copied), "answers": _plain(s.answers), "rectifies": _plain(s.rectifies)}


def _plain(value: object) -> object:
    """A JSON value: None for pandas' nulls, Python numbers for numpy's."""
    import pandas as pd

    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def print_summary(records: list[dict]) -> None:
    """A short plain-text account per report."""
    from disclosure_analysis.analysis.problems.classify import topic_names

    for rec in records:
        print(f"{rec['agency'] or '（机构不明）'} {rec['year'] or ''}（{rec['source']}）")
        print(f"  问题 {rec['n_problems']} 条，措施 {rec['n_measures']} 条，整改 {rec['n_rectifications']} 条，"
              f"引导语 {rec['n_framing']} 条，照抄上年 {rec['n_copied']} 条；"
              f"具体性 {_num(rec['specificity'])}，与上年重复 {_num(rec['copied_share'], pct=True)}，"
              f"与他机构最高相似 {_num(rec['peer_similarity'])}，上年问题回应率 {_num(rec['follow_up_ratio'], pct=True)}")
        for s in rec["statements"]:
            copied = "（照抄上年）" if s["copied"] else ""
            print(f"  [{KIND_NAMES[s['kind']]}]{copied} {s['text']}  ——{topic_names(';'.join(s['categories']))}")


def _num(value: object, pct: bool = False) -> str:
    if value is None:
        return "—"
    return f"{float(value):.0%}" if pct else f"{float(value):.2f}"
