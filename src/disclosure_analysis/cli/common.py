"""What the sub-commands share: the input arguments, reading the inputs with progress, exit statuses.

Exit status: 0 every input was read; 1 at least one input could not be read (the output still covers
all of them); 2 usage error (bad arguments, no input files); 3 `validate --fail-on` found findings;
4 an internal error (a bug).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from contextlib import contextmanager
from typing import TYPE_CHECKING

from disclosure_analysis.errors import READ_STATUSES, SKIPPED_STATUSES

if TYPE_CHECKING:
    from disclosure_analysis.executors import Executor

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_FINDINGS, EXIT_INTERNAL = 0, 1, 2, 3, 4


#: what `sample` names on the command line, wherever a corpus or report path is asked for
SAMPLE = "sample"
JOBS_HELP = "并行的工作进程数（默认或 0：CPU 核数；1 为单进程）"
COVARIATES_HELP = (
    "协变量表 CSV：一列“机构”（编号或名称）或“地区”，可选“年度”，其余为数字列（常住人口、常住人口（万人）、"
    "一般公共预算支出（万元）等），用于每万人申请数等人均指标"
)


def add_jobs(p: argparse.ArgumentParser | argparse._MutuallyExclusiveGroup) -> None:
    """`--jobs N`, the same for every command: worker processes, by default one per core."""
    p.add_argument("--jobs", "-j", type=int, metavar="N", help=JOBS_HELP)


def jobs(args: argparse.Namespace) -> int:
    """The number of worker processes `--jobs` asks for (default, or 0: one per core)."""
    return max(1, args.jobs or os.cpu_count() or 1)


def sample_path(path: str) -> str:
    """`path`, or the embedded sample corpus's folder for "sample" (when no file or folder of that name is
    in the working folder): every command takes `sample` as a corpus."""
    if path != SAMPLE or os.path.exists(path):
        return path
    from disclosure_analysis.synth.sample import sample_corpus

    return str(sample_corpus())


def add_inputs(p: argparse.ArgumentParser) -> None:
    """The input paths and how to read them (`--jobs`, `--dask`, `--workers`, `--no-cache`, `--quiet`)."""
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找）；sample 为内置示例语料")
    where = p.add_mutually_exclusive_group()
    add_jobs(where)
    where.add_argument("--dask", metavar="ADDRESS", help="在 Dask 集群上读取：调度器地址，或 local 在本机启动集群")
    p.add_argument("--workers", type=int, help="--dask local 启动的工作进程数（默认 CPU 核数）")
    p.add_argument("--no-cache", action="store_true", help="不使用也不写入提取缓存")
    p.add_argument("--quiet", "-q", action="store_true", help="不在标准错误输出显示进度")
    add_ocr(p)


def add_ocr(p: argparse.ArgumentParser) -> None:
    """`--ocr auto|off|force`: how much to read by OCR (see `ingest.readers.ocr`)."""
    p.add_argument(
        "--ocr", choices=["auto", "off", "force"],
        help="OCR 识别图片：auto 只识别没有文本层的扫描页和图片（安装了 OCR 组件时的默认值），off 不识别，force 所有 PDF 页都识别",
    )


def apply_ocr(args: argparse.Namespace) -> str | None:
    """Put `--ocr` in force for this process and the workers it starts (an environment variable, also
    read by notebook kernels); returns why it cannot be, or None."""
    from disclosure_analysis.ingest.readers import ocr

    chosen = getattr(args, "ocr", None)
    if chosen is None:
        return None
    if chosen == "force" and not ocr.available():
        return f"--ocr force 需要 OCR 组件，请先安装：{ocr.INSTALL}"
    os.environ[ocr.ENV] = chosen
    return None


def year_list(text: str) -> list[int]:
    """'2019-2024' or '2019,2021,2023' (an argparse type)."""
    try:
        if "-" in text:
            first, last = (int(x) for x in text.split("-", 1))
            return list(range(first, last + 1))
        return [int(x) for x in text.split(",")]
    except ValueError:
        raise argparse.ArgumentTypeError(f"年份应写作 2019-2024 或 2019,2021：{text!r}") from None


def results(args: argparse.Namespace) -> list[dict] | None:
    """The extraction JSON of every input file, or None (after saying why) when there is nothing to read."""
    from disclosure_analysis.corpus.extraction import default_cache_dir, extract_many, report_files
    from disclosure_analysis.executors import ExecutorUnavailable

    files = report_files([sample_path(p) for p in args.paths])
    if not files:
        where = "、".join(args.paths)
        print(f"错误：在 {where} 中没有找到报告文件（支持 .txt .md .html .docx .pdf 等）", file=sys.stderr)
        return None
    cache = None if args.no_cache else default_cache_dir()
    try:
        with executor(args) as ex, progress(len(files), quiet=args.quiet) as tick:
            read = list(extract_many(files, cache, ex, tick))
    except ExecutorUnavailable as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return None
    return read


def executor(args: argparse.Namespace) -> Executor:
    """The executor `--jobs`/`--dask`/`--workers` ask for."""
    from disclosure_analysis.executors import make_executor

    return make_executor(jobs(args), args.dask, args.workers)


@contextmanager
def progress(total: int, quiet: bool):
    """A progress bar on stderr for `total` inputs (none when quiet or fewer than 5): yields its tick."""
    if quiet or total < 5:
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        "[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
        console=Console(stderr=True), transient=True,
    ) as bar:
        task = bar.add_task("读取报告", total=total)
        tick: Callable[[int, int], None] = lambda done, _total: bar.update(task, completed=done)  # noqa: E731
        yield tick


def exit_status(results: list[dict]) -> int:
    """0 when every input was read (or left out on purpose: hidden files, copies), else 1."""
    done = READ_STATUSES | SKIPPED_STATUSES
    return EXIT_OK if all(r["status"] in done for r in results) else EXIT_SOME_FAILED
