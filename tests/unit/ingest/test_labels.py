"""Tolerant label matching and order-preserving alignment."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from disclosure_analysis import formats
from disclosure_analysis.ingest.labels import (
    Observed,
    Target,
    align,
    clean,
    match_unordered,
    numbering,
    similarity,
)

T3_ROWS = formats.table3().rows


def _variants(label: str) -> list[str]:
    """Printed variants of an official label seen in real reports."""
    bare = clean(label)
    n = numbering(label)
    out = [
        label,
        label.replace("．", "."),
        label.replace("．", "、"),
        " ".join(label),
        label.replace("“", '"').replace("”", '"'),
    ]
    if n is not None:
        out.append(f"{n}.{bare}")
    out.append(f"{bare}（注：含上年度）")
    return out


@pytest.mark.parametrize("code", list(T3_ROWS))
def test_every_table3_label_variant_matches_its_row_best(code: str) -> None:
    spec = T3_ROWS[code]
    for printed in _variants(spec.label):
        scores = {c: similarity(printed, s.label) for c, s in T3_ROWS.items()}
        best = max(scores.values())
        assert scores[code] == best, (printed, sorted(scores.items(), key=lambda kv: -kv[1])[:3])


def test_typos_still_match() -> None:
    assert similarity("2.其他法律行政止公开", "2．其他法律行政法规禁止公开") > 0.7
    assert similarity("5.要求行政机关确认或重 新出具已获取信息", T3_ROWS["rejected_reconfirm"].label) == 1.0


def test_explanatory_parentheses_match_by_prefix() -> None:
    assert similarity("规章(设区的市、自治州人民政府应提供相关数据)", "规章") >= 0.9
    assert (
        similarity("2.其他法律行政法规禁止公开", "3．其他") < 0.3
    )  # a prefix without parentheses is not enough


@given(st.lists(st.booleans(), min_size=25, max_size=25))
def test_alignment_places_unlabeled_rows_by_position(mask: list[bool]) -> None:
    """Any subset of the 2021 rows may lose its label; with all rows present, order decides."""
    specs = formats.table3().row_specs("2021")
    targets = [Target(s.code, s.labels, s.number) for s in specs]
    observed = [
        Observed((s.label,) if keep else (), s.number if keep else None)
        for s, keep in zip(specs, mask, strict=True)
    ]
    _, assignment = align(observed, targets)
    assert assignment == list(range(25))


def test_alignment_skips_an_extra_row_and_reports_a_missing_one() -> None:
    specs = formats.table3().row_specs("2019")
    targets = [Target(s.code, s.labels, s.number) for s in specs]
    observed = [Observed((s.label,), s.number) for s in specs]
    observed.insert(3, Observed(("其他主动公开文件",), None))  # a provincial extra row
    del observed[10]  # one row lost
    _, assignment = align(observed, targets)
    assert assignment[9] is None
    assert 3 not in assignment


def test_unordered_matching_for_rows_moved_by_a_converter() -> None:
    rows = formats.table2().versions["2021"]
    targets = [Target(r.code, r.labels) for r in rows]
    observed = [Observed((r.label,)) for r in reversed(rows)]
    assignment = match_unordered(observed, targets)
    assert assignment == list(reversed(range(len(rows))))
