"""The national report formats as data: one registry of every table cell, loaded from YAML.

Adding a provincial variant or a future revision is a data edit in this folder, not a code change.
Flat keys (`t2.<code>`, `t3.<row>.<col>`, `t4.<code>`) are the `extract --json` contract; `names` gives
their Chinese display names. Stage 1: imports nothing else of the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

VERSIONS = ("2019", "2021")


@dataclass(frozen=True)
class RowSpec:
    """One printed data row of a table."""

    code: str
    label: str
    variants: tuple[str, ...] = ()
    number: int | None = None
    kind: str = ""
    group: str | None = None
    codes: tuple[str, ...] = ()  # 表二: the cell codes of this row, in column order
    block: str | None = None  # 表二: 第二十条第（X）项

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Table3Format:
    columns: tuple[tuple[str, str], ...]  # (code, label)
    rows: dict[str, RowSpec]
    versions: dict[str, tuple[str, ...]]
    group_labels: tuple[str, ...]
    markers: tuple[str, ...]

    def row_specs(self, version: str) -> list[RowSpec]:
        return [self.rows[c] for c in self.versions[version]]

    @property
    def column_codes(self) -> tuple[str, ...]:
        return tuple(c for c, _ in self.columns)

    def keys(self, version: str) -> list[str]:
        return [f"t3.{r}.{c}" for r in self.versions[version] for c in self.column_codes]


@dataclass(frozen=True)
class Table2Format:
    versions: dict[str, tuple[RowSpec, ...]]
    header_cues: dict[str, tuple[str, ...]]
    amounts: frozenset[str]
    signed: frozenset[str]
    units: dict[str, str]
    markers: tuple[str, ...]

    def keys(self, version: str) -> list[str]:
        return [f"t2.{code}" for row in self.versions[version] for code in row.codes]


@dataclass(frozen=True)
class Table4Format:
    groups: tuple[tuple[str, str], ...]  # (prefix, label)
    outcomes: tuple[tuple[str, str], ...]  # (suffix, label)
    markers: tuple[str, ...]

    @property
    def codes(self) -> list[str]:
        return [f"{g}_{o}" for g, _ in self.groups for o, _ in self.outcomes]

    def keys(self) -> list[str]:
        return [f"t4.{c}" for c in self.codes]


@dataclass(frozen=True)
class KindRule:
    """A name ending in one of `suffixes` (or, `whole_place`, a bare place name) is of `kind`."""

    kind: str
    suffixes: tuple[str, ...] = ()
    whole_place: bool = False
    note: str | None = None


@dataclass(frozen=True)
class AgencyKinds:
    names: dict[str, str]  # code → Chinese name
    rules: tuple[KindRule, ...]


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str
    title: str
    keywords: tuple[str, ...]
    old_keywords: tuple[str, ...] = ()  # more wordings of the heading in reports before 2019

def _load(name: str) -> dict:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    return yaml.safe_load(text)


def _row(code: str, d: dict) -> RowSpec:
    return RowSpec(
        code=code,
        label=d["label"],
        variants=tuple(d.get("variants", ())),
        number=d.get("number"),
        kind=d.get("kind", ""),
        group=d.get("group"),
        codes=tuple(d.get("codes", ())),
        block=d.get("block"),
    )


@cache
def table3() -> Table3Format:
    d = _load("table3.yaml")
    return Table3Format(
        columns=tuple((c["code"], c["label"]) for c in d["columns"]),
        rows={code: _row(code, spec) for code, spec in d["rows"].items()},
        versions={v: tuple(spec["rows"]) for v, spec in d["versions"].items()},
        group_labels=tuple(d["group_labels"]),
        markers=tuple(d["markers"]),
    )


@cache
def table2() -> Table2Format:
    d = _load("table2.yaml")
    return Table2Format(
        versions={v: tuple(_row(r["row"], r) for r in spec["rows"]) for v, spec in d["versions"].items()},
        header_cues={v: tuple(spec["header_cues"]) for v, spec in d["versions"].items()},
        amounts=frozenset(d["amounts"]),
        signed=frozenset(d["signed"]),
        units=dict(d.get("units", {})),
        markers=tuple(d["markers"]),
    )


@cache
def table4() -> Table4Format:
    d = _load("table4.yaml")
    return Table4Format(
        groups=tuple((g["prefix"], g["label"]) for g in d["groups"]),
        outcomes=tuple((o["suffix"], o["label"]) for o in d["outcomes"]),
        markers=tuple(d["markers"]),
    )


@cache
def sections() -> tuple[SectionSpec, ...]:
    d = _load("sections.yaml")
    return tuple(
        SectionSpec(
            key=s["key"], number=s["number"], title=s["title"], keywords=tuple(s["keywords"]),
            old_keywords=tuple(s.get("old_keywords", ())),
        )
        for s in d["sections"]
    )


@cache
def agency_kinds() -> AgencyKinds:
    """The kinds of agency (government, committee, department, township, institution, unknown) and the
    name rules that tell them (agency_kinds.yaml)."""
    d = _load("agency_kinds.yaml")
    rules = tuple(
        KindRule(r["kind"], tuple(r.get("suffixes", ())), bool(r.get("whole_place")), r.get("note"))
        for r in d["rules"]
    )
    if unknown := {r.kind for r in rules} - set(d["kinds"]):
        raise ValueError(f"agency_kinds.yaml: rules name kinds that are not listed: {sorted(unknown)}")
    return AgencyKinds(dict(d["kinds"]), rules)


def all_keys(t2_version: str, t3_version: str) -> list[str]:
    """Every flat cell key a report with these table versions prints, in table order."""
    return table2().keys(t2_version) + table3().keys(t3_version) + table4().keys()
