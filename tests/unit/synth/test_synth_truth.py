"""The truth records: keys as the layout prints them, identities, the carry-over chain and faults.

The identities are recomputed here from `disclosure_analysis.formats`, independently of the generator.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

from disclosure_analysis.formats import all_keys, table2, table3, table4
from disclosure_analysis.synth import generate
from disclosure_analysis.synth.generator import build_reports
from disclosure_analysis.synth.tree import all_agencies

FAULT_TYPES = {"X1", "R1", "R2", "R3", "R5", "T1", "missing_table", "slash"}


def _v(cells: dict, key: str) -> int | float:
    return cells[key] or 0


def _broken(cells: dict, template: str) -> list[str]:
    t3, out = table3(), []
    rows = t3.versions[template]
    results = [r for r in rows if t3.rows[r].kind == "result"]
    parts = [c for c in t3.column_codes if c != "total"]
    for c in t3.column_codes:
        if _v(cells, f"t3.new_received.{c}") + _v(cells, f"t3.carried_in.{c}") != _v(
            cells, f"t3.handled_total.{c}"
        ) + _v(cells, f"t3.carried_out.{c}"):
            out.append(f"R1:{c}")
        if sum(_v(cells, f"t3.{r}.{c}") for r in results) != _v(cells, f"t3.handled_total.{c}"):
            out.append(f"R3:{c}")
    for r in rows:
        if sum(_v(cells, f"t3.{r}.{c}") for c in parts) != _v(cells, f"t3.{r}.total"):
            out.append(f"R2:{r}")
    for g, _ in table4().groups:
        if sum(_v(cells, f"t4.{g}_{o}") for o, _ in table4().outcomes if o != "total") != _v(
            cells, f"t4.{g}_total"
        ):
            out.append(f"R5:{g}")
    return out


def test_keys_are_the_layout_keys(truth_lines: list[dict]) -> None:
    for r in truth_lines:
        assert r["template"] == ("2019" if r["year"] < 2021 else "2021")
        keys = all_keys(r["template"], r["template"])
        if any(f["type"] == "missing_table" for f in r["faults"]):
            keys = [k for k in keys if not k.startswith("t3.")]
        assert list(r["cells"]) == keys


def test_identities_hold_without_faults(truth_lines: list[dict]) -> None:
    clean = [r for r in truth_lines if not r["faults"]]
    assert clean
    for r in clean:
        assert _broken(r["cells"], r["template"]) == [], r["file"]
        assert r["narrative"]["applications_received"] == r["cells"]["t3.new_received.total"]


def test_carry_over_chain(truth_lines: list[dict]) -> None:
    by = {(r["agency_id"], r["year"]): r for r in truth_lines}
    checked = 0
    for (agency, year), r in by.items():
        prev = by.get((agency, year - 1))
        if (
            prev is None
            or "t3.carried_out.total" not in prev["cells"]
            or "t3.carried_in.total" not in r["cells"]
        ):
            continue
        x1 = [f for f in r["faults"] if f["type"] == "X1"]
        for c in table3().column_codes:
            now, before = r["cells"][f"t3.carried_in.{c}"], prev["cells"][f"t3.carried_out.{c}"]
            key = f"t3.carried_in.{c}"
            if x1 and key in x1[0]["keys"]:
                assert (now, before) == (x1[0]["printed"][key], x1[0]["expected"][key]) and now != before
            else:
                assert now == before, (r["file"], c)
            checked += 1
    assert checked


def test_faults_are_recorded_where_they_are(truth_lines: list[dict]) -> None:
    faulty = [r for r in truth_lines if r["faults"]]
    assert len(faulty) == round(0.25 * len(truth_lines))
    assert {f["type"] for r in faulty for f in r["faults"]} == FAULT_TYPES
    for r in faulty:
        (f,) = r["faults"]
        for key in f["keys"]:
            if key.startswith("narrative."):
                assert r["narrative"][key.split(".", 1)[1]] == f["printed"][key] != f["expected"][key]
            elif f["type"] == "slash":
                assert r["cells"][key] is None and f["printed"][key] == "/"
            else:
                assert r["cells"][key] == f["printed"][key] != f["expected"][key]
        if f["type"] in {"R1", "R2", "R3", "R5"}:
            assert f["type"] in {i.split(":")[0] for i in f["identities"]}
            assert sorted(_broken(r["cells"], r["template"])) == sorted(f["identities"])
        if f["type"] == "T1":
            assert r["narrative"]["applications_received"] != r["cells"]["t3.new_received.total"]


def test_legal_person_columns_blank_in_some_agencies(tmp_path: Path) -> None:
    records = generate(tmp_path, agencies=40, years=[2023], formats=["txt"])
    legal = [f"t3.{row}.{c}" for row in table3().versions["2021"] for c, _ in table3().columns[1:-1]]
    blank = [r for r in records if all(r["cells"][k] is None for k in legal)]
    assert 0 < len(blank) < len(records) / 2
    assert all(r["cells"]["t3.granted.natural_person"] is not None for r in records)


def test_publication_dates_follow_the_deadlines(truth_lines: list[dict]) -> None:
    late = Counter()
    for r in truth_lines:
        d = dt.date.fromisoformat(r["published"])
        assert d.year == r["year"] + 1
        deadline = (
            dt.date(d.year, 3, 31)
            if r["is_government"] and r["level"] != "乡镇街道"
            else dt.date(d.year, 2, 28)
        )
        if r["level"] != "乡镇街道" and not r["is_government"]:
            deadline = dt.date(d.year, 1, 31)
        late[d > deadline] += 1
    assert late[False] > 10 * late[True]


def test_copied_problems_point_at_generated_reports(truth_lines: list[dict]) -> None:
    present = {(r["agency_id"], r["year"]) for r in truth_lines}
    copies = [r for r in truth_lines if r["copied_problems_from"]]
    assert copies
    for r in copies:
        src = r["copied_problems_from"]
        assert (src["agency"], src["year"]) in present and (src["agency"], src["year"]) != (
            r["agency_id"],
            r["year"],
        )


def test_counts_are_never_negative_and_item_stocks_chain() -> None:
    signed = {f"t2.{c}" for c in table2().signed}
    for seed in (1, 2, 3):
        reports = build_reports(seed, all_agencies(), list(range(2019, 2026)), 0.0)
        for r in reports:
            assert all(v is None or v >= 0 for k, v in r.cells.items() if k not in signed), r.agency.id
        by = {(r.agency.id, r.year): r.cells for r in reports}
        for (agency, year), cells in by.items():
            if year == 2020:  # X2: 上一年项目数量 + 本年增/减 = next year's 上一年项目数量
                before = by[agency, 2019]
                for key in (k for k in signed if k in cells):
                    items = key.replace("_change", "_prev_items")
                    assert before[items] + before[key] == cells[items]
