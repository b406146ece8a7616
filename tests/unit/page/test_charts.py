"""Vega-Lite bar charts: blanks left out, log axis, stacked/grouped, highlight, deterministic."""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import pytest

from disclosure_analysis.page import charts, display

XSS = "甲市</script><script>alert(1)</script>局 & $x$"


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[charts.Chart]:
    """The charts `bars` and `ranking` display."""
    out: list[charts.Chart] = []
    monkeypatch.setattr(charts, "display", out.append)
    return out


def counts() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "year": pd.array([2024, 2023, 2023, 2024, 2024, 2023], dtype="Int64"),
            "item": ["规章", "规章", "许可", "许可", "处罚", None],
            "count": pd.array([None, 3, 2000, 4000, 50, 7], dtype="Int64"),
        }
    )


def bars(**kw: Any) -> dict[str, Any]:
    spec = charts.bars_spec(counts(), "year", "item", "count", title="主动公开数量", value_label="件", **kw)
    assert spec is not None
    return spec


def values(spec: dict[str, Any]) -> list[tuple[str, str, float]]:
    return [(r["category"], r["series"], r["value"]) for r in spec["data"]["values"]]


def test_blanks_are_left_out_not_zero_and_groups_ascend() -> None:
    spec = bars()
    assert values(spec) == [
        ("2023", "规章", 3),
        ("2023", "许可", 2000),
        ("2024", "许可", 4000),
        ("2024", "处罚", 50),
    ]
    assert spec["encoding"]["x"]["sort"] == ["2023", "2024"]
    assert spec["encoding"]["color"]["scale"]["domain"] == ["规章", "许可", "处罚"]  # first appearance
    assert spec["$schema"].endswith("/vega-lite/v5.json") and spec["title"] == "主动公开数量"
    assert "Noto Sans CJK SC" in spec["config"]["font"] and "Microsoft YaHei" in spec["config"]["font"]


def test_nothing_left_draws_nothing(shown: list[charts.Chart]) -> None:
    blank = counts().assign(count=pd.array([None] * 6, dtype="Int64"))
    assert charts.bars(blank, "year", "item", "count", title="t", value_label="件") is False
    assert charts.bars(counts().iloc[:0], "year", "item", "count", title="t", value_label="件") is False
    empty = pd.Series([], dtype=float)
    assert (
        charts.ranking(pd.Series([None]), pd.Series([1.0]), pd.Series([True]), title="t", value_label="件")
        is False
    )
    assert charts.ranking(empty, empty, empty, title="t", value_label="件") is False
    assert shown == []


def test_shown_as_vegalite_with_plain_text_title(shown: list[charts.Chart]) -> None:
    assert charts.bars(counts(), "year", "item", "count", title="主动公开数量", value_label="件") is True
    bundle = shown[0]._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.vegalite.v5+json", "text/plain"}
    assert bundle["text/plain"] == "图表：主动公开数量" and bundle[charts.MIMETYPE] == bars()
    with pytest.raises(TypeError, match="图表"):
        display.block(display.note("甲"), shown[0])  # a chart is an output of its own


def test_log_axis_only_for_unstacked_values_spanning_orders_of_magnitude() -> None:
    grouped = bars()
    assert grouped["encoding"]["y"]["scale"] == {"type": "log", "domainMin": 1.0, "domainMax": 10000.0}
    assert grouped["encoding"]["y"]["axis"]["values"] == [1.0, 10.0, 100.0, 1000.0, 10000.0]
    assert grouped["encoding"]["y"]["title"] == "件（对数刻度）" and grouped["encoding"]["y"]["stack"] is None
    assert "scale" not in bars(stacked=True)["encoding"]["y"]
    near = counts().assign(count=pd.array([None, 30, 20, 40, 50, 7], dtype="Int64"))
    flat = charts.bars_spec(near, "year", "item", "count", title="t", value_label="件")
    assert "scale" not in flat["encoding"]["y"] and flat["encoding"]["y"]["title"] == "件"
    assert charts.log_floor([3, 2000]) == 1.0 and charts.log_floor([1, 500]) == 0.1  # the smallest bar shows


def test_stacked_and_grouped_horizontal_and_scale() -> None:
    stacked = bars(stacked=True, horizontal=True, scale=100)
    enc = stacked["encoding"]
    assert enc["x"]["field"] == "value" and enc["x"]["stack"] == "zero" and enc["y"]["field"] == "category"
    assert enc["order"]["field"] == "order" and "yOffset" not in enc and "xOffset" not in enc
    assert [r["order"] for r in stacked["data"]["values"]] == [0, 1, 1, 2]  # first series at the axis
    assert values(stacked)[1] == ("2023", "许可", 200000)
    grouped = bars(horizontal=True)
    assert grouped["encoding"]["yOffset"]["field"] == "series" and "order" not in grouped["encoding"]
    assert bars()["encoding"]["xOffset"]["scale"]["domain"] == ["规章", "许可", "处罚"]
    assert bars()["encoding"]["x"]["axis"] == {"labelAngle": 0}


def test_stacked_shares_end_at_100_not_at_the_next_nice_number() -> None:
    parts = [55, 14, 8, 23, 16, 11]
    mix = pd.DataFrame({"year": [2022] * 6, "group": list("abcdef"), "share": [p / 127 for p in parts]})
    spec = charts.bars_spec(
        mix, "year", "group", "share", title="t", value_label="%", stacked=True, scale=100
    )
    assert sum(r["value"] for r in spec["data"]["values"]) != 100  # rounding error of the shares
    assert spec["encoding"]["y"]["scale"] == {"domainMax": 100}
    assert "scale" not in bars(stacked=True)["encoding"]["y"]  # whole totals: the usual nice axis


def test_same_index_and_series_are_summed_and_float_years_read_as_years() -> None:
    long = pd.DataFrame({"year": [2024.0, 2024.0, 2023.0], "s": ["a", "a", "a"], "v": [1.5, 2.0, 4.0]})
    spec = charts.bars_spec(long, "year", "s", "v", title="t", value_label="件", index_label="年度")
    assert values(spec) == [("2023", "a", 4.0), ("2024", "a", 3.5)]
    assert spec["encoding"]["x"]["title"] == "年度" and spec["encoding"]["tooltip"][0]["title"] == "年度"


def test_ranking_highlights_in_red_and_keeps_the_order() -> None:
    spec = charts.ranking_spec(
        pd.Series(["甲局", "乙局", None, "丙局", "甲局"]),
        pd.Series([1.0, 5.0, 7.0, 900.0, None]),
        pd.Series([False, True, False, None, False]),
        title="排行",
        value_label="件",
    )
    assert spec is not None
    assert spec["data"]["values"] == [
        {"label": "甲局", "value": 1.0, "highlight": False},
        {"label": "乙局", "value": 5.0, "highlight": True},
        {"label": "丙局", "value": 900.0, "highlight": False},
    ]
    enc = spec["encoding"]
    assert enc["y"]["sort"] == ["丙局", "乙局", "甲局"]  # the first row at the bottom (the largest on top)
    assert enc["color"]["condition"] == {"test": "datum.highlight", "value": charts.HIGHLIGHT}
    assert enc["x"]["scale"]["type"] == "log" and enc["x"]["stack"] is None
    twins = charts.ranking_spec(
        pd.Series(["甲局", "甲局"]), pd.Series([1, 2]), pd.Series([True, False]), title="t", value_label="件"
    )
    assert [r["label"] for r in twins["data"]["values"]] == ["甲局", "甲局（2）"]


def test_untrusted_names_are_data_only_and_spec_is_deterministic() -> None:
    long = pd.DataFrame({"agency": [XSS, "乙局"], "group": ["予以公开", XSS], "share": [0.5, 0.25]})
    spec = charts.bars_spec(
        long, "agency", "group", "share", title=XSS, value_label="%", stacked=True, horizontal=True, scale=100
    )
    again = charts.bars_spec(
        long.copy(),
        "agency",
        "group",
        "share",
        title=XSS,
        value_label="%",
        stacked=True,
        horizontal=True,
        scale=100,
    )
    assert json.dumps(spec, ensure_ascii=False) == json.dumps(again, ensure_ascii=False)
    assert spec["title"] == XSS and XSS in spec["encoding"]["y"]["sort"]  # "$" and markup kept as text
    fields = {e.get("field") for e in spec["encoding"].values() if isinstance(e, dict)}
    assert fields == {"category", "series", "value", "order"}  # report text never becomes a field name


def test_panels_label_blanks_and_lower_bounds_and_draw_no_bar_for_a_blank(shown: list[charts.Chart]) -> None:
    df = pd.DataFrame({
        "year": [2022, 2023, 2024, 2022, 2023],
        "item": ["规章", "规章", "规章", "主动公开", "主动公开"],
        "count": pd.array([0, 1, None, 5500, 300], dtype="Float64"),
    })
    flags = pd.Series([False, False, False, True, False])
    spec = charts.panels_spec(df, "year", "item", "count", title="主动公开数量", value_label="件", bounds=flags)
    assert spec is not None and spec["facet"]["sort"] == ["规章", "主动公开"]
    cells = {(r["panel"], r["category"]): (r["value"], r["label"]) for r in spec["data"]["values"]}
    assert cells[("规章", "2022")] == (0.0, "0") and cells[("规章", "2024")] == (None, "—")  # 0 ≠ blank
    assert cells[("主动公开", "2022")] == (5500.0, "≥ 5,500")
    assert spec["resolve"]["scale"]["y"] == "independent"  # each panel its own linear scale, no log
    assert "log" not in json.dumps(spec)
    blank = df.assign(count=pd.array([None] * 5, dtype="Float64"))
    assert charts.panels(blank, "year", "item", "count", title="t", value_label="件") is False and shown == []
