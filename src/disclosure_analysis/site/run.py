"""`run_site`: execute the notebooks per agency in parallel and assemble the HTML site.

Site layout under the output folder:
    index.html                       links to every page, with a status per page
    overview.html / case_study.html  (+ the executed .ipynb beside each page)
    agencies/<agency-id>.html        one page per agency (+ .ipynb)
    lesson-teacher.html / lesson-student.html / lesson-guide.md   the lesson's two editions (+ .ipynb), guide
    data/<page>/<chart>.csv          the tidy data behind every chart
    data/tables.xlsx                 the main tables
    assets/                          the scripts that draw the charts (bundled Vega-Lite), the site's font
                                     (Noto Sans CJK SC cut to the site's characters, `site.fonts`) and
                                     their licences
    .state.json                      what each page and the workbook were made from (for incremental
                                     reruns; written so that an interrupted run is finished by the next:
                                     see `site.state`)
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from disclosure_analysis import formats
from disclosure_analysis.analysis import metrics
from disclosure_analysis.corpus import Corpus, load_corpus, schema
from disclosure_analysis.corpus.covariates import CovariatesError, load_covariates
from disclosure_analysis.corpus.register import RegisterError, load_register
from disclosure_analysis.executors import Executor, WorkerError, make_executor
from disclosure_analysis.site import scratch
from disclosure_analysis.site.config import SAMPLE, ConfigError, RunConfig
from disclosure_analysis.site.export import STYLESHEET, notebook_css
from disclosure_analysis.site.fonts import site_characters, write_font
from disclosure_analysis.site.index import render_index
from disclosure_analysis.site.job import PageJob, PageOutput, describe, render_job, write_output
from disclosure_analysis.site.notebooks import NOTEBOOK_DIR, Source, load_source
from disclosure_analysis.site.pages import FAILED, OK, SKIPPED, Page, PageResult, RunResult
from disclosure_analysis.site.plan import corpus_hash, plan_pages
from disclosure_analysis.site.state import (
    State,
    checkpoint,
    page_key,
    read_state,
    tables_key,
    write_state,
    write_whole,
)
from disclosure_analysis.site.warm import close_kernels
from disclosure_analysis.site.workbook import write_workbook

STATIC = Path(__file__).parent / "static"


def resolve_corpus(corpus: str) -> Path:
    """The corpus folder (or file, or store): `sample` is the embedded sample corpus. Raises `ConfigError`
    when it does not exist or holds no file at all: an empty site is never made from a typo."""
    if corpus == SAMPLE:
        from disclosure_analysis.synth.sample import sample_corpus

        return Path(sample_corpus()).resolve()
    path = Path(corpus).resolve()
    if not path.exists():
        raise ConfigError(f"语料 {corpus} 不存在（{path}）")
    if path.is_dir() and not any(f.is_file() for f in path.rglob("*")):
        raise ConfigError(f"语料文件夹 {corpus} 中没有任何文件")
    return path


def check_inputs(config: RunConfig) -> None:
    """Raise `ConfigError` (saying what to fix) when the register or the covariates file cannot be used:
    before any page runs."""
    try:
        if config.register:
            load_register(config.register)
        if config.covariates:
            load_covariates(config.covariates)
    except (RegisterError, CovariatesError) as exc:
        raise ConfigError(str(exc)) from exc


def run_site(
    config: RunConfig,
    jobs: int | None = None,
    show_code: bool | None = None,
    progress: bool = True,
    notebook_dir: Path = NOTEBOOK_DIR,
    dask: str | None = None,
) -> RunResult:
    """Render the site `config` describes; pages whose inputs did not change since the last run are skipped.
    Raises `ConfigError` when the corpus does not exist or is empty.

    `show_code` overrides the configuration. Pages run on `jobs` local worker processes (default: one per
    core), or on the Dask cluster whose scheduler is at `dask` ("local": a local cluster of `jobs`
    workers); each worker keeps one warm kernel (`site.warm`) and the site is written here.
    """
    show_code = config.show_code if show_code is None else show_code
    corpus_path = resolve_corpus(config.corpus)
    check_inputs(config)
    scratch.clean()  # what killed runs left in the temp folder
    output = config.output.resolve()
    workers = jobs or os.cpu_count() or 1
    with make_executor(workers, dask, workers) as executor:
        # extracts new files; the kernels then read the extraction cache. Read before anything is written
        # to the output folder, which may lie inside the corpus folder (a site is not walked as input)
        with _bar(progress) as bar:
            reading = bar.add_task("读取报告", total=None, detail="（新文件提取，其余读缓存）")
            bar.refresh()
            corpus = load_corpus(
                corpus_path, executor=executor, progress=lambda done, total: bar.update(
                    reading, completed=done, total=total, refresh=True
                )
            )
        output.mkdir(parents=True, exist_ok=True)
        copy_assets(output)
        pages, results = plan_pages(corpus, config, corpus_path)
        sources = {name: load_source(name, notebook_dir) for name in {p.notebook for p in pages}}
        previous = read_state(output)
        keys = {
            p.path: page_key(p.inputs, p.parameters, sources[p.notebook].sha256, show_code) for p in pages
        }
        digest = corpus_hash(corpus)
        todo = []
        for page in pages:
            last = previous.pages.get(page.path, {})
            if (
                last.get("key") == keys[page.path]
                and last.get("status") == OK
                and (output / page.html).is_file()
            ):
                results.append(PageResult(page, SKIPPED))
            else:
                todo.append(PageJob(page, sources[page.notebook], show_code, config.timeout, digest))
        workbook = output / "data" / "tables.xlsx"
        tables = tables_key(digest, config.agencies, config.years)
        fresh_tables = previous.tables == tables and workbook.is_file()
        redo = {job.page.path for job in todo}
        if redo or not fresh_tables:  # what is made again no longer counts as made until it is
            kept = {path: entry for path, entry in previous.pages.items() if path not in redo}
            write_state(output, State(kept, previous.tables if fresh_tables else ""))
            checkpoint("pending")
        try:
            results += render_pages(todo, executor, output, progress)
        finally:
            close_kernels()  # those of this process (one worker runs the pages here)
    if not fresh_tables:
        _write_tables(corpus, config, workbook)
        checkpoint("tables")
    order = {p.path: i for i, p in enumerate(pages)}
    results.sort(key=lambda r: order.get(r.page.path, -1))
    made = {
        r.page.path: {"key": keys[r.page.path], "status": OK if r.status != FAILED else FAILED}
        for r in results
        if r.page.path in keys
    }
    write_state(output, State(made, tables))
    checkpoint("state")
    unread = corpus.unread
    result = RunResult(
        output,
        results,
        [f"{Path(s).name}：{r}" for s, r in zip(unread["source"], unread["reason"], strict=True)],
    )
    label = "内置示例语料" if config.corpus == SAMPLE else str(corpus_path)
    written = dt.datetime.now() if config.stamp else None
    index = render_index(result, label, written)
    write_whole(result.index, index)
    write_font(output / "assets", site_characters(output, [index]))
    return result


def render_pages(jobs: list[PageJob], executor: Executor, output: Path, progress: bool) -> list[PageResult]:
    """Run `jobs` on `executor` (a task that fails twice is a failed page) and write what they made."""
    results = []
    with _bar(progress and bool(jobs)) as bar:
        task = bar.add_task("生成页面", total=len(jobs), detail="首页较慢：各工作进程先启动内核、读取语料")
        bar.refresh()  # says what it is doing before the first page is done
        for i, out in executor.map_unordered(render_job, jobs):
            result = record(output, jobs[i].page, out)
            results.append(result)
            checkpoint("page")
            bar.update(task, advance=1, detail=f"{result.page.path} {result.status}", refresh=True)
    return results


def _bar(shown: bool) -> Progress:
    """A progress display on stderr: what is being done, a bar, done/total, time, the last item. Without a
    refresh thread (local workers are forked from this process): it is redrawn at each update."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[detail]}"),
        console=Console(stderr=True),
        auto_refresh=False,
        disable=not shown,
    )


def record(output: Path, page: Page, out: PageOutput | WorkerError) -> PageResult:
    """Write a page's output into the site and say how the page went."""
    if isinstance(out, WorkerError):
        (output / page.html).unlink(missing_ok=True)
        return PageResult(page, FAILED, error=f"工作进程出错：{out.detail}")
    write_output(output, page, out)
    if out.error is not None:
        return PageResult(page, FAILED, out.seconds, error=out.error)
    return PageResult(page, OK, out.seconds, warnings=out.warnings)


def render_page(
    page: Page, source: Source, output: Path, show_code: bool, timeout: int, cwd: Path | None = None
) -> PageResult:
    """One page in this process, on a kernel of its own (there is nothing to keep warm for); the assets
    it links go into `output`/assets/, the font cut to the characters of every page under `output`.
    `cwd`: a folder of the site to run in (see `PageJob.cwd`)."""
    job = PageJob(page, source, show_code, timeout, warm=False, cwd=str(cwd or ""))
    try:
        out: PageOutput | WorkerError = render_job(job)
    except Exception as exc:
        out = WorkerError(describe(exc))
    copy_assets(output)
    result = record(output, page, out)
    write_font(output / "assets", site_characters(output))
    return result


def copy_assets(site: Path) -> None:
    """What the pages link into `site`/assets/: the notebook styles, the chart scripts and their licences
    (`site/static`); files already there with the same content are left alone."""
    assets = site / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    files = {s.name: s.read_bytes() for s in sorted(STATIC.iterdir()) if s.suffix in (".js", ".txt")}
    files[STYLESHEET] = notebook_css().encode("utf-8")
    for name, content in files.items():
        target = assets / name
        if not target.is_file() or target.read_bytes() != content:
            target.write_bytes(content)


def _write_tables(corpus: Corpus, config: RunConfig, path: Path) -> None:
    ids = metrics.subset(corpus.reports, config.agencies, config.years)["report_id"]
    part = corpus.select(ids)
    per_report = metrics.report_metrics(part.reports, part.table2, part.table3, part.table4, part.narrative)
    rows = list(formats.table3().rows)
    table3 = metrics.widen(part.table3, [*metrics.KEYS, "column"], "row", rows, "Int64")
    write_workbook(
        {
            "指标 metrics": per_report,
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
