"""Writing the dataset: every table as CSV and Parquet, described by a Frictionless `datapackage.json`
(the codebook: each column's meaning, unit, source and legal basis), with `CITATION.cff`.

Layout of the output folder:
    datapackage.json   the Data Package: resources (the CSV files) with their table schemas, sizes and hashes
    CITATION.cff       how to cite the dataset (Citation File Format 1.2)
    data/<table>.csv   UTF-8, header row, nulls as empty cells (never 0)
    data/<table>.parquet  the same table with its types

A null is an empty CSV cell, and so would an empty text be: empty texts (a section printed with its
heading and tables only) are null in every file.

Versioned: the data version is a hash of the input files (their sha256s) and the package version, so the
same inputs and the same version of this package give byte-identical files; nothing records when or where
the export was made.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from disclosure_analysis import __version__
from disclosure_analysis.analysis import derived, indicators, percapita
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.corpus.covariates import Covariates
from disclosure_analysis.dataset import codebook, panel
from disclosure_analysis.dataset.codebook import Column
from disclosure_analysis.dataset.panel import relative, without_root

NAME = "gov-info-disclosure-annual-reports"
MISSING = [""]


@dataclass(frozen=True)
class Table:
    """One resource: its name, title, description, columns and primary key."""

    name: str
    title: str
    description: str
    columns: list[Column]
    key: list[str]


def tables(covariates: Covariates | None = None) -> list[Table]:
    """The resources of the dataset, in order (with a covariates file: its figures in the panel and the
    per-capita figures' long table)."""
    cols = codebook.table_columns
    extra = codebook.per_capita_columns(covariates) if covariates is not None else []
    per_capita = [
        Table("per_capita", "人均指标（长表）", "Each per-capita figure per report with its numerator, the population "
              "from the covariates file and its status.", _PER_CAPITA_COLUMNS, ["report_id", "figure"])
    ] if covariates is not None else []
    return [
        Table("panel", "面板数据（每份报告一行）", "One row per report (agency × year): the report's keys and source, "
              "figures stated in its text, every cell of 表二, 表三's 总计 column, 表四, whether its tables add up, "
              "the indicators with their status (and, with a covariates file, its figures and the per-capita "
              "figures).", [*codebook.panel_columns(), *extra], ["report_id"]),
        Table("codes", "代码表", "Every code the long tables use (表二/表三/表四 cells, stated figures, indicators): "
              "label, unit, where it is printed and legal basis.", _CODE_COLUMNS, ["table", "code"]),
        Table("reports", "报告", "One row per report read.", cols("reports"), ["report_id"]),
        Table("table2", "表二（长表）", "表二 cells, one row per report and cell code.", cols("table2"), ["report_id", "code"]),
        Table("table3", "表三（长表）", "表三 cells, one row per report, row and applicant column.", cols("table3"),
              ["report_id", "row", "column"]),
        Table("table4", "表四（长表）", "表四 cells, one row per report, group and outcome.", cols("table4"),
              ["report_id", "group", "outcome"]),
        Table("narrative", "正文所述数字", "Figures stated in the reports' text, with the quote each was read from.",
              cols("narrative"), ["report_id", "figure"]),
        Table("sections", "报告正文", "The text of each report's sections (一 to 六; tables left out), with the "
              "heading as printed.", cols("sections"), ["report_id", "section"]),
        Table("indicators", "指标（长表）", "Each indicator per report with its numerator, denominator and status.",
              _INDICATOR_COLUMNS, ["report_id", "indicator"]),
        *per_capita,
        Table("findings", "校验发现", "What the consistency checks found, per report, table, row and column.",
              cols("findings"), []),
        Table("provenance", "数据来源", "One row per value read: file, sha256, where in the report it is printed "
              "(the heading of its section) and whether it was read from text or by OCR.", _PROVENANCE_COLUMNS,
              ["report_id", "table", "code"]),
        Table("manifest", "输入文件", "One row per input file, read or not, with why.", cols("manifest"), []),
    ]


_CODE_COLUMNS = [
    Column("table", "string", "表", "table2, table3 (row codes), table3.column (applicant columns), table4, narrative or indicators"),
    Column("code", "string", "代码", "the code as used in the long tables (and, prefixed t2_/t3_/t4_, in the panel)"),
    Column("label", "string", "含义", "what it is, in Chinese"),
    Column("unit", "string", "单位", "unit"),
    Column("source", "string", "出处", "where in a report it is printed: table, row, column"),
    Column("legal_basis", "string", "法律依据", "the article of the regulation and the format that require it"),
]
_INDICATOR_COLUMNS = [
    Column("report_id", "string", "报告编号", "report"),
    Column("agency_id", "string", "机构编号", "agency"),
    Column("year", "integer", "年度", "year reported on", unit="年"),
    Column("indicator", "string", "指标", "indicator code (see the codes table, table 'indicators')"),
    Column("numerator", "number", "分子", "the numerator as computed from the report (an amount: the amount)"),
    Column("denominator", "number", "分母", "the denominator; null for an amount"),
    Column("value", "number", "数值", "numerator ÷ denominator (a share 0–1) or the amount; null unless status is ok"),
    Column("status", "string", "状态", "ok, unbalanced, blank, zero_denominator or not_applicable"),
]
_PER_CAPITA_COLUMNS = [
    Column("report_id", "string", "报告编号", "report"),
    Column("agency_id", "string", "机构编号", "agency"),
    Column("year", "integer", "年度", "year reported on", unit="年"),
    Column("figure", "string", "指标", "per-capita figure code (see the codes table, table 'per_capita')"),
    Column("numerator", "number", "分子", "the count from the report"),
    Column("population", "number", "常住人口", "population from the covariates file", unit="人"),
    Column("value", "number", "数值", "numerator ÷ population × 10,000; null unless status is ok", unit="件/万人"),
    Column("status", "string", "状态", "ok, unbalanced, blank or no_covariate"),
]
_PROVENANCE_COLUMNS = [
    Column("report_id", "string", "报告编号", "report"),
    Column("table", "string", "表", "t2, t3, t4 (table cells) or narrative (a figure stated in the text)"),
    Column("code", "string", "代码", "cell code as in `extract --json` without the table prefix, or the figure"),
    Column("value", "number", "数值", "the value as read; null when blank"),
    Column("unit", "string", "单位", "unit as printed or implied"),
    Column("flag", "string", "标记", "why the reader is unsure of this cell; null when sure"),
    Column("printed", "string", "原文", "the cell's text as printed when it is not the value"),
    Column("confidence", "number", "识别置信度", "read by OCR: its least probable character's probability"),
    Column("quote", "string", "引文", "a stated figure: the words it was read from"),
    Column("location", "string", "位置", "heading of the report section holding the table or the quote (page numbers are not kept)"),
    Column("source_file", "string", "文件", "the report file, relative to the corpus folder"),
    Column("sha256", "string", "文件哈希", "sha256 of the report file"),
    Column("read_by", "string", "读取方式", "text or ocr"),
]


def frames(corpus: Corpus, covariates: Covariates | None = None) -> dict[str, pd.DataFrame]:
    """Every table of the dataset as a DataFrame, typed as its columns say."""
    values = indicators.indicator_values(corpus.reports, corpus.table3, corpus.table4, corpus.narrative, corpus.findings)
    root = panel.corpus_root(corpus.manifest)
    rows = panel.panel(corpus, values)
    codes = codebook.codes()
    if covariates is not None:
        per_head = derived.per_capita(corpus, covariates)
        rows = panel.with_per_capita(rows, per_head, codebook.per_capita_columns(covariates))
        codes += [{"table": "per_capita", "code": f.code, "label": f"{f.name}：{f.definition}", "unit": f.unit,
                   "source": f.source, "legal_basis": ""} for f in percapita.FIGURES]
    raw = {
        "panel": rows,
        "per_capita": per_head if covariates is not None else None,
        "codes": pd.DataFrame(codes),
        "reports": corpus.reports.assign(source=relative(corpus.reports["source"], root)),
        "table2": corpus.table2, "table3": corpus.table3, "table4": corpus.table4,
        "narrative": corpus.narrative, "sections": corpus.sections, "indicators": values, "findings": corpus.findings,
        "provenance": panel.provenance(corpus),
        "manifest": corpus.manifest.assign(
            source=relative(corpus.manifest["source"], root),
            reason=without_root(corpus.manifest["reason"], root),
            duplicate_of=relative(corpus.manifest["duplicate_of"], root),
        ),
    }
    out = {}
    for table in tables(covariates):
        df = raw[table.name].reset_index(drop=True)
        df = df[[c.name for c in table.columns]].astype({c.name: panel.DTYPES[c.type] for c in table.columns})
        text = [c.name for c in table.columns if c.type == "string"]
        out[table.name] = df.assign(**{c: df[c].mask(df[c].eq("")) for c in text})  # "" is null, as in CSV
    return out


def data_version(corpus: Corpus, covariates: Covariates | None = None) -> str:
    """The package version and a hash of the input files' contents (and the covariates file's):
    "0.1.0+data.1a2b3c4d5e6f"."""
    hashes = sorted(h for h in corpus.manifest["sha256"].dropna().astype(str))
    hashes += [covariates.digest] if covariates is not None else []
    digest = hashlib.sha256("\n".join(hashes).encode()).hexdigest()[:12]
    return f"{__version__}+data.{digest}"


def export(
    corpus: Corpus, out: Path, title: str, authors: list[str], covariates: Covariates | None = None
) -> dict[str, pd.DataFrame]:
    """Write the dataset of `corpus` into `out` (see the module docstring), with the figures of `covariates`
    and the per-capita figures when given; returns its tables."""
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    written = frames(corpus, covariates)
    resources = []
    for table in tables(covariates):
        df = written[table.name]
        csv_path, parquet_path = data / f"{table.name}.csv", data / f"{table.name}.parquet"
        df.to_csv(csv_path, index=False, encoding="utf-8", lineterminator="\n")
        df.to_parquet(parquet_path, index=False, engine="pyarrow", compression="zstd")
        content = csv_path.read_bytes()
        schema: dict = {"fields": [c.field() for c in table.columns], "missingValues": MISSING}
        if table.key:
            schema["primaryKey"] = table.key
        resources.append({
            "name": table.name, "title": table.title, "description": table.description,
            "path": f"data/{table.name}.csv", "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": len(content), "hash": f"sha256:{hashlib.sha256(content).hexdigest()}",
            "schema": schema, "parquet": f"data/{table.name}.parquet",
        })
    version = data_version(corpus, covariates)
    years = sorted(int(y) for y in corpus.reports["year"].dropna().unique())
    span = f"{years[0]}–{years[-1]}" if years else "年度不详"
    package = {
        "name": NAME, "title": title, "version": version,
        "description": (
            f"{corpus.reports['agency_id'].nunique()} 个机构的 {len(corpus.reports)} 份政府信息公开工作年度报告（{span} 年度），"
            "由 disclosure-analysis 读成经过校验的整洁数据：报告空白、“/”或“—”的单元格为空值，绝不当作 0；"
            "表格勾稽关系不成立时只报告、不修改，也不据以计算比率。"
        ),
        "sources": [
            {"title": "各机构公布的政府信息公开工作年度报告（见 manifest 与 provenance 表）"},
            *([{"title": f"协变量表 {Path(covariates.source).name}（sha256 {covariates.digest}）"}] if covariates else []),
        ],
        "contributors": [{"title": a, "role": "author"} for a in authors],
        "keywords": ["政府信息公开", "年度报告", "government information disclosure", "China", "panel data"],
        "resources": resources,
    }
    (out / "datapackage.json").write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    (out / "CITATION.cff").write_text(citation(title, authors, version, package["description"]), encoding="utf-8")
    return written


def citation(title: str, authors: list[str], version: str, abstract: str) -> str:
    """CITATION.cff (Citation File Format 1.2.0) for the dataset."""
    quoted = [json.dumps(a, ensure_ascii=False) for a in authors]
    lines = [
        "cff-version: 1.2.0",
        'message: "如使用本数据集，请按以下信息引用。If you use this dataset, please cite it as below."',
        "type: dataset",
        f"title: {json.dumps(title, ensure_ascii=False)}",
        f"version: {json.dumps(version)}",
        f"abstract: {json.dumps(abstract, ensure_ascii=False)}",
        "authors:",
        *(f"  - name: {q}" for q in quoted),
        "keywords:",
        *(f"  - {k}" for k in ("政府信息公开", "年度报告", "government information disclosure", "panel data")),
        "references:",
        "  - type: software",
        '    title: "disclosure-analysis"',
        f"    version: {json.dumps(__version__)}",
        "    authors:",
        '      - name: "disclosure-analysis contributors"',
    ]
    return "\n".join(lines) + "\n"
