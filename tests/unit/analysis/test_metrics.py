"""Metrics over hand-built corpus frames: values, denominators and null handling."""

from __future__ import annotations

import pandas as pd
import pytest

from disclosure_analysis.analysis import metrics
from disclosure_analysis.analysis.peers import peer_position
from disclosure_analysis.corpus import schema

COLUMNS = ["natural_person", "commercial", "research", "nonprofit", "legal_service", "other_org", "total"]


def t3_rows(report: str, agency: str, year: int, cells: dict[str, list[int | None]]) -> list[dict]:
    return [
        {"report_id": report, "agency_id": agency, "year": year, "row": row, "column": col, "value": v}
        for row, values in cells.items()
        for col, v in zip(COLUMNS, values, strict=True)
    ]


def full_2021(new: int, granted: int, partial: int, carried_in: int = 0) -> dict[str, list[int | None]]:
    """A consistent 2021 表三 where everything is natural persons except what is not granted/partial."""
    rest = new + carried_in - granted - partial - 1  # one carried out
    cells = {code: [0] * 7 for code in metrics.formats.table3().versions["2021"]}
    cells["new_received"] = [new, 0, 0, 0, 0, 0, new]
    cells["carried_in"] = [carried_in, 0, 0, 0, 0, 0, carried_in]
    cells["granted"] = [granted, 0, 0, 0, 0, 0, granted]
    cells["partial"] = [partial, 0, 0, 0, 0, 0, partial]
    cells["unable_not_held"] = [rest, 0, 0, 0, 0, 0, rest]
    total = granted + partial + rest
    cells["handled_total"] = [total, 0, 0, 0, 0, 0, total]
    cells["carried_out"] = [1, 0, 0, 0, 0, 0, 1]
    return cells


@pytest.fixture
def table3() -> pd.DataFrame:
    records = (
        t3_rows("a22", "a", 2022, full_2021(10, 4, 2))
        + t3_rows("a23", "a", 2023, full_2021(20, 8, 2, carried_in=1))
        + t3_rows("b23", "b", 2023, full_2021(100, 30, 10, carried_in=5))
    )
    # 2019-style row `other` for c, with a blank (null) denial reason and a blank total of 予以公开
    c = full_2021(50, 20, 5)
    for code in ("other_no_correction", "other_no_fee", "other_misc"):
        del c[code]
    c["other"] = [0] * 7
    c["denied_state_secret"] = [None] * 7
    c["granted"][-1] = None
    records += t3_rows("c23", "c", 2023, c)
    return schema.frame("table3", records)


def test_applications_by_applicant_share_uses_printed_total(table3: pd.DataFrame) -> None:
    apps = metrics.applications_by_applicant(table3)
    a22 = apps[apps["report_id"] == "a22"].set_index("applicant")
    assert list(a22.index) == list(metrics.APPLICANTS)
    assert a22.loc["natural_person", "count"] == 10
    assert a22.loc["natural_person", "share"] == 1.0
    assert a22.loc["commercial", "share"] == 0.0


def test_outcome_mix_groups_and_strict_null(table3: pd.DataFrame) -> None:
    mix = metrics.outcome_mix(table3)
    a22 = mix[mix["report_id"] == "a22"].set_index("group")
    assert list(a22.index) == list(metrics.OUTCOME_GROUPS)
    assert a22.loc["granted", "count"] == 4
    assert a22.loc["unable", "count"] == 3
    assert a22.loc["granted", "handled_total"] == 9
    assert a22.loc["granted", "share"] == pytest.approx(4 / 9)
    c = mix[mix["report_id"] == "c23"].set_index("group")
    assert pd.isna(c.loc["denied", "count"])  # one blank reason → the 不予公开 sum is unknown
    assert pd.isna(c.loc["granted", "count"])
    assert c.loc["other", "count"] == 0  # 2019-style single row


def test_outcome_mix_detail_lists_reasons(table3: pd.DataFrame) -> None:
    detail = metrics.outcome_mix(table3, detail=True)
    denied = detail[(detail["report_id"] == "a22") & (detail["group"] == "denied")]
    assert len(denied) == 8
    assert set(detail[detail["report_id"] == "c23"]["outcome"]) >= {"other"}


def test_release_rate_with_denominator_and_null(table3: pd.DataFrame) -> None:
    rr = metrics.release_rate(table3).set_index("report_id")
    assert rr.loc["a22", "released"] == 6
    assert rr.loc["a22", "handled_total"] == 9
    assert rr.loc["a22", "release_rate"] == pytest.approx(6 / 9)
    assert pd.isna(rr.loc["c23", "release_rate"])  # blank 予以公开 总计 is not 0


def test_carry_over_backlog_and_link(table3: pd.DataFrame) -> None:
    co = metrics.carry_over(table3).set_index("report_id")
    assert co.loc["a23", "backlog_rate"] == pytest.approx(1 / 21)
    assert co.loc["a23", "previous_carried_out"] == 1
    assert bool(co.loc["a23", "carry_link_ok"]) is True
    assert pd.isna(co.loc["a22", "carry_link_ok"])  # no 2021 report


def test_ratio_zero_denominator_is_null() -> None:
    out = metrics.ratio(pd.Series([1, 0, None], dtype="Int64"), pd.Series([0, 2, 3], dtype="Int64"))
    assert out.isna().tolist() == [True, False, True]


def t4(report: str, agency: str, year: int, values: dict[str, list[int | None]]) -> list[dict]:
    outcomes = ["upheld", "corrected", "other", "pending", "total"]
    return [
        {"report_id": report, "agency_id": agency, "year": year, "group": g, "outcome": o, "value": v}
        for g, vs in values.items()
        for o, v in zip(outcomes, vs, strict=True)
    ]


def test_review_litigation_correction_rate() -> None:
    table4 = schema.frame(
        "table4",
        t4(
            "a23",
            "a",
            2023,
            {
                "review": [3, 1, 0, 1, 5],
                "suit_direct": [0, 0, 0, 2, 2],
                "suit_after_review": [None, None, None, None, None],
            },
        ),
    )
    rl = metrics.review_litigation(table4).set_index("group")
    assert list(rl.index) == ["review", "suit_direct", "suit_after_review"]
    assert rl.loc["review", "decided"] == 4
    assert rl.loc["review", "correction_rate"] == pytest.approx(0.25)
    assert pd.isna(rl.loc["suit_direct", "correction_rate"])  # all pending: 0 decided
    assert pd.isna(rl.loc["suit_after_review", "correction_rate"])


def test_year_over_year_exact_previous_year() -> None:
    df = pd.DataFrame({"agency_id": ["a", "a", "a"], "year": [2021, 2022, 2024], "n": [10, 15, 30]})
    out = metrics.year_over_year(df, "n").set_index("year")
    assert out.loc[2022, "change"] == 5
    assert out.loc[2022, "change_pct"] == pytest.approx(0.5)
    assert pd.isna(out.loc[2024, "previous"])  # 2023 missing


def test_peer_position_ranks_within_level_and_year(table3: pd.DataFrame) -> None:
    reports = schema.frame(
        "reports",
        [
            {"report_id": r, "agency_id": r[0], "year": 2000 + int(r[1:]), "agency_kind": "government", "level": lvl}
            for r, lvl in (("a22", "县级"), ("a23", "县级"), ("b23", "县级"), ("c23", None))
        ],
    )
    rr = metrics.release_rate(table3)
    pos = peer_position(rr, "release_rate", reports, min_group=1).set_index("report_id")
    assert pos.loc["a23", "rank"] == 1  # 10/20 vs b 40/104
    assert pos.loc["b23", "rank"] == 2
    assert pos.loc["b23", "peer_count"] == 2
    assert pos.loc["a22", "peer_count"] == 1
    assert pd.isna(pos.loc["c23", "rank"])
    with pytest.raises(ValueError):
        peer_position(rr, "release_rate", reports, by="colour")
    small = peer_position(rr, "release_rate", reports).set_index("report_id")  # groups of 2 < MIN_GROUP
    assert small["rank"].isna().all() and small["peer_median"].isna().all()
    assert small.loc["b23", "peer_count"] == 2  # the group's size is still said


def test_peer_groups_are_data_and_unknown_keys_belong_to_no_group() -> None:
    rows = [
        {"report_id": f"r{i}", "agency_id": f"a{i}", "year": 2024, "agency_kind": "government", "level": "县级", "region": region}
        for i, region in enumerate(["甲县"] * 6 + ["乙县", None])
    ]
    reports = schema.frame("reports", rows)
    metric = reports[["report_id", "agency_id", "year"]].assign(n=pd.array(range(8), dtype="Int64"))
    by_level = peer_position(metric, "n", reports, by="level").set_index("report_id")  # the kind by its name
    assert by_level["peer_key"].eq("人民政府 · 县级").all() and by_level.loc["r7", "rank"] == 1
    assert by_level.loc["r0", "peer_count"] == 8
    by_region = peer_position(metric, "n", reports, by="region").set_index("report_id")
    assert by_region.loc["r5", "peer_key"] == "人民政府 · 县级 · 甲县" and by_region.loc["r5", "rank"] == 1
    assert by_region.loc["r0", "peer_count"] == 6 and by_region.loc["r0", "peer_median"] == 2.5
    assert pd.isna(by_region.loc["r6", "rank"]) and by_region.loc["r6", "peer_count"] == 1  # 乙县 alone
    assert pd.isna(by_region.loc["r7", "peer_key"]) and pd.isna(by_region.loc["r7", "peer_count"])
    assert peer_position(metric, "n", reports.assign(agency_kind=None))["peer_key"].isna().all()  # kind not known
    kinds = reports.assign(agency_kind=["department"] * 5 + ["government", "unknown", "department"])
    by_kind = peer_position(metric, "n", kinds, by="level").set_index("report_id")  # kind is one more key
    assert by_kind.loc["r0", "peer_key"] == "政府部门 · 县级" and by_kind.loc["r0", "peer_count"] == 6
    assert pd.isna(by_kind.loc["r6", "peer_key"])  # an unknown kind is no group


def test_proactive_volume_maps_2019_columns_and_keeps_nulls() -> None:
    reports = schema.frame(
        "reports",
        [
            {"report_id": "r19", "agency_id": "a", "year": 2020},
            {"report_id": "r21", "agency_id": "a", "year": 2021},
            {"report_id": "rx", "agency_id": "a", "year": 2022},
        ],
    )
    table2 = schema.frame(
        "table2",
        [
            {"report_id": "r19", "agency_id": "a", "year": 2020, "code": "normative_new_made", "value": 3},
            {"report_id": "r21", "agency_id": "a", "year": 2021, "code": "normative_issued", "value": 5},
            {"report_id": "r21", "agency_id": "a", "year": 2021, "code": "fees_amount", "value": None},
        ],
    )
    narrative = schema.frame(
        "narrative",
        [
            {"report_id": "r21", "agency_id": "a", "year": 2021, "figure": "proactive_total", "value": 812},
        ],
    )
    pv = metrics.proactive_volume(narrative, table2, reports).set_index("report_id")
    assert pv.loc["r19", "normative_issued"] == 3
    assert pv.loc["r21", "normative_issued"] == 5
    assert pv.loc["r21", "proactive_total"] == 812
    assert pd.isna(pv.loc["r19", "proactive_total"])
    assert pd.isna(pv.loc["r21", "fees_amount"])
    assert pd.isna(pv.loc["rx", "normative_issued"])


def test_findings_matrix_and_coverage() -> None:
    findings = schema.frame(
        "findings",
        [
            {"report_id": "a23", "agency_id": "a", "year": 2023, "rule": "R1", "severity": "error"},
            {"report_id": "a23", "agency_id": "a", "year": 2023, "rule": "R1", "severity": "error"},
            {"report_id": "b23", "agency_id": "b", "year": 2023, "rule": "T1", "severity": "warning"},
            {"report_id": "b23", "agency_id": "b", "year": 2023, "rule": "R2", "severity": "info"},
        ],
    )
    m = metrics.findings_matrix(findings)
    assert m.loc["a", "R1"] == 2 and m.loc["b", "T1"] == 1 and "R2" not in m.columns
    reports = schema.frame(
        "reports",
        [
            {"report_id": "a22", "agency_id": "a", "year": 2022},
            {"report_id": "b23", "agency_id": "b", "year": 2023},
            {"report_id": "c11", "agency_id": "c", "year": 2011},
            {"report_id": "c24", "agency_id": "c", "year": 2024},
        ],
    )
    cov = metrics.coverage(reports, years=[2022, 2023, 2024])
    assert cov.loc["a", "missing_years"] == "2023、2024" and cov.loc["a", "reports"] == 1
    assert cov.loc["b", "missing_years"] == "2024"  # 2022, before b's first report, is not missing
    cov = metrics.coverage(reports)  # the corpus's years: 2011 is c's year, nobody else's missing one
    assert cov.loc["b", "missing"] == 1 and cov.loc["a", "first_year"] == 2022
    assert cov.loc["c", "missing_years"] == "2022、2023"  # years no report of the corpus has are not counted


def test_richest_report_and_subset(table3: pd.DataFrame) -> None:
    assert metrics.richest_report(table3) == "a23"  # ties b23 on filled and non-zero cells and year; id
    sparse = table3[table3["report_id"].isin(["a23", "b23"])].copy()
    sparse.loc[(sparse["report_id"] == "a23") & (sparse["row"] == "carried_in"), "value"] = 0
    assert metrics.richest_report(sparse) == "b23"  # more non-zero cells
    assert metrics.richest_report(table3.iloc[0:0]) is None
    assert set(metrics.subset(table3, ["a"], [2023])["report_id"]) == {"a23"}
    assert len(metrics.subset(table3)) == len(table3)


def test_r1_and_r3_by_hand(table3: pd.DataFrame) -> None:
    r1 = metrics.r1_balance(table3)
    a22 = r1[r1["report_id"] == "a22"].set_index("column")
    assert list(a22.index) == COLUMNS
    assert a22.loc["total", "inflow"] == 10 and a22.loc["total", "outflow"] == 10
    assert bool(a22.loc["total", "holds"]) is True
    r3 = metrics.r3_results(table3)
    c = r3[r3["report_id"] == "c23"].set_index("column")
    assert pd.isna(c.loc["total", "holds"])  # blank cells: R3 cannot be checked
    assert r3[r3["report_id"] == "a22"]["holds"].all()


def test_r5_and_report_metrics(table3: pd.DataFrame) -> None:
    table4 = schema.frame(
        "table4",
        t4(
            "a23",
            "a",
            2023,
            {"review": [3, 1, 0, 1, 6], "suit_direct": [1, 1, 0, 0, 2], "suit_after_review": [0, 0, 0, 1, 1]},
        ),
    )
    r5 = metrics.r5_balance(table4).set_index("group")
    assert r5.loc["review", "difference"] == -1 and not r5.loc["review", "holds"]
    reports = schema.frame(
        "reports",
        [{"report_id": r, "agency_id": r[0], "year": 2000 + int(r[1:])} for r in ("a22", "a23", "b23")],
    )
    empty = schema.frame("table2")
    m = metrics.report_metrics(reports, empty, table3, table4, schema.frame("narrative")).set_index(
        "report_id"
    )
    assert m.loc["a23", "review_total"] == 6
    assert m.loc["a23", "suit_total"] == 3
    assert m.loc["a23", "suit_correction_rate"] == pytest.approx(1 / 2)
    assert m.loc["a23", "release_rate"] == pytest.approx(10 / 20)
    assert pd.isna(m.loc["b23", "review_total"])  # no 表四 printed
