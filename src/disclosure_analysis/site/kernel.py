"""Executing a notebook with papermill's Python API in a real Jupyter kernel: a warm one or a fresh one.

- String parameters are written with `repr()`, so Chinese stays readable in the injected cell
  (papermill's own translator writes \\uXXXX escapes).
- The kernel gets the inline matplotlib backend even when `MPLBACKEND=Agg` is set for this process, and
  its own log lines (not cell output) are kept off our stderr.
- Outputs are taken from the kernel's messages without nbformat's jsonschema check of each one (2 ms
  an output, more than the rest of nbclient's work on it); the notebook is validated as a whole when
  papermill writes it. The two timestamps of each message are read by Python's own ISO 8601 parser
  instead of dateutil's pure-Python one (the same datetimes, 1 ms less a cell).
- Notebooks are read from and written to memory (`source:` and `site:` paths), not files: the worker
  returns the executed notebook's text to whoever writes the site.
- The executed notebook is the same for the same inputs (`reproducible`): no start and end times or
  durations (papermill's) or message timestamps (nbclient's), the cells papermill adds (the injected
  parameters, the error markers) get ids named after them instead of random ones, and text printed to a
  stream is one output however the kernel cut it into messages. Kernels name a cell's code without their
  process id (`STARTUP`, `inkernel.stable_cell_names`), so a warning's text is the same in every kernel.
- Kernel connection files are in this process's scratch folder (`site.scratch`), not the temp folder.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from datetime import datetime
from typing import Any, ClassVar

import jupyter_client.jsonutil
import nbclient.client
import nbformat
import papermill.execute
from jupyter_client.manager import AsyncKernelManager
from papermill.iorw import papermill_io
from papermill.translators import PythonTranslator, papermill_translators
from traitlets import default

from disclosure_analysis.page.plotting import INLINE_BACKEND
from disclosure_analysis.site import scratch
from disclosure_analysis.site.notebooks import Source


class ReadablePythonTranslator(PythonTranslator):
    """Writes str parameters as Python literals with their characters as they are."""

    @classmethod
    def translate_str(cls, val: str) -> str:
        return repr(val)


papermill_translators.register("python", ReadablePythonTranslator)

#: the fields of each output type, as nbformat's `output_from_msg` takes them from a message's content
OUTPUT_FIELDS = {
    "execute_result": ("metadata", "data", "execution_count"),
    "display_data": ("metadata", "data"),
    "stream": ("name", "text"),
    "error": ("ename", "evalue", "traceback"),
}


def output_from_msg(msg: dict[str, Any]) -> nbformat.NotebookNode:
    """The notebook output of an IOPub message, as `nbformat.v4.output_from_msg` makes it, unchecked.

    Raises ValueError for a message that is not an output (nbclient then logs and skips it).
    """
    kind = msg["header"]["msg_type"]
    if kind not in OUTPUT_FIELDS:
        raise ValueError(f"Unrecognized output msg type: {kind!r}")
    content = msg["content"]
    return nbformat.from_dict({"output_type": kind, **{name: content[name] for name in OUTPUT_FIELDS[kind]}})


nbclient.client.output_from_msg = output_from_msg  # nbclient's outputs (papermill runs nbclient)
# what jupyter_client's `parse_date` calls on strings matching its ISO 8601 pattern
jupyter_client.jsonutil._dateutil_parse = datetime.fromisoformat


#: the tags of the cells papermill adds to a notebook: ids are made from them
ADDED_CELL_TAGS = ("injected-parameters", "papermill-error-cell-tag")
_TIMES = ("start_time", "end_time", "duration")


def reproducible(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """`nb` (changed in place) without wall-clock times and with the ids of added cells made from their tags.

    The source's cells keep their ids (`Source.notebook`); the first cell added with a tag gets the tag as
    its id, a later one the tag and its number ("papermill-error-cell-tag-2").
    """
    for key in _TIMES:
        nb.metadata.get("papermill", {}).pop(key, None)
    added: dict[str, int] = {}
    for cell in nb.cells:
        if "outputs" in cell:
            cell.outputs = _joined_streams(cell.outputs)
        cell.metadata.pop("execution", None)  # nbclient's iopub/shell timestamps
        for key in _TIMES:
            cell.metadata.get("papermill", {}).pop(key, None)
        tag = next((t for t in cell.metadata.get("tags", []) if t in ADDED_CELL_TAGS), None)
        if tag is not None:
            added[tag] = added.get(tag, 0) + 1
            cell.id = tag if added[tag] == 1 else f"{tag}-{added[tag]}"
    return nb


def _joined_streams(outputs: list[nbformat.NotebookNode]) -> list[nbformat.NotebookNode]:
    """`outputs` with each run of text printed to one stream as one output: how the kernel cut it into
    messages depends on timing."""
    joined: list[nbformat.NotebookNode] = []
    for out in outputs:
        last = joined[-1] if joined else None
        if (
            last is not None
            and out.get("output_type") == last.get("output_type") == "stream"
            and out.get("name") == last.get("name")
        ):
            last["text"] = _text(last["text"]) + _text(out["text"])
        else:
            joined.append(out)
    return joined


def _text(text: str | list[str]) -> str:
    return text if isinstance(text, str) else "".join(text)


_write_ipynb = papermill.execute.write_ipynb


def _write_reproducible(nb: nbformat.NotebookNode, path: str) -> None:
    _write_ipynb(reproducible(nb), path)


papermill.execute.write_ipynb = _write_reproducible  # every write of an executed notebook, failed ones too


class MemoryIO:
    """papermill I/O for notebooks held in this process: the sources (`source:`) and executed pages (`site:`)."""

    notebooks: ClassVar[dict[str, str]] = {}

    @classmethod
    def read(cls, path: str) -> str:
        return cls.notebooks[path]

    @classmethod
    def write(cls, buf: str, path: str) -> None:
        cls.notebooks[path] = buf

    @classmethod
    def pretty_path(cls, path: str) -> str:
        return path

    @classmethod
    def listdir(cls, path: str) -> list[str]:
        raise NotImplementedError("notebooks in memory cannot be listed")

    @classmethod
    def take(cls, path: str) -> str:
        """The text written to `path` ("" if none), forgotten here."""
        return cls.notebooks.pop(path, "")


papermill_io.register("source:", MemoryIO)
papermill_io.register("site:", MemoryIO)


#: run by every kernel when it starts (binds no name in the user namespace)
STARTUP = "__import__('disclosure_analysis.site.inkernel').site.inkernel.stable_cell_names()"


class QuietKernelManager(AsyncKernelManager):
    """A kernel manager whose kernels draw inline figures, keep no history and stay off our terminal, and
    whose connection files are in this process's scratch folder (removed with it, also after a SIGKILL)."""

    @default("connection_file")
    def _connection_file_in_scratch(self) -> str:
        return str(scratch.process_dir() / f"kernel-{uuid.uuid4().hex}.json")

    async def _async_launch_kernel(self, kernel_cmd: list[str], **kw: Any) -> None:
        kw["env"] = kernel_env(kw.get("env"))
        kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
        options = ["--HistoryManager.enabled=False", f"--IPKernelApp.exec_lines={STARTUP}"]
        await super()._async_launch_kernel([*kernel_cmd, *options], **kw)


def kernel_env(base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of a kernel: ours (or `base`) with the inline matplotlib backend."""
    return {**(base or os.environ), "MPLBACKEND": INLINE_BACKEND}


def source_path(source: Source) -> str:
    """The papermill path of `source` as a notebook (converted once per process and version)."""
    path = f"source:{source.name}-{source.sha256[:12]}.ipynb"
    if path not in MemoryIO.notebooks:
        MemoryIO.notebooks[path] = nbformat.writes(source.notebook())
    return path
