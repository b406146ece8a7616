"""`disclosure-analysis build PATH... --out DIR`: extract a large corpus into a Parquet store (see `corpus.store`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_analysis.cli.common import (
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    add_inputs,
    executor,
    progress,
    sample_path,
)

if TYPE_CHECKING:
    from disclosure_analysis.corpus.store import BuildSummary

SHOWN_FAILURES = 20


def add_build_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "build", help="把大量报告读入 Parquet 数据文件夹（边读边写，中断后重新运行即从断点继续）"
    )
    add_inputs(p)
    p.add_argument(
        "--out", "-o", required=True, type=Path, metavar="DIR", help="数据文件夹（新建或继续写入）"
    )
    p.add_argument(
        "--batch-size",
        type=int,
        metavar="N",
        help="每批最多的报告数：一批由一个工作进程读取，并写成每个表一个 Parquet 文件"
        "（默认 100；报告较少时自动减小，使每个工作进程分到几批）",
    )
    p.set_defaults(func=run_build)


def run_build(args: argparse.Namespace) -> int:
    from disclosure_analysis.corpus.extraction import default_cache_dir, report_files
    from disclosure_analysis.corpus.store import BATCH_SIZE, StoreError, build_store
    from disclosure_analysis.executors import ExecutorUnavailable

    batch_size = BATCH_SIZE if args.batch_size is None else args.batch_size
    paths = [sample_path(p) for p in args.paths]
    files = report_files(paths)
    if not files:
        print(f"错误：在 {'、'.join(args.paths)} 中没有找到报告文件", file=sys.stderr)
        return EXIT_USAGE
    if batch_size < 1:
        print("错误：--batch-size 至少为 1", file=sys.stderr)
        return EXIT_USAGE
    cache = None if args.no_cache else default_cache_dir()
    try:
        with executor(args) as ex, progress(len(files), quiet=args.quiet) as tick:
            summary = build_store(paths, args.out, ex, tick, cache_dir=cache, batch_size=batch_size)
    except (ExecutorUnavailable, StoreError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    _print_summary(summary, args.out)
    return EXIT_OK if summary.all_read else EXIT_SOME_FAILED


def _print_summary(summary: BuildSummary, out: Path) -> None:
    print(
        f"数据文件夹 {out}：本次读取 {summary.read} 份，跳过 {summary.skipped} 份（已在数据文件夹中或内容重复），"
        f"未能读取 {len(summary.failed)} 份"
    )
    if summary.previously_failed:
        print(f"跳过的文件中有 {summary.previously_failed} 份此前未能读取（见 manifest 表）")
    for source, reason in summary.failed[:SHOWN_FAILURES]:
        print(f"  ✗ {reason}" if source in reason else f"  ✗ {source}：{reason}")
    if len(summary.failed) > SHOWN_FAILURES:
        print(f"  …… 另有 {len(summary.failed) - SHOWN_FAILURES} 份，见 manifest 表")
