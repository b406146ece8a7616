"""The command line in a child process that can be killed like the real command: forked from a server process
that imported the package once (a new interpreter per run would spend seconds on imports), never from
the test process itself (its threads make forking it unsafe)."""

from __future__ import annotations

import multiprocessing
import os
import sys
import tempfile

from disclosure_analysis.site.state import KILL_AT

_context = multiprocessing.get_context("forkserver")
_context.set_forkserver_preload(["disclosure_analysis.cli", "disclosure_analysis.site.run", "cli_child"])


def cli(*argv: str, temp: str, kill_at: str = "") -> int | None:
    """Exit status of `disclosure-analysis ARGV` with `temp` as its temp folder (also of the kernels and
    workers it starts); killed with SIGKILL at checkpoint `kill_at` (status -9) when one is named."""
    return wait(start(*argv, temp=temp, kill_at=kill_at))


def start(*argv: str, temp: str, kill_at: str = "") -> multiprocessing.process.BaseProcess:
    """`cli` without waiting for it (see `wait`)."""
    child = _context.Process(target=_main, args=(list(argv), temp, kill_at))
    child.start()
    return child


def wait(child: multiprocessing.process.BaseProcess) -> int | None:
    """The exit status of a child made by `start`, once it has ended."""
    child.join(timeout=600)
    return child.exitcode


def _main(argv: list[str], temp: str, kill_at: str) -> None:
    from disclosure_analysis.cli import main

    os.environ["TMPDIR"] = tempfile.tempdir = temp
    if kill_at:
        os.environ[KILL_AT] = kill_at
    sys.exit(main(argv))
