"""The indicators a researcher cites, each defined once: what it measures, its numerator and denominator,
where in the report they are printed, and its legal basis. The page, the codebook of `export` and the
tables all take their words from `INDICATORS`.

Rules, on top of those of `metrics` (a blank is null, never 0):
- A rate is computed only from a table whose identities hold: a report whose 表三 fails R1, R2 or R3 (or
  whose 表四 fails R5) gets no rate from that table, with status `unbalanced` (shown as "表内不平衡"), and
  is left out of rankings. An identity that could not be checked (blank cells) does not block a rate; the
  blank cells make it null where it uses them.
- Every value keeps its numerator and denominator beside it, and a `status`: `ok`, `unbalanced`,
  `blank` (a cell it needs is blank or not printed), `zero_denominator`, `not_applicable` (the report's
  format has no such row).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pandas as pd

from disclosure_analysis.analysis import metrics
from disclosure_analysis.analysis.metrics import KEYS

OK, UNBALANCED, BLANK, ZERO, NOT_APPLICABLE = "ok", "unbalanced", "blank", "zero_denominator", "not_applicable"
#: how a value that is not `ok` is shown (a blank is "—", as everywhere)
STATUS_TEXT = {UNBALANCED: "表内不平衡", BLANK: "—", ZERO: "分母为 0", NOT_APPLICABLE: "不适用", OK: ""}
#: the identities a table must pass for a rate to be computed from it (rules of `checks.report`)
IDENTITIES = {"t3": ("R1", "R2", "R3"), "t4": ("R5",)}
TABLE_NAMES = {"t3": "表三", "t4": "表四"}

_T3 = "表三（收到和处理政府信息公开申请情况）“总计”列"
_T4 = "表四（政府信息公开行政复议、行政诉讼情况）"
_ART50 = "《政府信息公开条例》（2019 年修订）第五十条第（二）项（年度报告应包括收到和处理政府信息公开申请情况）"
_ART50_3 = "《政府信息公开条例》（2019 年修订）第五十条第（三）项（因政府信息公开工作被申请行政复议、提起行政诉讼的情况）、第五十一条"


@dataclass(frozen=True)
class Indicator:
    """One indicator: its words (Chinese, shown on pages and in the codebook) and how it is computed.

    `numerator` and `denominator` compute the parts from the per-report frame of `_parts` (one row per
    report); an indicator without a denominator is an amount or count shown as printed. `tables` are the
    tables whose identities must hold; `rows` the 表三 rows it needs (absent from a report's format:
    `not_applicable`)."""

    code: str
    name: str
    unit: str  # "%" for a rate, else the unit of the amount or count
    definition: str
    numerator_text: str
    denominator_text: str
    source: str
    legal_basis: str
    numerator: Callable[[pd.DataFrame], pd.Series]
    denominator: Callable[[pd.DataFrame], pd.Series] | None = None
    tables: tuple[str, ...] = ()

    @property
    def is_rate(self) -> bool:
        return self.denominator is not None


def _col(name: str) -> Callable[[pd.DataFrame], pd.Series]:
    return lambda d: d[name]


def _share(group: str, name: str, what: str, basis: str) -> Indicator:
    """A share of 办理结果总计: outcome group `group` (the sum of its rows; null when one is blank)."""
    return Indicator(
        code=f"{group}_rate",
        name=name,
        unit="%",
        definition=f"本年度办理结果中{what}所占的比例",
        numerator_text=f"{name[:-1]}（{what}，各项之和）",
        denominator_text="办理结果总计（三（七））",
        source=_T3,
        legal_basis=f"{_ART50}；{basis}",
        numerator=_col(group),
        denominator=_col("handled_total"),
        tables=("t3",),
    )


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        code="release_rate",
        name="公开率",
        unit="%",
        definition="本年度办理结果中予以公开和部分公开所占的比例",
        numerator_text="予以公开（三（一））＋部分公开（三（二））",
        denominator_text="办理结果总计（三（七））",
        source=_T3,
        legal_basis=f"{_ART50}；第三十六条第（一）（二）项、第三十七条（部分公开）",
        numerator=lambda d: d["granted"] + d["partial"],
        denominator=_col("handled_total"),
        tables=("t3",),
    ),
    _share(
        "denied", "不予公开率", "不予公开（三（三）1–8 项）",
        "第十四条至第十六条（不予公开的情形）、第三十六条第（三）项",
    ),
    _share(
        "unable", "无法提供率", "无法提供（三（四）1–3 项：本机关不掌握、需另行制作、补正后仍不明确）",
        "第三十六条第（四）（五）项、第三十八条、第三十条",
    ),
    _share(
        "rejected", "不予处理率", "不予处理（三（五）1–5 项：信访举报投诉、重复申请、公开出版物、大量反复申请、要求确认或重新出具）",
        "第三十五条、第三十六条第（六）项、第三十九条",
    ),
    _share(
        "other", "其他处理率", "其他处理（三（六）；2021 年版格式分为逾期不补正、逾期未缴费、其他 3 项）",
        "第三十条（逾期不补正视为放弃申请）、第四十二条（信息处理费）",
    ),
    Indicator(
        code="backlog_rate",
        name="结转率",
        unit="%",
        definition="本年应办理的申请（新收加上年结转）中结转到下年度继续办理的比例",
        numerator_text="结转下年度继续办理（四）",
        denominator_text="本年新收（一）＋上年结转（二）",
        source=_T3,
        legal_basis=f"{_ART50}；第三十三条（答复期限）",
        numerator=_col("carried_out"),
        denominator=lambda d: d["new_received"] + d["carried_in"],
        tables=("t3",),
    ),
    Indicator(
        code="dispute_rate",
        name="复议诉讼发生率",
        unit="%",
        definition="因政府信息公开工作被申请行政复议和提起行政诉讼的案件数，相当于本年新收申请数的百分之几（每百件申请的案件数）",
        numerator_text="行政复议总计＋行政诉讼总计（未经复议直接起诉＋复议后起诉）",
        denominator_text="本年新收政府信息公开申请（表三一、总计）",
        source=f"{_T4}“总计”；{_T3}",
        legal_basis=_ART50_3,
        numerator=lambda d: d["review_total"] + d["suit_total"],
        denominator=_col("new_received"),
        tables=("t3", "t4"),
    ),
    Indicator(
        code="correction_rate",
        name="复议纠错率",
        unit="%",
        definition="已审结的行政复议案件中结果纠正（撤销、变更、确认违法、责令履行等）的比例",
        numerator_text="行政复议 结果纠正",
        denominator_text="行政复议 总计 − 尚未审结",
        source=f"{_T4}行政复议",
        legal_basis=_ART50_3,
        numerator=_col("review_corrected"),
        denominator=_col("review_decided"),
        tables=("t4",),
    ),
    Indicator(
        code="litigation_loss_rate",
        name="诉讼败诉率",
        unit="%",
        definition="已审结的行政诉讼案件中结果纠正（机关败诉）的比例，未经复议直接起诉与复议后起诉合计",
        numerator_text="行政诉讼 结果纠正（两类起诉合计）",
        denominator_text="行政诉讼 总计 − 尚未审结（两类起诉合计）",
        source=f"{_T4}行政诉讼",
        legal_basis=_ART50_3,
        numerator=_col("suit_corrected"),
        denominator=_col("suit_decided"),
        tables=("t4",),
    ),
    Indicator(
        code="info_processing_fee",
        name="信息处理费",
        unit="元",
        definition="本年度依申请提供政府信息收取的信息处理费，按报告第六部分（或正文其他部分）所写；写明“未收取”的为 0",
        numerator_text="正文所写的收费金额（元；万元折算为元）",
        denominator_text="",
        source="报告正文第六部分“其他需要报告的事项”（没有时为其他部分）中的收费语句",
        legal_basis="《政府信息公开条例》（2019 年修订）第四十二条；《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）",
        numerator=_col("info_processing_fee"),
    ),
    Indicator(
        code="unpaid_fee_closed",
        name="逾期未缴费不再处理",
        unit="件",
        definition="申请人逾期未按收费通知要求缴纳费用、行政机关不再处理的申请数（2021 年版格式才有此行）",
        numerator_text="三（六）2．申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        denominator_text="",
        source=_T3,
        legal_basis="《政府信息公开条例》（2019 年修订）第四十二条；国办函〔2020〕109号",
        numerator=_col("other_no_fee"),
    ),
)
BY_CODE: dict[str, Indicator] = {i.code: i for i in INDICATORS}
RATES: tuple[str, ...] = tuple(i.code for i in INDICATORS if i.is_rate)

#: the per-report columns `_parts` provides and the indicators read
_T3_ROWS = ("new_received", "carried_in", "granted", "partial", "handled_total", "carried_out", "other_no_fee")


def unbalanced(findings: pd.DataFrame) -> pd.DataFrame:
    """Per report and table (t3, t4): whether an identity of `IDENTITIES` fails (an error finding)."""
    rules = {rule: table for table, rules in IDENTITIES.items() for rule in rules}
    failing = findings[findings["severity"].eq("error").fillna(False) & findings["rule"].isin(rules)]
    out = failing.assign(table=failing["rule"].map(rules))[["report_id", "table", "rule"]]
    return out.drop_duplicates().sort_values(["report_id", "table", "rule"]).reset_index(drop=True)


def _parts(
    reports: pd.DataFrame, table3: pd.DataFrame, table4: pd.DataFrame, narrative: pd.DataFrame
) -> pd.DataFrame:
    """One row per report with every cell and group sum an indicator reads (nulls where blank)."""
    t3 = metrics.table3_wide(table3)
    printed = table3.loc[table3["column"].eq("total"), ["report_id", "row"]]
    has_fee_row = set(printed.loc[printed["row"].eq("other_no_fee"), "report_id"])
    groups = metrics.outcome_mix(table3).pivot_table(
        index="report_id", columns="group", values="count", aggfunc="first", dropna=False
    )
    groups = groups.reindex(columns=[g for g in metrics.OUTCOME_GROUPS if g not in ("granted", "partial")])
    fields = ["total", "corrected", "pending", "decided"]
    by_group = metrics.review_litigation(table4).set_index(["report_id", "group"])[fields].unstack("group")
    cases = pd.DataFrame(index=by_group.index)
    for name, members in (("review", ["review"]), ("suit", ["suit_direct", "suit_after_review"])):
        for field in fields:
            cols = [
                by_group[(field, g)] if (field, g) in by_group.columns else pd.Series(pd.NA, index=by_group.index)
                for g in members
            ]
            cases[f"{name}_{field}"] = sum(cols[1:], cols[0]).astype("Int64")  # null when one is blank
    fee = narrative[narrative["figure"].eq("info_processing_fee")].drop_duplicates("report_id")
    out = reports[KEYS].merge(t3[["report_id", *_T3_ROWS]], on="report_id", how="left")
    out = out.merge(groups.astype("Int64").reset_index(), on="report_id", how="left")
    out = out.merge(cases.reset_index(), on="report_id", how="left")
    out["info_processing_fee"] = out["report_id"].map(fee.set_index("report_id")["value"]).astype("Float64")
    out["has_fee_row"] = out["report_id"].isin(has_fee_row)
    return out


def indicator_values(
    reports: pd.DataFrame,
    table3: pd.DataFrame,
    table4: pd.DataFrame,
    narrative: pd.DataFrame,
    findings: pd.DataFrame,
    codes: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Long frame: report_id, agency_id, year, indicator, numerator, denominator, value, status.

    A rate's `value` is numerator ÷ denominator (a share, 0–1), null unless its status is `ok`; an amount's
    `value` is the amount as printed. See the module docstring for the statuses."""
    parts = _parts(reports, table3, table4, narrative)
    failing = unbalanced(findings)
    frames = []
    for code in codes or BY_CODE:
        ind = BY_CODE[code]
        num = ind.numerator(parts).astype("Float64")
        den = ind.denominator(parts).astype("Float64") if ind.denominator else pd.Series(pd.NA, index=parts.index, dtype="Float64")
        bad = parts["report_id"].isin(failing.loc[failing["table"].isin(ind.tables), "report_id"])
        status = pd.Series(OK, index=parts.index, dtype="string")
        if ind.is_rate:
            value = metrics.ratio(num, den)
            status = status.mask(den.fillna(1).eq(0), ZERO)
            status = status.mask(num.isna() | den.isna(), BLANK)
            status = status.mask(bad, UNBALANCED)
            value = value.where(status.eq(OK))
        else:
            value = num
            status = status.mask(num.isna(), BLANK)
            if code == "unpaid_fee_closed":
                status = status.mask(~parts["has_fee_row"], NOT_APPLICABLE)
        frames.append(
            parts[KEYS].assign(
                indicator=code, numerator=num, denominator=den, value=value.astype("Float64"), status=status
            )
        )
    out = pd.concat(frames, ignore_index=True)
    order = {c: i for i, c in enumerate(BY_CODE)}
    return metrics.in_order(out, "indicator", ranks={"indicator": list(order)})


def wide(values: pd.DataFrame) -> pd.DataFrame:
    """`indicator_values` as one row per report, one column per indicator (the gated values)."""
    codes = [c for c in BY_CODE if c in set(values["indicator"])]
    table = values.drop_duplicates([*KEYS, "indicator"]).set_index([*KEYS, "indicator"])["value"].unstack("indicator")
    table = table.reindex(columns=codes).astype("Float64").rename_axis(columns=None).reset_index()
    return metrics.in_order(table)


def definitions(codes: Iterable[str] | None = None) -> pd.DataFrame:
    """The indicators' words as a table (Chinese headings): name, definition, numerator, denominator, unit,
    source and legal basis."""
    chosen = [BY_CODE[c] for c in (codes or BY_CODE)]
    return pd.DataFrame(
        {
            "指标": [i.name for i in chosen],
            "定义": [i.definition for i in chosen],
            "分子": [i.numerator_text if i.is_rate else "" for i in chosen],
            "分母": [i.denominator_text for i in chosen],
            "单位": [i.unit for i in chosen],
            "数据来源": [i.source for i in chosen],
            "法律依据": [i.legal_basis for i in chosen],
        }
    )


def gate(frame: pd.DataFrame, findings: pd.DataFrame, table: str, columns: Iterable[str]) -> pd.DataFrame:
    """`frame` (rows of reports) with `columns` null for the reports whose `table` fails its identities, and
    a column `balanced` (false for those reports): shares of a table that does not add up are not shares."""
    failing = set(unbalanced(findings).query("table == @table")["report_id"])
    bad = frame["report_id"].isin(failing)
    out = frame.assign(**{c: frame[c].mask(bad) for c in columns})
    out["balanced"] = (~bad).astype("boolean")
    return out
