"""Cheap imports: the CLI parser and the notebooks' corpus module load no heavy dependency they do not use."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("pandas", "pypinyin", "jieba", "fpdf", "docx", "pdfplumber", "pyarrow", "IPython", "matplotlib")
READERS = ("pypinyin", "fpdf", "docx", "pdfplumber", "disclosure_analysis.ingest.extract")


def _loaded(code: str, modules: tuple[str, ...]) -> list[str]:
    """Which of `modules` a fresh interpreter has imported after running `code`."""
    probe = f"{code}\nimport sys\nprint(' '.join(m for m in {modules!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    return out.split()


def test_cli_parser_imports_nothing_heavy() -> None:
    assert _loaded("from disclosure_analysis.cli import _parser\n_parser()", HEAVY) == []


def test_corpus_and_cached_sample_do_not_load_readers_or_generator() -> None:
    code = "import disclosure_analysis.corpus, disclosure_analysis.synth.sample"
    assert _loaded(code, READERS) == []
