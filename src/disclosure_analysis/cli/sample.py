"""`disclosure-analysis sample`: print the embedded sample corpus's folder (made on first use)."""

from __future__ import annotations

import argparse

from disclosure_analysis.cli.common import EXIT_OK


def add_sample_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "sample",
        help="显示内置示例语料所在的文件夹（首次使用时生成）",
        description="显示内置示例语料（虚构机构的合成年报，已知真值）所在的文件夹；首次使用时离线生成。"
        "任何要求语料或报告路径的命令都可以直接写 sample，例如 disclosure-analysis validate sample。",
    )
    p.set_defaults(func=run_sample)


def run_sample(args: argparse.Namespace) -> int:
    from disclosure_analysis.synth.sample import sample_corpus

    print(sample_corpus())
    return EXIT_OK
