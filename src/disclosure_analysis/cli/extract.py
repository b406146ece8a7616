"""`extract`: read reports and print what was read (a table, or `--json`: the `extract --json` contract)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from disclosure_analysis.cli.common import EXIT_USAGE, add_inputs, exit_status, results


def add_extract_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extract", help="读取报告，输出提取结果（--json 为机器可读格式）")
    add_inputs(p)
    p.add_argument("--json", action="store_true", help="输出 JSON 数组（每个输入文件一个对象）")
    p.set_defaults(func=cmd_extract)


def cmd_extract(args: argparse.Namespace) -> int:
    read = results(args)
    if read is None:
        return EXIT_USAGE
    if args.json:
        json.dump(read, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        _print_summary(read)
    return exit_status(read)


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
