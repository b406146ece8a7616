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


def test_agency_and_overview_notebooks_with_a_register_and_covariates(shared_corpus: Path, tmp_path: Path) -> None:
    """Real reports: kind, level and region from a register, per-capita figures from a covariates file
    (its population a test input, not a fact about the place)."""
    (tmp_path / "register.csv").write_text(
        "编号,名称,类型,层级,地区\nhuaian,淮安市人民政府,人民政府,市级,江苏省\n", encoding="utf-8"
    )
    (tmp_path / "people.csv").write_text("机构,常住人口（万人）\n淮安市人民政府,455.3\n", encoding="utf-8")
    agency = next(a for a in load_corpus(shared_corpus / "raw").reports["agency_id"] if a.startswith("huaian"))
    common = ["-p", "corpus", str(shared_corpus / "raw"), "-p", "register", "register.csv",
              "-p", "covariates", "people.csv"]
    done = papermill(str(NOTEBOOK_DIR / "agency.ipynb"), "agency.ipynb", "-p", "agency_id", agency, *common,
                     cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    html = outputs_html(tmp_path / "agency.ipynb")
    assert "机构类型：人民政府；层级：市级；地区：江苏省" in html  # the register's, not the name's (淮安市)
    assert "按人口计算" in html and "6.85（3,119 / 455.3 万人）" in html and "4,553,000 人" in html
    done = papermill(str(NOTEBOOK_DIR / "overview.ipynb"), "overview.ipynb", *common, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    html = outputs_html(tmp_path / "overview.ipynb")
    assert "按人口计算" in html and "6.85" in html and "无人口数" in html  # 洪泽区 has no population


def outputs_html(path: Path) -> str:
    nb = nbformat.read(path, as_version=4)
    return "\n".join(o.get("data", {}).get("text/html", "") for c in nb.cells for o in c.get("outputs", []))
