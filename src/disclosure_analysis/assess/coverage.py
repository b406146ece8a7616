"""Which expected reports are missing: per agency and year of the years assessed.

With an agency register, every agency is expected for each year it is expected to publish (its `years`,
default every year). Without one, only the agencies of the corpus are known, and only the years between an
agency's first and last report in the corpus are surely expected: those gaps are listed.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from disclosure_analysis.corpus.register import Register

MISSING_COLUMNS = ["register_id", "agency", "agency_kind", "level", "parent", "year", "url", "message"]


def missing_reports(reports: pd.DataFrame, register: Register | None, years: Iterable[int]) -> pd.DataFrame:
    """The agency-years without a report among `years`; `reports` has `entity` (register id or agency id),
    `year` and the agency's name and kind."""
    years = sorted({int(y) for y in years})
    dated = reports.dropna(subset=["year"])
    have = set(zip(dated["entity"], dated["year"].astype(int), strict=True))
    rows = []
    if register is not None:
        for e in register.entries:
            parent = register.get(e.parent).name if e.parent else None
            for y in years:
                if e.expects(y) and (e.id, y) not in have:
                    where = f"（年报网址：{e.url}）" if e.url else ""
                    rows.append(
                        {
                            "register_id": e.id,
                            "agency": e.name,
                            "agency_kind": e.kind,
                            "level": e.level,
                            "parent": parent,
                            "year": y,
                            "url": e.url,
                            "message": f"语料中没有{e.name} {y} 年度的报告{where}",
                        }
                    )
    else:
        for entity, own in dated.sort_values("year").groupby("entity", sort=True):
            first, last = int(own["year"].iloc[0]), int(own["year"].iloc[-1])
            latest = own.iloc[-1]
            for y in years:
                if first < y < last and (entity, y) not in have:
                    rows.append(
                        {
                            "register_id": None,
                            "agency": latest["agency"],
                            "agency_kind": latest["agency_kind"],
                            "level": latest["level"],
                            "parent": None,
                            "year": y,
                            "url": None,
                            "message": f"语料中有{latest['agency']} {first} 年和 {last} 年度的报告，没有 {y} 年度的"
                            "（未提供登记表：只列出首末年度之间的缺口）",
                        }
                    )
    return pd.DataFrame(rows, columns=MISSING_COLUMNS).astype({"year": "Int64"})
