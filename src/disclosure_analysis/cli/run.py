"""`disclosure-analysis run`: the argument parser and the command.

Building the parser imports nothing heavy; the runner is imported when the command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disclosure_analysis.cli.common import COVARIATES_HELP, add_jobs, add_ocr, jobs


def add_run_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `run` sub-command to the project CLI."""
    parser = subparsers.add_parser(
        "run",
        help="运行分析笔记本并生成 HTML 站点",
        description="按机构运行参数化笔记本（papermill），导出为可分享的 HTML 站点；未变化的页面自动跳过。",
    )
    parser.add_argument("--params", type=Path, help="运行配置 YAML（默认：内置示例语料的演示配置）")
    parser.add_argument("--input", help="语料文件夹或 build 生成的数据文件夹（覆盖配置中的 corpus）；sample 为内置示例语料")
    parser.add_argument("--output", type=Path, help="站点输出文件夹（覆盖配置中的 output）")
    add_jobs(parser)
    parser.add_argument(
        "--dask",
        metavar="SCHEDULER_ADDRESS|local",
        help="在 Dask 集群上运行（调度器地址，如 tcp://10.0.0.5:8786；local 为本机 --jobs 个工作进程的集群）",
    )
    parser.add_argument("--show-code", action="store_true", default=None, help="页面中保留代码单元")
    parser.add_argument(
        "--stamp",
        action="store_true",
        default=None,
        help="在 index.html 上注明生成时间（默认不注明，相同输入得到逐字节相同的站点）",
    )
    parser.add_argument(
        "--register",
        help="机构登记表 CSV 或 XLSX（见 register init）：机构类型、层级、地区和补录的发布日期以它为准",
    )
    parser.add_argument("--covariates", metavar="CSV", help=COVARIATES_HELP)
    add_ocr(parser)
    lesson = parser.add_argument_group("课堂教学（lesson 笔记本）")
    lesson.add_argument("--lesson-agency", metavar="机构名称", help="选用的机构：名称或其中一段（如 洪泽区）")
    lesson.add_argument("--lesson-year", type=int, metavar="年度", help="选用的报告年度（如 2023）")
    lesson.add_argument(
        "--two-reports",
        dest="lesson_two_reports",
        action="store_true",
        default=None,
        help="同一机构 2021 年版格式的报告与 2019 年版格式的报告对照",
    )
    parser.set_defaults(func=run_command)
    return parser


def run_command(args: argparse.Namespace) -> int:
    """Run the site; exit status 0 when every page was made from inputs all read, 1 when a page failed or an
    input could not be read, 2 for a bad configuration."""
    from disclosure_analysis.executors import ExecutorUnavailable
    from disclosure_analysis.site.config import ConfigError, RunConfig, load_config
    from disclosure_analysis.site.pages import FAILED, OK, SKIPPED
    from disclosure_analysis.site.run import run_site

    try:
        config = load_config(args.params) if args.params else RunConfig()
        config = config.with_overrides(
            corpus=args.input,
            output=args.output,
            stamp=args.stamp,
            register=args.register,
            covariates=args.covariates,
            lesson_agency=args.lesson_agency,
            lesson_year=args.lesson_year,
            lesson_two_reports=args.lesson_two_reports,
        )
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    try:
        result = run_site(config, jobs=jobs(args), show_code=args.show_code, dask=args.dask)
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return 2
    except ExecutorUnavailable as exc:
        print(f"无法使用 Dask：{exc}", file=sys.stderr)
        return 2
    print(
        f"共 {len(result.pages)} 页：生成 {result.count(OK)}，跳过 {result.count(SKIPPED)}"
        f"（报告文件、参数和笔记本均未变化），失败 {result.count(FAILED)}。",
        file=sys.stderr,
    )
    for failed in (r for r in result.pages if r.status == FAILED):
        print(f"  失败 {failed.page.path}：{failed.error}", file=sys.stderr)
    if result.unread_files:
        print(f"未能读取的输入文件 {len(result.unread_files)} 个（见 index.html 和 data/tables.xlsx 的 manifest 表）。",
              file=sys.stderr)
    print(result.index)
    return result.exit_code
