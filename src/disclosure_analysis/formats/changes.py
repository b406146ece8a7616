"""What changed between the 2019 trial format (国办公开办函〔2019〕60号) and the 2021 format (〔2021〕30号),
field by field: each row pairs the cell codes of one format with those of the other (template-spec A.2–A.4).

A side with no codes did not exist in that format. Where one side has several codes (表三 （六）其他处理),
their sum is what the other side's single cell counts.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Change:
    """One field of the format change: `table` (t2, t3, t4), what it is called in each format, the cell codes
    (表二 codes; 表三 row codes in the 总计 column; 表四 codes) and what changed, in Chinese."""

    table: str
    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    change: str


_SAME = "不变"
CHANGES: tuple[Change, ...] = (
    Change("t2", "规章：本年新制作数量 → 本年制发件数", ("regulations_new_made",), ("regulations_issued",),
           "列名改为“本年制发件数”"),
    Change("t2", "规章：本年新公开数量", ("regulations_new_published",), (), "取消"),
    Change("t2", "规章：对外公开总数量 → 现行有效件数", ("regulations_published_total",), ("regulations_in_force",),
           "口径不同（累计公开 → 现行有效），两年的数字不能接续"),
    Change("t2", "规章：本年废止件数", (), ("regulations_repealed",), "新增"),
    Change("t2", "规范性文件 → 行政规范性文件：本年新制作数量 → 本年制发件数", ("normative_new_made",),
           ("normative_issued",), "行名加“行政”，列名改为“本年制发件数”"),
    Change("t2", "规范性文件：本年新公开数量", ("normative_new_published",), (), "取消"),
    Change("t2", "规范性文件：对外公开总数量 → 现行有效件数", ("normative_published_total",), ("normative_in_force",),
           "口径不同（累计公开 → 现行有效），两年的数字不能接续"),
    Change("t2", "行政规范性文件：本年废止件数", (), ("normative_repealed",), "新增"),
    Change("t2", "行政许可：上一年项目数量、本年增/减", ("licensing_prev_items", "licensing_change"), (),
           "取消（只保留处理决定数量）"),
    Change("t2", "行政许可：处理决定数量 → 本年处理决定数量", ("licensing_decisions",), ("licensing_decisions",),
           "保留"),
    Change("t2", "其他对外管理服务事项（整行）",
           ("other_services_prev_items", "other_services_change", "other_services_decisions"), (), "整行取消"),
    Change("t2", "行政处罚：上一年项目数量、本年增/减", ("punishment_prev_items", "punishment_change"), (),
           "取消（只保留处理决定数量）"),
    Change("t2", "行政处罚：处理决定数量 → 本年处理决定数量", ("punishment_decisions",), ("punishment_decisions",),
           "保留"),
    Change("t2", "行政强制：上一年项目数量、本年增/减", ("coercion_prev_items", "coercion_change"), (),
           "取消（只保留处理决定数量）"),
    Change("t2", "行政强制：处理决定数量 → 本年处理决定数量", ("coercion_decisions",), ("coercion_decisions",),
           "保留"),
    Change("t2", "行政事业性收费：上一年项目数量、本年增/减 → 本年收费金额（万元）", ("fees_prev_items", "fees_change"),
           ("fees_amount",), "从收费项目数改为收费金额（单位：万元），不能换算"),
    Change("t2", "政府集中采购（第二十条第（九）项）", ("procurement_items", "procurement_amount"), (),
           "整块取消"),
    Change("t3", "（六）其他处理", ("other",), ("other_no_correction", "other_no_fee", "other_misc"),
           "一行拆为三行：1．逾期不补正、2．逾期未缴费、3．其他；三行之和对应 2019 年版的一行"),
    Change("t3", "表三其余各行、七列申请人类型与勾稽关系", (), (), _SAME),
    Change("t4", "表四 15 个数（复议、直接起诉、复议后起诉 × 五列）", (), (), _SAME),
)
