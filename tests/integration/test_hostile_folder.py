"""The generated bad folder (`hostile_files`) through `extract`, `build`, `run` and `assess` (issue 12).

Each command runs as a subprocess of a small wrapper that caps its address space (RLIMIT_AS, inherited by
every process it starts), kills its whole process group at a timeout, and reports the peak resident set
size of the command and of every descendant it waited for (`ru_maxrss` of RUSAGE_CHILDREN). Done when:
no traceback, exit 1 (the folder holds unreadable files), every input exactly one row with its status and
a reason, the expected status of each, the good reports (and every cell that is not hostile) read exactly,
hostile count cells null + flagged with the printed text kept, and a peak RSS under 1 GiB.

The package is imported only by the subprocesses (from this checkout's src/), never here.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile_files import READ, Case, expected_files, make_bad_folder, remove_bad_folder

pytestmark = pytest.mark.slow

SRC = Path(__file__).resolve().parents[2] / "src"
CLI = [sys.executable, "-m", "disclosure_analysis.cli"]
PEAK_RSS_LIMIT = 1 << 30  # 1 GiB: the bound on any one process
ADDRESS_SPACE = 4 << 30  # RLIMIT_AS of every process: a safety net so that a bomb cannot take the machine
HOSTILE_MINIMUM = 60

_WRAPPER = r"""
import json, os, resource, signal, subprocess, sys
limit, report, timeout = int(sys.argv[1]), sys.argv[2], float(sys.argv[3])
resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
proc = subprocess.Popen(sys.argv[4:], start_new_session=True)
timed_out = False
try:
    code = proc.wait(timeout)
except subprocess.TimeoutExpired:
    timed_out = True
    os.killpg(proc.pid, signal.SIGKILL)
    code = proc.wait()
try:
    os.killpg(proc.pid, signal.SIGKILL)  # what the command left running (kernels, workers)
except ProcessLookupError:
    pass
peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
with open(report, "w") as fh:
    json.dump({"code": code, "peak_rss": peak, "timed_out": timed_out}, fh)
"""


@dataclass
class Ran:
    """A finished command: exit code, output, peak RSS (bytes) and whether it was killed at its timeout."""

    args: list[str]
    code: int
    stdout: str
    stderr: str
    peak_rss: int
    timed_out: bool

    def __str__(self) -> str:
        return f"{' '.join(self.args)} → exit {self.code}; stderr tail:\n{self.stderr[-3000:]}"


def child_env(cache: Path, **extra: str) -> dict[str, str]:
    """The environment of a command: this checkout's package, its own extraction cache."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])
    env["DISCLOSURE_ANALYSIS_CACHE"] = str(cache)
    env.update(extra)
    return env


def run_capped(command: list[str], cwd: Path, env: dict[str, str], timeout: float, stdin=None) -> Ran:
    """Run `command` under the address-space cap; its exit code, output and peak RSS."""
    report = cwd / f".ran-{time.monotonic_ns()}.json"
    wrapper = [sys.executable, "-c", _WRAPPER, str(ADDRESS_SPACE), str(report), str(timeout), *command]
    proc = subprocess.run(wrapper, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout + 60,
                          stdin=stdin if stdin is not None else subprocess.DEVNULL)  # fmt: skip
    assert report.exists(), f"the wrapper failed: {proc.stderr[-3000:]}"
    meta = json.loads(report.read_text())
    report.unlink()
    return Ran(command[3:] if command[:3] == CLI else command, meta["code"], proc.stdout, proc.stderr,
               meta["peak_rss"], meta["timed_out"])  # fmt: skip


def cli(*args: str) -> list[str]:
    return [*CLI, *args]


# --- the folder ----------------------------------------------------------------------------------------


@dataclass
class Bad:
    root: Path  # holds the folder and everything the commands write
    folder: Path
    cases: list[Case]
    seconds: float  # CPU time of making the folder (this process and the synth subprocesses)

    @property
    def made(self) -> list[Case]:
        return expected_files(self.cases)

    def case(self, name: str) -> Case:
        return next(c for c in self.cases if c.name == name)

    def rel(self, source: str) -> str:
        """A row's source as the case name (path relative to the folder, the symlinks in it not resolved)."""
        path = os.path.join(self.root, source)
        for base in (str(self.folder), str(self.folder.resolve())):
            if path.startswith(base + os.sep):
                return os.path.relpath(path, base)
        return os.path.relpath(path, self.folder)


@pytest.fixture(scope="module")
def bad(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("hostile")
    folder = root / "bad"
    started = _cpu_seconds()
    cases = make_bad_folder(folder, child_env(root / "synth-cache"))
    yield Bad(root, folder, cases, _cpu_seconds() - started)
    remove_bad_folder(folder)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (wall time depends on what else the machine runs)."""
    import resource

    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def test_the_folder_is_hostile_small_and_quick_to_make(bad: Bad) -> None:
    hostile = [c for c in bad.made if c.defect]
    assert len(hostile) >= HOSTILE_MINIMUM
    assert {c.defect for c in hostile} >= {1, 2, 3, 4, 5, 6, 8, 9, 11}  # 7 and 10 are tested below
    assert bad.seconds < 10, f"making the folder took {bad.seconds:.1f} s of CPU"
    on_disk = sum(p.lstat().st_blocks * 512 for p in bad.folder.rglob("*"))
    assert on_disk < 8 << 20, f"{on_disk} bytes on disk"
    names = sorted(c.name for c in bad.made)
    assert len(names) == len(set(names))
    for case in bad.made:
        assert os.path.lexists(bad.folder / case.name), case.name


# --- checks shared by the commands ---------------------------------------------------------------------------


def codes(status: str | None, error_code: str | None) -> set[str]:
    return {c for c in (status, error_code) if c}


def check_clean_exit(ran: Ran, expected_code: int = 1) -> None:
    assert not ran.timed_out, f"killed at the timeout: {ran}"
    assert "Traceback" not in ran.stderr, str(ran)
    assert ran.code == expected_code, str(ran)


def check_peak_rss(ran: Ran) -> None:
    assert ran.peak_rss < PEAK_RSS_LIMIT, f"peak RSS {ran.peak_rss / 2**20:.0f} MiB: {ran}"


def check_rows(bad: Bad, rows: list[dict], *, reason_for_ok: bool) -> list[str]:
    """Problems with manifest-like rows (source, status, error_code, reason, duplicate info): one row per input,
    the expected outcome, a reason naming the file, byte-identical copies read once."""
    problems = []
    by_name: dict[str, list[dict]] = {}
    for row in rows:
        by_name.setdefault(bad.rel(row["source"]), []).append(row)
    expected = {c.name for c in bad.made}
    problems += [f"a row for {n!r}, which is no input of the folder" for n in sorted(set(by_name) - expected)]
    for case in bad.made:
        got = by_name.get(case.name, [])
        if len(got) != 1:
            problems.append(f"{case.name!r} ({case.what}): {len(got)} rows")
            continue
        row = got[0]
        found = codes(row["status"], row.get("error_code"))
        if not found & set(case.expect):
            problems.append(f"{case.name!r} ({case.what}): {sorted(found)}, expected one of {list(case.expect)} "
                            f"— {row.get('reason')!r}")  # fmt: skip
        reason = row.get("reason") or ""
        if not row["status"]:
            problems.append(f"{case.name!r}: no status")
        if (reason_for_ok or row["status"] != "ok") and not reason.strip():
            problems.append(f"{case.name!r} ({row['status']}): no reason")
        if row["status"] not in READ and reason and Path(case.name).name not in reason:
            problems.append(f"{case.name!r}: the reason does not name the file: {reason!r}")
    groups: dict[str, list[Case]] = {}
    for case in bad.made:
        if case.duplicate_group:
            groups.setdefault(case.duplicate_group, []).append(case)
    for members in groups.values():
        rows_of = {c.name: by_name.get(c.name, [{}])[0] for c in members}
        read = [n for n, r in rows_of.items() if r.get("status") in READ]
        if len(read) != 1:
            problems.append(f"byte-identical copies {sorted(rows_of)}: {len(read)} read, expected exactly one")
            continue
        for name, row in rows_of.items():
            if name == read[0]:
                continue
            if "duplicate_of" not in codes(row.get("status"), row.get("error_code")):
                problems.append(f"{name!r}: a copy of {read[0]!r} not marked duplicate_of ({row.get('status')})")
            said = f"{row.get('reason') or ''} {row.get('duplicate_of') or ''}"
            if Path(read[0]).name not in said:
                problems.append(f"{name!r}: the row does not name the file it copies ({read[0]!r}): {said!r}")
    return problems


def check_cells(case: Case, cells: dict, flags: dict, printed: dict[str, str]) -> list[str]:
    """Problems with the cells of a read report: every truth cell exact, hostile cells null + flagged with their
    printed text kept, no other cell flagged."""
    if case.cells is None:
        return []
    problems = []
    for key, want in case.cells.items():
        got = cells.get(key, "absent")
        if got != want or type(got) is bool:
            problems.append(f"{case.name!r}: {key} = {got!r}, expected {want!r}")
    for key, text in case.flagged.items():
        if not flags.get(key):
            problems.append(f"{case.name!r}: {key} (printed {text!r}) is not flagged")
        kept = printed.get(key)
        if kept is None or text not in kept:
            problems.append(f"{case.name!r}: {key}: the printed text {text!r} is not kept ({printed.get(key)!r})")
    unexpected = sorted(k for k, f in flags.items() if f and k not in case.flagged)
    if unexpected:
        problems.append(f"{case.name!r}: cells flagged that were printed plainly: {unexpected}")
    return problems


# --- extract ---------------------------------------------------------------------------------------------------


def _extract_rows(results: list[dict]) -> list[dict]:
    """`extract --json` objects as manifest-like rows; the reason of a partial read is its notes, or else its
    flagged cells."""
    return [
        {"source": r["source"], "status": r["status"], "error_code": (r.get("error") or {}).get("code"),
         "reason": (r.get("error") or {}).get("message") or "；".join(r.get("notes") or [])
         or "；".join(f"{k}: {v}" for k, v in (r.get("cell_flags") or {}).items()),
         "duplicate_of": r.get("duplicate_of")}
        for r in results
    ]  # fmt: skip


def _printed(result: dict, key: str) -> str:
    """Everything the extraction says about one cell besides its value (where the printed text is kept)."""
    return " ".join(str(v[key]) for k, v in result.items() if k.startswith("cell_") and isinstance(v, dict) and key in v)


@pytest.fixture(scope="module")
def extracted(bad: Bad) -> tuple[Ran, list[dict]]:
    ran = run_capped(cli("extract", "--json", "--jobs", "1", str(bad.folder)), bad.root,
                     child_env(bad.root / "cache-extract"), timeout=900)  # fmt: skip
    try:
        results = json.loads(ran.stdout)
    except ValueError:
        results = None
    return ran, results


def test_extract_exits_1_without_a_traceback_within_1_gib(extracted) -> None:
    ran, results = extracted
    check_clean_exit(ran)
    assert isinstance(results, list), f"stdout is not a JSON array: {ran.stdout[:500]!r}"
    check_peak_rss(ran)


def test_extract_gives_every_input_one_row_with_the_expected_status(bad: Bad, extracted) -> None:
    _, results = extracted
    assert results is not None
    assert check_rows(bad, _extract_rows(results), reason_for_ok=False) == []


def test_extract_reads_good_reports_and_untouched_cells_exactly(bad: Bad, extracted) -> None:
    _, results = extracted
    assert results is not None
    by_name = {bad.rel(r["source"]): r for r in results}
    problems = []
    for case in bad.made:
        r = by_name.get(case.name)
        if r is None or r["status"] not in READ:
            continue
        printed = {k: _printed(r, k) for k in case.flagged}
        problems += check_cells(case, r["cells"], r.get("cell_flags") or {}, printed)
        if case.agency is not None and r["agency"] != case.agency:
            problems.append(f"{case.name!r}: agency {r['agency']!r}, expected {case.agency!r}")
        if case.year_warning:
            said = json.dumps([r.get("notes"), r.get("findings")], ensure_ascii=False)
            if r["year"] is not None and "2099" not in said:
                problems.append(f"{case.name!r}: year {r['year']} taken without a word")
        elif case.year is not None and r["year"] != case.year:
            problems.append(f"{case.name!r}: year {r['year']!r}, expected {case.year!r}")
        if case.template and r["template"] != case.template:
            problems.append(f"{case.name!r}: template {r['template']!r}, expected {case.template!r}")
    assert problems == []


def test_extract_named_special_files_get_a_row_each_without_hanging(bad: Bad) -> None:
    """Special files named on the command line: a FIFO must not be opened, /dev/zero not read, a loop not
    followed; each gets its row, the others in the same call are still read."""
    names = ["special/fifo.txt", "special/zero.txt", "vanish/loop_a.txt", "vanish/self.html",
             "vanish/dangling.docx", "special/huge.txt", next(c.name for c in bad.made
             if c.name.startswith("good/") and c.name.endswith(".docx"))]  # fmt: skip
    ran = run_capped(cli("extract", "--json", "--jobs", "1", *(str(bad.folder / n) for n in names)), bad.root,
                     child_env(bad.root / "cache-named"), timeout=120)  # fmt: skip
    check_clean_exit(ran)
    check_peak_rss(ran)
    rows = _extract_rows(json.loads(ran.stdout))
    sub = Bad(bad.root, bad.folder, [bad.case(n) for n in names], 0)
    assert check_rows(sub, rows, reason_for_ok=False) == []


# --- build -------------------------------------------------------------------------------------------------------


def _parquet(store: Path, table: str) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(str(store / table), format="parquet").to_table().to_pylist()


@pytest.fixture(scope="module")
def built(bad: Bad) -> tuple[Ran, Path]:
    store = bad.root / "store"
    ran = run_capped(cli("build", str(bad.folder), "--out", str(store), "--jobs", "2"), bad.root,
                     child_env(bad.root / "cache-build"), timeout=900)  # fmt: skip
    return ran, store


def test_build_exits_1_without_a_traceback_within_1_gib(built) -> None:
    ran, _ = built
    check_clean_exit(ran)
    check_peak_rss(ran)


def test_build_manifest_has_every_input_once_with_status_and_reason(bad: Bad, built) -> None:
    _, store = built
    assert check_rows(bad, _parquet(store, "manifest"), reason_for_ok=True) == []


def _store_cells(store: Path) -> tuple[dict[str, dict], dict[str, dict]]:
    """report_id → {flat key: value}, report_id → {flat key: flag} from the stored tables."""
    cells: dict[str, dict] = {}
    flags: dict[str, dict] = {}
    for r in _parquet(store, "table2"):
        key = f"t2.{r['code']}"
        cells.setdefault(r["report_id"], {})[key] = r["value"]
        flags.setdefault(r["report_id"], {})[key] = r["flag"]
    for r in _parquet(store, "table3"):
        key = f"t3.{r['row']}.{r['column']}"
        cells.setdefault(r["report_id"], {})[key] = r["value"]
        flags.setdefault(r["report_id"], {})[key] = r["flag"]
    for r in _parquet(store, "table4"):
        key = f"t4.{r['group']}_{r['outcome']}"
        cells.setdefault(r["report_id"], {})[key] = r["value"]
        flags.setdefault(r["report_id"], {})[key] = r["flag"]
    return cells, flags


def _report_id(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def test_build_stores_each_report_once_and_its_cells_exactly(bad: Bad, built) -> None:
    _, store = built
    for table, key in (("table3", ("report_id", "row", "column")), ("table4", ("report_id", "group", "outcome")),
                       ("table2", ("report_id", "code")), ("reports", ("report_id",))):  # fmt: skip
        rows = [tuple(r[k] for k in key) for r in _parquet(store, table)]
        assert len(rows) == len(set(rows)), f"{table}: repeated rows"
    cells, flags = _store_cells(store)
    manifest = {bad.rel(r["source"]): r for r in _parquet(store, "manifest")}
    problems = []
    for case in bad.made:
        row = manifest.get(case.name)
        if case.cells is None or row is None or row["status"] not in READ:
            continue
        rid = _report_id(bad.folder / case.name)
        problems += check_cells(case, cells.get(rid, {}), flags.get(rid, {}), dict.fromkeys(case.flagged, _ANY_TEXT))
    assert problems == []


class _AnyText(str):
    """The store has no column for a cell's printed text (`extract --json` is where it is checked)."""

    def __contains__(self, item: object) -> bool:
        return True


_ANY_TEXT = _AnyText()


def test_build_again_resumes_to_the_same_manifest(bad: Bad, built) -> None:
    _, store = built
    before = sorted((r["source"], r["status"]) for r in _parquet(store, "manifest"))
    again = run_capped(cli("build", str(bad.folder), "--out", str(store), "--jobs", "2"), bad.root,
                       child_env(bad.root / "cache-build"), timeout=600)  # fmt: skip
    check_clean_exit(again)
    assert sorted((r["source"], r["status"]) for r in _parquet(store, "manifest")) == before


# --- run ------------------------------------------------------------------------------------------------------------


def _sheet(workbook: Path, word: str) -> list[dict]:
    from openpyxl import load_workbook

    book = load_workbook(workbook, read_only=True)
    name = next(n for n in book.sheetnames if word in n)
    rows = list(book[name].iter_rows(values_only=True))
    return [dict(zip(rows[0], r, strict=False)) for r in rows[1:]]


@pytest.fixture(scope="module")
def site(bad: Bad) -> tuple[Ran, Path]:
    out = bad.root / "site"
    ran = run_capped(cli("run", "--input", str(bad.folder), "--output", str(out), "--jobs", "2"), bad.root,
                     child_env(bad.root / "cache-run"), timeout=1800)  # fmt: skip
    return ran, out


def test_run_exits_1_without_a_traceback_within_1_gib(site) -> None:
    ran, out = site
    check_clean_exit(ran)
    check_peak_rss(ran)
    assert (out / "index.html").is_file()


def test_run_makes_every_page(site) -> None:
    ran, out = site
    state = json.loads((out / ".state.json").read_text(encoding="utf-8"))
    failed = {path: page for path, page in state.get("pages", {}).items() if page.get("status") == "failed"}
    assert failed == {}, ran.stderr[-3000:]


def test_run_workbook_lists_every_input_once(bad: Bad, site) -> None:
    _, out = site
    assert check_rows(bad, _sheet(out / "data" / "tables.xlsx", "manifest"), reason_for_ok=True) == []


def test_run_workbook_holds_no_formula(site) -> None:
    """Printed text such as '=1+1' or '@SUM(A1)' is data: never a formula in the workbook."""
    from openpyxl import load_workbook

    _, out = site
    book = load_workbook(out / "data" / "tables.xlsx")
    formulas = [(ws.title, c.coordinate, c.value) for ws in book for row in ws.iter_rows() for c in row
                if c.data_type == "f"]  # fmt: skip
    assert formulas == []


def test_run_shows_dollar_agency_names_as_printed(bad: Bad, site) -> None:
    _, out = site
    pages = "\n".join(p.read_text(encoding="utf-8") for p in (out / "agencies").glob("*.html"))
    for case in bad.made:
        if case.defect == 9:
            assert case.agency in pages, case.agency


def test_run_twice_makes_byte_identical_sites(bad: Bad, site) -> None:
    """The same inputs into the same output path, from scratch: the same bytes in every file."""
    _, out = site
    first = bad.root / "site-first"
    shutil.copytree(out, first, symlinks=True)
    shutil.rmtree(out)
    ran = run_capped(cli("run", "--input", str(bad.folder), "--output", str(out), "--jobs", "2"), bad.root,
                     child_env(bad.root / "cache-run"), timeout=1800)  # fmt: skip
    check_clean_exit(ran)

    def files(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}

    before, after = files(first), files(out)
    assert sorted(before) == sorted(after)
    assert [name for name in before if before[name] != after[name]] == []


# --- assess -------------------------------------------------------------------------------------------------------


def test_assess_runs_without_a_traceback_within_1_gib(bad: Bad) -> None:
    out = bad.root / "assess"
    ran = run_capped(cli("assess", "--input", str(bad.folder), "--output", str(out)), bad.root,
                     child_env(bad.root / "cache-assess"), timeout=1800)  # fmt: skip
    check_clean_exit(ran)
    check_peak_rss(ran)
    assert (out / "assessment" / "assessment.xlsx").is_file()
    assert (out / "assessment" / "assessment.html").is_file(), ran.stderr[-3000:]


# --- defect 10: missing inputs, output inside the input, cached reasons, internal errors -----------------------------


def _good(bad: Bad, suffix: str) -> Path:
    return bad.folder / next(c.name for c in bad.made if c.name.startswith("good/") and c.name.endswith(suffix)
                             and not c.name.endswith(" (1)" + suffix))  # fmt: skip


@pytest.mark.parametrize("what", ["missing", "empty"])
def test_run_on_a_missing_or_empty_folder_is_a_usage_error(bad: Bad, what: str) -> None:
    corpus = bad.root / f"{what}-corpus"
    if what == "empty":
        corpus.mkdir(exist_ok=True)
    out = bad.root / f"{what}-site"
    ran = run_capped(cli("run", "--input", str(corpus), "--output", str(out)), bad.root,
                     child_env(bad.root / "cache-usage"), timeout=300)  # fmt: skip
    check_clean_exit(ran, expected_code=2)
    assert ran.stderr.strip()
    assert not (out / "index.html").exists()


def test_run_does_not_read_its_own_output_back(bad: Bad) -> None:
    corpus = bad.root / "nested-corpus"
    corpus.mkdir()
    for suffix in (".txt", ".html"):
        shutil.copyfile(_good(bad, suffix), corpus / _good(bad, suffix).name)
    env = child_env(bad.root / "cache-nested")
    for _ in range(2):
        ran = run_capped(cli("run", "--input", str(corpus), "--output", str(corpus / "site")), bad.root, env,
                         timeout=900)  # fmt: skip
        check_clean_exit(ran, expected_code=0)
    sources = [r["source"] for r in _sheet(corpus / "site" / "data" / "tables.xlsx", "manifest")]
    assert sorted(Path(s).name for s in sources) == sorted(p.name for p in corpus.glob("*.*") if p.is_file())


def test_a_cached_reason_names_the_file_it_is_about(bad: Bad) -> None:
    """Two byte-identical files read one after the other (the second from the extraction cache): each reason
    names its own file, never the other."""
    files = [bad.root / "cached-a" / "first.txt", bad.root / "cached-b" / "second.txt"]
    for path in files:
        path.parent.mkdir()
        shutil.copyfile(bad.folder / "junk/recipe.txt", path)
    env = child_env(bad.root / "cache-reasons")
    for path, other in zip(files, reversed(files), strict=True):
        ran = run_capped(cli("extract", "--json", str(path.parent)), bad.root, env, timeout=120)
        check_clean_exit(ran)
        (result,) = json.loads(ran.stdout)
        message = (result.get("error") or {}).get("message") or ""
        assert path.name in message and other.name not in message, message


_BOOM = r"""
import runpy, sys
class Boom:
    encoding = "utf-8"
    def write(self, text):
        raise RuntimeError("boom: a bug")
    def flush(self):
        pass
sys.stdout = Boom()
sys.argv = ["disclosure-analysis", *sys.argv[1:]]
runpy.run_module("disclosure_analysis.cli", run_name="__main__")
"""


def test_an_internal_error_exits_4_with_a_traceback_only_when_debugging(bad: Bad) -> None:
    env = child_env(bad.root / "cache-boom")
    good = str(_good(bad, ".txt"))
    ran = run_capped([sys.executable, "-c", _BOOM, "extract", "--json", good], bad.root, env, timeout=120)
    check_clean_exit(ran, expected_code=4)
    assert ran.stderr.strip(), "no message"
    debug = run_capped([sys.executable, "-c", _BOOM, "--debug", "extract", "--json", good], bad.root, env,
                       timeout=120)  # fmt: skip
    if debug.code == 2:  # --debug is an option of the command rather than of the program
        debug = run_capped([sys.executable, "-c", _BOOM, "extract", "--json", "--debug", good], bad.root, env,
                           timeout=120)  # fmt: skip
    assert debug.code == 4 and "Traceback" in debug.stderr, str(debug)


# --- defect 7: a run killed between .state.json and the workbook ------------------------------------------------------

_KILL_AFTER_STATE = r"""
import os, runpy, sys
state_written = False
def hook(event, args):
    global state_written
    if event == "os.rename" and str(args[1]).endswith(".state.json"):
        state_written = True
    elif event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
        path, mode = os.fsdecode(args[0]), str(args[1] or "")
        if path.endswith(".state.json") and any(m in mode for m in "wax+"):
            state_written = True
        elif state_written and "tables.xlsx" in path and any(m in mode for m in "wax+"):
            os._exit(137)  # killed: the state is written, the workbook is not
sys.addaudithook(hook)
sys.argv = ["disclosure-analysis", *sys.argv[1:]]
runpy.run_module("disclosure_analysis.cli", run_name="__main__")
"""


def test_a_run_killed_before_its_workbook_does_not_leave_it_stale(bad: Bad) -> None:
    corpus = bad.root / "stale-corpus"
    corpus.mkdir()
    report = corpus / "report.txt"
    shutil.copyfile(_good(bad, ".txt"), report)
    out = bad.root / "stale-site"
    env = child_env(bad.root / "cache-stale")
    args = ["run", "--input", str(corpus), "--output", str(out), "--jobs", "1"]
    check_clean_exit(run_capped(cli(*args), bad.root, env, timeout=900), expected_code=0)
    report.write_bytes(report.read_bytes() + "\n补记：本报告数据已复核。\n".encode())  # new content, new workbook
    run_capped([sys.executable, "-c", _KILL_AFTER_STATE, *args], bad.root, env, timeout=900)
    check_clean_exit(run_capped(cli(*args), bad.root, env, timeout=900), expected_code=0)
    hashes = {r["sha256"] for r in _sheet(out / "data" / "tables.xlsx", "manifest")}
    assert hashlib.sha256(report.read_bytes()).hexdigest() in hashes


# --- defect 11: a run killed with SIGKILL leaves nothing behind once rerun ------------------------------------------------


def test_a_killed_run_leaves_no_temporary_files_after_the_next_run(bad: Bad) -> None:
    corpus = bad.root / "killed-corpus"
    corpus.mkdir()
    for suffix in (".txt", ".html", ".docx"):
        shutil.copyfile(_good(bad, suffix), corpus / _good(bad, suffix).name)
    tmp, runtime = bad.root / "killed-tmp", bad.root / "killed-runtime"
    tmp.mkdir()
    runtime.mkdir()
    env = child_env(bad.root / "cache-killed", TMPDIR=str(tmp), JUPYTER_RUNTIME_DIR=str(runtime))
    out = bad.root / "killed-site"
    proc = subprocess.Popen(cli("run", "--input", str(corpus), "--output", str(out), "--jobs", "1"), cwd=bad.root, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline and not any(tmp.glob("page-*")) and proc.poll() is None:
            time.sleep(0.05)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    check_clean_exit(run_capped(cli("run", "--input", str(corpus), "--output", str(out), "--jobs", "1"),
                                bad.root, env, timeout=900), expected_code=0)  # fmt: skip
    assert sorted(p.name for p in tmp.glob("page-*")) == []
    assert sorted(p.name for p in runtime.glob("kernel-*.json")) == []



# --- defect 11: a file that cannot be read for want of permission ---------------------------------------------------------


def test_an_unreadable_file_is_permission_denied_not_not_found(bad: Bad) -> None:
    """As root, chmod 000 does not deny reading: the command then runs without the capabilities that let root
    read any file (setpriv), or the test is skipped."""
    where = bad.root / "denied"
    where.mkdir()
    target = where / "denied.txt"
    shutil.copyfile(_good(bad, ".txt"), target)
    target.chmod(0)
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: chmod 000 does not deny reading")
        drop = "-dac_override,-dac_read_search"
        prefix = [setpriv, f"--inh-caps={drop}", f"--bounding-set={drop}"]
    try:
        ran = run_capped([*prefix, *cli("extract", "--json", str(target))], bad.root,
                         child_env(bad.root / "cache-denied"), timeout=120)  # fmt: skip
    finally:
        target.chmod(0o644)
    check_clean_exit(ran)
    (result,) = json.loads(ran.stdout)
    error = result.get("error") or {}
    assert result["status"] not in READ
    assert error.get("code") == "permission_denied", error
    assert "denied.txt" in (error.get("message") or "") and "权限" in error["message"], error
