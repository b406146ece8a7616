"""Doubts about cells read by OCR: which may be misread, and what else the tables' identities allow.

A cell read by OCR is doubted (flag `ocr_uncertain`, with a `Doubt`) when
- a character of it was read with a probability below `MIN_CONFIDENCE`; or
- an identity it is part of fails (R1, R2, R3 of 表三, R5 of 表四), and the value that would make that
  identity hold is a plausible misreading of what was read: one digit changed into a digit of similar
  shape (`CONFUSABLE`) or into the recogniser's own runner-up, one digit added or dropped, or any value
  when the cell was read with low confidence. That value is an alternative; when two failed identities
  point the same cell to the same value, it is suggested. A failing identity that no plausible
  misreading explains is the report's own error, as printed (e.g. a 总计 of 0 under parts 10 and 1).
- it is blank while its row and its column hold numbers (a faint digit may have been missed).

Nothing is changed but the flag: values stay as read, and the rule findings stay as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from disclosure_analysis import formats
from disclosure_analysis.ingest.mapping import OCR_UNCERTAIN, Cell, Doubt
from disclosure_analysis.ingest.values import normalize

#: a character read with a lower probability makes its cell doubtful
MIN_CONFIDENCE = 0.8
#: digits of similar shape in print, which a recogniser may take one for the other
CONFUSABLE = frozenset(
    frozenset(pair) for pair in ("06", "08", "09", "17", "14", "27", "35", "38", "39", "49", "56", "58", "68", "69", "89")
)


@dataclass(frozen=True)
class Identity:
    """sum(left) == sum(right) over cell keys."""

    name: str  # e.g. "R2:partial"
    left: tuple[str, ...]
    right: tuple[str, ...]


def identities(t3_version: str | None) -> list[Identity]:
    """The identities of 表三 (in its version) and 表四 as equations over cell keys."""
    out: list[Identity] = []
    if t3_version:
        t3 = formats.table3()
        rows = t3.versions[t3_version]
        results = [r for r in rows if t3.rows[r].kind == "result"]
        for col in t3.column_codes:
            out.append(Identity(f"R1:{col}", (f"t3.new_received.{col}", f"t3.carried_in.{col}"),
                                (f"t3.handled_total.{col}", f"t3.carried_out.{col}")))
            out.append(Identity(f"R3:{col}", tuple(f"t3.{r}.{col}" for r in results), (f"t3.handled_total.{col}",)))
        for row in rows:
            out.append(Identity(f"R2:{row}", tuple(f"t3.{row}.{c}" for c in t3.column_codes[:-1]), (f"t3.{row}.total",)))
    t4 = formats.table4()
    for group, _ in t4.groups:
        parts = tuple(f"t4.{group}_{o}" for o, _ in t4.outcomes[:-1])
        out.append(Identity(f"R5:{group}", parts, (f"t4.{group}_total",)))
    return out


def mark_doubts(cells: Mapping[str, Cell], t3_version: str | None) -> int:
    """Flag the doubtful OCR cells of `cells` (in place); returns how many cells are flagged."""
    found: dict[str, dict] = {}

    def note(key: str) -> dict:
        return found.setdefault(key, {"identities": [], "alternatives": [], "low": False})

    for key, cell in cells.items():
        if cell.reading is not None and cell.reading.confidence < MIN_CONFIDENCE:
            note(key)["low"] = True
    for identity in identities(t3_version):
        keys = (*identity.left, *identity.right)
        if any(k not in cells or cells[k].value is None for k in keys):
            continue
        residual = sum(cells[k].value for k in identity.left) - sum(cells[k].value for k in identity.right)
        if residual == 0:
            continue
        explained = []
        for k in keys:
            cell = cells[k]
            if cell.reading is None:
                continue
            wanted = cell.value - residual if k in identity.left else cell.value + residual
            if wanted >= 0 and float(wanted).is_integer() and _plausible(cell, int(wanted)):
                explained.append((k, int(wanted)))
        for k, wanted in explained:
            entry = note(k)
            entry["identities"].append(identity.name)
            entry["alternatives"].append(wanted)
    for key in _missed_blanks(cells):
        note(key)
    for key, entry in found.items():
        alternatives = entry["alternatives"]
        repeated = {v for v in alternatives if alternatives.count(v) >= 2}
        cell = cells[key]
        cell.doubt = Doubt(
            identities=tuple(entry["identities"]),
            low_confidence=entry["low"],
            alternatives=tuple(sorted(set(alternatives))),
            suggested=repeated.pop() if len(repeated) == 1 else None,
        )
        if cell.flag is None:
            cell.flag = OCR_UNCERTAIN
    return len(found)


def _plausible(cell: Cell, wanted: int) -> bool:
    """Could OCR have read `wanted` as what it read?"""
    assert cell.reading is not None
    if cell.reading.confidence < MIN_CONFIDENCE or str(wanted) in cell.reading.alternatives:
        return True
    return _one_slip(normalize(cell.raw or ""), str(wanted))


def _one_slip(a: str, b: str) -> bool:
    """True when b is a with one digit changed into a confusable one, or one character added or dropped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        changed = [frozenset((x, y)) for x, y in zip(a, b, strict=True) if x != y]
        return len(changed) == 1 and changed[0] in CONFUSABLE
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def _missed_blanks(cells: Mapping[str, Cell]) -> list[str]:
    """表三 cells read by OCR as blank while their row and column hold numbers."""
    grid: dict[tuple[str, str], Cell] = {}
    for key, cell in cells.items():
        parts = key.split(".")
        if parts[0] == "t3" and len(parts) == 3:
            grid[(parts[1], parts[2])] = cell
    rows = {r for r, _ in grid}
    cols = {c for _, c in grid}
    out = []
    for (r, c), cell in grid.items():
        if cell.reading is None or cell.value is not None or (cell.raw or "").strip():
            continue
        if any(grid[(r, o)].value is not None for o in cols if (r, o) in grid and o != c) and any(
            grid[(o, c)].value is not None for o in rows if (o, c) in grid and o != r
        ):
            out.append(f"t3.{r}.{c}")
    return out


def describe(cell: Cell) -> str:
    """The doubt about a cell, in Chinese (for its O1 finding)."""
    doubt, reading = cell.doubt, cell.reading
    assert doubt is not None and reading is not None
    parts = [f"OCR 识别为“{cell.raw or '空白'}”（置信度 {reading.confidence:.2f}）"]
    if doubt.low_confidence:
        parts.append("有字符识别置信度偏低")
    if doubt.identities:
        parts.append(f"涉及不成立的勾稽关系 {'、'.join(doubt.identities)}")
    if not doubt.identities and not doubt.low_confidence:
        parts.append("同行、同列都有数字而此格为空白，可能漏识别")
    if doubt.alternatives:
        parts.append(f"勾稽关系允许的取值：{'、'.join(map(str, doubt.alternatives))}")
    if doubt.suggested is not None:
        parts.append(f"两条勾稽关系都指向 {doubt.suggested}（仅供核对，未改动原值）")
    return "；".join(parts) + "；请对照原件核对"
