"""Run one notebook with papermill: on this thread's warm kernel (`warm`) or on a kernel of its own."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import nbformat
import papermill

from disclosure_analysis.site.kernel import QuietKernelManager, source_path
from disclosure_analysis.site.notebooks import Source
from disclosure_analysis.site.warm import ENGINE


def execute(
    source: Source,
    parameters: dict[str, Any],
    page: str,
    cwd: Path,
    timeout: int,
    warm: bool = True,
    corpus_hash: str = "",
) -> nbformat.NotebookNode:
    """Run `source` with `parameters` in `cwd`; the executed notebook's text is kept as `site:<page>.ipynb`
    (also when a cell fails: take it with `MemoryIO.take`).

    `warm`: on this thread's warm kernel (`site.warm`), which reads the corpus named by the `corpus`
    parameter once while its content hash is `corpus_hash`; else on a kernel of its own.
    Raises papermill's `PapermillExecutionError` when a cell fails.
    """
    if warm:
        corpus = (str(parameters.get("corpus", "")), corpus_hash)
        engine: dict[str, Any] = {"engine_name": ENGINE, "corpus": corpus}
    else:
        engine = {"kernel_manager_class": QuietKernelManager, "shutdown_kernel": "immediate"}
    return papermill.execute_notebook(
        source_path(source),
        f"site:{page}.ipynb",
        parameters=parameters,
        cwd=str(cwd),
        progress_bar=False,
        log_output=False,
        request_save_on_cell_execute=False,
        execution_timeout=timeout,
        **engine,
    )
