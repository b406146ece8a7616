"""The notebooks' sources: one typed, commented parameters cell; data only through load_corpus; no outputs."""

from __future__ import annotations

import subprocess
from pathlib import Path

import nbformat
import pytest
from papermill.inspection import _infer_parameters
from papermill.parameterize import parameterize_notebook

from disclosure_analysis.site import kernel  # registers the readable translator
from disclosure_analysis.site.config import NOTEBOOKS
from disclosure_analysis.site.notebooks import NOTEBOOK_DIR, load_source

EXPECTED = {
    "agency": {"corpus", "agency_id", "years", "peer_group", "output_dir", "register", "covariates"},
    "overview": {"corpus", "years", "agencies", "output_dir", "register", "covariates"},
    "case_study": {"corpus", "report_id", "output_dir"},
    "lesson": {"corpus", "agency", "year", "two_reports", "agencies", "years", "output_dir"},
}


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_one_typed_commented_parameters_cell(name: str) -> None:
    nb = load_source(name).notebook()
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    params = _infer_parameters(nb)
    assert {p.name for p in params} == EXPECTED[name]
    for p in params:
        assert p.inferred_type_name in {"str", "list", "int", "bool"}, p
        assert p.help, f"{name}.{p.name} has no comment"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_data_only_through_load_corpus(name: str) -> None:
    text = load_source(name).text
    assert "from disclosure_analysis.corpus import load_corpus" in text
    for forbidden in ("read_csv", "read_parquet", "read_excel", "open(", "extract_path"):
        assert forbidden not in text, forbidden


def test_committed_notebooks_have_no_outputs() -> None:
    repo = NOTEBOOK_DIR.parent
    try:
        listed = subprocess.run(
            ["git", "ls-files", "*.ipynb"], cwd=repo, capture_output=True, text=True, check=True
        )
        paths = [repo / line for line in listed.stdout.splitlines()]
    except (OSError, subprocess.CalledProcessError):
        paths = list(NOTEBOOK_DIR.glob("*.ipynb"))
    for path in paths:
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            assert not cell.get("outputs") and not cell.get("execution_count"), f"{path} has outputs"


def test_string_parameters_stay_readable() -> None:
    assert kernel.ReadablePythonTranslator.translate_str("甲局'") == repr("甲局'")
    nb = load_source("agency").notebook()
    nb.metadata["papermill"] = {}
    nb = parameterize_notebook(nb, {"corpus": "/语料/报告", "years": [2023]})
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "'/语料/报告'" in injected.source and "\\u" not in injected.source


def test_notebook_dir_is_the_repository_folder() -> None:
    assert Path(__file__).resolve().parents[3] / "notebooks" == NOTEBOOK_DIR


def test_ipynb_pairs_are_the_sources_without_outputs() -> None:
    from disclosure_analysis.site.notebooks import paired_text

    sources = sorted(NOTEBOOK_DIR.glob("*.py"))
    assert {p.stem for p in sources} >= set(NOTEBOOKS)
    for source in sources:
        pair = source.with_suffix(".ipynb")
        fix = "python3 -m disclosure_analysis.site.notebooks"
        assert pair.is_file(), f"{pair.name} is missing: run `{fix}`"
        assert pair.read_text(encoding="utf-8") == paired_text(load_source(source.stem)), (
            f"{pair.name} is not {source.name} as a notebook: run `{fix}`"
        )


@pytest.mark.parametrize("name", ["agency", "overview"])
def test_list_parameters_work_as_papermill_passes_them(name: str) -> None:
    nb = load_source(name).notebook()
    nb.metadata["papermill"] = {}
    nb = parameterize_notebook(nb, {"years": "[2023, 2024]"})  # `-p years "[2023, 2024]"`: a string
    injected = next(c for c in nb.cells if "injected-parameters" in c.metadata.get("tags", []))
    assert "years = '[2023, 2024]'" in injected.source
    assert 'as_list(years, int, "years")' in load_source(name).text
