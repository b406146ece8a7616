"""The fictional administrative tree (示例市 and its counties) and the order agencies are taken in."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import zip_longest

from disclosure_analysis.synth.resources import load

CITY, COUNTY, TOWNSHIP = "市级", "县级", "乡镇街道"


@dataclass(frozen=True)
class Agency:
    """One publishing agency."""

    id: str
    name: str
    level: str
    is_government: bool
    parent_id: str | None
    kind: str  # numeric profile in numbers.yaml
    role: str  # government / office / department / township: drives wording and deadlines
    self_ref: str  # how the report refers to the agency (我局, 我县 …)
    superior: str  # whose deployment the agency follows (市委、市政府 …)
    portal: str  # the portal the report is published on
    region: str  # the city or county the agency belongs to


def _departments(prefix: str, region: dict, level: str, parent: str, leaders: str) -> list[Agency]:
    return [
        Agency(
            id=f"{prefix}-{d['slug']}",
            name=region["name"] + d["name"],
            level=level,
            is_government=False,
            parent_id=parent,
            kind=d["kind"],
            role="office" if d["kind"] == "office" else "department",
            self_ref=d["self_ref"],
            superior=leaders,
            portal=region["portal"],
            region=region["name"],
        )
        for d in load("tree.yaml")["departments"]
        if level in d.get("levels", (CITY, COUNTY))
    ]


def _government(prefix: str, region: dict, level: str, parent: str | None, superior: str) -> Agency:
    return Agency(
        id=f"{prefix}-zhengfu",
        name=region["name"] + "人民政府",
        level=level,
        is_government=True,
        parent_id=parent,
        kind="government",
        role="government",
        self_ref=region["self_ref"],
        superior=superior,
        portal=region["portal"],
        region=region["name"],
    )


def _township(prefix: str, county: dict, t: dict, parent: str) -> Agency:
    street = t["name"].endswith("街道")
    return Agency(
        id=f"{prefix}-{t['slug']}",
        name=county["name"] + t["name"] + ("办事处" if street else "人民政府"),
        level=TOWNSHIP,
        is_government=not street,
        parent_id=parent,
        kind="street" if street else "township",
        role="township",
        self_ref=t["self_ref"],
        superior=county["leaders"],
        portal=county["portal"],
        region=county["name"],
    )


@cache
def all_agencies() -> tuple[Agency, ...]:
    """Every agency of the tree, in the deterministic order that mixes levels."""
    tree = load("tree.yaml")
    city = tree["city"]
    city_gov = _government(city["slug"], city, CITY, None, tree["province_leaders"])
    city_level = [city_gov, *_departments(city["slug"], city, CITY, city_gov.id, city["leaders"])]
    govs, depts, towns = [], [], []
    for county in tree["counties"]:
        gov = _government(county["slug"], county, COUNTY, city_gov.id, city["leaders"])
        govs.append(gov)
        depts.append(_departments(county["slug"], county, COUNTY, gov.id, county["leaders"]))
        towns.append([_township(county["slug"], county, t, gov.id) for t in county["townships"]])
    county_level = govs + _interleave(depts)
    return tuple(_interleave([city_level, county_level, _interleave(towns)]))


def _interleave(queues: list[list[Agency]]) -> list[Agency]:
    """Round-robin over the queues until all are used up."""
    return [a for group in zip_longest(*queues) for a in group if a is not None]


def select_agencies(n: int) -> tuple[Agency, ...]:
    """The first `n` agencies of the ordering."""
    agencies = all_agencies()
    if not 1 <= n <= len(agencies):
        raise ValueError(
            f"agencies must be between 1 and {len(agencies)} (the size of the fictional tree), got {n}"
        )
    return agencies[:n]
