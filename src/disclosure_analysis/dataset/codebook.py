"""The codebook: every column of the panel and of the tidy tables with its meaning, unit, where in a report it
is printed (table, row, column) and its legal basis. Built from the formats (`formats`), their Chinese
names and the indicators' own words (`analysis.indicators`), so it cannot drift from what is computed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from disclosure_analysis import formats
from disclosure_analysis.analysis import indicators, percapita
from disclosure_analysis.corpus import schema
from disclosure_analysis.corpus.covariates import Covariates
from disclosure_analysis.formats import names

REGULATION = "《中华人民共和国政府信息公开条例》（2019 年修订，国务院令第711号）"
FORMAT = "《政府信息公开工作年度报告格式》（国办公开办函〔2019〕60号试行；国办公开办函〔2021〕30号）"
T2_BASIS = f"{REGULATION}第二十条{{block}}、第五十条第（一）项；{FORMAT}表二"
T3_BASIS = f"{REGULATION}第五十条第（二）项{{article}}；{FORMAT}表三"
T4_BASIS = f"{REGULATION}第五十条第（三）项、第五十一条；{FORMAT}表四"
#: the article behind a 表三 row, where the row names one
T3_ARTICLES = {
    "granted": "第三十六条第（一）（二）项",
    "partial": "第三十七条",
    "denied_state_secret": "第十四条",
    "denied_law_prohibited": "第十四条",
    "denied_three_security": "第十四条",
    "denied_third_party": "第十五条",
    "denied_internal_affairs": "第十六条第一款",
    "denied_process_info": "第十六条第二款",
    "denied_enforcement_file": "第十六条第二款",
    "unable_not_held": "第三十六条第（四）（五）项",
    "unable_needs_creation": "第三十八条",
    "unable_unclear": "第三十条",
    "rejected_petition": "第三十九条第一款",
    "rejected_duplicate": "第三十六条第（六）项",
    "rejected_publication": "第三十九条第二款",
    "rejected_excessive": "第三十五条",
    "other_no_correction": "第三十条",
    "other_no_fee": "第四十二条",
    "new_received": "第三十三条",
    "carried_in": "第三十三条",
    "carried_out": "第三十三条",
}
#: frictionless field types of pandas dtypes
TYPES = {"string": "string", "Int64": "integer", "Float64": "number", "boolean": "boolean"}


@dataclass(frozen=True)
class Column:
    """One column: name, type (frictionless), Chinese title, description, unit, source, legal basis."""

    name: str
    type: str
    title: str
    description: str
    unit: str = ""
    source: str = ""
    legal_basis: str = ""

    def field(self) -> dict[str, str]:
        """The column as a field of a Frictionless table schema (the extra properties are this package's)."""
        out = {"name": self.name, "type": self.type, "title": self.title, "description": self.description}
        out |= {k: v for k, v in (("unit", self.unit), ("source", self.source), ("legalBasis", self.legal_basis)) if v}
        return out


REPORT_COLUMNS = (
    Column("report_id", "string", "报告编号", "content hash (sha256, first 16 hex) of the report file"),
    Column("agency_id", "string", "机构编号", "ASCII id of the agency (name variants of one agency joined)"),
    Column("agency", "string", "机构", "agency name as printed in the title", source="报告标题"),
    Column("year", "integer", "年度", "year reported on", unit="年", source="报告标题或统计期限"),
    Column("level", "string", "层级", "中央部门, 省级, 市级, 县级 or 乡镇街道 (null when the name does not tell)", source="机构名称"),
    Column("region", "string", "地区", "the region named at the start of the agency name", source="机构名称"),
    Column("template", "string", "格式版本", "2019, 2021, mixed or pre2019"),
    Column("published", "string", "发布日期", "publication date as printed (ISO), null when not printed", source="落款或页面信息"),
    Column("status", "string", "读取状态", "ok, or partial (some tables or cells could not be read)"),
    Column("source_file", "string", "文件", "the report file, relative to the corpus folder"),
    Column("sha256", "string", "文件哈希", "sha256 of the report file"),
    Column("read_by", "string", "读取方式", "text (text layer or markup) or ocr (recognised from images)"),
)


def t2_columns() -> list[Column]:
    """The 表二 cells of both formats (a report has those of its format; the others are null)."""
    out, seen = [], set()
    t2 = formats.table2()
    for version, rows in t2.versions.items():
        for row in rows:
            for code in row.codes:
                if code in seen:
                    continue
                seen.add(code)
                unit = t2.units.get(code) or ("as printed" if code in t2.amounts else "件")
                out.append(Column(
                    f"t2_{code}", "number", names.T2_CELLS[code],
                    f"表二 {names.T2_CELLS[code]} ({version} format), as printed; null when blank, '/' or '—'",
                    unit=unit, source=f"表二 {row.block} {row.label}",
                    legal_basis=T2_BASIS.format(block=row.block.removeprefix("第二十条")),
                ))
    return out


def t3_columns() -> list[Column]:
    """The 表三 rows in the 总计 column (the applicant columns are in the `table3` table)."""
    rows = formats.table3().rows
    return [
        Column(
            f"t3_{code}", "integer", names.T3_ROWS[code], f"表三 {spec.label}, 总计 column, as printed",
            unit="件", source=f"表三 {spec.group + ' ' if spec.group else ''}{spec.label}｜总计",
            legal_basis=T3_BASIS.format(article=f"、{T3_ARTICLES[code]}" if code in T3_ARTICLES else ""),
        )
        for code, spec in rows.items()
    ]


def t4_columns() -> list[Column]:
    t4 = formats.table4()
    return [
        Column(
            f"t4_{group}_{outcome}", "integer", f"{names.T4_GROUPS[group]} {label}",
            f"表四 {names.T4_GROUPS[group]} {label}, as printed", unit="件",
            source=f"表四 {glabel}｜{label}", legal_basis=T4_BASIS,
        )
        for group, glabel in t4.groups
        for outcome, label in t4.outcomes
    ]


NARRATIVE_COLUMNS = (
    Column("proactive_total", "number", "主动公开信息（条）", "主动公开 total stated in the text; null when only a lower bound is stated",
           unit="条", source="正文（通常为第一部分）", legal_basis=f"{REGULATION}第五十条第（一）项"),
    Column("proactive_total_at_least", "number", "主动公开信息下限（条）", "lower bound stated as 'N余条' (at least N); null when exact or not stated",
           unit="条", source="正文（通常为第一部分）", legal_basis=f"{REGULATION}第五十条第（一）项"),
    Column("applications_received", "number", "正文所述收到申请（件）", "applications received as stated in the text",
           unit="件", source="正文（通常为第一部分）", legal_basis=f"{REGULATION}第五十条第（二）项"),
    Column("info_processing_fee", "number", "信息处理费（元）", "信息处理费 collected as stated ('未收取' = 0); null when not stated",
           unit="元", source="正文第六部分（没有时为其他部分）", legal_basis=indicators.BY_CODE["info_processing_fee"].legal_basis),
)
CHECK_COLUMNS = (
    Column("t3_fails_identities", "boolean", "表三不平衡", "表三 fails R1, R2 or R3 (its rates are not computed); null when the report has no 表三",
           source="表三", legal_basis=f"{FORMAT}表三（本列数据的勾稽关系）"),
    Column("t4_fails_identities", "boolean", "表四不平衡", "表四 fails R5 (its rates are not computed); null when the report has no 表四",
           source="表四", legal_basis=f"{FORMAT}表四"),
)


def indicator_columns() -> list[Column]:
    out = []
    for ind in indicators.INDICATORS:
        what = (f"{ind.definition}: {ind.numerator_text} ÷ {ind.denominator_text}, a share 0–1; null unless "
                f"{ind.code}_status is ok") if ind.is_rate else f"{ind.definition}; null unless {ind.code}_status is ok"
        out.append(Column(ind.code, "number", ind.name, what, unit="比例（0–1）" if ind.is_rate else ind.unit,
                          source=ind.source, legal_basis=ind.legal_basis))
        out.append(Column(f"{ind.code}_status", "string", f"{ind.name}（状态）",
                          "ok; unbalanced (the table fails its identities); blank (a cell it needs is blank); "
                          "zero_denominator; not_applicable (the report's format has no such row)"))
    return out


def per_capita_columns(covariates: Covariates) -> list[Column]:
    """The panel's columns from a covariates file: each covariate (`cov_<name>`) as given, then each
    per-capita figure and its status."""
    matched = "机构（编号、登记表编号或名称）" if covariates.by == "agency" else "地区"
    source = f"协变量表 {Path(covariates.source).name}，按{matched}与报告匹配"
    out = [
        Column(f"cov_{c}", "number", covariates.name(c), f"covariate {c} as given in the covariates file for the "
               "report's agency or region and year (a row for every year when the file has none for the year)",
               unit=covariates.unit(c), source=source)
        for c in covariates.columns
    ]
    for fig in percapita.FIGURES:
        out.append(Column(fig.code, "number", fig.name, f"{fig.definition}: {fig.numerator_text} ÷ 常住人口 × "
                          f"{percapita.PER:,}; null unless {fig.code}_status is ok", unit=fig.unit,
                          source=f"{fig.source}（{source}）"))
        out.append(Column(f"{fig.code}_status", "string", f"{fig.name}（状态）",
                          "ok; unbalanced (the table fails its identities); blank (the count is blank); "
                          "no_covariate (no population for the report in the covariates file)"))
    return out


def panel_columns() -> list[Column]:
    """Every column of the panel, in order (the 信息处理费 stated is there as the indicator of that name)."""
    stated = [c for c in NARRATIVE_COLUMNS if c.name not in indicators.BY_CODE]
    return [
        *REPORT_COLUMNS, *stated, *t2_columns(), *t3_columns(), *t4_columns(), *CHECK_COLUMNS, *indicator_columns(),
    ]


def table_columns(table: str) -> list[Column]:
    """The columns of a tidy table of `corpus.schema` (its registry's descriptions; legal bases are those
    of the table the rows come from, the rows' own are in `codes()`)."""
    sources = {"table2": "表二", "table3": "表三（各申请人类型列）", "table4": "表四", "narrative": "正文"}
    return [
        Column(name, TYPES[dtype], names.COLUMNS.get(name, name), description,
               source=sources.get(table, "") if name == "value" else "")
        for name, dtype, description in schema.TABLES[table]
    ]


def codes() -> list[dict[str, str]]:
    """One row per code a tidy table uses in its `code`, `row`, `column`, `group`/`outcome` or `figure`
    columns, and per indicator: what it is (Chinese), unit, where it is printed, legal basis."""
    out = []
    for col in t2_columns():
        out.append({"table": "table2", "code": col.name.removeprefix("t2_"), "label": col.title, "unit": col.unit,
                    "source": col.source, "legal_basis": col.legal_basis})
    for col in t3_columns():
        out.append({"table": "table3", "code": col.name.removeprefix("t3_"), "label": col.title, "unit": "件",
                    "source": col.source.replace("｜总计", ""), "legal_basis": col.legal_basis})
    for code, label in formats.table3().columns:
        out.append({"table": "table3.column", "code": code, "label": label, "unit": "", "source": f"表三 申请人情况｜{label}",
                    "legal_basis": T3_BASIS.format(article="")})
    for col in t4_columns():
        out.append({"table": "table4", "code": col.name.removeprefix("t4_"), "label": col.title, "unit": "件",
                    "source": col.source, "legal_basis": col.legal_basis})
    for col in NARRATIVE_COLUMNS:
        out.append({"table": "narrative", "code": col.name, "label": col.title, "unit": col.unit, "source": col.source,
                    "legal_basis": col.legal_basis})
    for ind in indicators.INDICATORS:
        formula = f"{ind.numerator_text} ÷ {ind.denominator_text}" if ind.is_rate else ind.numerator_text
        out.append({"table": "indicators", "code": ind.code, "label": f"{ind.name}：{ind.definition}（{formula}）",
                    "unit": "比例（0–1）" if ind.is_rate else ind.unit, "source": ind.source,
                    "legal_basis": ind.legal_basis})
    return out
