"""`synth --formats htmlimg,docximg` round trip: a saved web page showing 表三/表四 as scanned JPEGs from its
`_files/` folder, and a Word file with them pasted in as PNGs, read through the corpus with the real OCR
engine. At least 98 % of truth cells exact, no wrong cell without a flag, the pictures not read again as
reports of their own; with `--ocr off` the tables are missing and the notes say why."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_analysis.ingest.readers import ocr

pytestmark = pytest.mark.slow

if not ocr.available():
    pytest.skip("the OCR extra is not installed (pip install 'disclosure-analysis[ocr]')", allow_module_level=True)


@pytest.fixture(scope="module")
def pictured(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from disclosure_analysis.synth import generate

    folder = tmp_path_factory.mktemp("pictured")
    generate(folder, agencies=1, years=[2022, 2023], formats=["htmlimg", "docximg"], seed=3)
    return folder


def test_pictured_tables_round_trip(pictured: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_analysis.corpus import load_corpus

    monkeypatch.setenv(ocr.ENV, "auto")
    corpus = load_corpus(pictured, cache_dir=False)
    manifest = corpus.manifest.assign(name=corpus.manifest["source"].map(lambda s: Path(s).name)).set_index("name")
    assert set(manifest.loc[["t3.jpg", "t4.jpg"], "error_code"]) == {"skipped_page_file"}
    total = exact = 0
    for line in (pictured / "truth.jsonl").read_text(encoding="utf-8").splitlines():
        truth = json.loads(line)
        row = manifest.loc[truth["file"]]
        assert (row["read_by"], row["status"]) == ("ocr", "ok"), row
        ids = corpus.reports.loc[corpus.reports["source"] == row["source"], "report_id"]
        one = corpus.select(ids)
        cells = {f"t3.{r}.{c}": v for r, c, v in one.table3[["row", "column", "value"]].itertuples(index=False)}
        cells |= {f"t4.{g}_{o}": v for g, o, v in one.table4[["group", "outcome", "value"]].itertuples(index=False)}
        flags = {f"t3.{r}.{c}": f for r, c, f in one.table3[["row", "column", "flag"]].itertuples(index=False)}
        flags |= {f"t4.{g}_{o}": f for g, o, f in one.table4[["group", "outcome", "flag"]].itertuples(index=False)}
        pictured_cells = {k: v for k, v in truth["cells"].items() if k[:3] in ("t3.", "t4.")}
        assert one.table3["confidence"].notna().any() and one.table2["confidence"].isna().all()
        wrong = {k: (v, cells.get(k)) for k, v in pictured_cells.items() if not _same(cells.get(k, "absent"), v)}
        assert not {k: w for k, w in wrong.items() if not isinstance(flags.get(k), str)}, wrong
        assert row["ocr_uncertain"] == one.table3["flag"].eq("ocr_uncertain").sum() + one.table4["flag"].eq("ocr_uncertain").sum()
        total += len(pictured_cells)
        exact += len(pictured_cells) - len(wrong)
    assert exact >= 0.98 * total, (exact, total)


def _same(got: object, want: object) -> bool:
    import pandas as pd

    return (want is None and (got is None or got is pd.NA)) or (want is not None and got is not pd.NA and got == want)


def test_pictured_tables_without_ocr_are_missing_and_said(pictured: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from disclosure_analysis.corpus.extraction import extract_json

    monkeypatch.setenv(ocr.ENV, "off")
    for name in ("2022_shili-shi-zhengfu.img.html", "2023_shili-shi-zhengfu.img.docx"):
        res = extract_json(str(pictured / name))
        assert res["read_by"] == "text" and res["status"] == "partial"
        assert {f["table"] for f in res["findings"] if f["rule"] == "F1"} == {"t3", "t4"}
        assert any("表格可能是图片" in n and "--ocr off" in n for n in res["notes"]), res["notes"]
