"""`disclosure-analysis assess`: the argument parser and the command."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_analysis.cli.common import add_jobs, jobs

if TYPE_CHECKING:
    from disclosure_analysis.assess.config import AssessConfig

EXIT_OK, EXIT_SOME_FAILED, EXIT_USAGE = 0, 1, 2


def add_assess_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Add the `assess` sub-command to the project CLI."""
    parser = subparsers.add_parser(
        "assess",
        help="按评估指标给年报打分，列出缺报机构和上下级核对结果",
        description="按评估指标（rubric YAML）逐份评估年报，输出 <output>/assessment/：assessment.xlsx、"
        "各机构记分卡、decisions.csv 和 assessment.html。",
    )
    parser.add_argument("--params", type=Path, help="配置 YAML（可与 run 共用；默认：内置示例语料）")
    parser.add_argument("--input", help="语料文件夹（覆盖配置中的 corpus）")
    parser.add_argument("--rubric", type=Path, help="评估指标 YAML（默认 params/rubrics/default.yaml）")
    parser.add_argument(
        "--roster", type=Path, help="应发布年报的机构名册 CSV（id, name, level, parent, aliases）"
    )
    parser.add_argument("--aliases", type=Path, help="名册机构的别名 YAML（id: [别名, …]）")
    parser.add_argument(
        "--decisions", type=Path, help="评估人员的决定 CSV（finding_key, decision, note, decided_by, date）"
    )
    parser.add_argument("--output", type=Path, help="运行文件夹（结果写入其中的 assessment/）")
    add_jobs(parser)
    parser.add_argument("--no-html", action="store_true", help="不运行笔记本、不生成 assessment.html")
    parser.set_defaults(func=run_assess)
    return parser


def _config(args: argparse.Namespace) -> AssessConfig:
    from disclosure_analysis.assess.config import AssessConfig, load_assess_config

    config = load_assess_config(args.params) if args.params else AssessConfig()
    return config.with_overrides(
        corpus=args.input,
        rubric=args.rubric,
        roster=args.roster,
        aliases=args.aliases,
        decisions=args.decisions,
        output=args.output,
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
    from disclosure_analysis.assess.output import WORKBOOK, render_html, write_assessment
    from disclosure_analysis.assess.roster import RosterError, load_roster
    from disclosure_analysis.assess.rubric import RubricError, load_rubric
    from disclosure_analysis.corpus import load_corpus
    from disclosure_analysis.site.config import ConfigError
    from disclosure_analysis.site.run import resolve_corpus

    try:
        config = _config(args)
        rubric = load_rubric(config.rubric)
        roster = load_roster(config.roster, config.aliases) if config.roster else None
        decisions = load_decisions(config.decisions) if config.decisions else None
    except (ConfigError, RubricError, RosterError, DecisionsError) as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    if config.aliases and not config.roster:
        print("配置错误：别名文件需要与名册（--roster）一起使用", file=sys.stderr)
        return EXIT_USAGE
    try:
        corpus_path = resolve_corpus(config.corpus)
    except ConfigError as exc:
        print(f"配置错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    corpus = load_corpus(corpus_path, jobs=jobs(args))
    if corpus.manifest.empty:
        print(
            f"错误：在 {corpus_path} 中没有找到报告文件（支持 .txt .md .html .docx .pdf 等）", file=sys.stderr
        )
        return EXIT_USAGE
    result = assess(corpus, rubric, roster, decisions, config.years, config.agencies)
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
        f"名册中缺报 {len(result.missing)} 个机构-年度；未能读取的文件 {len(corpus.unread)} 个。",
        file=sys.stderr,
    )
    unmatched = result.scores.loc[result.scores["roster_id"].isna(), "agency"]
    if roster is not None and not unmatched.empty:
        print(
            f"名册中找不到的机构（可在名册 aliases 列补充别名）：{'、'.join(unmatched.dropna().unique())}",
            file=sys.stderr,
        )
    if not args.no_html:
        page = render_html(config.output, config.timeout)
        if page.error:
            print(f"assessment.html 生成失败：{page.error}", file=sys.stderr)
            status = EXIT_SOME_FAILED
    print(folder / WORKBOOK)
    return status
