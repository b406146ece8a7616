"""The vocabulary of an assessment: outcome statuses, the finding record, rule names in Chinese."""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_analysis.formats import names

#: an indicator was checked (score from its findings), or could not be for the reason named
ASSESSED, UNKNOWN, NOT_APPLICABLE, NOT_ASSESSED = "assessed", "unknown", "not_applicable", "not_assessed"
#: what a score of an assessed indicator is called
PASS, PARTIAL, FAIL = "pass", "partial", "fail"

STATUS_TEXT = {
    PASS: "达标",
    PARTIAL: "部分达标",
    FAIL: "不达标",
    UNKNOWN: "无法判断",
    NOT_APPLICABLE: "不适用",
    NOT_ASSESSED: "未评估",
}

#: columns of the assessment's findings table (one row per finding)
FINDING_COLUMNS = [
    "finding_key",  # stable across runs while the report file is unchanged (decisions are keyed by it)
    "report_id",
    "source",  # the report's file name
    "agency_id",
    "agency",
    "register_id",
    "year",
    "indicator",  # the rubric indicator scoring it; null: listed, not scored
    "rule",
    "severity",
    "table",
    "row",
    "column",
    "label",  # the row's label as printed in the report
    "printed_text",  # the cell as printed (its text when that is not a number, 空白 for a blank)
    "expected",
    "printed",
    "section",  # the section(s) the finding is about (comma-joined keys), for findings on no table
    "location",  # page (PDF, OCR) or the nearest heading
    "ocr",  # read by OCR: the cell's confidence and whether it may be misread, in words (evidence.ocr_text)
    "message",
    "penalty",
    "decision",
    "decision_note",
    "location_key",  # the finding's place whatever the report's content (a decision reopens there)
]

RULE_TEXT = {
    **names.RULES,
    "L1": "上下级数字核对",
    "on_time": "按时发布",
    "format": "符合统一格式",
    "fee": "报告信息处理费情况",
    "gov_items": "政府年报的考核、评议和责任追究",
    "problems": "第五部分的质量",
    "duplicate": "同一机构同一年度有多份报告",
}


@dataclass(frozen=True)
class Check:
    """One finding an indicator raised, with the share of the indicator's score it costs."""

    rule: str
    severity: str
    message: str
    penalty: float
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: float | None = None
    printed: float | None = None
    pool_id: int | None = None  # the row of the shared findings pool this check scores, if any
    section: str | None = None  # the section(s) of the report it is about, comma-joined keys (no table)


@dataclass(frozen=True)
class Outcome:
    """What one indicator found for one report. `checks` cost score only when `status` is assessed."""

    report_id: str
    status: str
    checks: tuple[Check, ...] = ()
    note: str = ""


def status_of(score: float) -> str:
    """pass / partial / fail for the score of an assessed indicator."""
    return PASS if score >= 1 else FAIL if score <= 0 else PARTIAL
