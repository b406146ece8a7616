"""`validate`: the findings of each report, and across the files given (X1 carry-over, X2/X3 表二 stock and
flow between an agency's consecutive years), as tables in Chinese; a summary line ends the output;
`--fail-on` turns the findings into an exit status."""

from __future__ import annotations

import argparse
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_analysis.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    add_inputs,
    exit_status,
    results,
)
from disclosure_analysis.errors import READ_STATUSES, SKIPPED_STATUSES

if TYPE_CHECKING:
    from rich.console import Console

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def add_validate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "validate",
        help="核对报告表格的勾稽关系和跨年度衔接，逐份列出问题",
        description="逐份核对报告（R1–R5、T1、F1 等），并在所给的文件之间核对同一机构相邻年度的衔接"
        "（X1 上年结转、X2/X3 表二存量）；最后一行为汇总。",
    )
    add_inputs(p)
    p.add_argument("--all", action="store_true", help="同时列出提示级信息（无法核对的单元格等）")
    p.add_argument("--fail-on", choices=["error", "warning"], help="发现该级别及以上的问题时退出码为 3")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    from disclosure_analysis.corpus.assemble import agency_ids, cross_report_findings
    from disclosure_analysis.formats import names

    read = results(args)
    if read is None:
        return EXIT_USAGE
    ids = agency_ids(read)
    cross: dict[str, list[dict]] = defaultdict(list)
    for f in cross_report_findings(read, ids):
        cross[f["report_id"]].append(f)
    console = Console()
    counts = {"error": 0, "warning": 0, "info": 0, "cross": 0}
    for r in read:
        name = Path(r["source"]).name
        if r["status"] not in READ_STATUSES:
            reason = (r.get("error") or {}).get("message", "")
            style = "yellow" if r["status"] in SKIPPED_STATUSES else "bold red"
            console.print(f"[{style}]✗ {name}[/]：{names.STATUSES.get(r['status'], r['status'])} — {reason}")
            continue
        found = r["findings"] + cross.get((r.get("sha256") or "")[:16], [])
        for f in found:
            counts[f["severity"]] += 1
            counts["cross"] += f["rule"] in ("X1", "X2", "X3") and f["severity"] != "info"
        shown = [f for f in found if args.all or f["severity"] != "info"]
        template = names.TEMPLATES.get(r.get("template") or "", "格式不明")
        year = f"{r['year']} 年度" if r.get("year") else "年度不详"
        head = f"{r.get('agency') or '（机关不详）'} {year}（{name}，{template}）"
        if not shown:
            console.print(f"[green]✓[/] {head}：未发现问题")
            continue
        table = Table(title=head, title_justify="left")
        for col in ("规则", "级别", "表", "行", "列", "应为", "报告所填", "说明"):
            table.add_column(col, overflow="fold")
        for f in shown:
            where = names.location(f["table"], f["row"], f["column"])
            table.add_row(
                f["rule"],
                names.SEVERITY[f["severity"]],
                *(w or "" for w in where),
                *("" if f[k] is None else f"{f[k]:g}" for k in ("expected", "printed")),
                f["message"],
            )
        console.print(table)
    _duplicates(console, read, ids)
    console.print(_summary(read, counts, args.all))
    status = exit_status(read)
    worst = max([SEVERITY_ORDER[s] for s in ("error", "warning") if counts[s]], default=-1)
    if status == EXIT_OK and args.fail_on and worst >= SEVERITY_ORDER[args.fail_on]:
        return EXIT_FINDINGS
    return status


def _duplicates(console: Console, read: list[dict], ids: dict[str, str]) -> None:
    """Say which files are reports of the same agency and year: only the first takes part in X1–X3."""
    by_key: dict[tuple[str, int], list[str]] = defaultdict(list)
    for r in read:
        if r["status"] in READ_STATUSES and r.get("year"):
            by_key[(ids[r["source"]], r["year"])].append(Path(r["source"]).name)
    for files in by_key.values():
        if len(files) > 1:
            console.print(
                f"[yellow]同一机构同一年度有 {len(files)} 份报告[/]：{'、'.join(files)}；跨年度核对只用其中的第一份"
            )


def _summary(read: list[dict], counts: dict[str, int], shown_all: bool) -> str:
    n_read = sum(r["status"] in READ_STATUSES for r in read)
    partial = sum(r["status"] == "partial" for r in read)
    skipped = sum(r["status"] in SKIPPED_STATUSES for r in read)
    unread = len(read) - n_read - skipped
    hint = "" if shown_all else "（加 --all 列出）"
    return (
        f"共 {len(read)} 个文件：读取 {n_read} 份报告（其中部分读取 {partial} 份），未能读取 {unread} 个，"
        f"略过 {skipped} 个；错误 {counts['error']} 条、警告 {counts['warning']} 条"
        f"（其中跨年度衔接 {counts['cross']} 条），提示 {counts['info']} 条{hint}。"
    )
