"""Chinese display names for the codes and metric columns the notebooks show (one place for all)."""

from __future__ import annotations

import re

from disclosure_analysis import formats

_NUMBERING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、|\d+[．.、])")


def _short(label: str) -> str:
    """ "3．危及“三安全一稳定”" → "危及“三安全一稳定”"; "（二）部分公开（区分处理的…）" → "部分公开"."""
    return _NUMBERING.sub("", label).split("（")[0] or label


APPLICANTS: dict[str, str] = dict(formats.table3().columns)
T3_ROWS: dict[str, str] = {code: _short(spec.label) for code, spec in formats.table3().rows.items()}
_EXPLANATION = re.compile(r"（[^）]*，[^）]*）")  # （区分处理的，只计这一情形，不计其他情形）


def _printed_row(spec: formats.RowSpec) -> str:
    """A 表三 row as the form prints it, under its sub-group: （三）不予公开 1．属于国家秘密."""
    label = _EXPLANATION.sub("", spec.label)
    return f"{spec.group} {label}" if spec.group and spec.group.startswith("（") else label


#: 表三 row code → its label as the form prints it, with its sub-group (for evidence: where a finding is)
T3_ROW_LABELS: dict[str, str] = {code: _printed_row(spec) for code, spec in formats.table3().rows.items()}
OUTCOME_GROUPS: dict[str, str] = {
    "granted": "予以公开",
    "partial": "部分公开",
    "denied": "不予公开",
    "unable": "无法提供",
    "rejected": "不予处理",
    "other": "其他处理",
}
#: 表二 column headings by cell-code suffix (2019 and 2021 formats)
_T2_COLUMNS: dict[str, str] = {
    "new_made": "本年新制作数量",
    "new_published": "本年新公开数量",
    "published_total": "对外公开总数量",
    "prev_items": "上一年项目数量",
    "change": "本年增/减",
    "decisions": "处理决定数量",
    "issued": "本年制发件数",
    "repealed": "本年废止件数",
    "in_force": "现行有效件数",
    "items": "采购项目数量",
}
_T2_AMOUNTS = {"fees_amount": "本年收费金额（万元）", "procurement_amount": "采购总金额"}
T2_CELLS: dict[str, str] = {
    code: f"{row.label} {_T2_AMOUNTS.get(code) or _T2_COLUMNS[code.removeprefix(row.code + '_')]}"
    for rows in formats.table2().versions.values()
    for row in rows
    for code in row.codes
}
T4_GROUPS: dict[str, str] = {
    "review": "行政复议",
    "suit_direct": "行政诉讼（未经复议直接起诉）",
    "suit_after_review": "行政诉讼（复议后起诉）",
}
T4_OUTCOMES: dict[str, str] = dict(formats.table4().outcomes)
T4_CELLS: dict[str, str] = {
    f"{g}_{o}": f"{group} {outcome}" for g, group in T4_GROUPS.items() for o, outcome in T4_OUTCOMES.items()
}
TABLES: dict[str, str] = {"t2": "表二", "t3": "表三", "t4": "表四"}
SEVERITY: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}
#: the validator's rules (checks/): what each checks
RULES: dict[str, str] = {
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
}
TEMPLATES: dict[str, str] = {
    "2019": "2019 年格式",
    "2021": "2021 年格式",
    "mixed": "两种格式混用",
    "pre2019": "2019 年以前的格式",
}
#: what happened to an input file (manifest status)
STATUSES: dict[str, str] = {
    "ok": "已读取",
    "partial": "部分读取",
    "needs_ocr": "需要文字识别（扫描件）",
    "not_a_report": "不是年度报告",
    "failed": "无法读取",
    "skipped": "未读取（有意略过）",
    "duplicate": "重复的文件",
}
PEER_GROUPS: dict[str, str] = {
    "level": "同层级的机关（已知机构类型时还须同类型）",
    "region": "同层级、同一地区的机关（已知机构类型时还须同类型）",
}

#: metric and key columns of the analysis frames
COLUMNS: dict[str, str] = {
    "report_id": "报告编号",
    "agency_id": "机构编号",
    "agency": "机构",
    "year": "年度",
    "level": "层级",
    "region": "地区",
    "applicant": "申请人类型",
    "count": "件数",
    "total": "总计",
    "share": "占比",
    "group": "结果类别",
    "outcome": "办理结果",
    "granted": "予以公开",
    "partial": "部分公开",
    "released": "予以公开＋部分公开",
    "handled_total": "办理结果总计（分母）",
    "release_rate": "公开率",
    "carried_in": "上年结转",
    "new_received": "本年新收",
    "carried_out": "结转下年度",
    "backlog_rate": "结转率",
    "previous_carried_out": "上年报告的结转下年度",
    "carry_link_ok": "结转衔接一致",
    "upheld": "结果维持",
    "corrected": "结果纠正",
    "other": "其他结果",
    "pending": "尚未审结",
    "decided": "已审结（分母）",
    "correction_rate": "纠错率",
    "previous": "上年",
    "change": "增减",
    "change_pct": "增减幅度",
    "proactive_total": "主动公开信息（正文所述，条）",
    "regulations_issued": "规章 制发",
    "normative_issued": "行政规范性文件 制发",
    "licensing_decisions": "行政许可 处理决定",
    "punishment_decisions": "行政处罚 处理决定",
    "coercion_decisions": "行政强制 处理决定",
    "fees_amount": "行政事业性收费（万元）",
    "peer_group": "同类范围",
    "peer_key": "同类",
    "rank": "名次",
    "peer_count": "同类报告数",
    "peer_median": "同类中位数",
    "rule": "规则",
    "severity": "级别",
    "table": "表",
    "row": "行",
    "column": "列",
    "expected": "应为",
    "printed": "报告所填",
    "message": "说明",
    "status": "状态",
}


def location(table: object, row: object, column: object) -> tuple[str | None, str | None, str | None]:
    """The Chinese names of a finding's table, row and column codes (None where a code is absent; a code
    with no name is shown as it is): ("表三", "（三）不予公开 1．属于国家秘密", "自然人")."""

    def text(value: object) -> str | None:
        return value if isinstance(value, str) and value else None

    t, r, c = text(table), text(row), text(column)
    if t == "t3":
        return "表三", r and T3_ROW_LABELS.get(r, r), c and APPLICANTS.get(c, c)
    if t == "t2":
        return "表二", r, c and T2_CELLS.get(c, c)
    if t == "t4":
        return "表四", r, c and T4_CELLS.get(c, c)
    return t, r, c


def cell_name(key: str) -> str:
    """A flat cell key in words: t3.granted.total → 表三「（一）予以公开」行「总计」列."""
    table, _, rest = key.partition(".")
    if table == "t3":
        row, _, col = rest.partition(".")
        name, row_name, col_name = location(table, row, col)
        return f"{name}「{row_name}」行「{col_name}」列"
    name, _, col_name = location(table, None, rest)
    return f"{name}「{col_name}」"
