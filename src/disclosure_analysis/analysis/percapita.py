"""Per-capita figures: a report's counts over the population of its agency or region from a covariates file
(`corpus.covariates`), each defined once like the indicators (definition, numerator, denominator, source).

As with the indicators' rates, a count from a table that fails its identities gives no figure (status
`unbalanced`), a blank count or an unknown population gives none (`blank`, `no_covariate`); nothing is
estimated.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from disclosure_analysis.analysis import indicators, metrics
from disclosure_analysis.analysis.metrics import KEYS

NO_COVARIATE = "no_covariate"
STATUS_TEXT = {**indicators.STATUS_TEXT, NO_COVARIATE: "无人口数"}
PER = 10_000  # per 10,000 people (每万人)


@dataclass(frozen=True)
class PerCapita:
    """One per-capita figure: `numerator` columns of the `metrics` frame (summed; null when one is blank)
    per `PER` people of covariate `population`; `table` is the table whose identities must hold."""

    code: str
    name: str
    unit: str
    definition: str
    numerator_text: str
    numerator: tuple[str, ...]
    table: str
    source: str


FIGURES: tuple[PerCapita, ...] = (
    PerCapita(
        code="applications_per_10k",
        name="每万人申请数",
        unit="件/万人",
        definition="本年新收政府信息公开申请数除以常住人口（万人）",
        numerator_text="本年新收政府信息公开申请（表三一、总计）",
        numerator=("new_received",),
        table="t3",
        source="表三“总计”列；常住人口取自协变量表",
    ),
    PerCapita(
        code="disputes_per_10k",
        name="每万人复议诉讼数",
        unit="件/万人",
        definition="因政府信息公开工作被申请行政复议和提起行政诉讼的案件数除以常住人口（万人）",
        numerator_text="行政复议总计＋行政诉讼总计（表四）",
        numerator=("review_total", "suit_total"),
        table="t4",
        source="表四“总计”；常住人口取自协变量表",
    ),
)
BY_CODE: dict[str, PerCapita] = {f.code: f for f in FIGURES}


def per_capita(metric: pd.DataFrame, joined: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """Long frame: report_id, agency_id, year, figure, numerator, population, value, status.

    `metric` is the `metrics` frame (one row per report), `joined` `Covariates.join` of the reports."""
    population = joined.set_index("report_id")["population"] if "population" in joined.columns else None
    failing = indicators.unbalanced(findings)
    frames = []
    for fig in FIGURES:
        parts = [metric[c].astype("Float64") for c in fig.numerator]
        num = sum(parts[1:], parts[0])
        pop = (metric["report_id"].map(population) if population is not None else pd.Series(pd.NA, index=metric.index))
        pop = pop.astype("Float64")
        bad = metric["report_id"].isin(failing.loc[failing["table"].eq(fig.table), "report_id"])
        status = pd.Series(indicators.OK, index=metric.index, dtype="string")
        status = status.mask(pop.isna() | pop.fillna(1).eq(0), NO_COVARIATE)
        status = status.mask(num.isna(), indicators.BLANK)
        status = status.mask(bad, indicators.UNBALANCED)
        value = (metrics.ratio(num, pop) * PER).astype("Float64").where(status.eq(indicators.OK))
        frames.append(metric[KEYS].assign(figure=fig.code, numerator=num, population=pop, value=value, status=status))
    out = pd.concat(frames, ignore_index=True)
    return metrics.in_order(out, "figure", ranks={"figure": list(BY_CODE)})


def definitions() -> pd.DataFrame:
    """The per-capita figures' words as a table (Chinese headings)."""
    return pd.DataFrame(
        {
            "指标": [f.name for f in FIGURES],
            "定义": [f.definition for f in FIGURES],
            "分子": [f.numerator_text for f in FIGURES],
            "分母": ["常住人口（人）÷ 10,000"] * len(FIGURES),
            "单位": [f.unit for f in FIGURES],
            "数据来源": [f.source for f in FIGURES],
        }
    )

