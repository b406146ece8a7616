"""A government's report against the sum of its departments' reports (by region, or by register parent)."""

from __future__ import annotations

from disclosure_analysis.assess import assess
from disclosure_analysis.corpus.register import Register, RegisterEntry

FINDINGS = {"type": "findings", "params": {"rules": ["L1"]}}


def _corpus(build):
    return (
        build()
        .report("gov", agency="示例县人民政府")
        .table3("gov", new=5, granted=5)
        .table4("gov", review_total=1)
        .report("d1", agency="示例县公安局")
        .table3("d1", new=4, granted=4)
        .table4("d1", review_total=1)
        .report("d2", agency="示例县教育局")
        .table3("d2", new=3, granted=3)
        .table4("d2", review_total=0)
        .report("other", agency="别的市教育局")
        .table3("other", new=50, granted=50)
        .corpus()
    )


def test_parent_below_the_sum_of_its_departments_is_flagged(build, rubric) -> None:
    result = assess(_corpus(build), rubric(FINDINGS))
    table = result.cross_level.set_index("measure")
    row = table.loc["表三 本年新收政府信息公开申请 总计"]
    assert (row["parent_value"], row["children_sum"], row["children_reported"]) == (5, 7, 2)
    assert row["status"] == "本级小于下级之和"
    assert table.loc["表四 行政复议 总计", "status"] == "本级等于下级之和"
    finding = result.findings[result.findings["rule"] == "L1"].iloc[0]
    assert (finding["report_id"], finding["table"], finding["row"], finding["column"]) == (
        "gov",
        "t3",
        "new_received",
        "total",
    )


def test_register_children_and_missing_ones(build, rubric) -> None:
    register = Register(
        (
            RegisterEntry("gov", "示例县人民政府", kind="government", level="县级"),
            RegisterEntry("police", "示例县公安局", parent="gov", kind="department"),
            RegisterEntry("edu", "示例县教育局", parent="gov", kind="department"),
            RegisterEntry("health", "示例县卫生健康局", parent="gov", kind="department"),
            RegisterEntry("old", "示例县物价局", parent="gov", kind="department", years=((2008, 2018),)),
        )
    )
    result = assess(_corpus(build), rubric(FINDINGS), register=register)
    row = result.cross_level.iloc[0]
    assert (row["children_reported"], row["children_expected"], row["children_missing"]) == (
        2,
        3,
        "示例县卫生健康局",
    )
