"""Small corpora built directly from `schema.frame` rows, and an assessment of them."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import pytest

from disclosure_analysis import formats
from disclosure_analysis.assess import assess
from disclosure_analysis.assess.rubric import parse_rubric
from disclosure_analysis.corpus import Corpus, schema
from disclosure_analysis.corpus.assemble import agency_id
from disclosure_analysis.ingest.metadata import agency_info

TEXTS = {
    "overview": "本机关认真贯彻《政府信息公开条例》，全年主动公开政府信息120条。",
    "active": "主动公开情况见下表。",
    "applications": "收到和处理政府信息公开申请情况见下表。",
    "review_litigation": "行政复议、行政诉讼情况见下表。",
    "problems": "存在的问题：一是政策解读形式单一。改进措施：一是6月底前制作图解10件。",
    "other": "本年度未收取信息处理费。",
}


class Builder:
    """Rows of every corpus table; `report()` adds a report with all six sections, the rest add cells."""

    def __init__(self) -> None:
        self.rows: dict[str, list[dict]] = {name: [] for name in Corpus.TABLES}
        self.keys: dict[str, dict] = {}

    def report(
        self,
        rid: str,
        agency: str = "示例县公安局",
        year: int | None = 2022,
        sections: dict | None = None,
        **fields: object,
    ) -> Builder:
        info = agency_info(agency)
        version = None if year is None else ("2021" if year >= 2021 else "2019")
        record = {
            "report_id": rid,
            "source": f"{rid}.txt",
            "kind": "text",
            "agency": agency,
            "agency_id": agency_id(agency, rid),
            "year": year,
            "template": version,
            "t2_version": version,
            "t3_version": version,
            "published": None if year is None else f"{year + 1}-01-20",
            "level": info.level,
            "is_government": info.is_government,
            "region": info.region,
            "agency_kind": info.kind,
            "status": "ok",
            **fields,
        }
        self.rows["reports"].append(record)
        self.rows["manifest"].append(
            {"source": record["source"], "sha256": rid * 4, "kind": "text", "status": "ok", "report_id": rid}
        )
        self.keys[rid] = {"report_id": rid, "agency_id": record["agency_id"], "year": year}
        for key, text in (TEXTS if sections is None else sections).items():
            self.rows["sections"].append({**self.keys[rid], "section": key, "text": text})
        return self

    def table2(self, rid: str, **cells: float | None) -> Builder:
        self.rows["table2"] += [{**self.keys[rid], "code": code, "value": v} for code, v in cells.items()]
        return self

    def table3(
        self,
        rid: str,
        new: int = 3,
        carried_in: int = 1,
        granted: int = 3,
        carried_out: int = 1,
        blanks: tuple[tuple[str, str], ...] = (),
    ) -> Builder:
        """A consistent 表三 (all in the natural-person column) with the given cells left blank."""
        version = next(r for r in self.rows["reports"] if r["report_id"] == rid)["t3_version"] or "2021"
        given = {
            "new_received": new,
            "carried_in": carried_in,
            "granted": granted,
            "handled_total": granted,
            "carried_out": carried_out,
        }
        for row in formats.table3().versions[version]:
            for col in formats.table3().column_codes:
                value = given.get(row, 0) if col in ("natural_person", "total") else 0
                value = None if (row, col) in blanks else value
                self.rows["table3"].append({**self.keys[rid], "row": row, "column": col, "value": value})
        return self

    def table4(self, rid: str, review_total: int = 0) -> Builder:
        for group, _ in formats.table4().groups:
            for outcome, _ in formats.table4().outcomes:
                value = review_total if (group, outcome) in (("review", "upheld"), ("review", "total")) else 0
                self.rows["table4"].append(
                    {**self.keys[rid], "group": group, "outcome": outcome, "value": value}
                )
        return self

    def finding(
        self,
        rid: str,
        rule: str,
        severity: str = "error",
        table: str | None = "t3",
        row: str | None = None,
        column: str | None = None,
    ) -> Builder:
        self.rows["findings"].append(
            {
                **self.keys[rid],
                "rule": rule,
                "severity": severity,
                "table": table,
                "row": row,
                "column": column,
                "message": f"{rule} 测试",
            }
        )
        return self

    def corpus(self) -> Corpus:
        return Corpus(**{name: schema.frame(name, rows) for name, rows in self.rows.items()})


@pytest.fixture
def build() -> Callable[[], Builder]:
    return Builder


def rubric_of(*indicators: dict) -> object:
    """A rubric of the given indicator entries (weight 1 and a basis unless given)."""
    items = [{"weight": 1, "basis": "测试", "id": i["type"], **i} for i in indicators]
    return parse_rubric({"name": "测试", "indicators": items}, "test.yaml")


def outcome(corpus: Corpus, indicator: dict, report_id: str, **kw: object) -> pd.Series:
    """The outcome row of one indicator for one report."""
    result = assess(corpus, rubric_of(indicator), **kw)
    rows = result.outcomes[result.outcomes["report_id"] == report_id]
    return rows.iloc[0]


@pytest.fixture
def one() -> Callable[..., pd.Series]:
    return outcome


@pytest.fixture
def rubric() -> Callable[..., object]:
    return rubric_of
