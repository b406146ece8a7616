"""Command line: `disclosure-analysis extract|validate|problems|synth|run|assess|build …`.

Thin: one module per sub-command parses its arguments and calls the package; what they share (input
arguments, progress, exit statuses) is in `common`. May import every other package; nothing imports it.

Exit status: 0 every input was read; 1 at least one input could not be read (the output still covers
all of them); 2 usage error (bad arguments, no input files); 3 `validate --fail-on` found findings.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from disclosure_analysis.cli.common import EXIT_USAGE


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

    # each sub-command's module imports what it runs only when it runs: building the parser stays cheap
    from disclosure_analysis.cli.assess import add_assess_parser
    from disclosure_analysis.cli.build import add_build_parser
    from disclosure_analysis.cli.extract import add_extract_parser
    from disclosure_analysis.cli.problems import add_problems_parser
    from disclosure_analysis.cli.run import add_run_parser
    from disclosure_analysis.cli.synth import add_synth_parser
    from disclosure_analysis.cli.validate import add_validate_parser

    add_extract_parser(sub)
    add_validate_parser(sub)
    add_problems_parser(sub)
    add_synth_parser(sub)
    add_run_parser(sub)
    add_assess_parser(sub)
    add_build_parser(sub)
    return parser
