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
from disclosure_analysis.ingest.limits import check_file, memory_cap
from disclosure_analysis.ingest.readers import content_sha256

if TYPE_CHECKING:
    from disclosure_analysis.ingest.extract import Extraction

#: suffixes of the files that are read, each judged by a reader from its bytes: the report formats, no
#: suffix at all, and formats a report may come in that the readers name (old Word, WPS, RTF, ODT:
#: `unsupported_type`; pictures: `needs_ocr`). Any other file is left out as `skipped_type` (e.g. the
#: truth.jsonl or links.tsv beside reports), with a manifest row all the same. Scripts and JSON files are
#: read for an article stored in them as an escaped web page (`ingest.readers.embedded`), else skipped.
READ_SUFFIXES = frozenset({
    "", ".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf", ".js", ".json",
    ".doc", ".wps", ".rtf", ".odt", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp",
})
#: a web page saved by a browser keeps its pictures in `<name>_files/` (Word: `<name>.files/`) beside it
_PAGE_FOLDERS = ("_files", ".files")
_PAGE_SUFFIXES = (".html", ".htm", ".shtml", ".xhtml")
#: files that mark a folder as written by this package: a store (`corpus.store.MARKER`) or a site
#: (`site.state.STATE_FILE`); such a folder inside an input folder is not read back as input
OUTPUT_MARKERS = ("_disclosure_store.json", ".state.json")


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every file named, and every file found in the folders named, recursively (symbolic links to folders
    followed once), sorted, each once. Nothing is left out by its name or type: every file gets a result
    and a manifest row (`refusal` and the readers say why one is not read); only a folder written by this
    package (a site or a store, see `OUTPUT_MARKERS`) inside a folder named is not walked into."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(_walk(p) if p.is_dir() else [p])
    seen: set[str] = set()
    return [f for f in out if not (os.path.realpath(f) in seen or seen.add(os.path.realpath(f)))]


def _walk(top: Path) -> Iterator[Path]:
    """The files under `top`, and each link to a folder already walked (a loop: `refusal` says so)."""
    visited: set[tuple[int, int]] = set()
    for folder, dirs, names in os.walk(top, followlinks=True):
        info = os.stat(folder)
        if (info.st_dev, info.st_ino) in visited:
            dirs.clear()
            yield Path(folder)
            continue
        if folder != str(top) and _is_output(Path(folder)):
            dirs.clear()  # a site or store written by this package
            continue
        visited.add((info.st_dev, info.st_ino))
        dirs.sort()
        yield from (Path(folder, name) for name in sorted(names))


def _is_output(folder: Path) -> bool:
    return any((folder / marker).is_file() for marker in OUTPUT_MARKERS)


def refusal(path: Path) -> ReportError | None:
    """Why `path` is not read at all (not even hashed), or None: a hidden file (its name starts with "."),
    a file in a saved web page's resource folder (read with the page: `saved_page`), a file whose suffix
    is not among `READ_SUFFIXES`, and what `ingest.limits.check_file` refuses by `stat` alone (a missing
    file, a looping link, a FIFO or device, a file over the size limit)."""
    if path.name.startswith("."):
        return ReportError("skipped_hidden", f"{path}: 隐藏文件（文件名以“.”开头，多为系统或编辑器生成），未读取")
    page = saved_page(path)
    if page is not None:
        return ReportError(
            "skipped_page_file", f"{path}: 网页 {page.name} 保存时附带的文件（图片等），随网页一起读取，不单独读取"
        )
    if path.suffix.lower() not in READ_SUFFIXES:
        return ReportError(
            "skipped_type",
            f"{path}: 文件类型 {path.suffix} 不是年度报告的格式（支持 PDF、Word .docx、网页、文本），未读取",
        )
    if path.is_symlink() and path.is_dir():  # only a loop of folder links is listed (`_walk`)
        return ReportError("symlink_loop", f"{path}: 文件夹链接指回已读取的上层文件夹（循环链接），不再重复读取")
    try:
        check_file(path)
    except ReportError as refused:  # not found, a loop, a FIFO or device, too large: `ingest.limits`
        return refused
    return None


def saved_page(path: Path) -> Path | None:
    """The saved web page whose resource folder (`<name>_files/` beside `<name>.html`) holds `path`, or
    None."""
    folder = path.parent
    stem = next((folder.name[: -len(t)] for t in _PAGE_FOLDERS if folder.name.endswith(t) and folder.name != t), None)
    pages = [] if stem is None else [folder.with_name(stem + suffix) for suffix in _PAGE_SUFFIXES]
    return next((page for page in pages if page.is_file()), None)


def default_cache_dir() -> Path:
    """Where extractions are cached: keyed by the package version, a digest of the extraction code and the
    OCR mode in force (`auto`, `force`, `off`, or `none` without the OCR extra), so a changed reader,
    format or rule, or a scan now read by OCR, never serves stale results."""
    from disclosure_analysis.ingest.readers import ocr  # the mode only: no reader is loaded

    base = os.environ.get("DISCLOSURE_ANALYSIS_CACHE") or Path.home() / ".cache" / "disclosure-analysis"
    mode = ocr.mode() if ocr.available() else "none"
    return Path(base) / f"extract-{__version__}-{extraction_code_digest()}-ocr-{mode}"


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
    hashed = [(f, None if refusal(f) else content_sha256(f)) for f in files]
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
    """`(index, extraction JSON)` of `(file, sha256)` pairs as they are ready: files not to extract (see
    `not_extracted`) and cache hits first, then fresh extractions (written to the cache) as the executor
    finishes them."""
    cache = cache_dir
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
    todo: list[int] = []
    first = originals(files)
    for i, (f, digest) in enumerate(files):
        unread = not_extracted(f, digest, first)
        hit = cache / f"{digest}.json" if cache is not None and digest and unread is None else None
        if unread is not None:
            yield i, unread
        elif hit is not None and hit.exists():
            yield i, _from_cache(hit, f)
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
        yield todo[j], _store(_renamed(res, str(path)), cache, digest)


def originals(files: Sequence[tuple[Path, str | None]]) -> dict[str, Path]:
    """For each sha256 among `(file, sha256)` pairs, the file that is read; the others with the same bytes
    are its copies. The original is the file with the shortest name (x.txt before "x (1).txt" and
    "x - 副本.txt"), the first of them in order on a tie."""
    best: dict[str, tuple[int, int, Path]] = {}
    for i, (path, digest) in enumerate(files):
        if digest is not None:
            best[digest] = min(best.get(digest, (len(path.name), i, path)), (len(path.name), i, path))
    return {digest: path for digest, (_, _, path) in best.items()}


def not_extracted(path: Path, digest: str | None, first: dict[str, Path]) -> dict | None:
    """The result of a file that is not extracted, else None: a file `refusal` turns away, or a copy of
    another file (the same sha256; `first` maps a sha256 to the file that is read, see `originals`), which
    is kept as a `duplicate` of it and analysed once."""
    refused = refusal(path)
    if refused is not None:
        return _unread(path, digest, refused)
    original = first.get(digest or "", path)
    if original == path:
        return None
    copy = ReportError("duplicate_of", f"{path}: 与 {original} 的内容完全相同（同一份文件的副本），只分析一次")
    return {**_unread(path, digest, copy), "duplicate_of": str(original)}


def _unread(path: Path, digest: str | None, error: ReportError) -> dict:
    from disclosure_analysis.ingest.extract import Extraction

    return Extraction(str(path), sha256=digest or "", status=error.status, error=error).to_json()


def _worker_failure(path: Path, digest: str | None, error: WorkerError) -> dict:
    message = f"{path}: 处理该文件的工作进程两次出错（{error.detail}）"
    return _unread(path, digest, ReportError("worker_error", message))


def _from_cache(hit: Path, path: Path) -> dict:
    """A cached result as if `path` had been extracted (the cache is keyed by content: the result may have
    been made from another file with the same bytes)."""
    return _renamed(json.loads(hit.read_text(encoding="utf-8")), str(path))


def _renamed(res: dict, source: str) -> dict:
    """`res` with `source` as its source, also in its error message (which names the file it was made
    from: the absolute path a worker was given, or another file with the same bytes)."""
    before = res["source"]
    res = {**res, "source": source}
    if res.get("error") and before != source:
        res["error"] = {**res["error"], "message": res["error"]["message"].replace(before, source)}
    return res


def _store(res: dict, cache: Path | None, digest: str | None) -> dict:
    if cache is not None and digest and res["status"] != "failed":
        tmp = cache / f".{digest}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache / f"{digest}.json")
    return res
