"""Doubts about cells read by OCR: flagged with what the identities allow, never changed."""

from __future__ import annotations

from disclosure_analysis import formats
from disclosure_analysis.checks.ocr import describe, mark_doubts
from disclosure_analysis.ingest.document import Reading
from disclosure_analysis.ingest.mapping import OCR_UNCERTAIN, Cell


def _t3(overrides: dict[str, int | None], confidence: float = 0.99) -> dict[str, Cell]:
    """A consistent 2021 表三 read by OCR (new 9 = partial 9, all else 0), with `overrides` as read."""
    fmt = formats.table3()
    cells = {}
    for row in fmt.versions["2021"]:
        for col in fmt.column_codes:
            key = f"t3.{row}.{col}"
            value = 9 if row in ("new_received", "partial", "handled_total") and col in ("natural_person", "total") else 0
            value = overrides.get(key, value)
            raw = "" if value is None else str(value)
            cells[key] = Cell(value, raw, reading=Reading(confidence))
    return cells


def test_a_misread_digit_is_flagged_with_the_value_two_identities_agree_on() -> None:
    cells = _t3({"t3.partial.total": 6})  # 9 read as 6 (the 洪泽区 2024 slip)
    assert mark_doubts(cells, "2021") >= 1
    cell = cells["t3.partial.total"]
    assert cell.flag == OCR_UNCERTAIN and cell.value == 6  # flagged, never corrected
    assert cell.doubt is not None and cell.doubt.suggested == 9 and 9 in cell.doubt.alternatives
    assert {"R2:partial", "R3:total"} <= set(cell.doubt.identities)
    assert "两条勾稽关系都指向 9" in describe(cell) and "未改动原值" in describe(cell)


def test_a_source_error_no_misreading_explains_is_not_an_ocr_doubt() -> None:
    # 表四 totals printed 0 under parts 10 + 1 (洪泽区 2023): 0 → 11 is no OCR slip
    cells = {f"t4.review_{o}": Cell(v, str(v), reading=Reading(0.9)) for o, v in
             (("upheld", 10), ("corrected", 1), ("other", 0), ("pending", 0), ("total", 0))}
    assert mark_doubts(cells, None) == 0
    assert all(c.flag is None and c.doubt is None for c in cells.values())


def test_low_confidence_and_missed_blanks_are_flagged() -> None:
    cells = _t3({"t3.granted.research": None})
    cells["t3.carried_in.commercial"] = Cell(0, "0", reading=Reading(0.5))
    mark_doubts(cells, "2021")
    assert cells["t3.carried_in.commercial"].doubt.low_confidence
    assert cells["t3.granted.research"].flag == OCR_UNCERTAIN and cells["t3.granted.research"].value is None
    assert cells["t3.granted.commercial"].flag is None


def test_cells_read_from_text_are_never_doubted() -> None:
    cells = {k: Cell(c.value, c.raw) for k, c in _t3({"t3.partial.total": 6}).items()}
    assert mark_doubts(cells, "2021") == 0
