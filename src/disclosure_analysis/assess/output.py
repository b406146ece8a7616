"""Writing an assessment: `<run>/assessment/` with assessment.xlsx, decisions.csv, scorecards/<agency>.html and
assessment.html (the `notebooks/assessment.py` notebook, run by the site runner's `render_page`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from disclosure_analysis.assess.assessment import Assessment
from disclosure_analysis.assess.scorecard import scorecard
from disclosure_analysis.page.display import write_csv
from disclosure_analysis.site.notebooks import NOTEBOOK_DIR, load_source
from disclosure_analysis.site.pages import Page, PageResult
from disclosure_analysis.site.run import render_page
from disclosure_analysis.site.workbook import write_workbook

WORKBOOK = "assessment.xlsx"


def write_assessment(result: Assessment, folder: Path) -> None:
    """The workbook, the decisions file to hand back, and one scorecard per agency."""
    folder.mkdir(parents=True, exist_ok=True)
    write_workbook(result.sheets(), folder / WORKBOOK)
    write_csv(result.decisions, folder / "decisions.csv")
    cards = folder / "scorecards"
    cards.mkdir(exist_ok=True)
    for agency_id in result.scores["agency_id"].dropna().unique():
        html = scorecard(agency_id, result.scores, result.outcomes, result.findings, result.rubric)
        (cards / f"{agency_id}.html").write_text(html, encoding="utf-8")


def read_assessment(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The sheets of `<folder>/assessment.xlsx` by name (for the notebook)."""
    return pd.read_excel(Path(folder) / WORKBOOK, sheet_name=None, engine="openpyxl")


def render_html(run_dir: Path, timeout: int, notebook_dir: Path = NOTEBOOK_DIR) -> PageResult:
    """Execute notebooks/assessment.py on `<run_dir>/assessment/` and export assessment.html beside it.

    The notebook runs in that folder and names it "." (so the executed notebook beside the workbook is the
    same wherever the run folder is, and runs again there as it is)."""
    page = Page(
        notebook="assessment",
        path="assessment/assessment",
        title="年报评估结果",
        parameters={"assessment_dir": "."},
        inputs=[],
    )
    source = load_source("assessment", notebook_dir)
    return render_page(page, source, run_dir.resolve(), False, timeout, cwd=(run_dir / "assessment").resolve())
