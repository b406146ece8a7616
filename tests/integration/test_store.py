"""The streaming store: same tables as `load_corpus`, resumable after a kill, same result on Dask, and a
batch whose worker dies fails only the input that kills it."""

from __future__ import annotations

import json
import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from disclosure_analysis.analysis import derived
from disclosure_analysis.corpus import Corpus, load_corpus
from disclosure_analysis.corpus.extraction import extract_json
from disclosure_analysis.corpus.store import (
    MARKER,
    StoredCorpus,
    StoreError,
    _committed,
    build_store,
    load_store,
)
from disclosure_analysis.executors import DaskExecutor, LocalExecutor
from disclosure_analysis.synth import generate

CLI = [sys.executable, "-m", "disclosure_analysis.cli"]
CRASHING = "2021_shili-shi-zhengfuban.txt"


def crash_on_one_file(path: str) -> dict:
    """Extraction whose worker process dies on CRASHING (as on a segfault or an OOM kill)."""
    if Path(path).name == CRASHING:
        os._exit(3)
    return extract_json(path)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6 agencies × 2 years in all formats, with carry-over faults, one agency's name printed with its
    city in 2020 (joined with its 2021 name), and one broken file."""
    root = tmp_path_factory.mktemp("store") / "corpus"
    generate(root, agencies=6, years=[2020, 2021], seed=3, faults=0.5)
    variant = root / "2020_moni-xian-zhengfu.txt"
    variant.write_text(
        variant.read_text(encoding="utf-8").replace("模拟县人民政府", "示例市模拟县人民政府"),
        encoding="utf-8",
    )
    (root / "broken.pdf").write_bytes(b"%PDF-1.4 truncated")
    return root


@pytest.fixture(scope="module")
def reference(corpus: Path) -> Corpus:
    return load_corpus(corpus, cache_dir=False)


@pytest.fixture(scope="module")
def store(corpus: Path) -> Path:
    out = corpus.parent / "store"
    with LocalExecutor(2) as ex:
        summary = build_store([corpus], out, ex, batch_size=5)
    assert (summary.read, summary.skipped, len(summary.failed)) == (12, 1, 1)  # truth.jsonl is skipped
    return out


def assert_same_tables(a: Corpus, b: Corpus) -> None:
    for name in Corpus.TABLES:
        left, right = getattr(a, name), getattr(b, name)
        key = list(left.columns)
        pd.testing.assert_frame_equal(
            left.sort_values(key).reset_index(drop=True),
            right.sort_values(key).reset_index(drop=True),
            obj=name,
        )


def test_store_has_the_tables_of_load_corpus(store: Path, reference: Corpus) -> None:
    stored = load_corpus(store)
    assert isinstance(stored, StoredCorpus)
    assert_same_tables(reference, stored)
    assert "X1" in set(reference.findings["rule"])
    assert reference.reports["agency"].str.startswith("示例市模拟县").any()
    assert reference.reports["agency_id"].nunique() == 6


def test_tables_are_read_when_used(store: Path, reference: Corpus) -> None:
    stored = load_store(store)
    assert stored.reports["year"].notna().all()
    assert "sections" not in vars(stored)
    aid = reference.reports["agency_id"].iloc[1]
    assert_same_tables(reference.agency(aid), stored.agency(aid))
    years = stored.table("reports", columns=["report_id", "year"])
    assert list(years.columns) == ["report_id", "year"]


def test_derived_frames_of_a_store_are_those_of_the_corpus(store: Path, reference: Corpus) -> None:
    stored = load_store(store)
    ids = reference.reports["report_id"].iloc[:4]
    for name in ("metrics", "outcome_mix", "peers_level"):
        got, expected = derived.rows(stored, name, ids), derived.rows(reference, name, ids)
        pd.testing.assert_frame_equal(got, expected)


def test_a_second_build_skips_what_is_stored(store: Path, corpus: Path) -> None:
    with LocalExecutor(1) as ex:
        summary = build_store([corpus], store, ex)
    assert (summary.read, summary.skipped, summary.previously_failed) == (0, 14, 1)


def test_a_store_is_not_mixed_with_other_files_or_other_extraction_code(store: Path, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a store", encoding="utf-8")
    with LocalExecutor(1) as ex, pytest.raises(StoreError, match="不是空文件夹"):
        build_store([], tmp_path, ex)
    other = tmp_path / "other"
    shutil.copytree(store, other)
    marker = json.loads((other / MARKER).read_text(encoding="utf-8"))
    (other / MARKER).write_text(json.dumps({**marker, "extraction": "0123456789ab"}), encoding="utf-8")
    with LocalExecutor(1) as ex, pytest.raises(StoreError, match="另一版本的提取代码"):
        build_store([], other, ex)


@pytest.mark.slow
def test_a_killed_build_resumes_to_the_same_store(store: Path, corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "killed"
    build = [
        *CLI,
        "build",
        str(corpus),
        "--out",
        str(out),
        "--jobs",
        "2",
        "--batch-size",
        "2",
        "--no-cache",
        "-q",
    ]
    proc = subprocess.Popen(build, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while len(_committed(out)) < 2 and proc.poll() is None:  # the client's part (truth.jsonl), a batch
        assert time.monotonic() < deadline
        time.sleep(0.01)
    workers = psutil.Process(proc.pid).children()
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert len(workers) == 2
    _, alive = psutil.wait_procs(workers, timeout=10)  # orphaned workers end instead of writing on
    for worker in alive:
        worker.kill()
    assert not alive
    assert len(_committed(out)) < 8, "the build finished before the kill (13 inputs, batches of 2, truth.jsonl)"
    assert '"complete": false' in (out / MARKER).read_text(encoding="utf-8")

    rerun = subprocess.run(build, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 1, rerun.stderr  # broken.pdf
    assert not list(out.glob("**/.*.tmp"))
    committed = set(_committed(out))
    assert {f.stem for f in out.glob("*/part-*.parquet")} == committed  # uncommitted parts were removed
    assert_same_tables(load_store(store), load_store(out))


@pytest.mark.slow
@pytest.mark.skipif(multiprocessing.get_start_method() != "fork", reason="the patch reaches workers by fork")
def test_an_input_that_kills_its_worker_fails_alone(
    store: Path, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("disclosure_analysis.corpus.extraction.extract_json", crash_on_one_file)
    with LocalExecutor(2) as ex:  # workers forked after the patch
        summary = build_store([corpus], tmp_path / "crash", ex, batch_size=3)
    crashed = str(corpus / CRASHING)
    assert {source for source, _ in summary.failed} == {str(corpus / "broken.pdf"), crashed}
    assert summary.read == 11
    reason = dict(summary.failed)[crashed]
    assert "工作进程两次出错" in reason and crashed in reason
    got, want = load_store(tmp_path / "crash"), load_store(store)
    manifest = got.manifest.set_index("source")
    assert manifest.loc[crashed, "error_code"] == "worker_error"
    others = [s for s in want.manifest["source"] if s != crashed]
    pd.testing.assert_frame_equal(
        manifest.loc[others].sort_index(), want.manifest.set_index("source").loc[others].sort_index()
    )
    assert set(got.reports["source"]) == set(want.reports["source"]) - {crashed}


@pytest.mark.slow
def test_dask_builds_the_same_store(store: Path, corpus: Path, tmp_path: Path) -> None:
    import dask.config

    with DaskExecutor("local", workers=2) as ex:
        assert ex.workers == 2
        build_store([corpus], tmp_path / "dask", ex, batch_size=4)
        quiet = ["distributed.worker.profile.enabled", "distributed.admin.tick.interval"]
        assert dict(ex.map_unordered(dask.config.get, quiet)) == {0: False, 1: "1s"}  # set in the workers
    assert_same_tables(load_store(store), load_store(tmp_path / "dask"))
