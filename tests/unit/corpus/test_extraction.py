"""Every input is accounted for: each file of a folder gets one result and one manifest row, with a reason;
copies are analysed once; a cached result names the file it is given for."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.corpus.extraction import OUTPUT_MARKERS, extract_many, refusal, report_files
from disclosure_analysis.corpus.store import MARKER
from disclosure_analysis.site.state import STATE_FILE
from disclosure_analysis.synth import generate

CLI = [sys.executable, "-m", "disclosure_analysis.cli"]


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A researcher's folder: a report and its copy, a hidden file, an old Word file, a file without a
    suffix, a truth file, a looping link, a FIFO, and a site written into it by an earlier run."""
    generate(tmp_path / "synth", agencies=2, years=[2023], formats=["txt"], seed=5)
    one, other = sorted((tmp_path / "synth").glob("*.txt"))
    root = tmp_path / "reports"
    root.mkdir()
    (root / "2023_x (1).txt").write_bytes(one.read_bytes())
    (root / "2023_x.txt").write_bytes(one.read_bytes())
    (root / ".2023_x.txt.swp").write_bytes(one.read_bytes())
    (root / "old.doc").write_bytes(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504)
    (root / "no_suffix").write_bytes(other.read_bytes())
    (root / "truth.jsonl").write_text("{}\n", encoding="utf-8")
    (root / "loop.txt").symlink_to(root / "loop.txt")
    os.mkfifo(root / "pipe.txt")
    site = root / "site"
    site.mkdir()
    (site / STATE_FILE).write_text("{}", encoding="utf-8")
    (site / "page.txt").write_bytes(one.read_bytes())
    return root


def test_output_markers_are_those_the_site_and_the_store_write() -> None:
    assert set(OUTPUT_MARKERS) == {MARKER, STATE_FILE}


def test_every_file_of_a_folder_gets_a_row_with_a_reason(folder: Path) -> None:
    corpus = load_corpus(folder, cache_dir=False)
    rows = corpus.manifest.set_index("source")
    names = {Path(s).name for s in rows.index}
    assert names == {"2023_x.txt", "2023_x (1).txt", ".2023_x.txt.swp", "old.doc", "no_suffix", "truth.jsonl",
                     "loop.txt", "pipe.txt"}  # nothing from the site folder
    status = {Path(s).name: (r.status, None if pd.isna(r.error_code) else r.error_code) for s, r in rows.iterrows()}
    assert status == {
        "2023_x.txt": ("ok", None),
        "2023_x (1).txt": ("duplicate", "duplicate_of"),
        ".2023_x.txt.swp": ("skipped", "skipped_hidden"),
        "old.doc": ("failed", "unsupported_type"),
        "no_suffix": ("ok", None),  # read: judged from its bytes
        "truth.jsonl": ("skipped", "skipped_type"),
        "loop.txt": ("failed", "symlink_loop"),
        "pipe.txt": ("failed", "not_a_regular_file"),
    }
    assert rows["reason"].notna().all() and (rows["reason"].str.len() > 0).all()
    assert rows.loc[str(folder / "2023_x (1).txt"), "duplicate_of"] == str(folder / "2023_x.txt")


def test_the_files_of_a_saved_page_are_read_with_it(tmp_path: Path) -> None:
    """A browser saves `页面.html` with its pictures in `页面_files/`: they are the page's, not reports."""
    (tmp_path / "页面_files").mkdir()
    (tmp_path / "页面.html").write_text("<html><body><p>通知</p><img src='页面_files/a.png'></body></html>", encoding="utf-8")
    (tmp_path / "页面_files" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    (tmp_path / "other_files").mkdir()  # no page of that name beside it: read as any file
    (tmp_path / "other_files" / "b.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    assert refusal(tmp_path / "页面_files" / "a.png").code == "skipped_page_file"
    assert "页面.html" in refusal(tmp_path / "页面_files" / "a.png").message
    assert refusal(tmp_path / "other_files" / "b.png") is None


def test_a_copy_is_analysed_once(folder: Path) -> None:
    corpus = load_corpus(folder, cache_dir=False)
    assert corpus.reports["report_id"].is_unique
    assert len(corpus.reports) == 2  # 2023_x.txt and no_suffix
    assert not corpus.table3.duplicated(["report_id", "row", "column"]).any()
    new = corpus.table3.query("row == 'new_received' and column == 'total'")
    assert len(new) == 2 and new["value"].notna().all()


def test_a_looping_link_named_on_the_command_line_is_a_row(folder: Path) -> None:
    assert report_files([folder / "loop.txt"]) == [folder / "loop.txt"]
    (result,) = extract_many([folder / "loop.txt"], None)
    assert (result["status"], result["error"]["code"]) == ("failed", "symlink_loop")


def test_a_cached_result_names_the_file_it_is_given_for(tmp_path: Path) -> None:
    text = "这是一份会议通知，不是年度报告。\n" * 3
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / f"{name}.txt").write_text(text, encoding="utf-8")
    cache = tmp_path / "cache"
    (first,) = extract_many([tmp_path / "a" / "a.txt"], cache)
    (again,) = extract_many([tmp_path / "b" / "b.txt"], cache)
    assert first["status"] == again["status"] == "not_a_report"
    assert "b.txt" in again["error"]["message"] and "a.txt" not in again["error"]["message"]


def test_skipped_files_and_copies_do_not_fail_the_command(folder: Path, tmp_path: Path) -> None:
    clean = tmp_path / "clean"
    clean.mkdir()
    for name in ("2023_x.txt", "2023_x (1).txt", ".2023_x.txt.swp", "truth.jsonl"):
        (clean / name).write_bytes((folder / name).read_bytes())
    done = subprocess.run([*CLI, "extract", "--json", "--no-cache", "-q", str(clean)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    statuses = {Path(r["source"]).name: r["status"] for r in json.loads(done.stdout)}
    assert statuses == {".2023_x.txt.swp": "skipped", "2023_x (1).txt": "duplicate", "2023_x.txt": "ok",
                        "truth.jsonl": "skipped"}
    broken = subprocess.run([*CLI, "extract", "--json", "--no-cache", "-q", str(folder)], capture_output=True, text=True)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr  # old.doc, loop.txt, pipe.txt


def test_a_store_keeps_every_file_in_its_manifest(folder: Path, tmp_path: Path) -> None:
    from disclosure_analysis.corpus.store import build_store, load_store
    from disclosure_analysis.executors import LocalExecutor

    with LocalExecutor(1) as ex:
        build_store([folder], tmp_path / "store", ex)
        again = build_store([folder], tmp_path / "store", ex)
    assert again.read == 0 and again.skipped == 8
    stored = load_store(tmp_path / "store").manifest
    expected = load_corpus(folder, cache_dir=False).manifest
    key = ["source", "status", "error_code", "duplicate_of"]
    assert stored.sort_values("source")[key].reset_index(drop=True).equals(
        expected.sort_values("source")[key].reset_index(drop=True)
    )
