"""The pages' bar charts as Vega-Lite specs, drawn in the reader's browser.

`bars`, `panels` and `ranking` (the first and last formerly matplotlib helpers in `plotting`) `display()` a `Chart`: a
Vega-Lite v5 spec with the data inline, which JupyterLab renders natively and the site draws with its bundled
Vega (`site/static/charts.js`). Building a spec costs under a millisecond; drawing the same chart as a PNG
cost 150–350 ms. The spec is deterministic: the same data give the same JSON.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Number
from typing import Any

import pandas as pd
from IPython.display import display

from disclosure_analysis.page.display import Shown, at_least, count

MIMETYPE = "application/vnd.vegalite.v5+json"
SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"
#: the site's own subset of Noto Sans CJK SC first (`site.fonts`; drawn on a machine without CJK fonts)
FONT = '"DA Noto Sans SC", "Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'
HIGHLIGHT, PLAIN = "#d62728", "#9ecae1"
WIDTH = 560  # of the plot area, in px; labels and legend come on top
LOG_NOTE = "（对数刻度）"
VALUE_FORMAT = ",.2~f"  # 1,234 / 12.5 / 33.33 in tooltips
CONFIG = {
    "font": FONT,
    "title": {"anchor": "start", "fontSize": 15},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "labelLimit": 260},
    "legend": {"labelFontSize": 12, "labelLimit": 320},
    "range": {"category": {"scheme": "tableau10"}},
    "view": {"stroke": None},
}


@dataclass(frozen=True)
class Chart(Shown):
    """A Vega-Lite spec that IPython displays as such, with its title as the plain-text fallback."""

    spec: dict[str, Any]
    title: str

    def bundle(self) -> dict[str, Any]:
        return {MIMETYPE: self.spec, "text/plain": f"图表：{self.title}"}

    def to_html(self) -> str:
        raise TypeError("图表是单独的输出，不能与表格、文字合并（请直接显示图表）")


def bars(long: pd.DataFrame, index: str, columns: str, values: str, *, title: str, **options: Any) -> bool:
    """Grouped or stacked bars from long data (one bar group per `index`, one colour per `columns`);
    `options` are those of `bars_spec` (value_label, index_label, stacked, horizontal, scale).

    Rows with a null index, series or value are left out (a blank is not 0); returns False, showing
    nothing, when no row is left. Values of the same index and series are summed, then multiplied by
    `scale`. Unstacked counts spanning orders of magnitude get a log axis. Groups are in ascending order
    of `index` (left to right, or top to bottom when `horizontal`), series in order of first appearance.
    """
    return _show(bars_spec(long, index, columns, values, title=title, **options), title)


def ranking(
    labels: pd.Series, values: pd.Series, highlight: pd.Series, *, title: str, value_label: str
) -> bool:
    """Horizontal bars of `values` per label (the first at the bottom), the rows where `highlight` is true
    in red. Rows with a null label or value are left out; returns False, showing nothing, when none is left.
    """
    return _show(ranking_spec(labels, values, highlight, title=title, value_label=value_label), title)


def panels(
    long: pd.DataFrame,
    index: str,
    panel: str,
    values: str,
    *,
    title: str,
    value_label: str,
    bounds: pd.Series | None = None,
    columns: int = 3,
) -> bool:
    """Small multiples: one small bar chart per `panel` value, bars per `index` (ascending), each panel on
    its own linear scale (no value axis: every bar is labelled with its value). A blank is labelled "—" without a bar (never a
    bar of 0); a lower bound (`bounds` true, e.g. "5500余条") is drawn at the bound and labelled "≥ 5,500".
    Returns False, showing nothing, when every value is blank."""
    return _show(
        panels_spec(long, index, panel, values, title=title, value_label=value_label, bounds=bounds, columns=columns),
        title,
    )


def panels_spec(
    long: pd.DataFrame,
    index: str,
    panel: str,
    values: str,
    *,
    title: str,
    value_label: str,
    bounds: pd.Series | None = None,
    columns: int = 3,
) -> dict[str, Any] | None:
    """The Vega-Lite spec `panels` shows, or None when every value is blank."""
    flags = bounds.tolist() if bounds is not None else [False] * len(long)
    records = []
    for key, name, value, bound in zip(
        long[index].tolist(), long[panel].tolist(), long[values].tolist(), flags, strict=True
    ):
        if _missing(key) or _missing(name):
            continue
        blank = _missing(value) or not math.isfinite(float(value))
        label = "—" if blank else at_least(value) if bound is True else count(value)
        records.append({
            "category": _text(key), "panel": _text(name), "value": None if blank else float(value), "label": label,
            "label_at": 0.0 if blank else float(value),
        })
    if all(r["value"] is None for r in records):
        return None
    records.sort(key=lambda r: _order(r["category"]))  # stable: panels keep their order
    categories = list(dict.fromkeys(r["category"] for r in records))
    names = list(dict.fromkeys(r["panel"] for r in records))
    x = {"field": "category", "type": "ordinal", "sort": categories, "title": None, "axis": {"labelAngle": 0}}
    # every bar says its value: no value axis (whose ticks at 0.5 for a count of 1 read as 0, 1, 1)
    bars = {
        "mark": {"type": "bar", "color": "#4c72b0"},
        "encoding": {"x": x, "y": {"field": "value", "type": "quantitative", "title": None, "axis": None}},
    }
    labels = {
        "mark": {"type": "text", "dy": -6, "fontSize": 11},
        "encoding": {
            "x": x,
            "y": {"field": "label_at", "type": "quantitative", "title": None, "axis": None},
            "text": {"field": "label", "type": "nominal"},
        },
    }
    tooltip = [
        {"field": "panel", "type": "nominal", "title": "分项"},
        {"field": "category", "type": "ordinal", "title": "年度"},
        {"field": "label", "type": "nominal", "title": value_label},
    ]
    bars["encoding"]["tooltip"] = tooltip
    return {
        "$schema": SCHEMA,
        "title": str(title),
        "description": str(title),
        "data": {"values": records},
        "facet": {"field": "panel", "type": "nominal", "sort": names, "title": None, "header": {"labelFontSize": 12}},
        "columns": columns,
        # an invisible mark at 1: a panel of zeros gets the scale 0–1 (its zeros at the bottom, not mid-air)
        "spec": {"width": 150, "height": 110, "layer": [bars, labels, _AT_ONE]},
        "resolve": {"scale": {"y": "independent"}},
        "config": CONFIG,
    }


_AT_ONE = {"mark": {"type": "point", "opacity": 0}, "encoding": {"y": {"datum": 1, "type": "quantitative", "axis": None}}}


def _show(spec: dict[str, Any] | None, title: str) -> bool:
    if spec is None:
        return False
    display(Chart(spec, title))
    return True


def bars_spec(
    long: pd.DataFrame,
    index: str,
    columns: str,
    values: str,
    *,
    title: str,
    value_label: str,
    index_label: str = "",
    stacked: bool = False,
    horizontal: bool = False,
    scale: float = 1.0,
) -> dict[str, Any] | None:
    """The Vega-Lite spec `bars` shows, or None when no row is left."""
    sums: dict[tuple[Any, Any], float] = {}
    raw: list[float] = []
    for key, series, value in zip(
        long[index].tolist(), long[columns].tolist(), long[values].tolist(), strict=True
    ):
        if _missing(key) or _missing(series) or _missing(value):
            continue
        raw.append(float(value))
        sums[key, series] = sums.get((key, series), 0.0) + float(value)
    keys = sorted({k for k, _ in sums}, key=_order)
    position = {k: i for i, k in enumerate(keys)}
    cells = sorted(sums.items(), key=lambda item: position[item[0][0]])  # stable: series keep their order
    records = [
        {"category": _text(k), "series": _text(s), "value": v * scale}
        for (k, s), v in cells
        if math.isfinite(v * scale)
    ]
    if not records:
        return None
    series_order = list(dict.fromkeys(r["series"] for r in records))
    if stacked:  # the first series next to the axis, whichever the orientation
        rank = {s: i for i, s in enumerate(series_order)}
        for record in records:
            record["order"] = rank[record["series"]]
    log = not stacked and spans_orders_of_magnitude(raw)
    categories = list(dict.fromkeys(r["category"] for r in records))
    if stacked:
        totals: dict[str, float] = {}
        for record in records:
            totals[record["category"]] = totals.get(record["category"], 0.0) + max(record["value"], 0.0)
        value = _value_encoding(value_label, list(totals.values()), log, stacked)
    else:
        value = _value_encoding(value_label, [r["value"] for r in records], log)
    category = {
        "field": "category",
        "type": "nominal",
        "sort": categories,
        "title": index_label or None,
        "axis": {"labelAngle": 0} if not horizontal else {},
    }
    encoding: dict[str, Any] = {
        "x": value if horizontal else category,
        "y": category if horizontal else value,
        "color": {
            "field": "series",
            "type": "nominal",
            "sort": series_order,
            "scale": {"domain": series_order},
            "title": None,  # the series' names say what they are; the data column's name would not
        },
        "tooltip": [
            {"field": "category", "type": "nominal", "title": index_label or "类别"},
            {"field": "series", "type": "nominal", "title": "分项"},
            {"field": "value", "type": "quantitative", "title": value_label, "format": VALUE_FORMAT},
        ],
    }
    if stacked:
        encoding["order"] = {"field": "order", "type": "quantitative"}
    grouped = not stacked and len(series_order) > 1
    if grouped:
        encoding["yOffset" if horizontal else "xOffset"] = {
            "field": "series",
            "type": "nominal",
            "sort": series_order,
            "scale": {"domain": series_order},
        }
    if horizontal:
        step = 14 * len(series_order) + 8 if grouped else 22  # per group of bars
        size = {"width": WIDTH, "height": {"step": step, "for": "position"}}
    else:
        size = {"width": WIDTH, "height": 260}
    return _spec(title, records, {"type": "bar"}, encoding, size)


def ranking_spec(
    labels: pd.Series, values: pd.Series, highlight: pd.Series, *, title: str, value_label: str
) -> dict[str, Any] | None:
    """The Vega-Lite spec `ranking` shows, or None when no row is left (rows are matched by position)."""
    records: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for label, value, marked in zip(labels.tolist(), values.tolist(), highlight.tolist(), strict=True):
        if _missing(label) or _missing(value) or not math.isfinite(float(value)):
            continue
        text = _text(label)
        seen[text] = seen.get(text, 0) + 1
        if seen[text] > 1:  # two agencies of the same name get a bar each
            text = f"{text}（{seen[text]}）"
        records.append(
            {"label": text, "value": float(value), "highlight": not _missing(marked) and bool(marked)}
        )
    if not records:
        return None
    drawn = [r["value"] for r in records]
    encoding = {
        "x": _value_encoding(value_label, drawn, spans_orders_of_magnitude(drawn)),
        "y": {
            "field": "label",
            "type": "nominal",
            "sort": [r["label"] for r in reversed(records)],
            "title": None,
        },
        "color": {"condition": {"test": "datum.highlight", "value": HIGHLIGHT}, "value": PLAIN},
        "tooltip": [
            {"field": "label", "type": "nominal", "title": "名称"},
            {"field": "value", "type": "quantitative", "title": value_label, "format": VALUE_FORMAT},
        ],
    }
    size = {"width": WIDTH, "height": {"step": 18}}
    return _spec(title, records, {"type": "bar"}, encoding, size)


def spans_orders_of_magnitude(values: Iterable[float], factor: float = 100.0) -> bool:
    """Whether the positive values span at least `factor` (then a log scale reads better)."""
    positive = [v for v in values if not _missing(v) and v > 0]
    return len(positive) > 1 and max(positive) / min(positive) >= factor


def log_floor(values: Iterable[float]) -> float:
    """Where a log axis for `values` starts: a power of ten below the smallest positive value, so that
    the bar of that value shows."""
    smallest = min((v for v in values if v > 0), default=1.0)
    return 10.0 ** math.floor(math.log10(smallest) - 1e-9)


def _spec(
    title: str,
    records: list[dict[str, Any]],
    mark: dict[str, Any],
    encoding: dict[str, Any],
    size: dict[str, Any],
) -> dict[str, Any]:
    return {
        "$schema": SCHEMA,
        "title": str(title),
        "description": str(title),  # the drawn chart's accessible name (Vega sets it as its aria-label)
        "data": {"values": records},
        "mark": mark,
        "encoding": encoding,
        **size,
        "config": CONFIG,
    }


def _value_encoding(value_label: str, drawn: list[float], log: bool, stacked: bool = False) -> dict[str, Any]:
    """The value axis for the bars' lengths `drawn` (stacked: their totals), on a log scale when `log`
    (ticks at powers of ten). Unstacked bars must say so: a stacked log axis draws nothing."""
    encoding: dict[str, Any] = {
        "field": "value",
        "type": "quantitative",
        "title": value_label + (LOG_NOTE if log else ""),
        "stack": "zero" if stacked else None,
    }
    top = max(drawn)
    if log:
        low = log_floor(drawn)
        ticks = [10.0**e for e in range(round(math.log10(low)), math.ceil(math.log10(top) - 1e-9) + 1)]
        encoding["scale"] = {"type": "log", "domainMin": low, "domainMax": ticks[-1]}
        encoding["axis"] = {"values": ticks, "format": ",~r"}
    elif top != round(top) and abs(top - round(top)) <= 1e-9 * top:
        # shares adding up to 100 but for rounding: the axis ends at 100, not at 110
        encoding["scale"] = {"domainMax": round(top)}
    return encoding


def _missing(value: Any) -> bool:
    """None, NaN, pd.NA or NaT (a blank, not 0)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _text(value: Any) -> str:
    """A category's label: 2023.0 reads as 2023."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _order(value: Any) -> tuple[int, Any]:
    """Sort key: numbers by value, then everything else by its text."""
    if isinstance(value, Number) and not isinstance(value, bool):
        return (0, float(value))  # type: ignore[arg-type]
    return (1, str(value))
