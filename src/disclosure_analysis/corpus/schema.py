"""One registry of the tidy tables and their columns: names, dtypes, descriptions.

Every DataFrame the corpus API returns is built through `frame()`, so column order and dtypes are the
same everywhere (notebooks, CSV/Parquet exports, the data dictionary).
"""

from __future__ import annotations

import pandas as pd

# table -> [(column, pandas dtype, description)]
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "reports": [
        ("report_id", "string", "content hash (sha256, first 16 hex) of the input file (and of the local pictures a web page shows)"),
        ("source", "string", "path of the input file"),
        ("kind", "string", "input kind: text, html, docx or pdf"),
        ("agency", "string", "agency name as printed in the title"),
        ("agency_id", "string", "ASCII, filesystem-safe id derived from the agency name"),
        ("year", "Int64", "year reported on"),
        ("template", "string", "2019, 2021, mixed or pre2019"),
        ("t2_version", "string", "format version of 表二 (2019/2021), null if absent"),
        ("t3_version", "string", "format version of 表三 (2019/2021), null if absent"),
        ("published", "string", "publication date as printed (ISO), null when not printed"),
        ("level", "string", "中央部门, 省级, 市级, 县级 or 乡镇街道 (null when the name does not tell)"),
        ("is_government", "boolean", "a people's government's own report (vs a department's)"),
        ("region", "string", "the region named at the start of the agency name, if any"),
        ("agency_kind", "string", "government, committee, department, township, institution or unknown (formats/agency_kinds.yaml)"),
        ("status", "string", "ok or partial"),
    ],
    "table2": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("code", "string", "表二 cell code (spec/codes.md)"),
        ("value", "Float64", "value as printed; null when blank, '/' or '—'"),
        ("unit", "string", "unit as printed or implied (万元 for fees_amount)"),
        ("remark", "string", "text printed beside the number, e.g. （其中修订16件）"),
        ("flag", "string", "why the parser is unsure of this cell, null when sure"),
        ("printed", "string", "the cell's text as printed when it is not the value (flagged: unreadable, impossible or converted)"),
        ("confidence", "Float64", "read by OCR: its least probable character's probability; null when read from text"),
        ("page", "Int64", "page of the file the cell is printed on (PDF/OCR, from 1); null when the file has no pages"),
        ("label", "string", "the row's label as printed in the report (表二, 表三)"),
    ],
    "table3": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("row", "string", "表三 row code"),
        ("column", "string", "applicant column code"),
        ("value", "Int64", "count as printed; null when blank"),
        ("flag", "string", "why the parser is unsure of this cell, null when sure"),
        ("printed", "string", "the cell's text as printed when it is not the value (flagged: unreadable, impossible or converted)"),
        ("confidence", "Float64", "read by OCR: its least probable character's probability; null when read from text"),
        ("page", "Int64", "page of the file the cell is printed on (PDF/OCR, from 1); null when the file has no pages"),
        ("label", "string", "the row's label as printed in the report (表二, 表三)"),
    ],
    "table4": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("group", "string", "review, suit_direct or suit_after_review"),
        ("outcome", "string", "upheld, corrected, other, pending or total"),
        ("value", "Int64", "count as printed; null when blank"),
        ("flag", "string", "why the parser is unsure of this cell, null when sure"),
        ("printed", "string", "the cell's text as printed when it is not the value (flagged: unreadable, impossible or converted)"),
        ("confidence", "Float64", "read by OCR: its least probable character's probability; null when read from text"),
        ("page", "Int64", "page of the file the cell is printed on (PDF/OCR, from 1); null when the file has no pages"),
    ],
    "sections": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("section", "string", "overview, active, applications, review_litigation, problems, other"),
        ("heading", "string", "the heading as printed"),
        ("text", "string", "the section's running text (tables left out)"),
    ],
    "narrative": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("figure", "string", "what the figure counts: proactive_total, proactive_total_at_least (stated as 'N余条'), applications_received, applications_received_at_least, info_processing_fee (元, section 六)"),
        ("value", "Float64", "the figure as stated"),
        ("quote", "string", "the sentence fragment it was read from"),
    ],
    "findings": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("rule", "string", "rule id: R1–R5, T1, X1 …"),
        ("severity", "string", "error, warning or info (info = could not be checked)"),
        ("table", "string", "t2, t3, t4 or null"),
        ("row", "string", "row code or null"),
        ("column", "string", "column code or null"),
        ("expected", "Float64", "value the identity implies"),
        ("printed", "Float64", "value as printed"),
        ("message", "string", "what is wrong, in Chinese"),
    ],
    "statements": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("kind", "string", "problem (admitted), measure (promised), rectification (of last year's problems) or framing"),
        ("text", "string", "the statement of section 五, line wraps and page footers removed"),
        ("start", "Int64", "offset of the statement's first character in the section text"),
        ("end", "Int64", "offset just past the statement's last character in the section text"),
        ("categories", "string", "codebook topics, ';'-joined ids (problems/data/codebook.yaml); other = 其他"),
        ("evidence", "string", "per topic the words and rules that decided it: id=word+word; id=word"),
        ("concrete", "string", "concrete details per part (problems/specificity.py): part=detail+detail; part=detail"),
        ("copied", "boolean", "≥ 80 % of its 5-character shingles are in the agency's previous section 五"),
        ("answers", "Int64", "measure: index (in this report's statements) of the problem it answers"),
        ("rectifies", "Int64", "rectification: index (in the previous year's statements) of the problem it reports on"),
    ],
    "problem_signals": [
        ("report_id", "string", "report"),
        ("agency_id", "string", "agency"),
        ("year", "Int64", "year reported on"),
        ("cat_proactive", "Int64", "statements coded 主动公开（范围/深度）"),
        ("cat_timeliness", "Int64", "statements coded 信息发布时效"),
        ("cat_interpretation", "Int64", "statements coded 政策解读与回应关切"),
        ("cat_applications", "Int64", "statements coded 依申请公开办理"),
        ("cat_platforms", "Int64", "statements coded 平台与渠道建设（网站/政务新媒体/查阅点）"),
        ("cat_records", "Int64", "statements coded 政府信息管理（属性认定/保密审查/文件清理）"),
        ("cat_grassroots", "Int64", "statements coded 基层政务公开标准化规范化"),
        ("cat_staff", "Int64", "statements coded 队伍与能力建设"),
        ("cat_mechanisms", "Int64", "statements coded 制度机制与监督考核"),
        ("cat_participation", "Int64", "statements coded 公众参与与互动"),
        ("cat_other", "Int64", "statements coded 其他 (no topic found); framing sentences are not counted in cat_*"),
        ("n_problems", "Int64", "problem statements in section 五"),
        ("n_measures", "Int64", "measure statements"),
        ("n_rectifications", "Int64", "statements on the rectification of last year's problems"),
        ("n_framing", "Int64", "framing sentences (lead-ins, general admissions; not counted as problems)"),
        ("n_copied", "Int64", "statements copied (≥ 80 % of their shingles) from the agency's previous section 五"),
        ("specificity", "Float64", "mean over problems/measures/rectifications of min(concrete details, 2) / 2"),
        ("self_similarity", "Float64", "Jaccard of 5-character shingles with the agency's previous-year 五"),
        ("copied_share", "Float64", "share of this year's 五 in passages (≥12 characters) repeated from last year"),
        ("peer_similarity", "Float64", "estimated Jaccard (MinHash) with the most similar 五 of another agency"),
        ("most_similar_report_id", "string", "that other agency's report; null when LSH found no candidate"),
        ("follow_up_ratio", "Float64", "share of last year's problems answered by content by this year's uncopied responses"),
    ],
    "manifest": [
        ("source", "string", "path of the input file"),
        ("sha256", "string", "content hash of the file (a web page's: with the local pictures it shows)"),
        ("kind", "string", "detected input kind"),
        ("read_by", "string", "text (a text layer or markup) or ocr (recognised from images); null when not read"),
        ("ocr_uncertain", "Int64", "cells read by OCR that may be misread (flag ocr_uncertain); null when not read by OCR"),
        ("status", "string", "ok, partial (read); needs_ocr, not_a_report, failed (not read); skipped, duplicate (not read on purpose)"),
        ("error_code", "string", "stable error code when not ok"),
        ("reason", "string", "why, in words a researcher understands"),
        ("report_id", "string", "report id when a report was read"),
        ("duplicate_of", "string", "for a duplicate: the input file with the same bytes that was read instead"),
    ],
}


def columns(table: str) -> list[str]:
    return [name for name, _, _ in TABLES[table]]


def frame(table: str, records: list[dict] | None = None) -> pd.DataFrame:
    """A DataFrame of `table` with the registry's columns and dtypes."""
    rows = records or []
    return pd.DataFrame({name: pd.array([r.get(name) for r in rows], dtype=dtype) for name, dtype, _ in TABLES[table]})


def data_dictionary() -> pd.DataFrame:
    """The registry as a table (for docs and the notebooks' appendix)."""
    return pd.DataFrame(
        [(t, n, d, desc) for t, spec in TABLES.items() for n, d, desc in spec],
        columns=["table", "column", "dtype", "description"],
    )
