"""`synth --formats scan` round trip: image-only PDFs (rotated, stamped, noisy) read by the real OCR engine.
At least 98 % of truth cells exact, and no wrong cell without a flag."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_analysis.ingest.readers import ocr

pytestmark = pytest.mark.slow

if not ocr.available():
    pytest.skip("the OCR extra is not installed (pip install 'disclosure-analysis[ocr]')", allow_module_level=True)


def test_scan_round_trip(tmp_path: Path) -> None:
    from disclosure_analysis.corpus.extraction import extract_json
    from disclosure_analysis.synth import generate

    generate(tmp_path, agencies=2, years=[2022, 2023], formats=["scan"], seed=3)
    total = exact = 0
    unflagged: dict[str, dict] = {}
    for line in (tmp_path / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        assert truth["file"].endswith(".scan.pdf")
        res = extract_json(str(tmp_path / truth["file"]))
        assert res["read_by"] == "ocr"
        wrong = {k: (v, res["cells"].get(k)) for k, v in truth["cells"].items() if res["cells"].get(k, "absent") != v}
        total += len(truth["cells"])
        exact += len(truth["cells"]) - len(wrong)
        unflagged.update({f"{truth['file']}:{k}": w for k, w in wrong.items() if k not in res["cell_flags"]})
    assert exact >= 0.98 * total, (exact, total)
    assert not unflagged
