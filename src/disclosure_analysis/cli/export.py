"""`disclosure-analysis export STORE_OR_FOLDER --out DIR`: the corpus as a citable panel dataset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from disclosure_analysis.cli.common import (
    COVARIATES_HELP,
    EXIT_OK,
    EXIT_SOME_FAILED,
    EXIT_USAGE,
    add_jobs,
    add_ocr,
    jobs,
    sample_path,
)

DEFAULT_TITLE = "政府信息公开工作年度报告面板数据"
DEFAULT_AUTHOR = "disclosure-analysis 用户（请在 CITATION.cff 中改为数据集作者）"


def add_export_parser(subparsers: argparse._SubParsersAction) -> None:
    p = subparsers.add_parser(
        "export",
        help="导出可引用的面板数据集：CSV 与 Parquet、datapackage.json 代码本、逐值来源、CITATION.cff",
        description="把语料导出为带版本的面板数据集（每份报告一行，另有各表的长表）：每个表一个 CSV 和一个 Parquet 文件，"
        "Frictionless 格式的 datapackage.json 说明每一列的含义、单位、出处（表/行/列）和法律依据，provenance 表列出"
        "每个数值的文件、sha256、所在章节和读取方式，另附校验发现和 CITATION.cff。相同输入得到逐字节相同的文件。",
    )
    p.add_argument("corpus", metavar="STORE_OR_FOLDER", help="报告文件夹、build 生成的数据文件夹，或 sample（内置示例语料）")
    p.add_argument("--out", "-o", required=True, type=Path, metavar="DIR", help="输出文件夹（新建或覆盖其中同名文件）")
    p.add_argument("--title", default=DEFAULT_TITLE, help=f"数据集标题（默认“{DEFAULT_TITLE}”）")
    p.add_argument("--author", action="append", metavar="NAME", help="数据集作者，可重复（写入 CITATION.cff）")
    p.add_argument("--covariates", type=Path, metavar="CSV", help=COVARIATES_HELP + "（写入 per_capita 表和面板）")
    add_jobs(p)
    add_ocr(p)
    p.set_defaults(func=run_export)


def run_export(args: argparse.Namespace) -> int:
    """Export; 0 when every input was read, 1 when some could not be (they are in the manifest), 2 when the
    corpus does not exist or is empty."""
    from disclosure_analysis.corpus import load_corpus
    from disclosure_analysis.corpus.covariates import CovariatesError, load_covariates
    from disclosure_analysis.dataset.package import export

    path = Path(sample_path(args.corpus))
    if not path.exists():
        print(f"错误：{args.corpus} 不存在", file=sys.stderr)
        return EXIT_USAGE
    try:
        covariates = load_covariates(args.covariates) if args.covariates else None
    except CovariatesError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return EXIT_USAGE
    corpus = load_corpus(path, jobs=jobs(args))
    if corpus.reports.empty:
        print(f"错误：在 {args.corpus} 中没有读到任何年度报告", file=sys.stderr)
        return EXIT_USAGE
    tables = export(corpus, args.out, args.title, args.author or [DEFAULT_AUTHOR], covariates)
    print(
        f"已导出 {len(tables['panel'])} 份报告（{tables['panel']['agency_id'].nunique()} 个机构）、"
        f"{len(tables['provenance'])} 个数值及其来源；未能读取的文件 {len(corpus.unread)} 个（见 manifest 表）。",
        file=sys.stderr,
    )
    print(args.out / "datapackage.json")
    return EXIT_OK if corpus.unread.empty else EXIT_SOME_FAILED
