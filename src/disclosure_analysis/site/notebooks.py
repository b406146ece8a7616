"""The notebooks' jupytext sources (`notebooks/*.py`, the source of truth) as in-memory notebooks, and the
`.ipynb` files paired with them (for `papermill notebooks/agency.ipynb …` and Jupyter without jupytext).

The pairs carry no outputs and are generated, never edited: `python3 -m disclosure_analysis.site.notebooks`
writes them again from the sources (a test fails, naming this command, when one is out of date).
"""

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


def paired_text(source: Source) -> str:
    """The `.ipynb` paired with `source`: its notebook without outputs, cell ids by position, as nbformat
    writes it (the same source gives the same bytes)."""
    return nbformat.writes(source.notebook()) + "\n"


def write_pairs(folder: Path = NOTEBOOK_DIR) -> list[Path]:
    """Write `<name>.ipynb` beside every `<name>.py` of `folder` whose text differs; returns those written."""
    written = []
    for path in sorted(folder.glob("*.py")):
        target = path.with_suffix(".ipynb")
        text = paired_text(load_source(path.stem, folder))
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
            written.append(target)
    return written


if __name__ == "__main__":
    for made in write_pairs():
        print(made)
