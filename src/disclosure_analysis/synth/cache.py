"""Where generated artefacts are cached (`$DISCLOSURE_ANALYSIS_CACHE` or ~/.cache/disclosure-analysis)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

ENV = "DISCLOSURE_ANALYSIS_CACHE"


def cache_root() -> Path:
    return Path(os.environ.get(ENV) or Path.home() / ".cache" / "disclosure-analysis")


def write_atomic(path: Path, data: bytes) -> None:
    """Write `path` so that readers see either nothing or the whole file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
