"""Covariates files: read as given (units from the header, empty cells null), joined to reports by agency
or region and year, and rejected with the file, line and column named when they cannot be used."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.corpus import schema
from disclosure_analysis.corpus.covariates import CovariatesError, load_covariates


def write(tmp_path: Path, text: str, name: str = "cov.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8-sig")
    return path


REPORTS = schema.frame("reports", [
    {"report_id": "r1", "agency_id": "jia-1", "agency": "甲县人民政府", "year": 2023, "region": "甲县"},
    {"report_id": "r2", "agency_id": "jia-1", "agency": "甲县人民政府", "year": 2024, "region": "甲县"},
    {"report_id": "r3", "agency_id": "yi-2", "agency": "乙县民政局", "year": 2024, "region": "乙县"},
    {"report_id": "r4", "agency_id": "bing-3", "agency": "丙县人民政府", "year": 2024, "region": None},
])


def test_region_rows_with_and_without_a_year(tmp_path: Path) -> None:
    cov = load_covariates(write(tmp_path, "地区,年度,常住人口（万人）,一般公共预算支出（万元）,备注\n"
                                          "甲县,,50.5,\"1,200\",统计年鉴\n甲县,2024,51,,\n乙县,2024,,300,\n"))
    assert (cov.by, cov.columns) == ("region", ("population", "budget"))
    joined = cov.join(REPORTS).set_index("report_id")
    assert joined.loc["r1", "population"] == 505_000  # 万人 → persons; the row for every year
    assert joined.loc["r2", "population"] == 510_000  # the row of the year beats it
    assert joined.loc["r1", "budget"] == 1200  # thousands separator
    assert pd.isna(joined.loc["r3", "population"]) and joined.loc["r3", "budget"] == 300  # empty is null, not 0
    assert pd.isna(joined.loc["r4", "population"])  # no region: no figures
    assert cov.unmatched(REPORTS) == []


def test_agency_rows_by_id_or_name_and_keys_that_match_nothing(tmp_path: Path) -> None:
    cov = load_covariates(write(tmp_path, "agency,population,人均 GDP\njia-1,500000,8.1\n乙县民政局,200000,\n丁县,1,\n"))
    joined = cov.join(REPORTS).set_index("report_id")
    assert joined.loc["r2", "population"] == 500_000 and joined.loc["r2", "人均 GDP"] == pytest.approx(8.1)
    assert joined.loc["r3", "population"] == 200_000  # matched by the name as printed
    assert cov.unmatched(REPORTS) == ["丁县"]
    assert cov.name("人均 GDP") == "人均 GDP" and cov.unit("人均 GDP") == ""  # kept as given


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("名称,常住人口\n甲县,1\n", "缺少键列"),
        ("机构,地区,常住人口\n甲县,甲县,1\n", "两个键列"),
        ("地区,常住人口\n甲县,12万\n", "第 2 行“常住人口”列：“12万”不是数字"),
        ("地区,常住人口\n甲县,-3\n", "第 2 行“常住人口”列：-3 是负数"),
        ("地区,年度,常住人口\n甲县,2024,1\n甲县 ,2024,2\n", "第 3 行：甲县 2024 年度与第 2 行重复"),
        ("地区,年度,常住人口\n甲县,24,1\n", "第 2 行：年度“24”应为四位数的年份"),
        ("地区,常住人口\n", "除表头外没有数据行"),
        ("", "是空的"),
    ],
)
def test_a_file_that_cannot_be_used_is_rejected_naming_it(tmp_path: Path, text: str, said: str) -> None:
    path = write(tmp_path, text, "人口.csv")
    with pytest.raises(CovariatesError) as caught:
        load_covariates(path)
    assert str(path) in str(caught.value) and said in str(caught.value)


def test_a_file_not_in_utf8_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "gbk.csv"
    path.write_bytes("地区,常住人口\n甲县,1\n".encode("gb18030"))
    with pytest.raises(CovariatesError, match="UTF-8"):
        load_covariates(path)
