"""The embedded sample corpus: a dozen synthetic agencies × 2022–2024 in mixed formats, a few faults.

Generated on first use into the cache (`$DISCLOSURE_ANALYSIS_CACHE` or ~/.cache/disclosure-analysis),
atomically, so a half-written directory is never used. No network, no extra step.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from disclosure_analysis.synth import FORMATS, TRUTH_FILE
from disclosure_analysis.synth.cache import cache_root

SAMPLE = {"agencies": 12, "years": (2022, 2023, 2024), "formats": FORMATS, "seed": 2024, "faults": 0.15}
_SOURCES = ("synth", "formats")  # what the sample is made from: a change there means a new sample


def _version() -> str:
    """Package version plus a digest of the generator's code and data and of the sample's arguments."""
    try:
        package = version("disclosure-analysis")
    except PackageNotFoundError:
        package = "0"
    here = Path(__file__).parents[1]  # the package
    digest = hashlib.sha256(repr(SAMPLE).encode())
    for path in sorted(p for d in _SOURCES for p in (here / d).rglob("*") if p.suffix in (".py", ".yaml")):
        digest.update(path.relative_to(here).as_posix().encode() + b"\0" + path.read_bytes())
    return f"{package}-{digest.hexdigest()[:10]}"


def sample_corpus(cache_dir: str | Path | None = None) -> Path:
    """The directory of the sample corpus (reports plus truth.jsonl), generating it if needed."""
    root = Path(cache_dir) if cache_dir is not None else cache_root()
    target = root / f"sample-{_version()}"
    if (target / TRUTH_FILE).is_file():
        return target
    # the PDF and docx writers: only when the sample is made
    from disclosure_analysis.synth.generator import generate

    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=root, prefix=f".{target.name}."))
    try:
        generate(tmp, **SAMPLE)
        tmp.chmod(0o755)
        os.rename(tmp, target)
    except OSError:
        if not (target / TRUTH_FILE).is_file():  # not just another process finishing first
            raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return target
