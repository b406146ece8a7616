"""Round trip: synthetic reports in every rendering of renderings.md → `extract_path` → the ground truth.

Pipe rows, pipe per line, one cell per line (empty cells vanished), skeleton tables, flip-book text, HTML
inside a script or JSON, PDF → Markdown; a third of them without a title line. A cell is reproduced or,
where the rendering does not say which column a number is in, null and flagged: never a wrong value.
Agency, year, template, narrative figures and publication date are reproduced exactly. (The crawler's
run-together text has its own round trip, `test_synth_crawl.py`.) Then the same files are mangled at
random (a line dropped, doubled, a page footer slipped in): still no value that is wrong and unflagged.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from disclosure_analysis.corpus.extraction import extract_path
from disclosure_analysis.ingest.identify import COMPILING_OFFICE
from disclosure_analysis.synth import RENDERINGS, generate

pytestmark = pytest.mark.slow

TEXT_RENDERINGS = tuple(r for r in RENDERINGS if r != "crawl")
#: the share of truth cells a rendering may leave null (and flagged): where empty cells vanish, a row
#: whose only numbers are zeros, or the one filled applicant column of a table, has no column to tell
NULL_SHARE = {"cells": 0.1, "flipbook": 0.1, "pipeline": 0.05, "markdown": 0.01}


@pytest.fixture(scope="module", params=[(fmt, seed) for fmt in TEXT_RENDERINGS for seed in (7, 8)],
                ids=lambda p: f"{p[0]}-{p[1]}")
def pairs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, list[tuple[dict, dict]]]:
    fmt, seed = request.param
    out = tmp_path_factory.mktemp(f"{fmt}{seed}")
    records = generate(out, agencies=20, years=range(2019, 2025), formats=[fmt], seed=seed, faults=0.3 * (seed == 8))
    return fmt, out, [(r, extract_path(out / r["file"]).to_json()) for r in records]


def _wrong(truth: dict, got: dict) -> list[tuple]:
    """Cells read as another value than the truth's, or not read at all."""
    return [(truth["file"], k, v, got["cells"].get(k, "absent")) for k, v in truth["cells"].items()
            if got["cells"].get(k, "absent") is not None and got["cells"].get(k, "absent") != v]


def test_no_value_is_wrong_and_every_null_is_flagged(pairs) -> None:
    fmt, _, extracted = pairs
    wrong, unflagged, nulled, total = [], [], 0, 0
    for truth, got in extracted:
        assert got["status"] in ("ok", "partial"), (truth["file"], got["error"])
        wrong += _wrong(truth, got)
        for key, value in truth["cells"].items():
            total += 1
            if got["cells"].get(key) is None and value is not None:
                nulled += 1
                if not got["cell_flags"].get(key):
                    unflagged.append((truth["file"], key, value))
    assert wrong == []
    assert unflagged == []
    assert nulled <= NULL_SHARE.get(fmt, 0.0) * total


def test_metadata_narrative_and_dates_are_reproduced(pairs) -> None:
    _, _, extracted = pairs
    wrong = []
    for truth, got in extracted:
        for field in ("agency", "year", "template", "published"):
            if got[field] != truth[field] and not _office_unnamed(truth, got, field):
                wrong.append((truth["file"], field, truth[field], got[field]))
        wrong += [(truth["file"], k, v, got["narrative"].get(k)) for k, v in truth["narrative"].items()
                  if got["narrative"].get(k) != v]
    assert wrong == []


def _office_unnamed(truth: dict, got: dict, field: str) -> bool:
    """An office of another agency (示例市人民政府办公室) that only signs a title-less text is not named:
    it signs its parent's reports as often as its own (`identify`)."""
    return field == "agency" and got["agency"] is None and COMPILING_OFFICE.search(truth["agency"]) is not None


def test_title_less_texts_are_named_from_elsewhere(pairs) -> None:
    fmt, _, extracted = pairs
    if fmt == "embedded":
        pytest.skip("a script's article has its title beside it")
    sources = [got["metadata_source"] for truth, got in extracted if not _office_unnamed(truth, got, "agency")]
    assert all(s.keys() == {"agency", "year"} for s in sources)
    untitled = [s for s in sources if s["agency"] != "title"]
    assert len(untitled) >= 0.2 * len(sources)
    assert {s["agency"] for s in untitled} <= {"preamble", "signature"}
    assert {s["year"] for s in untitled} <= {"preamble", "statistics_period", "title"}


def test_skeleton_tables_are_null_and_say_so(pairs) -> None:
    fmt, _, extracted = pairs
    if fmt != "skeleton":
        pytest.skip("only skeletons have tables without numbers")
    for truth, got in extracted:
        assert got["status"] == "partial" and all(v is None for v in got["cells"].values())
        assert any("只有表头和行名，没有数字" in note for note in got["notes"][:2]), truth["file"]  # after 没有找到表三


_FOOTERS = ("— 7 —", "-3-", "第 2 页")


def _mangled(text: str, rng: random.Random) -> str:
    """`text` with one line dropped or doubled, or a page footer slipped in."""
    lines = text.split("\n")
    i = rng.randrange(len(lines))
    how = rng.choice(("drop", "double", "footer"))
    if how == "drop":
        del lines[i]
    elif how == "double":
        lines.insert(i, lines[i])
    else:
        lines.insert(i, rng.choice(_FOOTERS))
    return "\n".join(lines)


def test_mangled_texts_give_no_wrong_value_unflagged(pairs, tmp_path: Path) -> None:
    fmt, out, extracted = pairs
    rng = random.Random(f"{fmt}/{out.name}")
    wrong = []
    for truth, _ in rng.sample(extracted, 25):
        text = (out / truth["file"]).read_text(encoding="utf-8")
        for n in range(4):
            path = tmp_path / f"{n}-{truth['file']}"
            path.write_text(_mangled(text, rng), encoding="utf-8")
            got = extract_path(path).to_json()
            if got["status"] not in ("ok", "partial"):
                continue
            wrong += [w for w in _wrong(truth, got) if not got["cell_flags"].get(w[1])]
            wrong += [(truth["file"], f, truth[f], got[f]) for f in ("agency", "year")
                      if got[f] is not None and got[f] != truth[f]]
    assert wrong == []


def test_a_flip_book_page_alone_is_read(pairs, tmp_path: Path) -> None:
    """A flip-book gives one page per file: each page alone never gives a wrong value, and the pages of
    表三 give its cells."""
    fmt, out, extracted = pairs
    if fmt != "flipbook":
        pytest.skip("only flip-book text comes a page at a time")
    wrong, read = [], 0
    for truth, _ in extracted[:30]:
        pages = re.split(r"^- \d+ -$", (out / truth["file"]).read_text(encoding="utf-8"), flags=re.M)
        for n, page in enumerate(p for p in pages if p.strip()):
            path = tmp_path / f"page{n}.txt"
            path.write_text(page, encoding="utf-8")
            got = extract_path(path).to_json()
            if got["status"] in ("ok", "partial"):
                wrong += [w for w in _wrong(truth, got) if w[3] != "absent" and not got["cell_flags"].get(w[1])]
                read += sum(k.startswith("t3.") and v is not None for k, v in got["cells"].items())
    assert wrong == []
    assert read > 0
