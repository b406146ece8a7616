"""The data a lesson reads with: the 条例 basis of every 表三 row and the 2019→2021 change, field by field."""

from __future__ import annotations

from disclosure_analysis import formats
from disclosure_analysis.formats.basis import T3_BASIS
from disclosure_analysis.formats.changes import CHANGES


def test_every_table3_row_has_its_basis() -> None:
    assert set(T3_BASIS) == set(formats.table3().rows)
    assert all("第十四条" in T3_BASIS[r] for r in ("denied_state_secret", "denied_three_security"))
    assert "第十五条" in T3_BASIS["denied_third_party"] and "第十六条" in T3_BASIS["denied_process_info"]
    assert "第三十六条" in T3_BASIS["granted"]


def test_changes_name_cells_of_the_format_on_their_side() -> None:
    t2 = {v: {c for row in rows for c in row.codes} for v, rows in formats.table2().versions.items()}
    t3 = {v: set(rows) for v, rows in formats.table3().versions.items()}
    cells = {"t2": t2, "t3": t3}
    for change in CHANGES:
        if change.table in cells:
            assert set(change.old) <= cells[change.table]["2019"], change
            assert set(change.new) <= cells[change.table]["2021"], change
    # every 表二 cell of either format is accounted for, and the three parts the lesson names are there
    assert {c for ch in CHANGES if ch.table == "t2" for c in ch.old} == t2["2019"]
    assert {c for ch in CHANGES if ch.table == "t2" for c in ch.new} == t2["2021"]
    split = next(ch for ch in CHANGES if ch.old == ("other",))
    assert split.new == ("other_no_correction", "other_no_fee", "other_misc")
    assert any("fees_amount" in ch.new and "收费金额" in ch.change for ch in CHANGES)
