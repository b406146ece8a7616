"""The real reports of ../shared/corpus re-rendered the ways renderings.md describes, with and without their
title line: read back, no cell and no agency or year is wrong unless flagged (a null is allowed: the
rendering may not say a number's column, or a title-less text may not name its agency).

The renderings are made from what the reader gives for the publisher's file (its paragraphs and table
rows): pipe rows, pipe per line (an empty cell a lone `|`), one cell per line with the empty cells gone, a
row's cells space-separated (flip-book text), cells run together (a crawler's text), one Markdown table per
row with page footers, and the page as escaped HTML in a script (`&nbsp;` for an empty cell).
"""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from disclosure_analysis.corpus.extraction import extract_path
from disclosure_analysis.ingest.document import Block, Paragraph, Table
from disclosure_analysis.ingest.readers import read_document
from shared_corpus import SHARED_CORPUS, corpus_cases, load_truth

pytestmark = pytest.mark.slow

CELL_PREFIXES = ("t2.", "t3.", "t4.")
#: reports with table cells in their truth (the crawl texts are already a rendering)
CASES = [(r, t) for r, t in corpus_cases() if r.parent.name != "crawl"]
if not CASES:
    pytestmark = [pytestmark, pytest.mark.skip(reason=f"reference corpus not found at {SHARED_CORPUS}")]


def _rows(table: Table) -> list[list[str]]:
    """A table's printed cells row by row (a cell covered by a merged neighbour left out)."""
    return [[(c or "").replace("\n", "") for c in row if c is not None] for row in table.rows]


def _pipe(table: Table) -> list[str]:
    return [" | ".join(row) + " |" for row in _rows(table)]


def _pipe_per_line(table: Table) -> list[str]:
    return [f"{c} |" if c else "|" for row in _rows(table) for c in row]


def _cell_lines(table: Table) -> list[str]:
    return [line for row in _rows(table) for c in row if c.strip() for line in (c, "")]


def _spaced(table: Table) -> list[str]:
    return [" ".join(c for c in row if c.strip()) for row in _rows(table)]


def _run_together(table: Table) -> list[str]:
    return ["".join("".join(c.split()) for row in _rows(table) for c in row)]


def _markdown(table: Table) -> list[str]:
    out: list[str] = []
    for n, row in enumerate(_rows(table), 1):
        out += ["| " + " | ".join(row) + " |", "|" + "---|" * len(row), ""]
        if n % 9 == 0:
            out += [f"— {n // 9} —", ""]
    return out


def _text(blocks: list[Block], table: Callable[[Table], list[str]]) -> str:
    return "\n".join(line for b in blocks for line in ([b.text] if isinstance(b, Paragraph) else table(b))) + "\n"


def _script(blocks: list[Block]) -> str:
    def cell(c: str) -> str:
        return f'<td style="width:38px;"><p align="center">{html.escape(c) if c else "&nbsp;"}</p></td>'

    parts = [
        f"<p>{html.escape(b.text)}</p>" if isinstance(b, Paragraph)
        else "<table>" + "".join("<tr>" + "".join(map(cell, row)) + "</tr>" for row in _rows(b)) + "</table>"
        for b in blocks
    ]
    return "var article = " + json.dumps('<div class="article">' + "".join(parts) + "</div>", ensure_ascii=False) + ";\n"


RENDERINGS: dict[str, Callable[[list[Block]], str]] = {
    "pipe": lambda b: _text(b, _pipe),
    "pipeline": lambda b: _text(b, _pipe_per_line),
    "cells": lambda b: _text(b, _cell_lines),
    "spaced": lambda b: _text(b, _spaced),
    "runtogether": lambda b: _text(b, _run_together).replace("\n", " "),
    "markdown": lambda b: _text(b, _markdown),
}


def _untitled(blocks: list[Block]) -> list[Block]:
    """The blocks after the first line naming the report (pasted text that starts at the preamble)."""
    at = next((i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and "年度报告" in b.text and len(b.text) < 80), -1)
    return blocks[at + 1 :]


@pytest.mark.parametrize(("report", "truth_file"), CASES, ids=[r.name for r, _ in CASES])
def test_renderings_of_real_reports_give_no_unflagged_wrong_value(report: Path, truth_file: Path, tmp_path: Path) -> None:
    truth = load_truth(truth_file)
    expected = {k: v for k, v in truth.items() if k.startswith(CELL_PREFIXES)}
    blocks = read_document(report).blocks
    texts = {f"{name}.txt": render(blocks) for name, render in RENDERINGS.items()} | {"script.js": _script(blocks)}
    texts |= {f"untitled-{name}.txt": render(_untitled(blocks)) for name, render in RENDERINGS.items()}
    wrong, read = [], 0
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        got = extract_path(path).to_json()
        assert got["status"] in ("ok", "partial"), (name, got["error"])
        wrong += [(name, k, v, got["cells"].get(k)) for k, v in expected.items()
                  if got["cells"].get(k) not in (None, v) and not got["cell_flags"].get(k)]
        wrong += [(name, f, truth[f], got[f]) for f in ("agency", "year") if got[f] not in (None, truth[f])]
        read += sum(got["cells"].get(k) == v for k, v in expected.items())
    assert wrong == []
    assert read >= 0.75 * len(expected) * len(texts)  # most cells are read, not left null
