"""A report as blocks: headings, paragraphs and the three tables laid out like the official form."""

from __future__ import annotations

import re
from functools import cache
from itertools import groupby

from disclosure_analysis.formats import sections, table2, table3, table4
from disclosure_analysis.synth.model import Block, Cell, Grid, Text
from disclosure_analysis.synth.report import Report
from disclosure_analysis.synth.resources import load

T2_COLS = 3  # data columns of the widest 表二 block
_NUMBERING = re.compile(r"^(\d)．")


@cache
def _layout() -> dict:
    d = load("layout.yaml")
    if missing := set(d["t3_header"].values()) - set(table3().group_labels):
        raise ValueError(f"layout.yaml: 表三 header labels not in formats: {sorted(missing)}")
    return d


def blocks(report: Report) -> list[Block]:
    """Title, intro, the six sections with their tables, and the 落款."""
    n, st, a = report.narrative, report.style, report.agency
    out: list[Block] = []
    if st.title_lines == 2:
        out += [Text(a.name, "title"), Text(n.title.removeprefix(a.name), "title")]
    else:
        out.append(Text(n.title, "title"))
    out.append(Text(n.intro))
    body = {
        "overview": _overview(report),
        "active": [_table2(report)],
        "applications": [_table3(report)] if report.has_t3 else [],
        "review_litigation": [_table4(report)],
        "problems": [Text(p) for p in report.problems],
        "other": [Text(p) for p in n.other],
    }
    for s in sections():
        out.append(Text(_heading(report, s.key, f"{s.number}、{s.title}"), "heading"))
        out.extend(body[s.key])
    d = report.published
    out += [Text(a.name, "sign"), Text(f"{d.year}年{d.month}月{d.day}日", "sign")]
    return out


def _heading(report: Report, key: str, official: str) -> str:
    variants = _layout()["heading_variants"].get(key)
    return variants[report.year % len(variants)] if variants and report.style.heading_variant else official


def _overview(report: Report) -> list[Block]:
    out: list[Block] = [Text(report.narrative.overview)]
    for heading, text in report.narrative.subpoints:
        if report.style.subpoint_inline:
            out.append(Text(f"{heading}。{text}"))
        else:
            out += [Text(heading, "subheading"), Text(text)]
    return out


def _value(report: Report, key: str) -> str:
    v = report.cells.get(key)
    if v is None:
        return report.marks.get(key, "")
    code = key.split(".", 1)[1]
    t2 = table2()
    if key.startswith("t2.") and code in t2.signed and report.style.plus_sign and v > 0:
        return f"+{v}"
    if (
        key.startswith("t2.")
        and code in t2.amounts
        and code not in t2.units
        and report.style.amount_unit
        and v
    ):
        return f"{v}万元"
    return str(v)


def _wrap(report: Report, text: str, at: int | None = None) -> str:
    """A label broken onto two lines inside its cell (as Word wraps it), in agencies that do so."""
    if not report.style.break_labels or len(text) < 4:
        return text
    at = len(text) // 2 if at is None else at
    return f"{text[:at]}\n{text[at:]}"


def _table2(report: Report) -> Grid:
    v = report.version
    headers = _layout()["t2_columns"][v]
    rows: list[tuple[Cell, ...]] = []

    def spread(texts: list[str]) -> list[Cell]:
        return [
            Cell(t, colspan=1 + (T2_COLS - len(texts) if i == len(texts) - 1 else 0))
            for i, t in enumerate(texts)
        ]

    for block, specs in groupby(table2().versions[v], key=lambda r: r.block):
        specs = list(specs)
        first = specs[0]
        labels = [headers[code.removeprefix(first.code + "_")] for code in first.codes]
        rows.append((Cell(block or "", colspan=T2_COLS + 1),))
        rows.append(
            (Cell(_layout()["t2_stub"]), *spread([_wrap(report, t) if len(t) > 5 else t for t in labels]))
        )
        rows += [(Cell(s.label), *spread([_value(report, f"t2.{c}") for c in s.codes])) for s in specs]
    return Grid("t2", tuple(rows), (2.2, 1.6, 1.6, 1.6))


def _row_label(report: Report, label: str) -> str:
    if report.style.half_width_numbering:
        label = _NUMBERING.sub(r"\1.", label)
    return _wrap(report, label, at=len(label) * 3 // 5) if len(label) > 18 else label


def _table3(report: Report) -> Grid:
    t3, head = table3(), _layout()["t3_header"]
    cols = t3.columns
    note = _layout()["t3_note"]
    legal = [label for code, label in cols[1:-1]]
    rows: list[tuple[Cell, ...]] = [
        (
            Cell(_wrap(report, note, note.index("，") + 1), rowspan=3, colspan=3),
            Cell(head["applicants"], colspan=len(cols)),
        ),
        (
            Cell(cols[0][1], rowspan=2),
            Cell(head["legal_persons"], colspan=len(legal)),
            Cell(cols[-1][1], rowspan=2),
        ),
        tuple(Cell(_wrap(report, label)) for label in legal),
    ]
    specs = t3.row_specs(report.version)
    results = [s for s in specs if s.kind.startswith("result")]
    outer = results[0].group
    for s in specs:
        values = tuple(Cell(_value(report, f"t3.{s.code}.{c}")) for c, _ in cols)
        label = _row_label(report, s.label)
        if not s.kind.startswith("result"):
            rows.append((Cell(label, colspan=3), *values))
            continue
        lead = [Cell(outer or "", rowspan=len(results))] if s is results[0] else []
        inner = s.group if s.group != outer else None
        if inner is None:
            lead.append(Cell(label, colspan=2))
        else:
            members = [r for r in results if r.group == inner]
            if s is members[0]:
                lead.append(Cell(inner, rowspan=len(members)))
            lead.append(Cell(label))
        rows.append((*lead, *values))
    return Grid("t3", tuple(rows), (0.7, 1.8, 4.4) + (1.0,) * len(cols), report.style.pdf_split_t3)


def _table4(report: Report) -> Grid:
    t4 = table4()
    outcomes = [label for _, label in t4.outcomes]
    groups = [
        (prefix, *label.split(" ", 1)) if " " in label else (prefix, label, None)
        for prefix, label in t4.groups
    ]
    top = [
        (parent, sum(len(outcomes) for g in groups if g[1] == parent))
        for parent in dict.fromkeys(g[1] for g in groups)
    ]
    second: list[Cell] = []
    third: list[Cell] = []
    for _, _, sub in groups:
        if sub is None:
            second += [Cell(_wrap(report, o), rowspan=2) for o in outcomes]
        else:
            second.append(Cell(sub, colspan=len(outcomes)))
            third += [Cell(_wrap(report, o)) for o in outcomes]
    values = tuple(Cell(_value(report, f"t4.{code}")) for code in t4.codes)
    rows = (tuple(Cell(p, colspan=n) for p, n in top), tuple(second), tuple(third), values)
    return Grid("t4", rows, (1.0,) * len(values))
