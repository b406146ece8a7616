"""One page's work, as a task for a worker (a local process or a Dask worker): run, export, collect.

The worker runs the notebook in a scratch folder (pages get `output_dir` "."), exports the page
and returns everything the page produced: HTML, executed notebook, data files. It writes nothing to the
site: the client does (`write_output`), so workers need no access to the site folder. A page that reads
files of the site by relative paths runs in a folder of the site instead (`PageJob.cwd`, local only).
"""

from __future__ import annotations

import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from nbclient.exceptions import CellTimeoutError
from papermill.exceptions import PapermillExecutionError

from disclosure_analysis.site import scratch
from disclosure_analysis.site.editions import edition_files, render_editions
from disclosure_analysis.site.execute import execute
from disclosure_analysis.site.export import to_html
from disclosure_analysis.site.kernel import MemoryIO
from disclosure_analysis.site.links import SCORECARD, filled, scorecard_link
from disclosure_analysis.site.notebooks import Source
from disclosure_analysis.site.pages import Page


@dataclass(frozen=True)
class PageJob:
    """A page to render: the notebook source travels with it; `corpus_hash` names the corpus's content;
    `cwd`: the folder to run in, whose files are not the page's (default: a scratch folder, whose are)."""

    page: Page
    source: Source
    show_code: bool
    timeout: int
    corpus_hash: str = ""
    warm: bool = True
    cwd: str = ""


@dataclass
class PageOutput:
    """What a page produced. `error` is set when a cell failed or timed out (then there is no `html`)."""

    notebook: str  # executed .ipynb text
    html: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # path relative to the site → content
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


def render_job(job: PageJob) -> PageOutput:
    """Run and export one page. A failing cell is the page's failure; anything else raises (to be retried)."""
    started = time.perf_counter()
    with _folder(job.cwd) as work:
        nb, error = None, None
        try:
            nb = execute(
                job.source, job.page.parameters, job.page.path, work, job.timeout, job.warm, job.corpus_hash
            )
        except (PapermillExecutionError, CellTimeoutError) as exc:
            error = describe(exc)
        finally:
            text = MemoryIO.take(f"site:{job.page.path}.ipynb")
        extra: dict[str, bytes] = {}
        if nb is not None and job.page.editions:
            html, warnings, extra = render_editions(nb, job.page)
        else:
            html, warnings = to_html(nb, job.page.title, job.show_code, job.page.home) if nb else ("", [])
        files = ({} if job.cwd else {
            p.relative_to(work).as_posix(): p.read_bytes() for p in sorted(work.rglob("*")) if p.is_file()
        }) | extra
    return PageOutput(text, html, files, warnings, error, time.perf_counter() - started)


@contextmanager
def _folder(cwd: str) -> Iterator[Path]:
    """`cwd`, or a new scratch folder (removed afterwards) when it is empty."""
    if cwd:
        yield Path(cwd)
        return
    with tempfile.TemporaryDirectory(prefix="page-", dir=scratch.process_dir()) as folder:
        yield Path(folder)


def describe(exc: BaseException) -> str:
    """A failure in words (Chinese, like the rest of the run's messages)."""
    if isinstance(exc, PapermillExecutionError):
        return f"笔记本第 {exc.exec_count} 个代码单元出错：{exc.ename}: {exc.evalue}"
    if isinstance(exc, CellTimeoutError):
        return f"笔记本运行超时：{exc}"
    return f"{type(exc).__name__}: {exc}"


def write_output(site: Path, page: Page, output: PageOutput) -> None:
    """Write what a page produced into the site folder (no HTML page for a failed one)."""
    html = site / page.html
    html.parent.mkdir(parents=True, exist_ok=True)
    if output.notebook:
        (site / f"{page.path}.ipynb").write_text(output.notebook, encoding="utf-8")
    for name, content in output.files.items():
        path = site / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if output.error is None:
        text = output.html
        if page.notebook == "agency":
            text = filled(text, SCORECARD, scorecard_link(site, page.agency_id or ""))
        html.write_text(text, encoding="utf-8")
    else:
        for name in [page.html, *edition_files(page)]:
            (site / name).unlink(missing_ok=True)
