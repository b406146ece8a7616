"""The tables' identities (template-spec A.6) as data built from the formats: Σ total side = Σ parts side.

R1 per 表三 column: 新收 + 上年结转 = （七）总计 + 结转下年度; R2 per 表三 row: 总计 = the six applicant
columns; R3 per 表三 column: （七）总计 = the result rows (（六） one row in 2019, three in 2021); R5 per
表四 group: 总计 = 维持 + 纠正 + 其他 + 尚未审结. Keys are the flat `extract --json` keys.
"""

from __future__ import annotations

from dataclasses import dataclass

from disclosure_analysis.formats import table3, table4

TOTAL = "total"


@dataclass(frozen=True)
class Identity:
    """`rule` (R1/R2/R3/R5) for `name` (a column, row or group code): Σ `total` = Σ `parts`."""

    rule: str
    name: str
    total: tuple[str, ...]
    parts: tuple[str, ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return self.total + self.parts


def table3_identities(version: str) -> list[Identity]:
    """R1 and R3 for every column, R2 for every row of 表三 in `version`."""
    fmt = table3()
    specs = fmt.row_specs(version)

    def rows(kind: str) -> list[str]:
        return [s.code for s in specs if s.kind == kind]

    out = []
    for col in fmt.column_codes:
        out.append(Identity(
            "R1", col,
            tuple(f"t3.{r}.{col}" for r in rows("flow_in")),
            tuple(f"t3.{r}.{col}" for r in rows("result_total") + rows("flow_out")),
        ))
        out.append(Identity(
            "R3", col,
            tuple(f"t3.{r}.{col}" for r in rows("result_total")),
            tuple(f"t3.{r}.{col}" for r in rows("result")),
        ))
    applicants = [c for c in fmt.column_codes if c != TOTAL]
    out += [
        Identity("R2", s.code, (f"t3.{s.code}.{TOTAL}",), tuple(f"t3.{s.code}.{c}" for c in applicants))
        for s in specs
    ]
    return out


def table4_identities() -> list[Identity]:
    """R5 for each 表四 group."""
    fmt = table4()
    return [
        Identity(
            "R5", group,
            (f"t4.{group}_{TOTAL}",),
            tuple(f"t4.{group}_{o}" for o, _ in fmt.outcomes if o != TOTAL),
        )
        for group, _ in fmt.groups
    ]
