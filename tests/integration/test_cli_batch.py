"""The command line on a batch of good and bad inputs: every file gets a status and a reason, one bad
file never stops the batch, stdout is pure JSON, and exit codes are what scripts rely on."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from fpdf import FPDF

from disclosure_analysis.synth import generate

CLI = [sys.executable, "-m", "disclosure_analysis.cli"]


def run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "DISCLOSURE_ANALYSIS_CACHE": str(cwd / "cache")}
    return subprocess.run([*CLI, *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=300)


def _latin_pdf(text: str, **encryption: str) -> bytes:
    pdf = FPDF()
    if encryption:
        pdf.set_encryption(**encryption)
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, text)
    return bytes(pdf.output())


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with two good reports (txt, pdf) and one file for every kind of bad input."""
    root = tmp_path_factory.mktemp("batch")
    good = root / "generated"
    records = generate(good, agencies=2, years=[2023], formats=["txt", "pdf"], seed=3)
    folder = root / "in"
    folder.mkdir()
    for r in records:
        (folder / Path(r["file"]).name).write_bytes((good / r["file"]).read_bytes())
    txt = next(folder.glob("*.txt")).read_text(encoding="utf-8")
    start, end = txt.index("三、收到和处理政府信息公开申请情况"), txt.index("四、政府信息公开行政复议")
    (folder / "no_table3.txt").write_text(txt[:start] + txt[end:], encoding="utf-8")
    pdf = next(folder.glob("*.pdf")).read_bytes()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "encrypted.pdf").write_bytes(_latin_pdf("secret", owner_password="o", user_password="u"))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "junk.html").write_bytes(bytes(range(256)) * 40)
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04" + os.urandom(2000))
    (folder / "recipe.txt").write_text("红烧肉的做法\n五花肉切块，焯水，加冰糖炒色，小火炖一小时。\n", encoding="utf-8")
    with (folder / "huge.txt").open("wb") as fh:
        fh.truncate(60 * 1024 * 1024)  # sparse: 60 MB on paper, nothing on disk
    return folder


EXPECTED = {
    "no_table3.txt": ("partial", None),
    "truncated.pdf": ("failed", "corrupt_file"),
    "encrypted.pdf": ("failed", "encrypted_pdf"),
    "empty.txt": ("failed", "empty_file"),
    "junk.html": ("failed", "binary_junk"),
    "corrupt.docx": ("failed", "corrupt_file"),
    "recipe.txt": ("not_a_report", "not_a_report"),
    "huge.txt": ("failed", "too_large"),
}


@pytest.fixture(scope="module")
def extracted(batch: Path) -> tuple[subprocess.CompletedProcess, dict[str, dict]]:
    proc = run_cli("extract", str(batch), "--json", "--jobs", "2", cwd=batch.parent)
    return proc, {Path(r["source"]).name: r for r in json.loads(proc.stdout)}


def test_every_input_gets_a_status_and_a_reason(extracted) -> None:
    proc, by_name = extracted
    assert proc.returncode == 1, proc.stderr  # some inputs could not be read
    assert len(by_name) == 2 + len(EXPECTED)
    for name, (status, code) in EXPECTED.items():
        r = by_name[name]
        assert (r["status"], (r["error"] or {}).get("code")) == (status, code), name
        if code:
            assert name in r["error"]["message"]  # the message names the file


def test_good_reports_are_read_despite_bad_neighbours(extracted) -> None:
    _, by_name = extracted
    good = [r for n, r in by_name.items() if n not in EXPECTED]
    assert [r["status"] for r in good] == ["ok", "ok"]
    assert all(len(r["cells"]) >= 180 and r["agency"] and r["year"] == 2023 for r in good)


def test_a_missing_table_is_a_finding_and_no_cells_are_invented(extracted) -> None:
    _, by_name = extracted
    r = by_name["no_table3.txt"]
    assert not any(k.startswith("t3.") for k in r["cells"])
    assert [f["table"] for f in r["findings"] if f["rule"] == "F1"] == ["t3"]
    assert any(k.startswith("t2.") for k in r["cells"]) and any(k.startswith("t4.") for k in r["cells"])


def test_stdout_is_only_json(batch: Path) -> None:
    proc = run_cli("extract", str(batch / "empty.txt"), "--json", cwd=batch.parent)
    assert proc.returncode == 1
    assert json.loads(proc.stdout)[0]["status"] == "failed"


def test_all_read_exits_zero_and_validate_fail_on(batch: Path) -> None:
    good = [str(p) for p in sorted(batch.glob("*")) if p.name not in EXPECTED]
    assert run_cli("extract", *good, "--json", cwd=batch.parent).returncode == 0
    proc = run_cli("validate", str(batch / "no_table3.txt"), cwd=batch.parent)
    assert proc.returncode == 0 and "表三" in proc.stdout
    assert run_cli("validate", str(batch / "no_table3.txt"), "--fail-on", "error", cwd=batch.parent).returncode == 3


def test_usage_errors_exit_two(tmp_path: Path) -> None:
    assert run_cli("extract", cwd=tmp_path).returncode == 2
    (tmp_path / "empty-folder").mkdir()
    proc = run_cli("extract", str(tmp_path / "empty-folder"), cwd=tmp_path)
    assert proc.returncode == 2 and "没有找到报告文件" in proc.stderr


def test_a_named_file_that_does_not_exist_is_a_failed_input(tmp_path: Path) -> None:
    proc = run_cli("extract", str(tmp_path / "nowhere.pdf"), "--json", cwd=tmp_path)
    (r,) = json.loads(proc.stdout)
    assert proc.returncode == 1 and (r["status"], r["error"]["code"]) == ("failed", "not_found")


def test_second_load_comes_from_the_cache(batch: Path) -> None:
    from disclosure_analysis.corpus import load_corpus

    cache = batch.parent / "corpus-cache"
    first = load_corpus(batch, cache_dir=cache)
    cached = sorted(p.name for p in cache.glob("*.json"))
    second = load_corpus(batch, cache_dir=cache)
    assert sorted(p.name for p in cache.glob("*.json")) == cached
    assert first.manifest.equals(second.manifest) and first.table3.equals(second.table3)
    assert set(first.manifest["status"]) == {"ok", "partial", "failed", "not_a_report"}
