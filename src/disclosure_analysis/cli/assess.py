"""`disclosure-analysis assess`: the argument parser and the command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_analysis.cli.common import add_jobs, jobs, year_list

if TYPE_CHECKING:
    from disclosure_analysis.assess.config import AssessConfig

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2
REGISTER_HELP = (
    "机构登记表 CSV 或 XLSX（编号、名称、其他名称、上级、类型、层级、地区、应发布年度、年报网址、发布日期、备注；"
    "可用 register init 生成）：机构类型、层级以它为准，补录的发布日期优先于报告所印"
)


def add_assess_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `assess` sub-command to the project CLI."""
    parser = subparsers.add_parser(
        "assess",
        help="按评估指标给年报打分，列出缺报、重复报告和上下级核对结果",
        description="按评估指标（rubric YAML）逐份评估年报，输出 <output>/assessment/：assessment.xlsx（中文，"
        "含“说明”表）、各机构记分卡、decisions.csv 和 assessment.html（可在浏览器中确认或驳回每个问题并下载 "
        "decisions.csv，下次用 --decisions 提供）。",
    )
    parser.add_argument("--params", type=Path, help="配置 YAML（可与 run 共用；默认：内置示例语料）")
    parser.add_argument("--input", help="语料文件夹（覆盖配置中的 corpus）")
    parser.add_argument("--rubric", type=Path, help="评估指标 YAML（默认 params/rubrics/default.yaml）")
    parser.add_argument("--register", type=Path, help=REGISTER_HELP)
    parser.add_argument(
        "--years",
        type=year_list,
        help="评估的年度，如 2019-2024 或 2023,2024；缺报按这些年度列出（默认：评估全部年度，缺报按语料中最新的年度）",
    )
    parser.add_argument(
        "--decisions", type=Path, help="评估人员的决定 CSV（assessment.html 下载或编辑 decisions.csv 所得）"
    )
    parser.add_argument("--output", type=Path, help="运行文件夹（结果写入其中的 assessment/）")
    add_jobs(parser)
    parser.add_argument(
        "--no-html", action="store_true", help="不运行笔记本、不生成 assessment.html（已有的旧页面会被删除）"
    )
    parser.set_defaults(func=run_assess)
    return parser


def _config(args: argparse.Namespace) -> AssessConfig:
    from disclosure_analysis.assess.config import AssessConfig, load_assess_config

    config = load_assess_config(args.params) if args.params else AssessConfig()
    return config.with_overrides(
        corpus=args.input,
        rubric=args.rubric,
        register=args.register,
        decisions=args.decisions,
        output=args.output,
        years=tuple(args.years) if args.years else None,
    )


def run_assess(args: argparse.Namespace) -> int:
    """Assess the corpus; exit 0 when done, 1 when some input or the HTML page failed, 2 for bad input files."""
    from disclosure_analysis.assess.assessment import assess
    from disclosure_analysis.assess.decisions import (
        CONFIRMED,
        DISMISSED,
        REOPENED,
        DecisionsError,
        load_decisions,
    )
    from disclosure_analysis.assess.output import WORKBOOK, remove_page, render_html, write_assessment
    from disclosure_analysis.assess.rubric import RubricError, load_rubric
    from disclosure_analysis.corpus import load_corpus
    from disclosure_analysis.corpus.register import RegisterError, load_register
    from disclosure_analysis.site.config import ConfigError
    from disclosure_analysis.site.links import update_links
    from disclosure_analysis.site.run import resolve_corpus

    try:
        config = _config(args)
        rubric = load_rubric(config.rubric)
        register = load_register(config.register) if config.register else None
        decisions = load_decisions(config.decisions) if config.decisions else None
        corpus_path = resolve_corpus(config.corpus)
    except (ConfigError, RubricError, RegisterError, DecisionsError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    corpus = load_corpus(corpus_path, jobs=jobs(args))
    if corpus.manifest.empty:
        print(
            f"错误：在 {corpus_path} 中没有找到报告文件（支持 .txt .md .html .docx .pdf 等）", file=sys.stderr
        )
        return EXIT_USAGE
    result = assess(corpus, rubric, register, decisions, config.years, config.agencies)
    folder = config.output / "assessment"
    write_assessment(result, folder)
    status = EXIT_OK if corpus.unread.empty else EXIT_SOME_FAILED
    counts = result.findings["decision"].value_counts()
    severities = result.findings["severity"].value_counts()
    print(
        f"评估了 {len(result.scores)} 份报告（{result.scores['agency_id'].nunique()} 个机构），"
        f"错误 {severities.get('error', 0)} 条、警告 {severities.get('warning', 0)} 条；"
        f"评估人员已确认 {counts.get(CONFIRMED, 0)}、已驳回 {counts.get(DISMISSED, 0)}、"
        f"报告变化需重新确认 {counts.get(REOPENED, 0)}；"
        f"{'、'.join(map(str, result.years)) or '—'} 年度缺报 {len(result.missing)} 个机构-年度；"
        f"重复报告 {len(result.duplicates)} 份未计分；未能读取的文件 {len(corpus.unread)} 个。",
        file=sys.stderr,
    )
    unmatched = result.scores.loc[result.scores["register_id"].isna(), "agency"]
    if register is not None and not unmatched.empty:
        print(
            f"登记表中找不到的机构（可在登记表“其他名称”列补充）：{'、'.join(unmatched.dropna().unique())}",
            file=sys.stderr,
        )
    if args.no_html:
        if remove_page(config.output):
            print("已删除上次生成的 assessment.html（本次未生成页面，旧页面与新结果不符）", file=sys.stderr)
    else:
        page = render_html(config.output, config.timeout)
        if page.error:
            print(f"assessment.html 生成失败：{page.error}", file=sys.stderr)
            status = EXIT_SOME_FAILED
    update_links(config.output)
    print(folder / WORKBOOK)
    return status
