"""`run --dask local` makes the same site as `run --jobs 2`: the same pages and the same chart data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from disclosure_analysis.cli import main
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.synth.sample import sample_corpus

pytestmark = pytest.mark.slow
pytest.importorskip("dask.distributed")

GENERATED_AT = re.compile(r"生成时间：[0-9: -]+。")


def site_files(site: Path) -> dict[str, bytes]:
    """Pages and data files of a site (the index without its generation time; no notebooks or state)."""
    files = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if path.suffix in {".html", ".csv"}:
            files[name] = path.read_bytes()
    files["index.html"] = GENERATED_AT.sub("", files["index.html"].decode()).encode()
    return files


def test_dask_local_site_equals_local_processes_site(tmp_path: Path, capsys) -> None:
    agencies = sorted(load_corpus(sample_corpus()).reports["agency_id"].dropna().unique())[:2]
    params = tmp_path / "params.yaml"
    params.write_text(yaml.safe_dump({"agencies": agencies, "notebooks": ["agency", "overview"]}))
    assert main(["run", "--params", str(params), "--output", str(tmp_path / "jobs"), "--jobs", "2"]) == 0
    dask = [
        "run",
        "--params",
        str(params),
        "--output",
        str(tmp_path / "dask"),
        "--dask",
        "local",
        "--jobs",
        "2",
    ]
    assert main(dask) == 0
    assert "共 3 页：生成 3" in capsys.readouterr().err
    local, distributed = site_files(tmp_path / "jobs"), site_files(tmp_path / "dask")
    assert sorted(local) == sorted(distributed)
    assert len([n for n in local if n.endswith(".csv")]) >= 10
    for name in local:
        assert local[name] == distributed[name], name
    for agency in agencies:
        assert (tmp_path / "dask" / "agencies" / f"{agency}.ipynb").is_file()
