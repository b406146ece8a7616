"""Writing an assessment: `<run>/assessment/` with assessment.xlsx (in Chinese, formatted), decisions.csv,
scorecards/<agency>.html, data/<sheet>.parquet (the sheets, for the page) and assessment.html (the
`notebooks/assessment.py` notebook, run by the site runner's `render_page`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from disclosure_analysis.assess import present
from disclosure_analysis.assess.assessment import Assessment
from disclosure_analysis.assess.scorecard import scorecard
from disclosure_analysis.assess.workbook import write_sheets
from disclosure_analysis.page.display import is_safe_id
from disclosure_analysis.site.notebooks import NOTEBOOK_DIR, load_source
from disclosure_analysis.site.pages import Page, PageResult
from disclosure_analysis.site.run import render_page

WORKBOOK, DECISIONS, PAGE = "assessment.xlsx", "decisions.csv", "assessment.html"
#: sheet → the file holding it under data/ (the page reads these, not the workbook)
DATA = {
    "说明": "explanation",
    "评分": "scores",
    "问题清单": "findings",
    "缺报": "missing",
    "重复报告": "duplicates",
    "上下级核对": "cross-level",
    "指标结果": "outcomes",
    "评估指标": "rubric",
}


def write_assessment(result: Assessment, folder: Path) -> None:
    """The workbook, its sheets as data for the page, the decisions file to hand back, one scorecard per
    agency (linked to the agency's page of the site in the run folder above, when it is there)."""
    folder.mkdir(parents=True, exist_ok=True)
    sheets = present.sheets(result)
    write_sheets(sheets, folder / WORKBOOK)
    data = folder / "data"
    data.mkdir(exist_ok=True)
    for name, frame in sheets.items():
        frame.to_parquet(data / f"{DATA[name]}.parquet", index=False)
    present.decisions(result).to_csv(folder / DECISIONS, index=False, encoding="utf-8-sig")
    cards = folder / "scorecards"
    cards.mkdir(exist_ok=True)
    for old in cards.glob("*.html"):
        old.unlink()  # an agency no longer assessed keeps no scorecard
    listed = []
    for agency_id, name in result.scores.drop_duplicates("agency_id")[["agency_id", "agency"]].itertuples(index=False):
        if not is_safe_id(agency_id):
            continue
        page = folder.parent / "agencies" / f"{agency_id}.html"
        link = f"../../agencies/{agency_id}.html" if page.is_file() else None
        (cards / f"{agency_id}.html").write_text(scorecard(agency_id, result, sheets, link), encoding="utf-8")
        listed.append({"机构": name if isinstance(name, str) else "（机构名称未读出）", "记分卡": f"scorecards/{agency_id}.html"})
    pd.DataFrame(listed, columns=["机构", "记分卡"]).sort_values("机构").to_parquet(data / "scorecards.parquet", index=False)


def read_assessment(folder: str | Path) -> dict[str, pd.DataFrame]:
    """The sheets of an assessment folder by name, and 记分卡 (agency → its scorecard), for the page."""
    data = Path(folder) / "data"
    sheets = {name: pd.read_parquet(data / f"{stem}.parquet") for name, stem in DATA.items()}
    return {**sheets, "记分卡": pd.read_parquet(data / "scorecards.parquet")}


def remove_page(run_dir: Path) -> bool:
    """Remove assessment.html (and its notebook) from an earlier run, so that no stale page is left beside a
    new workbook; whether there was one."""
    folder = run_dir / "assessment"
    found = (folder / PAGE).exists()
    for name in (PAGE, "assessment.ipynb"):
        (folder / name).unlink(missing_ok=True)
    return found


def render_html(run_dir: Path, timeout: int, notebook_dir: Path = NOTEBOOK_DIR) -> PageResult:
    """Execute notebooks/assessment.py on `<run_dir>/assessment/` and export assessment.html beside it.

    The notebook runs in that folder and names it "." (so the executed notebook beside the workbook is the
    same wherever the run folder is, and runs again there as it is)."""
    remove_page(run_dir)
    page = Page(
        notebook="assessment",
        path="assessment/assessment",
        title="年报评估结果",
        parameters={"assessment_dir": "."},
        inputs=[],
    )
    source = load_source("assessment", notebook_dir)
    return render_page(page, source, run_dir.resolve(), False, timeout, cwd=(run_dir / "assessment").resolve())
