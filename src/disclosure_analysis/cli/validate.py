"""`validate`: the findings of each report, as tables; `--fail-on` turns them into an exit status."""

from __future__ import annotations

import argparse
from pathlib import Path

from disclosure_analysis.cli.common import (
    EXIT_FINDINGS,
    EXIT_OK,
    EXIT_USAGE,
    add_inputs,
    exit_status,
    results,
)
from disclosure_analysis.errors import READ_STATUSES

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def add_validate_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help="核对报告表格的勾稽关系，逐份列出问题")
    add_inputs(p)
    p.add_argument("--all", action="store_true", help="同时列出提示级信息（无法核对的单元格等）")
    p.add_argument("--fail-on", choices=["error", "warning"], help="发现该级别及以上的问题时退出码为 3")
    p.set_defaults(func=cmd_validate)


def cmd_validate(args: argparse.Namespace) -> int:
    from rich.console import Console
    from rich.table import Table

    read = results(args)
    if read is None:
        return EXIT_USAGE
    console = Console()
    worst = -1
    for r in read:
        name = Path(r["source"]).name
        if r["status"] not in READ_STATUSES:
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
    status = exit_status(read)
    if status == EXIT_OK and args.fail_on and worst >= SEVERITY_ORDER[args.fail_on]:
        return EXIT_FINDINGS
    return status
