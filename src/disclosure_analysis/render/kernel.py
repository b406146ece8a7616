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


class ReadablePythonTranslator(PythonTranslator):
    """Writes str parameters as Python literals with their characters as they are."""

    @classmethod
    def translate_str(cls, val: str) -> str:
        return repr(val)


papermill_translators.register("python", ReadablePythonTranslator)


class QuietKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels draw inline figures, keep no history and stay off our terminal."""

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        env = dict(kw.get("env") or os.environ)
        env["MPLBACKEND"] = INLINE_BACKEND
        kw["env"] = env
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        await super()._async_launch_kernel([*kernel_cmd, "--HistoryManager.enabled=False"], **kw)


def execute(
    nb: nbformat.NotebookNode, parameters: dict[str, Any], output: Path, cwd: Path, timeout: int
) -> nbformat.NotebookNode:
    """Run `nb` with `parameters`; the executed notebook is written to `output` (also on failure).

    Raises papermill's `PapermillExecutionError` when a cell fails.
    """
    return papermill.execute_notebook(
        nb,
        str(output),
        parameters=parameters,
        cwd=str(cwd),
        progress_bar=False,
        request_save_on_cell_execute=False,
        execution_timeout=timeout,
        kernel_manager_class=QuietKernelManager,
        shutdown_kernel="immediate",  # every output has arrived; a graceful shutdown only costs time
    )
