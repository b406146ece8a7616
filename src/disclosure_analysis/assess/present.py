"""An assessment as an evaluator reads it: every sheet with Chinese headers, every code in words (表三, 自然人,
行政复议 总计, 错误/警告/提示, 人民政府, 已驳回 …), and a 说明 sheet saying what each sheet and indicator means,
the rubric and its sources. The workbook, the scorecards and assessment.html all show these frames."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.assess.assessment import Assessment
from disclosure_analysis.assess.decisions import STATUS_TEXT as DECISION_STATUS
from disclosure_analysis.assess.decisions import decisions_file
from disclosure_analysis.assess.evidence import file_name
from disclosure_analysis.assess.indicators import TYPES
from disclosure_analysis.assess.indicators.form import SECTIONS
from disclosure_analysis.assess.model import RULE_TEXT, STATUS_TEXT
from disclosure_analysis.assess.rubric import DUPLICATES, Rubric
from disclosure_analysis.formats import names

KINDS = formats.agency_kinds().names
NOT_SCORED = "不计分"
_REQUIREMENT_TEXT = {
    "unified_format": "统一格式（2019 年起）的报告",
    "previous_year": "有同一机构上一年度的统一格式报告",
    "parent_report": "有下级年报可核对的政府年报",
}
_CONDITION_TEXT = {"kind": "机构类型", "level": "层级", "region": "地区"}
#: sheet name → what it holds (the 说明 sheet)
SHEETS = {
    "说明": "本表：各工作表、各指标的含义，评估指标及其依据，如何处理问题和补录信息",
    "评分": "每份计分的报告一行：各指标得分（0–100）、总分、同一年度内的名次、无法判断的指标、读取方式（文字，"
    "或 OCR 从扫描件、表格图片识别）和 OCR 识别的格中可能识别有误的格数",
    "问题清单": "每个问题一行：所属指标、规则、级别、在报告中的位置（表、行、列，报告中的行名和所填数字，页码或章节）、"
    "所涉的格是否由 OCR 识别（置信度，是否可能识别有误）、说明、扣分和评估人员的决定",
    "缺报": "应发布而语料中没有的报告（按登记表和所评估的年度）",
    "重复报告": "同一机构同一年度的多份报告中未计分的几份，以及计分的那一份",
    "上下级核对": "政府年报的数字与其下级（部门、乡镇街道）年报之和的比较",
    "指标结果": "每份报告每个指标一行：结果、得分、计入的问题数和说明",
    "评估指标": "各指标的类型、权重、依据、无法判断时的得分和参数",
}


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def kind_name(code: object) -> str | None:
    return KINDS.get(code, code) if isinstance(code, str) else None


def _labels(rubric: Rubric) -> dict[str, str]:
    return {i.id: i.label for i in rubric.indicators}


def scores(result: Assessment) -> pd.DataFrame:
    s, labels = result.scores, _labels(result.rubric)
    out = pd.DataFrame(
        {
            "名次": s["rank"],
            "机构": s["agency"].fillna("（机构名称未读出）"),
            "机构类型": s["agency_kind"].map(kind_name),
            "年度": s["year"],
            "发布日期": s["published"],
            "日期来源": s["published_source"],
            **{label: s[ident] for ident, label in labels.items()},
            "总分": s["total"],
            "无法判断的指标": s["unknown"].map(
                lambda v: "、".join(labels[i] for i in v.split(",")) if isinstance(v, str) else None
            ),
            "来源文件": s["source"],
            "读取方式": s["read_by"].map({"ocr": "OCR 识别", "text": "文字"}),
            "OCR 存疑格数": s["ocr_uncertain"],
            "登记表编号": s["register_id"],
        }
    )
    return out


def findings(result: Assessment) -> pd.DataFrame:
    f, labels = result.findings, _labels(result.rubric)
    where = [
        names.location(t, r, c) if t in names.TABLES else (None, None, None)
        for t, r, c in zip(f["table"], f["row"], f["column"], strict=True)
    ]
    on_table = f["table"].isin(list(names.TABLES)).fillna(False).astype(bool)
    # a table finding shows what the report prints: the finding's own figure (T1: the text's), else the cell's
    printed = [
        (None if pd.isna(number) else f"{number:g}") or _text(text) if shown else None
        for text, number, shown in zip(f["printed_text"], f["printed"], on_table, strict=True)
    ]
    return pd.DataFrame(
        {
            "问题编号": f["finding_key"],
            "机构": f["agency"],
            "年度": f["year"],
            "指标": f["indicator"].map(lambda i: labels.get(i, NOT_SCORED) if isinstance(i, str) else NOT_SCORED),
            "规则": f["rule"].map(lambda r: RULE_TEXT.get(r, r)),
            "级别": f["severity"].map(names.SEVERITY),
            "表": [w[0] for w in where],
            "行": [w[1] for w in where],
            "列": [w[2] for w in where],
            "报告中的行名": f["label"],
            "报告所填": printed,
            "应为": f["expected"].where(on_table),
            "位置": f["location"],
            "OCR 识别": f["ocr"],
            "说明": f["message"],
            "扣分（占该指标的%）": (f["penalty"] * 100).round(1),
            "决定": f["decision"].map(DECISION_STATUS),
            "决定说明": f["decision_note"],
            "来源文件": f["source"],
        }
    )


def missing(result: Assessment) -> pd.DataFrame:
    m = result.missing
    return pd.DataFrame(
        {
            "年度": m["year"],
            "机构": m["agency"],
            "机构类型": m["agency_kind"].map(kind_name),
            "层级": m["level"],
            "上级": m["parent"],
            "年报网址": m["url"],
            "说明": m["message"],
            "登记表编号": m["register_id"],
        }
    )


def duplicates(result: Assessment) -> pd.DataFrame:
    d = result.duplicates
    return pd.DataFrame(
        {
            "机构": d["agency"],
            "年度": d["year"],
            "未计分的文件": d["source"].map(file_name),
            "发布日期": d["published"],
            "计分的文件": d["scored_source"].map(file_name),
            "说明": d["message"],
        }
    )


def cross_level(result: Assessment) -> pd.DataFrame:
    c = result.cross_level
    return pd.DataFrame(
        {
            "政府": c["agency"],
            "年度": c["year"],
            "数字": c["measure"],
            "政府年报": c["parent_value"],
            "下级之和": c["children_sum"],
            "有年报的下级": c["children_reported"],
            "数字空白的下级": c["children_without_value"],
            "登记表中的下级": c["children_expected"],
            "缺报的下级": c["children_missing"],
            "比较": c["status"],
        }
    )


def outcomes(result: Assessment) -> pd.DataFrame:
    o = result.outcomes
    return pd.DataFrame(
        {
            "机构": o["agency"],
            "年度": o["year"],
            "指标": o["label"],
            "权重": o["weight"],
            "结果": o["status"].map(STATUS_TEXT),
            "得分": (o["score"] * 100).round(1),
            "计入的问题数": o["findings"],
            "说明": o["note"].replace("", None),
        }
    )


def rubric(r: Rubric) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "指标": [i.label for i in r.indicators],
            "类型": [TYPES[i.type].help for i in r.indicators],
            "权重": [i.weight for i in r.indicators],
            "无法判断时的得分": [
                "不计入总分" if i.unknown_score is None else f"{100 * i.unknown_score:g}" for i in r.indicators
            ],
            "依据": ["；".join(i.basis) for i in r.indicators],
            "参数": [describe_params(i.type, i.params) for i in r.indicators],
        }
    )


def describe_params(kind: str, params: dict[str, Any]) -> str:
    """An indicator's parameters in words: "宽限天数：0；逾期的扣分：1" (codes named in Chinese)."""
    spec = TYPES[kind].params
    return "；".join(f"{spec[name].help}：{_value(name, value)}" for name, value in params.items())


def _value(name: str, value: Any) -> str:
    if name == "deadlines":
        return " ".join(f"（{n}）{_deadline(rule)}" for n, rule in enumerate(value, start=1))
    if value is None:
        return "不核对"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return f"{value:g}"
    if isinstance(value, dict):
        return "，".join(f"{_code(k)} {_value(k, v) if not isinstance(v, list) else '、'.join(map(str, v))}"
                        for k, v in value.items())
    if isinstance(value, list):
        return "、".join(_code(str(v)) for v in value) or "无"
    return _code(str(value))


def _code(code: str) -> str:
    for table in (SECTIONS, names.TABLES, names.SEVERITY, _REQUIREMENT_TEXT, KINDS):
        if code in table:
            return table[code]
    return code


def _deadline(rule: dict) -> str:
    conditions = []
    if "until_year" in rule:
        conditions.append(f"{rule['until_year']} 年度及以前的报告")
    if "from_year" in rule:
        conditions.append(f"{rule['from_year']} 年度起的报告")
    for key, what in _CONDITION_TEXT.items():
        if key in rule:
            wanted = rule[key] if isinstance(rule[key], list) else [rule[key]]
            conditions.append(f"{what}为{'或'.join(_code(str(w)) for w in wanted)}")
    month, day = (int(x) for x in str(rule["date"]).split("-"))
    return f"{'、'.join(conditions) or '其他'}：次年 {month} 月 {day} 日前（{rule['basis']}）"


def explanation(result: Assessment) -> pd.DataFrame:
    """The 说明 sheet: what the workbook is, each sheet, the scoring, each indicator, levels, decisions."""
    r = result.rubric
    years = "、".join(map(str, result.years)) or "（语料中没有年度）"
    rows = [
        ("评估", "评估指标", f"{r.name}（{Path(r.source).name}）" + (f"：{r.description}" if r.description else "")),
        ("评估", "计分方法", "每个指标的得分为 1 减去该指标下未被驳回的问题的扣分之和（不低于 0），乘以 100；"
         "总分为有得分的指标的加权平均；名次在同一年度内比较（1 为最好，得分相同者名次相同）。"
         "“不适用”“未评估”的指标不计入总分；“无法判断”的指标按评估指标规定的分数计分，规定为不计入的不计入，"
         "并在“评分”表的“无法判断的指标”列中列出。"),
        ("评估", "缺报的年度", f"{years}（缺报清单只按这些年度列出）"),
        ("评估", "同一机构同一年度有多份报告", f"只评估{DUPLICATES[r.duplicates]}，其余列入“重复报告”表"),
        ("评估", "登记表", "已提供：机构类型、层级、地区以登记表为准，登记表中补录的发布日期优先于报告所印"
         if result.register is not None else "未提供：机构类型、层级、地区按机构名称判断，名称不能判断类型的为“待确认”；"
         "可用 disclosure-analysis register init 生成登记表，填写后用 --register 提供"),
    ]
    rows += [("工作表", name, what) for name, what in SHEETS.items()]
    rows += [
        ("指标", i.label, f"权重 {i.weight:g}。{TYPES[i.type].help}。依据：{'；'.join(i.basis)}") for i in r.indicators
    ]
    rows += [
        ("级别", "错误", "与格式规定、勾稽关系或法定期限不符"),
        ("级别", "警告", "很可能有问题，或需要补录、确认的信息（如发布日期、机构类型）"),
        ("级别", "提示", "供参考、不扣分或无法核对的情况"),
        ("处理问题", "确认或驳回", "在 assessment.html 中逐条点“确认”或“驳回”并写明理由，点“下载 decisions.csv”，"
         "下次运行时用 --decisions 提供；也可直接在 decisions.csv 的“决定”列填“确认”或“驳回”。被驳回的问题不扣分。"
         "问题编号在报告文件不变时每次运行都相同，决定随之保留；报告文件改变后显示为“报告已变化，待重新确认”"),
        ("处理问题", "补录发布日期", "报告中没有印发布日期的，在登记表“发布日期”列填写“报告年度=日期”，如 2024=2025-01-20"),
        ("处理问题", "OCR 识别的报告", "扫描件和表格图片中的数字由 OCR 识别，每格有置信度（0–1）；“可能识别有误”的格"
         "（置信度低，或勾稽关系不成立而另一读法能使其成立）请对照原件核对，若问题是识别造成的，驳回该问题并写明理由"),
        ("处理问题", "待补录、待确认", "“待补录发布日期”“待确认机构类型”不是报告的差错，驳回它们不改变得分："
         "在登记表中补录日期或填写类型后重新评估"),
    ]
    rows += [("规则", code, text) for code, text in {**names.RULES, "L1": RULE_TEXT["L1"]}.items()]
    return pd.DataFrame(rows, columns=["类别", "名称", "说明"])


def sheets(result: Assessment) -> dict[str, pd.DataFrame]:
    """The workbook's sheets, in order."""
    return {
        "说明": explanation(result),
        "评分": scores(result),
        "问题清单": findings(result),
        "缺报": missing(result),
        "重复报告": duplicates(result),
        "上下级核对": cross_level(result),
        "指标结果": outcomes(result),
        "评估指标": rubric(result.rubric),
    }


def decisions(result: Assessment) -> pd.DataFrame:
    """decisions.csv as it is handed back (`decisions.decisions_file`), with the findings' context in words."""
    shown = findings(result)
    context = pd.DataFrame(
        {
            "finding_key": result.findings["finding_key"],
            "agency": shown["机构"],
            "year": shown["年度"],
            "indicator": shown["指标"],
            "rule": shown["规则"],
            "severity": shown["级别"],
            "location": [w if pd.isna(o) else f"{w}（{o}）" for w, o in zip(shown["位置"], shown["OCR 识别"], strict=True)],
            "message": shown["说明"],
        }
    )
    return decisions_file(result.findings, result.given_decisions, context)
