"""The vocabulary of an assessment: outcome statuses, the finding record, rule names in Chinese."""

from __future__ import annotations

from dataclasses import dataclass

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
    "finding_key",
    "report_id",
    "source",
    "agency_id",
    "agency",
    "year",
    "indicator",
    "rule",
    "severity",
    "table",
    "row",
    "column",
    "expected",
    "printed",
    "message",
    "penalty",
    "decision",
    "decision_note",
]

RULE_TEXT = {
    "R1": "表三列平衡（新收+结转=办结+结转下年）",
    "R2": "表三行合计",
    "R3": "表三办理结果合计",
    "R4": "非负整数／整行整列空白",
    "N1": "单个空白格（同行同列有数字）",
    "R5": "表四合计",
    "T1": "正文与表格数字一致",
    "F1": "表格缺失或无法识别",
    "P1": "单元格读取存疑",
    "Y1": "报告年度合理（不在未来）",
    "X1": "上年结转与上年报告衔接",
    "X2": "表二存量衔接（2019 格式）",
    "X3": "表二存量衔接（2021 格式）",
    "L1": "上下级数字核对",
    "on_time": "按时发布",
    "format": "符合统一格式",
    "fee": "报告信息处理费情况",
    "gov_items": "政府年报的考核、评议和责任追究",
    "problems": "第五部分的质量",
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
