"""`assess` on a generated corpus with injected faults: every fault is in the workbook where it was injected,
agencies removed from the corpus are listed as missing, decisions survive re-runs and reopen when a report
changes, and the ranking is the same run to run."""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from disclosure_analysis.cli.assess import add_assess_parser

pytestmark = pytest.mark.slow
YEARS = range(2019, 2025)


def _assess(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_assess_parser(parser.add_subparsers())
    args = parser.parse_args(["assess", *argv])
    return args.func(args)


def _report_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


class Run:
    """A generated corpus with some reports removed, its roster, and the first assessment of it."""

    def __init__(self, root: Path) -> None:
        from disclosure_analysis.synth import generate

        self.corpus, self.output = root / "corpus", root / "run"
        self.truth = generate(self.corpus, agencies=12, years=YEARS, seed=11, faults=0.35)
        agencies = list(dict.fromkeys(r["agency_id"] for r in self.truth))
        self.removed_agencies = set(agencies[-2:])
        self.removed_year = (agencies[3], max(YEARS))  # the last year: no later report links back to it
        for r in self.truth:
            if r["agency_id"] in self.removed_agencies or (r["agency_id"], r["year"]) == self.removed_year:
                (self.corpus / r["file"]).unlink()
        self.kept = [r for r in self.truth if (self.corpus / r["file"]).exists()]
        self.roster = root / "roster.csv"
        with self.roster.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["id", "name", "level", "parent", "is_government"])
            for r in {r["agency_id"]: r for r in self.truth}.values():
                out.writerow(
                    [r["agency_id"], r["agency"], r["level"], r["parent_id"] or "", r["is_government"]]
                )
        self.status = self.assess()

    def assess(self, *extra: str) -> int:
        return _assess(
            "--input",
            str(self.corpus),
            "--roster",
            str(self.roster),
            "--output",
            str(self.output),
            "--jobs",
            "4",
            *extra,
        )

    def sheet(self, name: str) -> pd.DataFrame:
        return pd.read_excel(self.output / "assessment" / "assessment.xlsx", sheet_name=name)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    root = tmp_path_factory.mktemp("assess")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DISCLOSURE_ANALYSIS_CACHE", str(root / "cache"))
        yield Run(root)


def _covers(finding: pd.Series, fault: dict) -> bool:
    """Whether `finding` points at the injected fault's cell (or at the row/column holding it)."""
    if finding["table"] != fault["table"]:
        return False
    if fault["type"] == "missing_table":
        return finding["rule"] == "F1"
    if fault["table"] == "t4":
        return finding["column"] == f"{fault['row']}_{fault['column']}"
    row, column = finding["row"], finding["column"]
    if pd.isna(row) and pd.isna(column):
        return False
    return (pd.isna(row) or row == fault["row"]) and (pd.isna(column) or column == fault["column"])


def test_workbook_opens_with_the_expected_sheets(run: Run) -> None:
    assert run.status == 0
    book = load_workbook(run.output / "assessment" / "assessment.xlsx", read_only=True)
    assert {"scores", "findings", "missing", "cross_level"} <= set(book.sheetnames)
    scores = run.sheet("scores")
    assert {"agency_id", "agency", "year", "on_time", "identities", "carry_over", "total", "rank"} <= set(
        scores
    )
    assert len(scores) == len(run.kept)


def test_every_injected_fault_is_found_where_it_was_injected(run: Run) -> None:
    findings = run.sheet("findings")
    by_report = dict(tuple(findings.groupby("report_id")))
    faults = [(r, f) for r in run.kept for f in r["faults"]]
    assert len({f["type"] for _, f in faults}) >= 6  # the generator injected a variety
    lost = []
    for record, fault in faults:
        mine = by_report.get(_report_id(run.corpus / record["file"]), findings.iloc[:0])
        if not any(_covers(f, fault) for _, f in mine.iterrows()):
            lost.append((record["file"], fault["type"], fault["table"], fault["row"], fault["column"]))
    assert lost == []


def test_cross_year_break_is_caught(run: Run) -> None:
    findings = run.sheet("findings")
    breaks = [(r, f) for r in run.kept for f in r["faults"] if f["type"] == "X1"]
    assert breaks
    for record, fault in breaks:
        mine = findings[
            (findings["report_id"] == _report_id(run.corpus / record["file"])) & (findings["rule"] == "X1")
        ]
        assert set(mine["column"]) >= {fault["column"]}, record["file"]
        assert set(mine["indicator"]) == {"carry_over"}


def test_removed_agencies_are_missing_for_every_year(run: Run) -> None:
    missing = run.sheet("missing")
    listed = set(zip(missing["roster_id"], missing["year"], strict=True))
    expected = {(a, y) for a in run.removed_agencies for y in YEARS} | {run.removed_year}
    assert listed == expected


def test_html_page_is_self_contained(run: Run) -> None:
    page = (run.output / "assessment" / "assessment.html").read_text(encoding="utf-8")
    assert "年报评估" in page and "<img" in page
    # no script, style or font fetched from the network (base64 image data may contain any letters)
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["']?(?:https?:)?//""", page, re.I)
    assert any((run.output / "assessment" / "scorecards").glob("*.html"))


def test_ranking_is_reproducible_and_decisions_survive_until_the_report_changes(run: Run) -> None:
    first = run.sheet("scores")
    findings = run.sheet("findings")
    text_reports = {
        _report_id(run.corpus / r["file"]): r["file"] for r in run.kept if r["file"].endswith(".txt")
    }
    target = findings[
        findings["report_id"].isin(text_reports) & findings["severity"].isin(["error", "warning"])
    ].iloc[0]
    other = findings[
        ~findings["report_id"].isin([target["report_id"]]) & (findings["severity"] == "error")
    ].iloc[0]
    handed_back = pd.read_csv(run.output / "assessment" / "decisions.csv", dtype=str, encoding="utf-8-sig")
    handed_back.loc[handed_back["finding_key"] == target["finding_key"], ["decision", "note"]] = [
        "dismissed",
        "误报",
    ]
    handed_back.loc[handed_back["finding_key"] == other["finding_key"], "decision"] = "confirmed"
    decisions = run.output.parent / "decisions.csv"
    handed_back.to_csv(decisions, index=False, encoding="utf-8-sig")

    assert run.assess("--no-html") == 0
    pd.testing.assert_frame_equal(run.sheet("scores"), first)  # same ranking run to run
    assert run.assess("--no-html", "--decisions", str(decisions)) == 0
    decided = run.sheet("findings").set_index("finding_key")["decision"]
    assert (decided[target["finding_key"]], decided[other["finding_key"]]) == ("dismissed", "confirmed")

    changed = run.corpus / text_reports[target["report_id"]]
    changed.write_bytes(changed.read_bytes() + b"\n")
    assert run.assess("--no-html", "--decisions", str(decisions)) == 0
    after = run.sheet("findings")
    reopened = after[(after["rule"] == target["rule"]) & (after["source"] == str(changed))]
    assert "reopened" in set(reopened["decision"])
    assert after.set_index("finding_key").loc[other["finding_key"], "decision"] == "confirmed"
