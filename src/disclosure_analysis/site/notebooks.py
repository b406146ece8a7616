"""The notebooks' jupytext sources (`notebooks/*.py`, the source of truth) as in-memory notebooks."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import jupytext
import nbformat

#: the repository's notebooks folder (src/disclosure_analysis/render → repo root)
NOTEBOOK_DIR = Path(__file__).resolve().parents[3] / "notebooks"


@dataclass(frozen=True)
class Source:
    """One notebook's source text and its content hash."""

    name: str
    text: str

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    def notebook(self) -> nbformat.NotebookNode:
        """A fresh notebook (no outputs) built from the percent-format source; cell ids are their positions
        (jupytext's are random), so the pages made from it are the same each time."""
        nb = jupytext.reads(self.text, fmt="py:percent")
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
        for number, cell in enumerate(nb.cells):
            cell.id = f"cell-{number}"
            cell.metadata.setdefault("tags", [])
        return nb


def load_source(name: str, folder: Path = NOTEBOOK_DIR) -> Source:
    """The source of notebook `name` (e.g. "agency") from `folder`."""
    path = folder / f"{name}.py"
    if not path.is_file():
        raise FileNotFoundError(f"找不到笔记本源文件 {path}")
    return Source(name, path.read_text(encoding="utf-8"))
