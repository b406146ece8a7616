"""Where the runner's processes keep temporary files: one folder per process.

The folders are `<temp>/disclosure-analysis-<uid>/<pid>/`. A page's scratch folder, a kernel's connection file and openpyxl's sheet files go there. A process killed
with SIGKILL (or a pool worker that ends with its killed parent) cleans up nothing, so the next process
that makes its folder first removes the folders of processes that are no longer running; a process that
exits normally removes its own.
"""

from __future__ import annotations

import multiprocessing.util
import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from disclosure_analysis.executors import process_running

_own: tuple[int, Path] | None = None  # (pid, folder) of this process


def root() -> Path:
    """The folder holding every process's folder (in the temp folder of the moment: $TMPDIR)."""
    return Path(tempfile.gettempdir()) / f"disclosure-analysis-{os.getuid()}"


def process_dir() -> Path:
    """This process's folder, made on first use (after removing those of processes no longer running)."""
    global _own
    if _own is None or _own[0] != os.getpid():  # a forked child makes its own
        base = root()
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        remove_stale(base)
        folder = base / str(os.getpid())
        folder.mkdir(mode=0o700, exist_ok=True)
        # after the warm kernels are shut down (priority 10), also in pool workers (which skip atexit)
        multiprocessing.util.Finalize(None, shutil.rmtree, args=(folder, True), exitpriority=0)
        _own = (os.getpid(), folder)
    return _own[1]


def clean() -> None:
    """Remove what processes that are no longer running left (a run does this first, whatever it then does)."""
    if root().is_dir():
        remove_stale(root())


def remove_stale(base: Path) -> list[Path]:
    """Remove the folders in `base` of processes that are no longer running; return them."""
    stale = [p for p in base.iterdir() if p.name.isdigit() and not process_running(int(p.name))]
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
    return stale


@contextmanager
def temp_files_here() -> Iterator[Path]:
    """Within: the `tempfile` module makes its files in this process's folder (for libraries that take no
    folder, such as openpyxl for its sheets)."""
    folder = process_dir()
    before, tempfile.tempdir = tempfile.tempdir, str(folder)
    try:
        yield folder
    finally:
        tempfile.tempdir = before
