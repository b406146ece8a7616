"""`.state.json`: what each page was last rendered from, so unchanged pages are skipped on a rerun."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

STATE_FILE = ".state.json"
#: bump when the runner changes how pages are made, to re-render everything once
FORMAT = 2


def page_key(inputs: list[str], parameters: dict[str, Any], notebook_sha256: str, show_code: bool) -> str:
    """Hash of everything a page depends on: its report files' hashes, parameters and notebook source."""
    payload = {
        "format": FORMAT,
        "inputs": sorted(inputs),
        "parameters": parameters,
        "notebook": notebook_sha256,
        "show_code": show_code,
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def read_state(output: Path) -> dict[str, dict[str, Any]]:
    """Page path → {"key", "status", ...} from the last run (empty when missing or unreadable)."""
    try:
        data = json.loads((output / STATE_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data.get("pages", {}) if isinstance(data, dict) else {}


def write_state(output: Path, pages: dict[str, dict[str, Any]]) -> None:
    tmp = output / f"{STATE_FILE}.tmp"
    tmp.write_text(
        json.dumps({"pages": pages}, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8"
    )
    tmp.replace(output / STATE_FILE)
