"""Report files → extraction JSON: finding the files, extracting each (in parallel on an executor) and
caching each result under the file's sha256 and a digest of the extraction code."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from disclosure_analysis import __version__
from disclosure_analysis.checks.report import check_extraction
from disclosure_analysis.errors import ReportError
from disclosure_analysis.executors import Executor, LocalExecutor, Progress, WorkerError
from disclosure_analysis.ingest.limits import file_sha256, memory_cap

if TYPE_CHECKING:
    from disclosure_analysis.ingest.extract import Extraction

REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"})


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus report-like files found recursively in folders (sorted, deduplicated). A FIFO,
    device or dangling link with a report's name is listed too: it gets a status and a reason."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*"))
                if not f.is_dir() and f.suffix.lower() in REPORT_SUFFIXES and not f.name.startswith(".")
            )
        else:
            out.append(p)
    seen: set[Path] = set()
    return [f for f in out if not (f.resolve() in seen or seen.add(f.resolve()))]


def default_cache_dir() -> Path:
    """Where extractions are cached: keyed by the package version and a digest of the extraction code,
    so a changed reader, format or rule never serves stale results."""
    base = os.environ.get("DISCLOSURE_ANALYSIS_CACHE") or Path.home() / ".cache" / "disclosure-analysis"
    return Path(base) / f"extract-{__version__}-{extraction_code_digest()}"


_EXTRACTION_CODE = ("ingest", "checks", "formats", "errors.py")


@cache
def extraction_code_digest() -> str:
    """sha256 (first 12 hex) of the source of everything that turns a file into an extraction."""
    root = Path(__file__).parents[1]
    digest = hashlib.sha256()
    for name in _EXTRACTION_CODE:
        target = root / name
        for f in sorted(target.rglob("*") if target.is_dir() else [target]):
            if f.suffix in (".py", ".yaml"):
                digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:12]


def extract_path(path: str | Path) -> Extraction:
    """One file's extraction with its findings: read, mapped and described (`ingest`), then checked
    (`checks`). Never raises for bad input: any problem ends up in `status` and `error`."""
    from disclosure_analysis.ingest.extract import read_report  # the readers: only where files are read

    extraction = read_report(path)
    extraction.findings = check_extraction(extraction)
    return extraction


def extract_json(path: str) -> dict:
    """`extract_path(path)` as the `extract --json` object (what a worker sends back), under the memory
    cap of one extraction (`ingest.limits.memory_cap`)."""
    with memory_cap():
        return extract_path(path).to_json()


def extract_many(
    files: list[Path],
    cache_dir: Path | None = None,
    executor: Executor | None = None,
    progress: Progress | None = None,
    *,
    jobs: int = 1,
) -> Iterator[dict]:
    """Extraction JSON of each file, in order; unchanged files come from the cache. Runs on `executor`
    (default: a `LocalExecutor(jobs)` for the duration of the call)."""
    hashed = [(f, file_sha256(f)) for f in files]
    with nullcontext(executor) if executor else LocalExecutor(jobs) as ex:
        ready: dict[int, dict] = {}
        upcoming = 0
        for i, res in extract_unordered(hashed, cache_dir, ex, progress):
            ready[i] = res
            while upcoming in ready:
                yield ready.pop(upcoming)
                upcoming += 1


def extract_unordered(
    files: Sequence[tuple[Path, str | None]],
    cache_dir: Path | None,
    executor: Executor,
    progress: Progress | None = None,
) -> Iterator[tuple[int, dict]]:
    """`(index, extraction JSON)` of `(file, sha256)` pairs as they are ready: cache hits first, then
    fresh extractions (written to the cache) as the executor finishes them."""
    cache = cache_dir
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    todo: list[int] = []
    for i, (f, digest) in enumerate(files):
        hit = cache / f"{digest}.json" if cache is not None and digest else None
        if hit is not None and hit.exists():
            cached = json.loads(hit.read_text(encoding="utf-8"))
            cached["source"] = str(f)
            yield i, cached
        else:
            todo.append(i)
    hits = len(files) - len(todo)
    if progress:
        progress(hits, len(files))
    tick = (lambda done, _total: progress(hits + done, len(files))) if progress else None
    # absolute: a worker elsewhere (Dask) has another working directory
    fresh = executor.map_unordered(extract_json, [str(Path(files[i][0]).absolute()) for i in todo], tick)
    for j, res in fresh:
        path, digest = files[todo[j]]
        if isinstance(res, WorkerError):
            res = _worker_failure(path, digest, res)
        yield todo[j], _store({**res, "source": str(path)}, cache, digest)


def _worker_failure(path: Path, digest: str | None, error: WorkerError) -> dict:
    from disclosure_analysis.ingest.extract import Extraction

    message = f"{path}: 处理该文件的工作进程两次出错（{error.detail}）"
    return Extraction(str(path), sha256=digest or "", error=ReportError("worker_error", message)).to_json()


def _store(res: dict, cache: Path | None, digest: str | None) -> dict:
    if cache is not None and digest and res["status"] != "failed":
        tmp = cache / f".{digest}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache / f"{digest}.json")
    return res
