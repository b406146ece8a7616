"""`run_site`: execute the notebooks per agency in parallel and assemble the HTML site.

Site layout under the output folder:
    index.html                       links to every page, with a status per page
    overview.html / case_study.html  (+ the executed .ipynb beside each page)
    agencies/<agency-id>.html        one page per agency (+ .ipynb)
    data/<page>/<chart>.csv          the tidy data behind every chart
    data/tables.xlsx                 the main tables
    .state.json                      what each page was rendered from (for incremental reruns)
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import Executor, ThreadPoolExecutor, as_completed
from pathlib import Path

from papermill.exceptions import PapermillExecutionError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from disclosure_analysis import analysis, formats, schema
from disclosure_analysis.corpus import Corpus, load_corpus
from disclosure_analysis.render.config import SAMPLE, RunConfig
from disclosure_analysis.render.export import to_html
from disclosure_analysis.render.forkserver import ForkServer, start_server
from disclosure_analysis.render.index import render_index
from disclosure_analysis.render.kernel import execute, kernel_env
from disclosure_analysis.render.notebooks import NOTEBOOK_DIR, Source, load_source
from disclosure_analysis.render.pages import FAILED, OK, SKIPPED, Page, PageResult, RunResult
from disclosure_analysis.render.plan import plan_pages
from disclosure_analysis.render.state import page_key, read_state, write_state
from disclosure_analysis.render.workbook import write_workbook


def resolve_corpus(corpus: str) -> Path:
    """The corpus folder: `sample` is the embedded sample corpus."""
    if corpus == SAMPLE:
        from disclosure_analysis.sample import sample_corpus

        return Path(sample_corpus()).resolve()
    return Path(corpus).resolve()


def run_site(
    config: RunConfig,
    jobs: int | None = None,
    show_code: bool | None = None,
    progress: bool = True,
    notebook_dir: Path = NOTEBOOK_DIR,
    executor: Callable[[int], Executor] = ThreadPoolExecutor,
) -> RunResult:
    """Render the site `config` describes; pages whose inputs did not change since the last run are skipped.

    `show_code` overrides the configuration; `executor(workers)` makes the pool the pages run on (a thread
    pool by default: each page's work happens in its own kernel process).
    """
    show_code = config.show_code if show_code is None else show_code
    output = config.output.resolve()
    output.mkdir(parents=True, exist_ok=True)
    corpus_path = resolve_corpus(config.corpus)
    workers = jobs or os.cpu_count() or 1
    corpus = load_corpus(corpus_path, jobs=workers)  # extracts new files; the kernels then read the cache
    pages, results = plan_pages(corpus, config, corpus_path, output)
    sources = {name: load_source(name, notebook_dir) for name in {p.notebook for p in pages}}
    previous = read_state(output)
    keys = {p.path: page_key(p.inputs, p.parameters, sources[p.notebook].sha256, show_code) for p in pages}
    todo = []
    for page in pages:
        last = previous.get(page.path, {})
        if last.get("key") == keys[page.path] and last.get("status") == OK and (output / page.html).is_file():
            results.append(PageResult(page, SKIPPED))
        else:
            todo.append(page)
    # more pages than workers: later kernels are forked from a server that has done the imports
    server = start_server(kernel_env()) if len(todo) > workers else None
    try:
        results += _render_all(
            todo, sources, output, show_code, config.timeout, workers, progress, executor, server
        )
    finally:
        if server is not None:
            server.close()
    order = {p.path: i for i, p in enumerate(pages)}
    results.sort(key=lambda r: order.get(r.page.path, -1))
    write_state(
        output,
        {
            r.page.path: {"key": keys[r.page.path], "status": OK if r.status != FAILED else FAILED}
            for r in results
            if r.page.path in keys
        },
    )
    workbook = output / "data" / "tables.xlsx"
    if todo or not workbook.is_file():  # the tables change only with the reports
        _write_tables(corpus, config, workbook)
    unread = corpus.manifest[corpus.manifest["report_id"].isna()]
    result = RunResult(
        output,
        results,
        [f"{Path(s).name}：{r}" for s, r in zip(unread["source"], unread["reason"], strict=True)],
    )
    label = "内置示例语料" if config.corpus == SAMPLE else str(corpus_path)
    result.index.write_text(render_index(result, label), encoding="utf-8")
    return result


def _render_all(
    pages: list[Page],
    sources: dict[str, Source],
    output: Path,
    show_code: bool,
    timeout: int,
    jobs: int,
    progress: bool,
    executor: Callable[[int], Executor],
    server: ForkServer | None,
) -> list[PageResult]:
    results = []
    bar = Progress(
        TextColumn("生成页面"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.description}"),
        console=Console(stderr=True),
        disable=not progress or not pages,
    )
    with bar, executor(max(1, min(jobs, len(pages) or 1))) as pool:
        task = bar.add_task("", total=len(pages))
        futures = [
            pool.submit(render_page, p, sources[p.notebook], output, show_code, timeout, server)
            for p in pages
        ]
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            bar.update(task, advance=1, description=f"{result.page.path} {result.status}")
    return results


def render_page(
    page: Page, source: Source, output: Path, show_code: bool, timeout: int, server: ForkServer | None = None
) -> PageResult:
    """Execute one notebook and export its page; any failure is caught and reported in the result."""
    started = time.perf_counter()
    html_path = output / page.html
    html_path.parent.mkdir(parents=True, exist_ok=True)
    try:
        executed = execute(
            source.notebook(), page.parameters, output / f"{page.path}.ipynb", output, timeout, server
        )
        body, warnings = to_html(executed, page.title, show_code, page.home)
        html_path.write_text(body, encoding="utf-8")
    except Exception as exc:  # one failing page must not stop the others
        html_path.unlink(missing_ok=True)
        return PageResult(page, FAILED, time.perf_counter() - started, error=_describe(exc))
    return PageResult(page, OK, time.perf_counter() - started, warnings=warnings)


def _describe(exc: Exception) -> str:
    if isinstance(exc, PapermillExecutionError):
        return f"笔记本第 {exc.exec_count} 个代码单元出错：{exc.ename}: {exc.evalue}"
    return f"{type(exc).__name__}: {exc}"


def _write_tables(corpus: Corpus, config: RunConfig, path: Path) -> None:
    ids = analysis.subset(corpus.reports, config.agencies, config.years)["report_id"]
    part = corpus.select(ids)
    metrics = analysis.report_metrics(part.reports, part.table2, part.table3, part.table4, part.narrative)
    rows = list(formats.table3().rows)
    table3 = analysis.widen(part.table3, [*analysis.KEYS, "column"], "row", rows, "Int64")
    write_workbook(
        {
            "指标 metrics": metrics,
            "报告 reports": part.reports,
            "表二 table2": part.table2,
            "表三 table3": table3,
            "表四 table4": part.table4,
            "校验 findings": part.findings,
            "文件 manifest": corpus.manifest,
            "数据字典 dictionary": schema.data_dictionary(),
        },
        path,
    )
