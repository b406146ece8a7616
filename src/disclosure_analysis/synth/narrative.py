"""The report's prose: title, intro, 一、总体情况, 五 (from the phrase bank), 六 and the publication date."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from functools import cache

from disclosure_analysis.synth.rand import pick, poisson, rng_for
from disclosure_analysis.synth.resources import load
from disclosure_analysis.synth.style import Style
from disclosure_analysis.synth.tables import Cells
from disclosure_analysis.synth.tree import Agency

# publication window (first day, last day) after the report year, by role; deadlines of 条例 art. 49
_WINDOWS = {"government": ((2, 10), (3, 31)), "township": ((1, 15), (2, 28))}
_DEPARTMENT_WINDOW = ((1, 5), (1, 31))
LATE_SHARE = 0.06


@dataclass(frozen=True)
class Narrative:
    title: str
    intro: str
    overview: str
    subpoints: tuple[tuple[str, str], ...]  # (heading, text) of the five sub-points of 一
    other: tuple[str, ...]  # paragraphs of 六
    proactive_total: int
    applications_received: int


@cache
def phrases() -> dict:
    """The phrase bank, checked: every figure sentence carries its anchor phrase."""
    bank = load("phrases.yaml")
    anchors = bank["anchors"]
    checks = [
        (anchors["proactive"], bank["subpoints"][0]["texts"]),
        (anchors["received"], bank["subpoints"][1]["texts"]),
        (anchors["fee"], bank["other"]["fee_some"]),
    ]
    for anchor, texts in checks:
        if bad := [t for t in texts if anchor not in t]:
            raise ValueError(f"phrases.yaml: sentence without “{anchor}”: {bad[0]}")
    return bank


def title(agency: Agency, year: int) -> str:
    return f"{agency.name}{year}年政府信息公开工作年度报告"


def _values(agency: Agency, year: int, rng: random.Random) -> dict[str, object]:
    bank = phrases()
    return {
        "agency": agency.name,
        "self": agency.self_ref,
        "year": year,
        "next_year": year + 1,
        "portal": agency.portal,
        "superior": agency.superior,
        "units": bank["units"][agency.role],
        "contact": bank["contact"][agency.role].format(agency=agency.name),
        "phone": f"0000-{rng.randint(2000000, 8999999)}",
    }


def _fill(template: str, values: dict[str, object]) -> str:
    return template.format_map(values)


def _proactive(rng: random.Random, agency: Agency) -> int:
    base = {"government": 900, "office": 300, "department": 150, "township": 70}[agency.role]
    return max(5, round(base * rng.lognormvariate(0, 0.6)))


def narrative(seed: int, agency: Agency, year: int, cells: Cells, received: int) -> Narrative:
    """The prose of one report; `received` is the figure the text states (it may disagree with 表三)."""
    rng = rng_for(seed, agency.id, year, "narrative")
    bank = phrases()
    values = _values(agency, year, rng_for(seed, agency.id, "contact"))
    proactive = _proactive(rng, agency)
    values |= {
        "proactive": proactive,
        "interpretations": 1 + poisson(rng, proactive * 0.02),
        "received": received,
        "handled": cells["t3.handled_total.total"],
        "carried_in": cells["t3.carried_in.total"],
        "carried_out": cells["t3.carried_out.total"],
        "trainings": rng.randint(1, 6),
    }
    subpoints = []
    for sp in bank["subpoints"]:
        texts = [pick(rng, sp["texts"])]
        if sp["key"] == "supervision" and agency.is_government:  # 条例 art. 50: 考核、评议、责任追究
            texts.append(sp["government"])
        subpoints.append((pick(rng, sp["headings"]), _fill("".join(texts), values)))
    return Narrative(
        title=title(agency, year),
        intro=_fill(pick(rng, bank["intro"]), values),
        overview=_fill(pick(rng, bank["overview"]), values),
        subpoints=tuple(subpoints),
        other=tuple(_fill(t, values) for t in _other(rng, agency, year, values)),
        proactive_total=proactive,
        applications_received=received,
    )


def _other(rng: random.Random, agency: Agency, year: int, values: dict[str, object]) -> list[str]:
    bank = phrases()["other"]
    out = []
    if agency.role == "government":
        values |= {"proposals": poisson(rng, 40), "motions": poisson(rng, 30)}
        out.extend(bank["government"])
    if year >= 2021:
        fee = rng.choice((0,) * 9 + (rng.randrange(10, 900, 10),))
        values["fee"] = fee
        out.append(pick(rng, bank["fee_some"] if fee else bank["fee_none"]))
    if not out:
        out.append(pick(rng, bank["nothing"]))
    return out


def problems(seed: int, agency: Agency, year: int, style: Style) -> tuple[str, ...]:
    """Paragraphs of 五, freshly written from the phrase bank."""
    rng = rng_for(seed, agency.id, year, "problems")
    bank = phrases()["problems"]
    values = _values(agency, year, rng_for(seed, agency.id, "contact"))
    themes = [t for t in bank["themes"] if t != "grassroots" or agency.role in ("government", "township")]
    if agency.role == "township":
        themes.append("grassroots")  # townships write about 基层标准化 more often
    chosen = list(dict.fromkeys(rng.sample(themes, k=rng.randint(2, 4))))
    probs = [pick(rng, bank["themes"][t]["problems"]) for t in chosen]
    measures = [pick(rng, bank["themes"][t]["measures"]) for t in chosen]

    def enumerate_(items: list[str]) -> str:
        return "".join(f"{o}{s}。" for o, s in zip(bank["ordinals"], items, strict=False))

    if style.problems_frame == "structured":
        s = bank["structured"]
        paras = [
            pick(rng, s["problems_head"]),
            enumerate_(probs),
            pick(rng, s["measures_head"]),
            enumerate_(measures),
        ]
    elif style.problems_frame == "shown":
        s = bank["shown"]
        paras = [
            pick(rng, s["lead"])
            + s["shown_in"]
            + "；".join(probs)
            + "。"
            + pick(rng, s["bridge"])
            + enumerate_(measures)
        ]
    else:
        s = bank["paragraph"]
        paras = [
            pick(rng, s["lead"])
            + "；".join(probs)
            + "。"
            + pick(rng, s["bridge"])
            + "，".join(measures)
            + "，"
            + pick(rng, s["closing"])
        ]
    return tuple(_fill(p, values) for p in paras)


def published(seed: int, agency: Agency, year: int) -> dt.date:
    """The publication date: within the agency's deadline window, occasionally late."""
    rng = rng_for(seed, agency.id, year, "published")
    (m0, d0), (m1, d1) = _WINDOWS.get(agency.role, _DEPARTMENT_WINDOW)
    first, last = dt.date(year + 1, m0, d0), dt.date(year + 1, m1, d1)
    if rng.random() < LATE_SHARE:
        first, last = last + dt.timedelta(days=3), last + dt.timedelta(days=60)
    return first + dt.timedelta(days=rng.randint(0, (last - first).days))
