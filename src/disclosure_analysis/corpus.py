"""The corpus API: many report files → tidy pandas tables, cached by content hash.

`load_corpus(paths)` extracts every file (in parallel when asked), validates each report and the
cross-year chain, and returns a `Corpus` of DataFrames whose columns are defined in `schema`.
A file's extraction is cached under its sha256 (and the parser version), so loading an unchanged
corpus again only hashes the files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from disclosure_analysis import __version__
from disclosure_analysis.errors import ReportError
from disclosure_analysis.executors import Executor, LocalExecutor, Progress, WorkerError
from disclosure_analysis.metadata import place_prefix
from disclosure_analysis.schema import frame
from disclosure_analysis.validate import check_carry_over

REPORT_SUFFIXES = frozenset({".txt", ".text", ".md", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".pdf"})
_READ_STATUSES = frozenset({"ok", "partial"})


@dataclass
class Corpus:
    """Tidy tables of a set of reports (see `schema.TABLES` for every column)."""

    reports: pd.DataFrame
    table2: pd.DataFrame
    table3: pd.DataFrame
    table4: pd.DataFrame
    sections: pd.DataFrame
    narrative: pd.DataFrame
    findings: pd.DataFrame
    manifest: pd.DataFrame

    TABLES = ("reports", "table2", "table3", "table4", "sections", "narrative", "findings", "manifest")

    def __post_init__(self) -> None:
        self.derived: dict[str, Any] = {}  # frames computed from these tables, kept with them (`derived.py`)

    def agency(self, agency_id: str) -> Corpus:
        """The sub-corpus of one agency (all its reports and their rows)."""
        ids = set(self.reports.loc[self.reports["agency_id"] == agency_id, "report_id"])
        return self.select(ids)

    def select(self, report_ids: Iterable[str]) -> Corpus:
        """The sub-corpus of the given reports: each of its tables is taken from this corpus's when first
        read (a page reads two or three of the eight)."""
        return Selection(self, set(report_ids))

    def selected(self, name: str, report_ids: set[str]) -> pd.DataFrame:
        """The rows of table `name` for the given reports (see `rows`)."""
        return self.rows(name, getattr(self, name), report_ids)

    def rows(self, key: str, df: pd.DataFrame, report_ids: set[str]) -> pd.DataFrame:
        """The rows of `df` (a table of this corpus or a frame derived from it, named `key`) for the given
        reports, in `df`'s order, with a fresh index. Each report's row positions are found once per frame
        (a table replaced by another frame gets its positions found again)."""
        cached = self.derived.get(f"{key}:positions")
        if cached is None or cached[0] is not df:
            cached = self.derived[f"{key}:positions"] = (df, df.groupby("report_id", sort=False).indices)
        where = cached[1]
        found = [where[r] for r in report_ids if r in where]
        positions = np.sort(np.concatenate(found)) if found else np.empty(0, dtype=np.intp)
        return df.take(positions).reset_index(drop=True)

    def cells(self, report_id: str) -> dict[str, float | int | None]:
        """Flat cells of one report, keyed like `extract --json`."""
        out: dict[str, float | int | None] = {}
        for r in self.table2[self.table2["report_id"] == report_id].itertuples():
            out[f"t2.{r.code}"] = None if pd.isna(r.value) else r.value
        for r in self.table3[self.table3["report_id"] == report_id].itertuples():
            out[f"t3.{r.row}.{r.column}"] = None if pd.isna(r.value) else int(r.value)
        for r in self.table4[self.table4["report_id"] == report_id].itertuples():
            out[f"t4.{r.group}_{r.outcome}"] = None if pd.isna(r.value) else int(r.value)
        return out


class LazyCorpus(Corpus):
    """A corpus whose tables are each made (`load`) when first read, and kept."""

    def load(self, name: str) -> pd.DataFrame:
        raise NotImplementedError

    def __getattr__(self, name: str) -> pd.DataFrame:  # only for what is not set: a table not read yet
        if name not in Corpus.TABLES:
            raise AttributeError(name)
        df = self.load(name)
        setattr(self, name, df)
        return df


class Selection(LazyCorpus):
    """Some reports of a corpus (`Corpus.select`): each table is taken from `source`'s when first read."""

    def __init__(self, source: Corpus, report_ids: set[str]) -> None:
        self.source, self.report_ids = source, report_ids
        self.derived: dict[str, Any] = {}  # as `Corpus.derived`

    def load(self, name: str) -> pd.DataFrame:
        return self.source.selected(name, self.report_ids)

    def __repr__(self) -> str:
        return f"Selection({len(self.report_ids)} reports)"


def agency_id(name: str | None, fallback: str) -> str:
    """ASCII, filesystem-safe id from an agency name (pinyin), e.g. 昌乐县科学技术局 → changlexian-kexuejishuju."""
    if not name:
        return f"unknown-{fallback[:8]}"
    from pypinyin import lazy_pinyin  # loads its phrase dictionaries (~0.4 s): only when ids are made

    syllables = lazy_pinyin(name, errors=lambda s: [c for c in s if c.isascii() and c.isalnum()])
    slug = re.sub(r"[^a-z0-9]+", "", "".join(syllables).lower())
    return (slug[:60] or "agency") + "-" + hashlib.sha1(name.encode()).hexdigest()[:4]


def report_files(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, plus report-like files found recursively in folders (sorted, deduplicated)."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(
                f for f in sorted(p.rglob("*"))
                if f.is_file() and f.suffix.lower() in REPORT_SUFFIXES and not f.name.startswith(".")
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


_EXTRACTION_CODE = ("readers", "formats", "document.py", "errors.py", "extract.py", "labels.py", "mapping.py",
                    "metadata.py", "narrative.py", "stream.py", "validate.py", "values.py")


@cache
def extraction_code_digest() -> str:
    """sha256 (first 12 hex) of the source of everything that turns a file into an extraction."""
    root = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _EXTRACTION_CODE:
        target = root / name
        for f in sorted(target.rglob("*") if target.is_dir() else [target]):
            if f.suffix in (".py", ".yaml"):
                digest.update(f.relative_to(root).as_posix().encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()[:12]


def _extract_json(path: str) -> dict:
    from disclosure_analysis.extract import (
        extract_path,  # the readers (PDF, docx, HTML): only where files are read
    )

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
    fresh = executor.map_unordered(_extract_json, [str(Path(files[i][0]).absolute()) for i in todo], tick)
    for j, res in fresh:
        path, digest = files[todo[j]]
        if isinstance(res, WorkerError):
            res = _worker_failure(path, digest, res)
        yield todo[j], _store({**res, "source": str(path)}, cache, digest)


def _worker_failure(path: Path, digest: str | None, error: WorkerError) -> dict:
    from disclosure_analysis.extract import Extraction

    message = f"{path}: 处理该文件的工作进程两次出错（{error.detail}）"
    return Extraction(str(path), sha256=digest or "", error=ReportError("worker_error", message)).to_json()


def file_sha256(path: Path) -> str | None:
    """Content hash of a file, None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _store(res: dict, cache: Path | None, digest: str | None) -> dict:
    if cache is not None and digest and res["status"] != "failed":
        tmp = cache / f".{digest}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(res, ensure_ascii=False), encoding="utf-8")
        tmp.replace(cache / f"{digest}.json")
    return res


def load_corpus(
    paths: str | Path | Iterable[str | Path],
    cache_dir: str | Path | bool | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> Corpus:
    """Read every report under `paths` into a Corpus. `cache_dir=False` disables the cache.

    A folder written by `build` (see `store`) is read from its Parquet tables instead, lazily."""
    from disclosure_analysis.store import is_store, load_store

    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    if len(paths) == 1 and is_store(paths[0]):
        return load_store(paths[0])
    files = report_files(paths)
    cache = None if cache_dir is False else Path(cache_dir) if cache_dir else default_cache_dir()
    return build_corpus(list(extract_many(files, cache, executor, progress, jobs=jobs)))


def build_corpus(results: list[dict]) -> Corpus:
    """Tidy tables from extraction JSON objects (one per input file)."""
    ids = _agency_ids(results)
    rec = report_records(results, ids)
    candidates = (
        (ids[r["source"]], r["year"], r["sha256"][:16], r["cells"]) for r in results if carries_over(r)
    )
    rec["findings"].extend(carry_over_findings(candidates))
    return Corpus(**{name: frame(name, rows) for name, rows in rec.items()})


def report_records(results: Iterable[dict], ids: dict[str, str]) -> dict[str, list[dict]]:
    """Rows of every table (as dicts) for extraction results; `ids` gives each source's agency id.
    Cross-report findings are not included (see `carry_over_findings`)."""
    rec: dict[str, list[dict]] = {name: [] for name in Corpus.TABLES}
    for res in results:
        rid = (res.get("sha256") or "")[:16] or None
        rec["manifest"].append({
            "source": res["source"], "sha256": res.get("sha256"), "kind": res.get("kind"),
            "status": res["status"], "error_code": (res.get("error") or {}).get("code"),
            "reason": (res.get("error") or {}).get("message") or _reason(res),
            "report_id": rid if res["status"] in _READ_STATUSES else None,
        })
        if res["status"] not in _READ_STATUSES:
            continue
        aid = ids[res["source"]]
        key = {"report_id": rid, "agency_id": aid, "year": res.get("year")}
        versions = res.get("table_versions") or {}
        rec["reports"].append({
            **key, "source": res["source"], "kind": res.get("kind"), "agency": res.get("agency"),
            "template": res.get("template"), "t2_version": versions.get("t2"), "t3_version": versions.get("t3"),
            "published": res.get("published"), "level": res.get("level"),
            "is_government": res.get("is_government"), "region": res.get("region"), "status": res["status"],
        })
        flags, remarks, units = res.get("cell_flags", {}), res.get("cell_remarks", {}), res.get("cell_units", {})
        for k, v in res.get("cells", {}).items():
            table, _, rest = k.partition(".")
            if table == "t2":
                rec["table2"].append({**key, "code": rest, "value": v, "unit": units.get(k),
                                      "remark": remarks.get(k), "flag": flags.get(k)})
            elif table == "t3":
                row, _, col = rest.partition(".")
                rec["table3"].append({**key, "row": row, "column": col, "value": v, "flag": flags.get(k)})
            elif table == "t4":
                group, _, outcome = rest.rpartition("_")
                rec["table4"].append({**key, "group": group, "outcome": outcome, "value": v, "flag": flags.get(k)})
        headings = res.get("headings", {})
        for sec, text in (res.get("sections") or {}).items():
            if text is not None:
                rec["sections"].append({**key, "section": sec, "heading": headings.get(sec), "text": text})
        quotes = res.get("narrative_quotes", {})
        for fig, v in (res.get("narrative") or {}).items():
            if v is not None:
                rec["narrative"].append({**key, "figure": fig, "value": v, "quote": quotes.get(fig)})
        rec["findings"].extend({**key, **f} for f in res.get("findings", []))
    return rec


def _reason(res: dict) -> str | None:
    if res["status"] == "partial":
        notes = res.get("notes") or []
        return "；".join(notes[:3]) or "部分内容未能可靠读取（见单元格标记）"
    return None


def _agency_ids(results: list[dict]) -> dict[str, str]:
    """Agency id per source, with name variants joined (see `canonical_names`)."""
    canonical = canonical_names({r.get("agency") for r in results if r.get("agency")})
    return {
        r["source"]: agency_id(canonical.get(r.get("agency")), r.get("sha256") or r["source"]) for r in results
    }


def canonical_names(names: set[str]) -> dict[str, str]:
    """Each name's form that identifies its agency. Names that differ only by leading higher-level units
    (淮安市洪泽区人民政府 vs 洪泽区人民政府 in another year) are one agency when the shorter form is
    also among `names`."""
    return {name: _shortest_known_form(name, names) for name in names}


def _shortest_known_form(name: str, names: set[str]) -> str:
    best = name
    rest = name
    for unit in place_prefix(name)[:-1]:
        rest = rest[len(unit) :]
        if rest in names:
            best = rest
    return best


def carries_over(res: dict) -> bool:
    """Whether a report takes part in the carry-over check (X1): read, dated, in the 2019+ format."""
    return res["status"] in _READ_STATUSES and bool(res.get("year")) and res.get("template") != "pre2019"


def carry_over_findings(reports: Iterable[tuple[str, int, str, dict]]) -> list[dict]:
    """X1 findings: carry-over chain between consecutive years of the same agency. `reports` are
    (agency_id, year, report_id, cells) in corpus order; the first report of an agency-year counts."""
    by_key: dict[tuple[str, int], tuple[str, dict]] = {}
    for aid, year, rid, cells in reports:
        by_key.setdefault((aid, year), (rid, cells))
    out = []
    for (aid, year), (rid, cells) in sorted(by_key.items()):
        prev = by_key.get((aid, year - 1))
        if prev is None:
            continue
        key = {"report_id": rid, "agency_id": aid, "year": year}
        out.extend({**key, **f.as_dict()} for f in check_carry_over(prev[1], cells, year - 1))
    return out
