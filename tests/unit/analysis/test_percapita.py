"""Per-capita figures on real reports (values computed by hand from the printed tables and a covariates
file), and peer groups taken from an agency register."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.analysis import derived, indicators, percapita
from disclosure_analysis.analysis.peers import MIN_GROUP
from disclosure_analysis.corpus import Corpus, load_corpus
from disclosure_analysis.corpus.covariates import load_covariates
from disclosure_analysis.corpus.register import load_register, with_register
from disclosure_analysis.page import tables
from disclosure_analysis.synth.sample import sample_corpus


@pytest.fixture(scope="module")
def real() -> Corpus:
    from shared_corpus import SHARED_CORPUS

    if not SHARED_CORPUS.is_dir():
        pytest.skip(f"reference corpus not found at {SHARED_CORPUS} (it lives beside the repository as ../shared)")
    return load_corpus(SHARED_CORPUS / "raw")


def test_per_capita_on_real_reports_by_hand(real: Corpus, tmp_path: Path) -> None:
    # populations are test inputs, not facts about these places
    path = tmp_path / "人口.csv"
    path.write_text("地区,年度,常住人口（万人）\n淮安市,,455.3\n洪泽区,2023,30.5\n", encoding="utf-8")
    people = load_covariates(path)
    values = derived.per_capita(real, people).set_index(["report_id", "figure"])
    rid = {(a, y): r for a, y, r in zip(real.reports["agency"], real.reports["year"], real.reports["report_id"],
                                         strict=True)}
    huaian, hongze23, hongze24 = rid["淮安市人民政府", 2024], rid["洪泽区人民政府", 2023], rid["淮安市洪泽区人民政府", 2024]
    # 淮安 2024: 表三 本年新收 总计 3119; 表四 行政复议 351 + 诉讼 26 + 20; 4,553,000 people
    assert values.loc[(huaian, "applications_per_10k"), "value"] == pytest.approx(3119 / 4_553_000 * 10_000)
    assert values.loc[(huaian, "applications_per_10k"), "value"] == pytest.approx(6.8504, abs=1e-4)
    assert values.loc[(huaian, "disputes_per_10k"), "value"] == pytest.approx(397 / 455.3)
    # 洪泽 2023: 新收 21 of 305,000; its 表四 does not add up (R5): no figure from it
    assert values.loc[(hongze23, "applications_per_10k"), "value"] == pytest.approx(21 / 30.5)
    assert values.loc[(hongze23, "disputes_per_10k"), "status"] == indicators.UNBALANCED
    assert pd.isna(values.loc[(hongze23, "disputes_per_10k"), "value"])
    # 洪泽 2024 prints its region as 淮安市洪泽区: the file has no row for it, so no figure (never a guess)
    assert values.loc[(hongze24, "applications_per_10k"), "status"] == percapita.NO_COVARIATE
    shown = tables.per_capita_table(values.reset_index().query("report_id == @huaian"), people)
    assert shown.set_index("指标").loc["每万人申请数", "2024 年"] == "6.85（3,119 / 455.3 万人）"
    assert shown.set_index("指标").loc["常住人口", "2024 年"] == "4,553,000 人"
    unbalanced = tables.per_capita_table(values.reset_index().query("report_id == @hongze23"), people)
    assert unbalanced.set_index("指标").loc["每万人复议诉讼数", "2023 年"] == "表内不平衡"


def test_peer_groups_come_from_the_register(tmp_path: Path) -> None:
    """The sample's four township offices are a group of 4 (no rank); a register that says what a fifth
    agency is (kind, level and region) makes a group of 5 that is ranked, named as the register says."""
    corpus = load_corpus(sample_corpus())
    before = derived.frame(corpus, "peers_level")
    assert before.loc[before["peer_key"].eq("乡镇街道 · 乡镇街道"), "rank"].isna().all()
    path = tmp_path / "register.csv"
    path.write_text(
        "编号,名称,类型,层级,地区\nfanli-nanyuan,范例区南苑街道办事处,乡镇街道,乡镇街道,范例区\n"
        "moni-hexi,模拟县河西镇人民政府,乡镇街道,乡镇街道,模拟县\nyangben-dongpo,样本县东坡街道办事处,乡镇街道,乡镇街道,样本县\n"
        "yangben-qingquan,样本县清泉镇人民政府,乡镇街道,乡镇街道,样本县\nyangben-ban,样本县人民政府办公室,乡镇街道,乡镇街道,样本县\n",
        encoding="utf-8",
    )
    view = with_register(corpus, load_register(path))
    after = derived.frame(view, "peers_level")
    group = after[after["peer_key"].eq("乡镇街道 · 乡镇街道") & after["metric"].eq("new_received")]
    ranked = group[group["rank"].notna()]
    assert not ranked.empty and ranked["peer_count"].ge(MIN_GROUP).all()
    office = view.reports.loc[view.reports["agency"].eq("样本县人民政府办公室"), "report_id"]
    assert set(office) <= set(group["report_id"])  # the register's kind and level, not the name's
    by_region = derived.frame(view, "peers_region")
    assert by_region.loc[by_region["report_id"].isin(office), "peer_key"].eq("乡镇街道 · 乡镇街道 · 样本县").all()
    assert derived.frame(corpus, "peers_level").equals(before)  # the corpus itself is unchanged
