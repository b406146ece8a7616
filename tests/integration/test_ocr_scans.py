"""Scanned reports read by OCR: the three real PDFs of ../shared/corpus/raw rasterised to image-only PDFs
(JPEG pages, no text layer) at 150 and 200 dpi, read by the real engine. At least 98 % of the truth
cells exact, every wrong cell flagged, and the reports' own errors still reported as such."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_analysis.ingest.readers import ocr
from shared_corpus import SHARED_CORPUS, load_truth

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

RAW = SHARED_CORPUS / "raw"
NAMES = ("2023_huaian-hongze-qu", "2024_huaian-hongze-qu", "2024_huaian-shi")
DPIS = (150, 200)

if not ocr.available():
    pytest.skip("the OCR extra is not installed (pip install 'disclosure-analysis[ocr]')", allow_module_level=True)
if not RAW.is_dir():
    pytest.skip(f"reference corpus not found at {RAW}", allow_module_level=True)


def rasterise(pdf: Path, dpi: int, out: Path) -> Path:
    """An image-only copy of `pdf`: each page rendered at `dpi` and stored as a JPEG page."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    try:
        pages = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    finally:
        doc.close()
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=dpi, quality=85)
    return out


@pytest.fixture(scope="session")
def scans(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, int], dict]:
    """Extraction JSON of every scan (read once per session)."""
    from disclosure_analysis.corpus.extraction import extract_json

    folder = tmp_path_factory.mktemp("scans")
    out = {}
    for name in NAMES:
        for dpi in DPIS:
            scan = rasterise(RAW / f"{name}.pdf", dpi, folder / f"{name}-{dpi}.pdf")
            out[(name, dpi)] = extract_json(str(scan))
    return out


def _truth_cells(name: str) -> dict:
    return {k: v for k, v in load_truth(RAW / f"{name}.truth.json").items() if k[:3] in ("t2.", "t3.", "t4.")}


@pytest.mark.parametrize("dpi", DPIS)
@pytest.mark.parametrize("name", NAMES)
def test_scan_cells_exact_and_every_wrong_cell_flagged(scans: dict, name: str, dpi: int) -> None:
    res = scans[(name, dpi)]
    truth = load_truth(RAW / f"{name}.truth.json")
    assert res["read_by"] == "ocr" and res["status"] in ("ok", "partial")
    assert (res["agency"], res["year"]) == (truth["agency"], truth["year"])
    cells = _truth_cells(name)
    wrong = {k: (v, res["cells"].get(k, "absent")) for k, v in cells.items() if res["cells"].get(k, "absent") != v}
    assert len(cells) - len(wrong) >= 0.98 * len(cells), wrong
    unflagged = {k: w for k, w in wrong.items() if k not in res["cell_flags"]}
    assert not unflagged, f"wrong cells without a flag: {unflagged}"
    assert all(0 <= c <= 1 for c in res["cell_confidence"].values())


@pytest.mark.parametrize("dpi", DPIS)
def test_source_errors_stay_source_errors(scans: dict, dpi: int) -> None:
    """洪泽区 2023 prints 表四 totals 0 under parts 10 + 1 and 5: R5 errors, not OCR doubts."""
    res = scans[("2023_huaian-hongze-qu", dpi)]
    r5 = {f["column"] for f in res["findings"] if f["rule"] == "R5" and f["severity"] == "error"}
    assert r5 == {"review_total", "suit_after_review_total"}
    doubted = {k for k in res["cell_doubts"] if k.startswith("t4.")}
    assert not doubted, doubted


def test_a_doubt_is_never_written_into_the_value(scans: dict) -> None:
    for res in scans.values():
        for key, doubt in res["cell_doubts"].items():
            assert res["cell_flags"][key]  # flagged (ocr_uncertain, or the reader's own flag)
            if doubt["suggested"] is not None:
                assert res["cells"][key] != doubt["suggested"]
