"""`export`: the panel dataset validates against its own datapackage.json (frictionless), round-trips into
pandas with the same values, is byte-identical for the same inputs, and says where every value came from."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.cli import main
from disclosure_analysis.dataset.panel import DTYPES
from disclosure_analysis.synth.sample import sample_corpus
from render_corpus import write_corpus

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample corpus plus one report whose 表三 does not add up (and a file that is no report), exported
    twice, from two copies of the corpus in different folders, into two folders."""
    root = tmp_path_factory.mktemp("export")
    for corpus, out in ((root / "corpus", "a"), (root / "elsewhere" / "copy", "b")):
        corpus.mkdir(parents=True)
        for f in sorted(sample_corpus().glob("2024_*"))[:6]:
            (corpus / f.name).write_bytes(f.read_bytes())
        (corpus / "notes.txt").write_text("会议纪要", encoding="utf-8")
        write_corpus(corpus, [{"file": "bad.md", "agency": "甲县民政局", "year": 2024, "new": 20, "granted": 8,
                               "partial": 2, "handled_error": 7}])
        assert main(["export", str(corpus), "--out", str(root / out), "--jobs", "1", "--author", "测试者"]) == 1
    return root / "a", root / "b"


def test_the_same_inputs_give_identical_files(exported: tuple[Path, Path]) -> None:
    a, b = exported
    files = sorted(p.relative_to(a) for p in a.rglob("*") if p.is_file())
    assert {"datapackage.json", "CITATION.cff", "data/panel.csv", "data/panel.parquet", "data/provenance.csv"} <= {
        f.as_posix() for f in files
    }
    assert files == sorted(p.relative_to(b) for p in b.rglob("*") if p.is_file())
    for f in files:  # wherever the corpus lies: no path of it is in the files
        assert (a / f).read_bytes() == (b / f).read_bytes(), f


def test_validates_against_its_own_datapackage(exported: tuple[Path, Path]) -> None:
    frictionless = pytest.importorskip("frictionless", reason="the [test] extra installs frictionless")
    report = frictionless.validate(exported[0] / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]


def read_csv(folder: Path, resource: dict) -> pd.DataFrame:
    fields = resource["schema"]["fields"]
    df = pd.read_csv(
        folder / resource["path"], dtype={f["name"]: "string" for f in fields}, keep_default_na=False,
        na_values=resource["schema"]["missingValues"],
    )
    types = {f["name"]: DTYPES[f["type"]] for f in fields}
    for name, dtype in types.items():
        if dtype == "boolean":
            df[name] = df[name].map({"True": True, "False": False}, na_action="ignore")
        elif dtype != "string":
            df[name] = pd.to_numeric(df[name])
    return df.astype(types)


def test_round_trips_into_pandas_with_the_same_values(exported: tuple[Path, Path]) -> None:
    folder = exported[0]
    package = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    assert names[:2] == ["panel", "codes"] and "provenance" in names and "findings" in names
    for resource in package["resources"]:
        from_csv = read_csv(folder, resource)
        from_parquet = pd.read_parquet(folder / resource["parquet"])
        pd.testing.assert_frame_equal(from_csv, from_parquet, check_dtype=True, obj=resource["name"])
        assert list(from_csv.columns) == [f["name"] for f in resource["schema"]["fields"]]
    panel = pd.read_parquet(folder / "data" / "panel.parquet").set_index("agency")
    bad = panel.loc["甲县民政局"]
    assert bad["release_rate_status"] == "unbalanced" and pd.isna(bad["release_rate"]) and bad["t3_fails_identities"]
    assert bad["t3_granted"] == 8 and bad["t3_handled_total"] == 26  # as printed, never "fixed"


def test_every_column_has_its_meaning_unit_source_and_legal_basis(exported: tuple[Path, Path]) -> None:
    package = json.loads((exported[0] / "datapackage.json").read_text(encoding="utf-8"))
    panel = next(r for r in package["resources"] if r["name"] == "panel")
    fields = {f["name"]: f for f in panel["schema"]["fields"]}
    assert all(f["description"] and f["title"] for f in fields.values())
    granted = fields["t3_granted"]
    assert granted["unit"] == "件" and "表三" in granted["source"] and "总计" in granted["source"]
    assert "第五十条第（二）项" in granted["legalBasis"] and "第三十六条" in granted["legalBasis"]
    assert "第四十二条" in fields["info_processing_fee"]["legalBasis"] and fields["info_processing_fee"]["unit"] == "元"
    assert fields["release_rate"]["unit"] == "比例（0–1）" and "予以公开" in fields["release_rate"]["description"]
    citation = (exported[0] / "CITATION.cff").read_text(encoding="utf-8")
    assert "cff-version: 1.2.0" in citation and "type: dataset" in citation and '"测试者"' in citation
    assert f'version: "{package["version"]}"' in citation and package["version"].startswith("0.1.0+data.")


def test_real_reports_with_provenance(shared_corpus: Path, tmp_path: Path) -> None:
    out, people = tmp_path / "real", tmp_path / "人口.csv"
    people.write_text("地区,常住人口（万人）\n淮安市,455.3\n", encoding="utf-8")  # a test input, not a fact
    args = ["export", str(shared_corpus / "raw"), "--out", str(out), "--jobs", "1", "--covariates", str(people)]
    assert main(args) == 0
    panel = pd.read_parquet(out / "data" / "panel.parquet").set_index("agency")
    huaian = panel.loc["淮安市人民政府"]
    assert huaian["release_rate"] == pytest.approx((1362 + 454) / 3050)  # 表三 予以公开 + 部分公开 of 总计
    assert huaian["info_processing_fee"] == 3940 and huaian["t3_other_no_fee"] == 6
    assert pd.isna(huaian["proactive_total"]) and huaian["proactive_total_at_least"] == 5500  # 5500余条
    assert panel.loc["洪泽区人民政府", "correction_rate_status"] == "unbalanced"  # R5 fails as printed
    where = pd.read_parquet(out / "data" / "provenance.parquet")
    mine = where[where["source_file"].eq("2024_huaian-shi.pdf")].set_index(["table", "code"])
    fee = mine.loc[("narrative", "info_processing_fee")]
    assert fee["value"] == 3940 and "3940元" in fee["quote"] and fee["location"] == "六、其他需要报告的事项"
    bound = mine.loc[("narrative", "proactive_total_at_least")]
    assert "5500余条" in bound["quote"] and bound["read_by"] == "text"
    cell = mine.loc[("t3", "granted.total")]
    assert cell["value"] == 1362 and "收到和处理政府信息公开申请" in cell["location"]
    assert len(cell["sha256"]) == 64
    # the covariates file's figures: in the panel and the per_capita table, described, valid, round-tripped
    assert huaian["cov_population"] == 4_553_000 and huaian["applications_per_10k"] == pytest.approx(3119 / 455.3)
    assert panel.loc["洪泽区人民政府", "applications_per_10k_status"] == "no_covariate"  # no row for 洪泽区
    package = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    per_capita = next(r for r in package["resources"] if r["name"] == "per_capita")
    pd.testing.assert_frame_equal(read_csv(out, per_capita), pd.read_parquet(out / per_capita["parquet"]))
    fields = {f["name"]: f for r in package["resources"] if r["name"] == "panel" for f in r["schema"]["fields"]}
    assert fields["cov_population"]["unit"] == "人" and "人口.csv" in fields["cov_population"]["source"]
    assert fields["applications_per_10k"]["unit"] == "件/万人"
    frictionless = pytest.importorskip("frictionless", reason="the [test] extra installs frictionless")
    report = frictionless.validate(out / "datapackage.json")
    assert report.valid, report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])[:10]
