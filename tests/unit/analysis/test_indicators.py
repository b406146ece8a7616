"""Indicators on real reports (values computed by hand from the printed tables) and on unbalanced tables."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.analysis import derived, indicators
from disclosure_analysis.corpus import Corpus, load_corpus
from render_corpus import write_corpus


@pytest.fixture(scope="module")
def real(request: pytest.FixtureRequest) -> Corpus:
    from shared_corpus import SHARED_CORPUS

    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"reference corpus not found at {SHARED_CORPUS} (it lives beside the repository as ../shared)")
    return load_corpus([SHARED_CORPUS / "raw", SHARED_CORPUS / "dev"])


def values(corpus: Corpus, agency: str, year: int) -> pd.DataFrame:
    """The indicators of the report of `agency` (name as printed) for `year`, by indicator code."""
    table = derived.frame(corpus, "indicators")
    rid = corpus.reports.loc[corpus.reports["agency"].eq(agency) & corpus.reports["year"].eq(year), "report_id"]
    return table[table["report_id"].isin(rid)].set_index("indicator")


def test_every_indicator_has_its_words() -> None:
    for ind in indicators.INDICATORS:
        assert ind.name and ind.definition and ind.source and "条" in ind.legal_basis, ind.code
        assert bool(ind.denominator_text) == ind.is_rate and (ind.unit == "%") == ind.is_rate
    table = indicators.definitions()
    assert list(table["指标"])[:3] == ["公开率", "不予公开率", "无法提供率"] and table.notna().all().all()


def test_huaian_2024_by_hand(real: Corpus) -> None:
    v = values(real, "淮安市人民政府", 2024)
    assert (v["status"] == "ok").all()
    expected = {
        # 表三 总计列: 予以公开 1362 + 部分公开 454 of （七）总计 3050
        "release_rate": (1362 + 454, 3050),
        # 不予公开 1–8: 2 + 31 + 5 + 6 + 8 + 12 + 9 + 105
        "denied_rate": (178, 3050),
        # 无法提供: 本机关不掌握 769 + 需另行制作 11 + 补正后仍不明确 1
        "unable_rate": (781, 3050),
        # 不予处理: 信访 62 + 重复 25 + 出版物 0 + 大量反复 0 + 确认 1
        "rejected_rate": (88, 3050),
        # 其他处理: 逾期不补正 71 + 逾期未缴费 6 + 其他 110
        "other_rate": (187, 3050),
        # 结转下年度 103 of 新收 3119 + 上年结转 34
        "backlog_rate": (103, 3153),
        # 表四: 行政复议 351 + 行政诉讼 26 + 20, per 新收 3119
        "dispute_rate": (397, 3119),
        # 复议 纠正 64 of 351 − 尚未审结 37
        "correction_rate": (64, 314),
        # 诉讼 纠正 4 + 1 of (26 − 1) + (20 − 6)
        "litigation_loss_rate": (5, 39),
    }
    for code, (num, den) in expected.items():
        assert (v.loc[code, "numerator"], v.loc[code, "denominator"]) == (num, den), code
        assert v.loc[code, "value"] == pytest.approx(num / den), code
    assert v.loc["release_rate", "value"] == pytest.approx(0.5954, abs=1e-4)
    assert v.loc["info_processing_fee", "value"] == 3940  # "收取政府信息公开信息处理费 3940 元" (六)
    assert v.loc["unpaid_fee_closed", "value"] == 6  # （六）2．逾期未缴费


def test_fee_as_stated_and_a_2019_style_table_has_no_unpaid_fee_row(real: Corpus) -> None:
    assert values(real, "沐阳县人民政府", 2025).loc["info_processing_fee", "value"] == 380  # 共计380元
    assert values(real, "上海市人民政府办公厅", 2025).loc["info_processing_fee", "value"] == 0  # 未收取
    hongze = values(real, "洪泽区人民政府", 2023)  # 表三 has one 2019-style （六） row
    assert hongze.loc["unpaid_fee_closed", "status"] == indicators.NOT_APPLICABLE
    assert hongze.loc["info_processing_fee", "value"] == 0  # "收取…信息处理费 0 元"


def test_hongze_2023_table4_does_not_add_up_so_it_gives_no_rate(real: Corpus) -> None:
    v = values(real, "洪泽区人民政府", 2023)
    for code in ("correction_rate", "litigation_loss_rate", "dispute_rate"):  # R5 fails (totals printed 0)
        assert v.loc[code, "status"] == indicators.UNBALANCED and pd.isna(v.loc[code, "value"]), code
    assert v.loc["release_rate", "status"] == "ok"  # 表三 adds up: (3 + 1) of 21
    assert (v.loc["release_rate", "numerator"], v.loc["release_rate", "denominator"]) == (4, 21)
    ranks = derived.frame(real, "metrics").set_index("report_id")
    assert pd.isna(ranks.loc[v["report_id"].iloc[0], "correction_rate"])  # left out of rankings


def test_an_unbalanced_table3_gives_no_rate_and_no_shares(tmp_path: Path) -> None:
    folder = write_corpus(tmp_path / "c", [
        {"file": "a.md", "agency": "甲县民政局", "year": 2023, "new": 20, "granted": 8, "partial": 2},
        {"file": "b.md", "agency": "甲县民政局", "year": 2024, "new": 20, "granted": 8, "partial": 2,
         "handled_error": 7},  # （七）总计 printed 26 where the results add up to 19 (R1, R2, R3 fail)
    ])
    corpus = load_corpus(folder)
    table = derived.frame(corpus, "indicators").set_index(["year", "indicator"])
    assert table.loc[(2023, "release_rate"), "value"] == pytest.approx(10 / 19)
    for code in ("release_rate", "unable_rate", "backlog_rate", "dispute_rate"):
        assert table.loc[(2024, code), "status"] == indicators.UNBALANCED and pd.isna(table.loc[(2024, code), "value"])
    assert table.loc[(2024, "correction_rate"), "status"] == "ok"  # 表四 adds up
    mix = derived.frame(corpus, "outcome_mix")
    assert mix.loc[mix["year"].eq(2024), "share"].isna().all() and not mix.loc[mix["year"].eq(2024), "balanced"].any()
    assert mix.loc[mix["year"].eq(2023), "share"].sum() == pytest.approx(1.0)
    assert set(indicators.unbalanced(corpus.findings)["rule"]) >= {"R1", "R3"}


def test_the_real_corpus_ranks_only_in_groups_of_five(real: Corpus) -> None:
    from disclosure_analysis.analysis.peers import MIN_GROUP

    for by in ("level", "region"):
        peers = derived.frame(real, f"peers_{by}")
        assert peers.loc[peers["rank"].notna(), "peer_count"].ge(MIN_GROUP).all()
        huaian = peers[peers["agency_id"].str.startswith("huaianshi")]
        assert huaian["rank"].isna().all()  # 淮安 was ranked "1 / 1": alone in its group, now no rank
