"""`.state.json`: what each page and the workbook were last made from, so unchanged ones are skipped on a rerun.

The state is a commit record, and a run writes in this order, so that an interruption at any point (even
SIGKILL) leaves a site whose next run redoes everything that may be missing or stale:

1. the state without the pages and the workbook about to be made again (they no longer count as made);
2. the pages, then the workbook (written whole, then renamed into place);
3. the state naming what was made, with their keys;
4. index.html (written whole, then renamed into place; every run writes it).

The state holds keys and statuses only, no times or paths of the machine, so it is the same for the same
inputs and the site diffs cleanly.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

STATE_FILE = ".state.json"
#: bump when the runner changes how pages are made, to re-render everything once
FORMAT = 3
#: tests of interrupted runs name a `checkpoint` here to have the run killed (SIGKILL) when it gets there
KILL_AT = "DISCLOSURE_ANALYSIS_TEST_KILL_AT"


@dataclass
class State:
    """Page path → {"key", "status"} of the pages made, and the key of the workbook ("" if none)."""

    pages: dict[str, dict[str, Any]] = field(default_factory=dict)
    tables: str = ""


def _key(payload: dict[str, Any]) -> str:
    text = json.dumps({"format": FORMAT, **payload}, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def page_key(inputs: list[str], parameters: dict[str, Any], notebook_sha256: str, show_code: bool) -> str:
    """Hash of everything a page depends on: its report files' hashes, parameters and notebook source."""
    return _key(
        {"inputs": sorted(inputs), "parameters": parameters, "notebook": notebook_sha256, "show_code": show_code}
    )


def tables_key(corpus_hash: str, agencies: tuple[str, ...], years: tuple[int, ...]) -> str:
    """Hash of everything the workbook depends on: the corpus's content and the agencies and years chosen."""
    return _key({"corpus": corpus_hash, "agencies": list(agencies), "years": list(years)})


def read_state(output: Path) -> State:
    """The state of the last run (empty when missing or unreadable)."""
    try:
        data = json.loads((output / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return State()
    if not isinstance(data, dict):
        return State()
    return State(data.get("pages", {}), data.get("tables", ""))


def write_state(output: Path, state: State) -> None:
    text = json.dumps({"pages": state.pages, "tables": state.tables}, ensure_ascii=False, indent=1, sort_keys=True)
    write_whole(output / STATE_FILE, text)


def write_whole(path: Path, text: str) -> None:
    """Write `text` to `path` so that `path` holds the old text or the new one, never a part of it."""
    partial = path.with_name(f".{path.name}.partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def checkpoint(step: str) -> None:
    """A point where a run may be interrupted: the process is killed here when `KILL_AT` names `step`."""
    if os.environ.get(KILL_AT) == step:
        os.kill(os.getpid(), signal.SIGKILL)
