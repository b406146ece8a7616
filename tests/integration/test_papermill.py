"""The Jupyter route as the README documents it: papermill runs the shipped .ipynb directly, list
parameters given with -p as text."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.site.notebooks import NOTEBOOK_DIR
from disclosure_analysis.synth.sample import sample_corpus

pytestmark = pytest.mark.slow


def papermill(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The `papermill` command of this Python (as `papermill …` on the command line)."""
    found = shutil.which("papermill")
    command = [found] if found else [sys.executable, "-m", "papermill"]
    return subprocess.run([*command, *args], cwd=cwd, capture_output=True, text=True, timeout=600, check=False)


def test_agency_notebook_with_years_as_in_the_readme(tmp_path: Path) -> None:
    reports = load_corpus(sample_corpus()).reports
    agency = sorted(reports["agency_id"].dropna())[0]
    name = reports.loc[reports["agency_id"].eq(agency), "agency"].iloc[0]
    done = papermill(
        str(NOTEBOOK_DIR / "agency.ipynb"), "out.ipynb", "-p", "agency_id", agency, "-p", "years", "[2023, 2024]",
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    html = "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert f"<h1>{name}：政府信息公开工作年度报告分析</h1>" in html
    assert "年度：2023、2024；报告 2 份" in html  # the two years asked for, not all three
    assert "公开率" in html and "Traceback" not in html


def test_overview_notebook_with_lists_of_agencies_and_years(tmp_path: Path) -> None:
    reports = load_corpus(sample_corpus()).reports
    two = sorted(reports["agency_id"].dropna().unique())[:2]
    done = papermill(
        str(NOTEBOOK_DIR / "overview.ipynb"), "out.ipynb", "-p", "agencies", f'["{two[0]}", "{two[1]}"]',
        "-p", "years", "2024", cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    nb = nbformat.read(tmp_path / "out.ipynb", as_version=4)
    html = "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
    assert "共 2 个机构、2 份报告，年度：2024" in html
