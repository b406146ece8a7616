"""The indicator types a rubric can use, by name."""

from __future__ import annotations

from disclosure_analysis.assess.indicators import form, problems, stock, tables, text, timeliness
from disclosure_analysis.assess.indicators.base import Indicator, IndicatorType, Param

TYPES: dict[str, IndicatorType] = {
    t.name: t
    for t in (
        timeliness.TYPE,
        form.TYPE,
        tables.TYPE,
        stock.TYPE,
        problems.TYPE,
        text.FEE,
        text.GOV_ITEMS_TYPE,
    )
}

__all__ = ["TYPES", "Indicator", "IndicatorType", "Param"]
