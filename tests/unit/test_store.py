"""Store batches: a batch task commits its parts only for the build that owns the store; what counts as
committed; what reopening a store removes."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_analysis.corpus import Corpus, file_sha256
from disclosure_analysis.store import Batch, _committed, _open, load_store, write_batch
from disclosure_analysis.synth import generate


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, str | None]]:
    root = tmp_path_factory.mktemp("reports")
    generate(root, agencies=2, years=[2021], formats=["txt"], seed=1)
    return [(str(f), file_sha256(f)) for f in sorted(root.glob("*.txt"))]


def parts(out: Path) -> set[str]:
    return {f.relative_to(out).as_posix() for f in out.glob("*/*.parquet")}


def test_a_batch_commits_every_table_with_the_manifest(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "b1")
    rows = write_batch(Batch(str(tmp_path), "part-00001-b1", tuple(reports), None, "b1"))
    assert rows == [{"source": f, "status": "ok", "reason": None} for f, _ in reports]
    assert parts(tmp_path) == {f"{name}/part-00001-b1.parquet" for name in Corpus.TABLES}
    assert _committed(tmp_path) == ["part-00001-b1"]


def test_a_batch_of_a_superseded_build_leaves_nothing(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "old")
    _open(tmp_path, "new")  # a rerun started while a task of the killed build was still running
    assert write_batch(Batch(str(tmp_path), "part-00001-old", tuple(reports), None, "old")) is None
    assert parts(tmp_path) == set()


def test_reopening_keeps_committed_parts_only(tmp_path: Path, reports: list) -> None:
    _open(tmp_path, "b1")
    write_batch(Batch(str(tmp_path), "part-00001-b1", tuple(reports[:1]), None, "b1"))
    write_batch(Batch(str(tmp_path), "part-00002-b1", tuple(reports[1:]), None, "b1"))
    (tmp_path / "table3" / "part-00002-b1.parquet").unlink()  # a manifest without all its parts
    (tmp_path / "reports" / ".part-00003-b1.parquet.123-abcd.tmp").write_bytes(b"")
    assert _committed(tmp_path) == ["part-00001-b1"]
    stored = _open(tmp_path, "b2")
    assert set(stored) == {reports[0][1]}
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
    assert sources == [f for f, _ in reports]
