"""`assess` on a generated corpus with injected faults: every fault is in the workbook where it was injected,
agencies removed from the corpus are listed as missing, decisions survive re-runs and reopen when a report
changes, the ranking is the same run to run, and no English code reaches what an evaluator reads."""

from __future__ import annotations

import argparse
import csv
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from disclosure_analysis.cli.assess import add_assess_parser
from disclosure_analysis.formats import names
from english import english_cells

pytestmark = pytest.mark.slow
YEARS = range(2019, 2025)


def _assess(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_assess_parser(parser.add_subparsers())
    args = parser.parse_args(["assess", *argv])
    return args.func(args)


class Run:
    """A generated corpus with some reports removed, its agency register, and the first assessment of it."""

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
        self.register = root / "register.csv"
        with self.register.open("w", encoding="utf-8", newline="") as fh:
            out = csv.writer(fh)
            out.writerow(["id", "name", "level", "parent", "kind"])
            for r in {r["agency_id"]: r for r in self.truth}.values():
                out.writerow([r["agency_id"], r["agency"], r["level"], r["parent_id"] or "", r["agency_kind"]])
        self.status = self.assess()

    def assess(self, *extra: str) -> int:
        return _assess(
            "--input",
            str(self.corpus),
            "--register",
            str(self.register),
            "--years",
            f"{min(YEARS)}-{max(YEARS)}",
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
    """Whether `finding` (a row of the 问题清单 sheet) points at the injected fault's cell (or at the row or
    column holding it), as the sheet names them in Chinese."""
    if fault["table"] == "t4":
        table, row, column = names.location("t4", None, f"{fault['row']}_{fault['column']}")
    else:
        table, row, column = names.location(fault["table"], fault["row"], fault["column"])
    if finding["表"] != table:
        return False
    if fault["type"] == "missing_table":
        return finding["规则"] == names.RULES["F1"]
    shown_row, shown_column = finding["行"], finding["列"]
    if pd.isna(shown_row) and pd.isna(shown_column):  # cells left blank: one finding per table, naming them
        return finding["规则"] == names.RULES["R4"] and _named(finding["说明"], fault)
    return (pd.isna(shown_row) or shown_row == row) and (pd.isna(shown_column) or shown_column == column)


def _named(message: str, fault: dict) -> bool:
    if fault["table"] == "t2":
        return f"「{names.T2_CELLS[fault['column']]}」" in message
    if fault["table"] == "t4":
        return f"{names.T4_GROUPS[fault['row']]}「{names.T4_OUTCOMES[fault['column']]}」" in message
    return names.APPLICANTS[fault["column"]] in message or names.T3_ROW_LABELS[fault["row"]] in message


def test_workbook_opens_with_the_expected_sheets(run: Run) -> None:
    assert run.status == 0
    book = load_workbook(run.output / "assessment" / "assessment.xlsx", read_only=True)
    assert {"说明", "评分", "问题清单", "缺报", "重复报告", "上下级核对"} <= set(book.sheetnames)
    scores = run.sheet("评分")
    assert {"机构", "年度", "按时发布", "表格勾稽关系", "跨年度结转衔接", "总分", "名次"} <= set(scores)
    assert len(scores) == len(run.kept)


def test_every_injected_fault_is_found_where_it_was_injected(run: Run) -> None:
    findings = run.sheet("问题清单")
    by_file = dict(tuple(findings.groupby("来源文件")))
    faults = [(r, f) for r in run.kept for f in r["faults"]]
    assert len({f["type"] for _, f in faults}) >= 6  # the generator injected a variety
    lost = []
    for record, fault in faults:
        mine = by_file.get(Path(record["file"]).name, findings.iloc[:0])
        if not any(_covers(f, fault) for _, f in mine.iterrows()):
            lost.append((record["file"], fault["type"], fault["table"], fault["row"], fault["column"]))
    assert lost == []


def test_every_finding_is_located_and_in_chinese(run: Run) -> None:
    findings = run.sheet("问题清单")
    assert findings["位置"].notna().all() and findings["说明"].notna().all()
    for sheet in ("评分", "问题清单", "缺报", "上下级核对", "指标结果", "评估指标", "说明"):
        assert not english_cells(run.sheet(sheet)), sheet


def test_cross_year_break_is_caught(run: Run) -> None:
    findings = run.sheet("问题清单")
    breaks = [(r, f) for r in run.kept for f in r["faults"] if f["type"] == "X1"]
    assert breaks
    for record, fault in breaks:
        mine = findings[
            (findings["来源文件"] == Path(record["file"]).name) & (findings["规则"] == names.RULES["X1"])
        ]
        assert set(mine["列"]) >= {names.APPLICANTS[fault["column"]]}, record["file"]
        assert set(mine["指标"]) == {"跨年度结转衔接"}


def test_removed_agencies_are_missing_for_every_year(run: Run) -> None:
    missing = run.sheet("缺报")
    listed = set(zip(missing["登记表编号"], missing["年度"], strict=True))
    expected = {(a, y) for a in run.removed_agencies for y in YEARS} | {run.removed_year}
    assert listed == expected
    assert not missing["上级"].dropna().str.match(r"^[a-z0-9-]+$").any()  # parents by name, not by id


def test_html_page_is_self_contained(run: Run) -> None:
    page = (run.output / "assessment" / "assessment.html").read_text(encoding="utf-8")
    assert "年报评估" in page and "<img" in page and 'id="decisions-app"' in page.replace("'", '"')
    # no script, style or font fetched from the network (base64 image data may contain any letters)
    assert not re.search(r"""<(?:script|link|img|iframe)[^>]+(?:src|href)=["']?(?:https?:)?//""", page, re.I)
    assert any((run.output / "assessment" / "scorecards").glob("*.html"))


def test_ranking_is_reproducible_and_decisions_survive_until_the_report_changes(run: Run) -> None:
    first = run.sheet("评分")
    findings = run.sheet("问题清单")
    text_files = {Path(r["file"]).name: r["file"] for r in run.kept if r["file"].endswith(".txt")}
    target = findings[findings["来源文件"].isin(text_files) & findings["级别"].isin(["错误", "警告"])].iloc[0]
    other = findings[(findings["来源文件"] != target["来源文件"]) & (findings["级别"] == "错误")].iloc[0]
    handed_back = pd.read_csv(run.output / "assessment" / "decisions.csv", dtype=str, encoding="utf-8-sig")
    handed_back.loc[handed_back["问题编号"] == target["问题编号"], ["决定", "理由"]] = ["驳回", "误报"]
    handed_back.loc[handed_back["问题编号"] == other["问题编号"], "决定"] = "确认"
    decisions = run.output.parent / "decisions.csv"
    handed_back.to_csv(decisions, index=False, encoding="utf-8-sig")

    assert run.assess("--no-html") == 0
    pd.testing.assert_frame_equal(run.sheet("评分"), first)  # same ranking run to run
    assert not (run.output / "assessment" / "assessment.html").exists()  # no stale page beside new results
    assert run.assess("--no-html", "--decisions", str(decisions)) == 0
    decided = run.sheet("问题清单").set_index("问题编号")["决定"]
    assert (decided[target["问题编号"]], decided[other["问题编号"]]) == ("已驳回", "已确认")

    changed = run.corpus / text_files[target["来源文件"]]
    changed.write_bytes(changed.read_bytes() + b"\n")
    assert run.assess("--no-html", "--decisions", str(decisions)) == 0
    after = run.sheet("问题清单")
    reopened = after[(after["规则"] == target["规则"]) & (after["来源文件"] == changed.name)]
    assert "报告已变化，待重新确认" in set(reopened["决定"])
    assert after.set_index("问题编号").loc[other["问题编号"], "决定"] == "已确认"
