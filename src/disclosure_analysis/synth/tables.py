"""The numbers of 表二/表三/表四 for one agency over the years, chained year to year.

Every agency is simulated from 2019 (the first unified-format year) on, whatever years are written,
so an agency's figures for a year do not depend on which other years were asked for.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import cache

from disclosure_analysis.formats import all_keys, table3, table4
from disclosure_analysis.synth.rand import binomial, multinomial, poisson, rng_for
from disclosure_analysis.synth.resources import load
from disclosure_analysis.synth.tree import CITY, Agency

FIRST_YEAR = 2019
NP, TOTAL = "natural_person", "total"
Cells = dict[str, int | float | None]


def version_for(year: int) -> str:
    """The unified format a report for `year` follows: the 2019 trial format until 2020."""
    if year < FIRST_YEAR:
        raise ValueError(
            f"only the unified formats (reports for {FIRST_YEAR} on) can be generated, got {year}"
        )
    return "2019" if year < 2021 else "2021"


def result_rows(version: str) -> list[str]:
    """The 表三 办理结果 rows that hold numbers (without （七）总计)."""
    return [r.code for r in table3().row_specs(version) if r.kind == "result"]


@dataclass(frozen=True)
class Profile:
    """What an agency is like: its size, who applies, how it handles applications."""

    kind: dict
    size: float  # multiplies the kind's application demand
    volume: float  # multiplies the kind's 表二 volumes
    legal_blank: bool  # the five 法人或其他组织 columns are left blank
    legal_share: float
    carry_share: float
    result_weights: dict[str, float]


@dataclass(frozen=True)
class YearTables:
    """One year's true cell values, and last year's 结转下年度 row (what 上年结转 should equal)."""

    version: str
    cells: Cells
    prev_carried_out: dict[str, int | None] | None


@cache
def _numbers() -> dict:
    return load("numbers.yaml")


def makes_rules(agency: Agency) -> bool:
    """Whether the agency has rule-making power (规章): only the city government."""
    return bool(_numbers()["kinds"][agency.kind].get("rulemaking")) and agency.level == CITY


def profile(seed: int, agency: Agency) -> Profile:
    """The agency's stable characteristics."""
    cfg = _numbers()
    rng = rng_for(seed, agency.id, "profile")
    scale = cfg["level_scale"][agency.level]
    weights = {code: w * rng.lognormvariate(0, 0.5) for code, w in cfg["results"].items()}
    return Profile(
        kind=cfg["kinds"][agency.kind],
        size=scale * rng.lognormvariate(0, cfg["size_sigma"]),
        volume=scale * rng.lognormvariate(0, 0.5),
        legal_blank=rng.random() < cfg["legal_blank_share"],
        legal_share=rng.uniform(*cfg["legal_share"]),
        carry_share=rng.uniform(*cfg["carry_share"]) * (rng.random() < 0.6),
        result_weights=weights,
    )


def simulate(
    seed: int, agency: Agency, last_year: int, x1_years: frozenset[int] = frozenset()
) -> dict[int, YearTables]:
    """True tables for every year from 2019 to `last_year`; in `x1_years` 上年结转 breaks the chain."""
    prof = profile(seed, agency)
    stocks = _Stocks(rng_for(seed, agency.id, "stocks"), prof, agency)
    carried: dict[str, int] | None = None
    last_row: dict[str, int | None] | None = None
    out: dict[int, YearTables] = {}
    for year in range(FIRST_YEAR, last_year + 1):
        rng = rng_for(seed, agency.id, year, "tables")
        version = version_for(year)
        carried_in = _carried_in(rng, prof, carried, year in x1_years)
        t3 = _table3(rng, prof, version, carried_in)
        cells = dict.fromkeys(all_keys(version, version))
        cells.update(stocks.table2(rng, version))
        cells.update(t3)
        cells.update(_table4(rng, prof, t3))
        out[year] = YearTables(version, cells, last_row)
        last_row = {c: t3[f"t3.carried_out.{c}"] for c in table3().column_codes}
        carried = {c: int(last_row[c] or 0) for c in _legal_and_np()}
    return out


def _legal_and_np() -> tuple[str, ...]:
    return tuple(c for c in table3().column_codes if c != TOTAL)


def _cells_of(by_column: dict[str, int], prof: Profile) -> dict[str, int | None]:
    """A row's printed cells from its per-column counts (blank legal-person columns, total added)."""
    row: dict[str, int | None] = {
        c: (None if prof.legal_blank and c != NP else v) for c, v in by_column.items()
    }
    row[TOTAL] = sum(by_column.values())
    return row


def _carried_in(
    rng: random.Random, prof: Profile, carried: dict[str, int] | None, break_chain: bool
) -> dict[str, int]:
    cols = _legal_and_np()
    if carried is None:  # 2019: the backlog from before the unified format
        lam = prof.kind["demand"] * prof.size * prof.carry_share
        carried = {c: poisson(rng, lam) if c == NP else 0 for c in cols}
    carried = dict(carried)
    if break_chain:
        delta = rng.choice([d for d in (-2, -1, 1, 2, 3) if carried[NP] + d >= 0])
        carried[NP] += delta
    return carried


def _table3(rng: random.Random, prof: Profile, version: str, carried_in: dict[str, int]) -> Cells:
    cfg = _numbers()
    cols = _legal_and_np()
    demand = prof.kind["demand"] * prof.size * rng.lognormvariate(0, cfg["year_sigma"])
    n = poisson(rng, demand)
    legal = 0 if prof.legal_blank else binomial(rng, n, prof.legal_share)
    legal_cols = [c for c in cols if c != NP]
    new = dict(
        zip(legal_cols, multinomial(rng, legal, [cfg["legal_columns"][c] for c in legal_cols]), strict=True)
    )
    new[NP] = n - legal
    new = {c: new[c] for c in cols}
    rows = result_rows(version)
    weights = [prof.result_weights[r] for r in rows]
    results: dict[str, dict[str, int]] = {r: {} for r in rows}
    carried_out: dict[str, int] = {}
    for c in cols:
        pool = new[c] + carried_in[c]
        carried_out[c] = binomial(rng, pool, prof.carry_share)
        for r, k in zip(rows, multinomial(rng, pool - carried_out[c], weights), strict=True):
            results[r][c] = k
    handled = {c: sum(results[r][c] for r in rows) for c in cols}
    by_row = {
        "new_received": new,
        "carried_in": carried_in,
        **results,
        "handled_total": handled,
        "carried_out": carried_out,
    }
    return {
        f"t3.{row}.{c}": v
        for row in (r.code for r in table3().row_specs(version))
        for c, v in _cells_of(by_row[row], prof).items()
    }


def _table4(rng: random.Random, prof: Profile, t3: Cells) -> Cells:
    cfg = _numbers()
    handled = int(t3["t3.handled_total.total"] or 0)
    rate = prof.kind["litigation"]
    reviews = poisson(rng, handled * rate)
    counts = {
        "review": reviews,
        "suit_direct": poisson(rng, handled * rate * cfg["suit_direct_share"]),
        "suit_after_review": binomial(rng, reviews, cfg["suit_after_review_share"]),
    }
    out: Cells = {}
    outcomes = [o for o, _ in table4().outcomes if o != TOTAL]
    for group, _ in table4().groups:
        split = multinomial(rng, counts[group], [cfg["outcomes"][o] for o in outcomes])
        out.update({f"t4.{group}_{o}": k for o, k in zip(outcomes, split, strict=True)})
        out[f"t4.{group}_{TOTAL}"] = counts[group]
    return out


class _Stocks:
    """表二: yearly volumes plus the stocks that chain from year to year (items, documents in force)."""

    def __init__(self, rng: random.Random, prof: Profile, agency: Agency) -> None:
        k = prof.kind
        self.prof = prof
        self.rules = makes_rules(agency)
        self.published = {
            "regulations": poisson(rng, 40) if self.rules else 0,
            "normative": poisson(rng, k["normative"] * 6),
        }
        self.in_force: dict[str, int] = {}
        self.items = {
            row: poisson(rng, 3 + k[row] ** 0.5) if k[row] else 0
            for row in ("licensing", "other_services", "punishment", "coercion")
        }
        self.items["fees"] = poisson(rng, k["fee_items"])

    def _issued(self, rng: random.Random, row: str) -> int:
        if row == "regulations":
            return poisson(rng, 2) if self.rules else 0
        return poisson(rng, self.prof.kind["normative"] * self.prof.volume)

    def _change(self, rng: random.Random, row: str, choices: tuple[int, ...]) -> int:
        """本年增/减 of a row's item count (never below zero items)."""
        return rng.choice([d for d in choices if self.items[row] + d >= 0]) if self.items[row] else 0

    def _decisions(self, rng: random.Random, row: str) -> int:
        return poisson(rng, self.prof.kind[row] * self.prof.volume)

    def table2(self, rng: random.Random, version: str) -> Cells:
        out: Cells = {}
        for row in ("regulations", "normative"):
            issued = self._issued(rng, row)
            if version == "2019":
                new_published = issued - binomial(rng, issued, 0.1)
                self.published[row] += new_published
                out |= {f"t2.{row}_new_made": issued, f"t2.{row}_new_published": new_published}
                out[f"t2.{row}_published_total"] = self.published[row]
            else:
                # 2021: documents in force after the clean-up of those published so far
                cleaned = binomial(rng, self.published[row], 0.3)
                stock = self.in_force.setdefault(row, self.published[row] - cleaned)
                repealed = min(stock + issued, poisson(rng, 0.15 * stock**0.5))
                self.in_force[row] = stock + issued - repealed
                out |= {
                    f"t2.{row}_issued": issued,
                    f"t2.{row}_repealed": repealed,
                    f"t2.{row}_in_force": self.in_force[row],
                }
        rows = (
            ("licensing", "other_services", "punishment", "coercion")
            if version == "2019"
            else ("licensing", "punishment", "coercion")
        )
        for row in rows:
            out[f"t2.{row}_decisions"] = self._decisions(rng, row)
            if version == "2019":
                change = self._change(rng, row, (0, 0, 0, 1, 2, -1, 3, -2))
                out |= {f"t2.{row}_prev_items": self.items[row], f"t2.{row}_change": change}
                self.items[row] += change
        if version == "2019":
            change = self._change(rng, "fees", (0, 0, 0, -1, 1))
            out |= {"t2.fees_prev_items": self.items["fees"], "t2.fees_change": change}
            self.items["fees"] += change
            items = poisson(rng, self.prof.kind["procurement"] * self.prof.volume)
            amount = round(items * rng.gammavariate(2, 12), 2) if items else 0
            out |= {"t2.procurement_items": items, "t2.procurement_amount": _tidy(amount)}
        else:
            fees = self.prof.kind["fees"] * self.prof.volume * rng.lognormvariate(0, 0.4)
            out["t2.fees_amount"] = _tidy(round(fees, 2))
        return out


def _tidy(x: float) -> int | float:
    """Whole amounts as int (printed without decimals)."""
    return int(x) if float(x).is_integer() else x
