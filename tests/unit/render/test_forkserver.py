"""Kernels forked from the preloaded server behave as ordinary kernels and do not outlive the run."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from nbformat.v4 import new_code_cell, new_notebook

from disclosure_analysis.render.forkserver import ForkedKernel, _message, start_server
from disclosure_analysis.render.kernel import execute, kernel_env

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="kernels are forked only on POSIX")


def notebook(source: str) -> object:
    nb = new_notebook(cells=[new_code_cell(source)])
    nb.cells[0].metadata["tags"] = []
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def stdout(nb: object) -> str:
    return "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))


@pytest.mark.slow
def test_forked_kernel_has_the_imports_and_the_page_environment(tmp_path: Path) -> None:
    server = start_server(kernel_env())
    assert server is not None
    try:
        deadline = time.monotonic() + 60
        while not server._is_ready():
            assert time.monotonic() < deadline, "fork server did not start"
            time.sleep(0.1)
        source = "import os, sys\nprint('pandas' in sys.modules, os.environ['MPLBACKEND'], os.getcwd())"
        nb = execute(notebook(source), {}, tmp_path / "out.ipynb", tmp_path, 60, server)
        preloaded, backend, cwd = stdout(nb).split()
        assert preloaded == "True" and "inline" in backend and Path(cwd) == tmp_path
    finally:
        server.close()
    assert server._process.poll() is not None


@pytest.mark.slow
def test_without_a_ready_server_kernels_start_the_usual_way(tmp_path: Path) -> None:
    server = start_server(kernel_env())
    assert server is not None
    server.close()  # a dead server: fork() fails, the kernel is launched normally
    nb = execute(
        notebook("import sys\nprint('pandas' in sys.modules)"), {}, tmp_path / "o.ipynb", tmp_path, 60, server
    )
    assert stdout(nb).strip() == "False"


def test_forked_kernel_handle_and_messages() -> None:
    gone = ForkedKernel(2**22 + 12345)  # no such process
    assert gone.poll() == 0 and gone.wait(timeout=1) == 0
    gone.kill()
    assert ForkedKernel(os.getpid()).poll() is None
    assert _message('{"pid": 3}') == {"pid": 3}
    assert "error" in _message("") and "error" in _message("[1]")
