"""Command line: `disclosure-analysis extract|validate|problems|synth|run|assess|register|build|export|sample …`.

Thin: one module per sub-command parses its arguments and calls the package; what they share (input
arguments, progress, exit statuses) is in `common`. May import every other package; nothing imports it.

Exit status: 0 every input was read; 1 at least one input could not be read (the output still covers
all of them); 2 usage error (bad arguments, no input files); 3 `validate --fail-on` found findings;
4 an internal error (a bug: one line on stderr and a log file with the traceback; `--debug` prints it).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
import traceback
from collections.abc import Sequence
from pathlib import Path

from disclosure_analysis.cli.common import EXIT_INTERNAL, EXIT_USAGE, apply_ocr


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if (getattr(args, "jobs", None) or 0) < 0:
        print("错误：--jobs 不能为负数", file=sys.stderr)
        return EXIT_USAGE
    refused = apply_ocr(args)
    if refused:
        print(f"错误：{refused}", file=sys.stderr)
        return EXIT_USAGE
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, keep the traceback in a log
        if args.debug:
            traceback.print_exc()
            return EXIT_INTERNAL
        log = _crash_log(traceback.format_exc())
        print(
            f"内部错误（程序缺陷，不是输入文件的问题）：{type(exc).__name__}: {exc}\n"
            f"详细信息已写入 {log}；报告问题时请附上此文件（加 --debug 可直接显示）。",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _crash_log(text: str) -> Path:
    """Write `text` to a new log file in the cache folder (or the temp folder) and return its path."""
    name = f"error-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.log"
    base = os.environ.get("DISCLOSURE_ANALYSIS_CACHE") or Path.home() / ".cache" / "disclosure-analysis"
    for folder in (Path(base) / "logs", Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            (folder / name).write_text(text, encoding="utf-8")
            return folder / name
        except OSError:
            continue
    return Path(name)


def _parser() -> argparse.ArgumentParser:
    from disclosure_analysis import __version__

    parser = argparse.ArgumentParser(
        prog="disclosure-analysis",
        description="把政府信息公开工作年度报告读成经过校验的数据，并生成分析页面和可引用的数据集。"
        "凡要求语料或报告路径之处都可写 sample（内置示例语料）。"
        "退出码：0 全部读取；1 有文件未能读取；2 用法错误；3 validate --fail-on 发现问题；4 程序内部错误。",
    )
    parser.add_argument("--version", action="version", version=f"disclosure-analysis {__version__}",
                        help="显示版本号并退出")
    sub = parser.add_subparsers(metavar="命令")

    # each sub-command's module imports what it runs only when it runs: building the parser stays cheap
    from disclosure_analysis.cli.assess import add_assess_parser
    from disclosure_analysis.cli.build import add_build_parser
    from disclosure_analysis.cli.export import add_export_parser
    from disclosure_analysis.cli.extract import add_extract_parser
    from disclosure_analysis.cli.problems import add_problems_parser
    from disclosure_analysis.cli.register import add_register_parser
    from disclosure_analysis.cli.run import add_run_parser
    from disclosure_analysis.cli.sample import add_sample_parser
    from disclosure_analysis.cli.synth import add_synth_parser
    from disclosure_analysis.cli.validate import add_validate_parser

    add_extract_parser(sub)
    add_validate_parser(sub)
    add_problems_parser(sub)
    add_synth_parser(sub)
    add_run_parser(sub)
    add_assess_parser(sub)
    add_register_parser(sub)
    add_build_parser(sub)
    add_export_parser(sub)
    add_sample_parser(sub)
    for command in sub.choices.values():
        command.add_argument("--debug", action="store_true", help="出现程序内部错误时显示完整的 Python 回溯")
    for each in (parser, *sub.choices.values()):
        in_chinese(each)
    return parser


class _ChineseHelp(argparse.HelpFormatter):
    """argparse's help with its own words in Chinese ("用法：" for "usage: ")."""

    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


def in_chinese(parser: argparse.ArgumentParser) -> None:
    """Give a parser argparse's own words in Chinese: its usage line, section titles and the -h help."""
    parser.formatter_class = _ChineseHelp
    for group in parser._action_groups:
        group.title = {"positional arguments": "位置参数", "options": "选项", "optional arguments": "选项"}.get(
            group.title or "", group.title
        )
    for action in parser._actions:
        if isinstance(action, argparse._HelpAction):
            action.help = "显示本帮助并退出"
