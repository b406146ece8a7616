"""`disclosure-analysis synth OUTDIR …`: write synthetic reports and truth.jsonl."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from disclosure_analysis.cli.common import year_list
from disclosure_analysis.synth import ALL_FORMATS, FORMATS, TRUTH_FILE


def _formats(text: str) -> list[str]:
    formats = [f.strip() for f in text.split(",") if f.strip()]
    if unknown := [f for f in formats if f not in ALL_FORMATS]:
        raise argparse.ArgumentTypeError(f"不支持的格式 {unknown}，可选 {','.join(ALL_FORMATS)}")
    return formats


def add_synth_parser(subparsers: argparse._SubParsersAction) -> None:
    """Add the `synth` command."""
    p = subparsers.add_parser(
        "synth",
        help="生成已知真值的合成年报（虚构机关，用于演示、测试和基准）",
        description="生成一个虚构城市各机构的合成年度报告（txt、html、docx、pdf，可选扫描件），并写出逐格真值 truth.jsonl。",
    )
    p.add_argument("outdir", type=Path, help="输出文件夹（不存在时新建）")
    p.add_argument("--agencies", type=int, default=20, help="机关数（默认 20）")
    p.add_argument(
        "--years", type=year_list, default=year_list("2019-2024"), help="年度，如 2019-2024（默认）或 2021,2023"
    )
    p.add_argument(
        "--formats", type=_formats, default=list(FORMATS), help="格式，逗号分隔，默认 txt,html,docx,pdf；scan 为扫描件式的纯图片 PDF（需 OCR 组件才能读取）；"
        "以及用户手中常见的文本形式：crawl 网页抓取的文本（单元格连在一起）、pipe 竖线分隔的行、pipeline 每格一行带竖线、"
        "cells 每格一行（空白格消失）、skeleton 只有表头没有数字、flipbook 翻页电子书的文字、embedded 脚本/JSON 中转义的网页、"
        "markdown PDF 转换的 Markdown（见 renderings.md）"
    )
    p.add_argument("--seed", type=int, default=7, help="随机种子（默认 7）；参数相同则输出逐字节相同")
    p.add_argument("--faults", type=float, default=0.0, help="注入一处错误的报告比例（0–1）")
    p.set_defaults(func=run_synth)


def run_synth(args: argparse.Namespace) -> int:
    """Run `synth`; 0 on success, 2 on bad arguments."""
    from disclosure_analysis.synth.generator import generate

    try:
        records = generate(args.outdir, args.agencies, args.years, args.formats, args.seed, args.faults)
    except ValueError as exc:
        print(f"synth: {exc}", file=sys.stderr)
        return 2
    by_format = Counter(r["format"] for r in records)
    faulty = sum(bool(r["faults"]) for r in records)
    summary = "，".join(f"{fmt} {n} 份" for fmt, n in sorted(by_format.items()))
    print(
        f"已生成 {len(records)} 份报告（{summary}），其中 {faulty} 份含注入错误；真值见 {args.outdir / TRUTH_FILE}"
    )
    return 0
