"""Store batches: a batch task commits its parts only for the build that owns the store and with the
store's extraction code; what counts as committed; what reopening a store removes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from disclosure_analysis.corpus import Corpus
from disclosure_analysis.corpus.extraction import content_sha256
from disclosure_analysis.corpus.store import MARKER, Batch, _committed, _open, load_store, write_batch
from disclosure_analysis.synth import generate


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str, str | None]]:
    """(source, absolute path, sha256) of two reports, as a build passes them to its tasks."""
    root = tmp_path_factory.mktemp("reports")
    generate(root, agencies=2, years=[2021], formats=["txt"], seed=1)
    return [(str(f), str(f), content_sha256(f)) for f in sorted(root.glob("*.txt"))]


def parts(out: Path) -> set[str]:
    return {f.relative_to(out).as_posix() for f in out.glob("*/*.parquet")}


def test_a_batch_commits_every_table_with_the_manifest(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "b1")
    given = tuple((f"reports/{Path(path).name}", path, digest) for _, path, digest in reports)  # relative
    rows = write_batch(Batch(str(tmp_path), "part-00001-b1", given, None, "b1"))
    assert rows == [{"source": f, "status": "ok", "reason": "已读取"} for f, _, _ in given]
    assert parts(tmp_path) == {f"{name}/part-00001-b1.parquet" for name in Corpus.TABLES}
    assert _committed(tmp_path) == ["part-00001-b1"]


def test_a_batch_of_a_superseded_build_leaves_nothing(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "old")
    _open(tmp_path, "new")  # a rerun started while a task of the killed build was still running
    refused = write_batch(Batch(str(tmp_path), "part-00001-old", tuple(reports), None, "old"))
    assert "已被另一次 build 接管" in refused
    assert parts(tmp_path) == set()


def test_a_worker_with_other_extraction_code_writes_nothing(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "b1")
    marker = json.loads((tmp_path / MARKER).read_text(encoding="utf-8"))
    (tmp_path / MARKER).write_text(json.dumps({**marker, "extraction": "0123456789ab"}), encoding="utf-8")
    refused = write_batch(Batch(str(tmp_path), "part-00001-b1", tuple(reports), None, "b1"))
    assert "提取代码" in refused and "同一版本" in refused
    assert parts(tmp_path) == set()


def test_reopening_keeps_committed_parts_only(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "b1")
    write_batch(Batch(str(tmp_path), "part-00001-b1", tuple(reports[:1]), None, "b1"))
    write_batch(Batch(str(tmp_path), "part-00002-b1", tuple(reports[1:]), None, "b1"))
    (tmp_path / "table3" / "part-00002-b1.parquet").unlink()  # a manifest without all its parts
    (tmp_path / "reports" / ".part-00003-b1.parquet.123-abcd.tmp").write_bytes(b"")
    assert _committed(tmp_path) == ["part-00001-b1"]
    stored = _open(tmp_path, "b2")
    assert set(stored) == {reports[0][0]}  # keyed by source
    assert parts(tmp_path) == {f"{name}/part-00001-b1.parquet" for name in Corpus.TABLES}
    assert not list(tmp_path.glob("**/*.tmp"))


def test_parts_named_by_earlier_builds_are_read(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "b1")
    write_batch(Batch(str(tmp_path), "part-00002-b1", tuple(reports[1:]), None, "b1"))
    write_batch(Batch(str(tmp_path), "part-00001-b1", tuple(reports[:1]), None, "b1"))
    for f in tmp_path.glob("*/part-00001-b1.parquet"):  # the layout before build ids
        f.rename(f.with_name("part-00001.parquet"))
    assert _committed(tmp_path) == ["part-00001", "part-00002-b1"]
    with pytest.warns(UserWarning, match="没有完成"):
        sources = list(load_store(tmp_path).manifest["source"])
    assert sources == [f for f, _, _ in reports]
