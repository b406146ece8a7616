"""Same arguments → byte-identical files."""

from __future__ import annotations

import time
from pathlib import Path

from disclosure_analysis.synth import fonts, generate


def _files(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(root.iterdir())}


def test_same_arguments_give_identical_bytes(tmp_path: Path) -> None:
    args = {"agencies": 6, "years": range(2020, 2023), "seed": 3, "faults": 0.3}
    generate(tmp_path / "a", **args)
    generate(tmp_path / "b", **args)
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a.keys() == b.keys()
    assert {p.rsplit(".", 1)[1] for p in a} == {"txt", "html", "docx", "pdf", "jsonl"}
    assert [name for name in a if a[name] != b[name]] == []


def test_another_seed_gives_other_numbers(tmp_path: Path) -> None:
    one = generate(tmp_path / "a", agencies=3, years=[2022], formats=["txt"], seed=1)
    two = generate(tmp_path / "b", agencies=3, years=[2022], formats=["txt"], seed=2)
    assert [r["cells"] for r in one] != [r["cells"] for r in two]


def test_an_agency_year_does_not_depend_on_the_other_years_asked_for(tmp_path: Path) -> None:
    wide = generate(tmp_path / "a", agencies=4, years=range(2019, 2025), formats=["txt"], seed=5)
    narrow = generate(tmp_path / "b", agencies=4, years=[2023], formats=["txt"], seed=5)
    wide_2023 = {r["agency_id"]: r["cells"] for r in wide if r["year"] == 2023}
    assert {r["agency_id"]: r["cells"] for r in narrow} == wide_2023


def test_pdf_font_does_not_depend_on_when_it_was_built() -> None:
    first = fonts._build(fonts._source(), "示例市ABC123")
    time.sleep(1.1)  # the font's head table counts seconds
    assert fonts._build(fonts._source(), "示例市ABC123") == first
