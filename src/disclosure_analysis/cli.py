"""Command line: `disclosure-analysis extract|validate|problems|synth|run|assess|build …`. Thin: parses arguments, calls the package.

Exit status: 0 every input was read; 1 at least one input could not be read (the output still covers
all of them); 2 usage error (bad arguments, no input files); 3 `validate --fail-on` found findings.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from disclosure_analysis.executors import Executor

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, EXIT_FINDINGS = 0, 1, 2, 3
READ_OK = ("ok", "partial")
SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="disclosure-analysis",
        description="把政府信息公开工作年度报告读成经过校验的数据，并生成分析页面。退出码：0 全部读取；1 有文件未能读取；2 用法错误；3 validate --fail-on 发现问题。",
    )
    sub = parser.add_subparsers(metavar="COMMAND")

    p = sub.add_parser("extract", help="读取报告，输出提取结果（--json 为机器可读格式）")
    _add_inputs(p)
    p.add_argument("--json", action="store_true", help="输出 JSON 数组（每个输入文件一个对象）")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("validate", help="核对报告表格的勾稽关系，逐份列出问题")
    _add_inputs(p)
    p.add_argument("--all", action="store_true", help="同时列出提示级信息（无法核对的单元格等）")
    p.add_argument("--fail-on", choices=["error", "warning"], help="发现该级别及以上的问题时退出码为 3")
    p.set_defaults(func=cmd_validate)

    from disclosure_analysis.assess.cli import add_assess_parser
    from disclosure_analysis.problems.cli import add_problems_parser
    from disclosure_analysis.render.cli import add_run_parser
    from disclosure_analysis.store_cli import add_build_parser
    from disclosure_analysis.synth.cli import add_synth_parser

    add_problems_parser(sub)
    add_synth_parser(sub)
    add_run_parser(sub)
    add_assess_parser(sub)
    add_build_parser(sub)
    return parser


def _add_inputs(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help="报告文件或文件夹（递归查找）")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--jobs", "-j", type=int, default=1, help="并行进程数（默认 1；0 = 全部 CPU 核）")
    where.add_argument("--dask", metavar="ADDRESS", help="在 Dask 集群上读取：调度器地址，或 local 在本机启动集群")
    p.add_argument("--workers", type=int, help="--dask local 启动的工作进程数（默认 CPU 核数）")
    p.add_argument("--no-cache", action="store_true", help="不使用也不写入提取缓存")
    p.add_argument("--quiet", "-q", action="store_true", help="不在标准错误输出显示进度")


def _results(args: argparse.Namespace) -> list[dict] | None:
    from disclosure_analysis.corpus import default_cache_dir, extract_many, report_files
    from disclosure_analysis.executors import ExecutorUnavailable

    files = report_files(args.paths)
    if not files:
        where = "、".join(args.paths)
        print(f"错误：在 {where} 中没有找到报告文件（支持 .txt .md .html .docx .pdf 等）", file=sys.stderr)
        return None
    cache = None if args.no_cache else default_cache_dir()
    try:
        with _executor(args) as executor, _progress(len(files), quiet=args.quiet) as tick:
            results = list(extract_many(files, cache, executor, tick))
    except ExecutorUnavailable as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return None
    return results


def _executor(args: argparse.Namespace) -> Executor:
    """The executor `--jobs`/`--dask`/`--workers` ask for."""
    from disclosure_analysis.executors import make_executor

    return make_executor(max(1, args.jobs or os.cpu_count() or 1), args.dask, args.workers)


@contextmanager
def _progress(total: int, quiet: bool):
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


def _exit_status(results: list[dict]) -> int:
    return EXIT_OK if all(r["status"] in READ_OK for r in results) else EXIT_SOME_FAILED


def cmd_extract(args: argparse.Namespace) -> int:
    results = _results(args)
    if results is None:
        return EXIT_USAGE
    if args.json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_summary(results)
    return _exit_status(results)


def _print_summary(results: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="提取结果", show_lines=False)
    for col in ("文件", "状态", "机关", "年度", "格式", "单元格", "问题"):
        table.add_column(col)
    for r in results:
        filled = sum(v is not None for v in r.get("cells", {}).values())
        n_err = sum(f["severity"] == "error" for f in r.get("findings", []))
        reason = (r.get("error") or {}).get("message", "")
        table.add_row(
            Path(r["source"]).name, r["status"], r.get("agency") or "—", str(r.get("year") or "—"),
            r.get("template") or "—", f"{filled}/{len(r.get('cells', {}))}",
            reason or (f"{n_err} 处错误" if n_err else ""),
        )
    Console().print(table)


def cmd_validate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    results = _results(args)
    if results is None:
        return EXIT_USAGE
    console = Console()
    worst = -1
    for r in results:
        name = Path(r["source"]).name
        if r["status"] not in READ_OK:
            console.print(f"[bold red]✗ {name}[/]：{r['status']} — {(r.get('error') or {}).get('message', '')}")
            continue
        shown = [f for f in r["findings"] if args.all or f["severity"] != "info"]
        worst = max([worst, *(SEVERITY_ORDER[f["severity"]] for f in r["findings"] if f["severity"] != "info")])
        head = f"{r.get('agency') or '（机关不详）'} {r.get('year') or ''}年（{name}，格式 {r.get('template')}）"
        if not shown:
            console.print(f"[green]✓[/] {head}：未发现问题")
            continue
        table = Table(title=head, title_justify="left")
        for col in ("规则", "级别", "表", "行", "列", "应为", "印刷值", "说明"):
            table.add_column(col, overflow="fold")
        for f in shown:
            table.add_row(*(str(f[k]) if f[k] is not None else "" for k in
                            ("rule", "severity", "table", "row", "column", "expected", "printed", "message")))
        console.print(table)
    status = _exit_status(results)
    if status == EXIT_OK and args.fail_on and worst >= SEVERITY_ORDER[args.fail_on]:
        return EXIT_FINDINGS
    return status


if __name__ == "__main__":
    sys.exit(main())
