"""`disclosure-analysis register init CORPUS -o register.csv` (a register pre-filled from a corpus, for the
evaluator to correct) and `register check REGISTER` (read it as `assess --register` and `run --register` will)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from disclosure_analysis.cli.common import EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE, add_jobs, jobs, sample_path

COLUMNS_HELP = (
    "登记表每个机构一行，列为：编号、名称、其他名称（用 | 分隔）、上级（编号或名称）、类型（人民政府、管委会、政府部门、"
    "乡镇街道、事业单位、待确认）、层级（中央部门、省级、市级、县级、乡镇街道）、地区、应发布年度（如 2019-2024、"
    "2022-）、年报网址、发布日期（报告年度=日期，如 2023=2024-01-20；多个用；分隔）、备注。CSV（UTF-8）或 XLSX。"
)


def add_register_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "register",
        help="机构登记表：从语料生成（init）、检查（check）",
        description="机构登记表说明每个机构是什么（类型决定发布期限）、应发布哪些年度，并可补录报告中没有印的发布日期。"
        + COLUMNS_HELP,
    )
    actions = p.add_subparsers(metavar="ACTION")
    init = actions.add_parser(
        "init",
        help="从语料生成登记表，供评估人员核对、补充",
        description="按语料中的机构生成登记表：类型按名称判断（名称不能说明的为“待确认”），并在备注中列出需要核对的事项。"
        + COLUMNS_HELP,
    )
    init.add_argument("corpus", metavar="CORPUS", help="语料文件夹、build 生成的数据文件夹，或 sample（内置示例语料）")
    init.add_argument("-o", "--output", type=Path, required=True, help="写入的登记表（.csv 或 .xlsx）")
    add_jobs(init)
    init.set_defaults(func=cmd_init)
    check = actions.add_parser("check", help="检查登记表能否使用", description=COLUMNS_HELP)
    check.add_argument("register", type=Path, metavar="REGISTER", help="登记表（.csv 或 .xlsx）")
    check.set_defaults(func=cmd_check)


def cmd_init(args: argparse.Namespace) -> int:
    from disclosure_analysis.corpus import load_corpus
    from disclosure_analysis.corpus.register import register_frame, write_register

    if args.output.suffix.lower() not in (".csv", ".xlsx"):
        print(f"错误：登记表应为 .csv 或 .xlsx 文件，收到 {args.output}", file=sys.stderr)
        return EXIT_USAGE
    path = sample_path(args.corpus)
    if not Path(path).exists():
        print(f"错误：语料 {args.corpus} 不存在", file=sys.stderr)
        return EXIT_USAGE
    corpus = load_corpus(path, jobs=jobs(args))
    frame = register_frame(corpus)
    if frame.empty:
        print(f"错误：在 {args.corpus} 中没有读出任何机构的报告", file=sys.stderr)
        return EXIT_USAGE
    if args.output.suffix.lower() == ".xlsx":
        from disclosure_analysis.assess.workbook import write_sheets

        write_sheets({"登记表": frame}, args.output)
    else:
        write_register(frame, args.output)
    unknown = int((frame["类型"] == "待确认").sum())
    print(
        f"登记表列出 {len(frame)} 个机构，其中类型待确认 {unknown} 个；请核对类型、上级和应发布年度，"
        "补录报告中没有印的发布日期，然后用 assess --register 或 run --register 提供。",
        file=sys.stderr,
    )
    print(args.output)
    return EXIT_OK if corpus.unread.empty else EXIT_SOME_FAILED


def cmd_check(args: argparse.Namespace) -> int:
    from disclosure_analysis import formats
    from disclosure_analysis.corpus.register import RegisterError, load_register

    try:
        register = load_register(args.register)
    except RegisterError as exc:
        print(f"登记表有误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    names = formats.agency_kinds().names
    kinds = Counter(names[e.kind] for e in register.entries)
    dated = sum(len(e.published) for e in register.entries)
    print(
        f"登记表可以使用：{len(register.entries)} 个机构（{'、'.join(f'{k} {n} 个' for k, n in kinds.items())}），"
        f"补录的发布日期 {dated} 个。"
    )
    return EXIT_OK
