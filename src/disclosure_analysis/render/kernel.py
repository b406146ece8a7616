"""Executing a notebook with papermill's Python API in a real Jupyter kernel.

- String parameters are written with `repr()`, so Chinese stays readable in the injected cell
  (papermill's own translator writes \\uXXXX escapes).
- The kernel gets the inline matplotlib backend even when `MPLBACKEND=Agg` is set for this process, and
  its own log lines (not cell output) are kept off our stderr.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Any

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from papermill.translators import PythonTranslator, papermill_translators

from disclosure_analysis.plotting import INLINE_BACKEND
from disclosure_analysis.render.forkserver import ForkServer


class ReadablePythonTranslator(PythonTranslator):
    """Writes str parameters as Python literals with their characters as they are."""

    @classmethod
    def translate_str(cls, val: str) -> str:
        return repr(val)


papermill_translators.register("python", ReadablePythonTranslator)


class QuietKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels draw inline figures, keep no history and stay off our terminal.

    With a `fork_server` (set on a subclass by `execute`), kernels are forked from the preloaded server.
    """

    fork_server: ForkServer | None = None

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        kw["env"] = kernel_env(kw.get("env"))
        command = [*kernel_cmd, "--HistoryManager.enabled=False"]
        if self.fork_server is not None and command[1:3] == ["-m", "ipykernel_launcher"]:
            try:
                process = self.fork_server.fork(command[3:], kw["env"], str(kw.get("cwd") or os.getcwd()))
            except RuntimeError:
                pass  # launch it the usual way below
            else:
                provisioner = self.provisioner
                provisioner.process, provisioner.pid, provisioner.pgid = process, process.pid, process.pid
                self._reconcile_connection_info(provisioner.connection_info)
                return
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        await super()._async_launch_kernel(command, **kw)


def kernel_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a kernel: ours (or `base`) with the inline matplotlib backend."""
    return {**(base or os.environ), "MPLBACKEND": INLINE_BACKEND}


def execute(
    nb: nbformat.NotebookNode,
    parameters: dict[str, Any],
    output: Path,
    cwd: Path,
    timeout: int,
    fork_server: ForkServer | None = None,
) -> nbformat.NotebookNode:
    """Run `nb` with `parameters`; the executed notebook is written to `output` (also on failure).

    Raises papermill's `PapermillExecutionError` when a cell fails.
    """
    manager = type("PageKernelManager", (QuietKernelManager,), {"fork_server": fork_server})
    return papermill.execute_notebook(
        nb,
        str(output),
        parameters=parameters,
        cwd=str(cwd),
        progress_bar=False,
        request_save_on_cell_execute=False,
        execution_timeout=timeout,
        kernel_manager_class=manager,
        shutdown_kernel="immediate",  # every output has arrived; a graceful shutdown only costs time
    )
