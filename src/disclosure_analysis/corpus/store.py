"""A corpus on disk: tidy tables as a Parquet dataset, built while extracting and read lazily.

Layout of a store folder (`build_store` writes it, `load_store` reads it):

    _disclosure_store.json      marker: package version, extraction code digest, the current build's id,
                                whether the build finished
    <table>/part-00001-<build>.parquet
                                one file (one row group) per batch of reports, for each table in
                                `Corpus.TABLES`, columns and dtypes from `schema`
    findings/cross-year.parquet X1 carry-over findings, recomputed from table3 at the end of every build
    agency_ids.parquet          stored_id → agency_id for agency names joined with a variant

Each batch is one task: the worker that extracts its reports writes its parts itself (workers need write
access to the store folder) and returns only a (source, status, reason) row per report. A batch is
committed when its manifest part exists beside a part of every other table: the other tables' parts are
written first, each to a hidden temp file renamed into place, the manifest part last. A killed build leaves
at most temp files and parts of uncommitted batches; the next build deletes them, and readers ignore them.
A task still running for a killed build (an orphaned worker) sees that the marker names another build and
removes its parts instead of committing them.

Agency ids: each report is stored with `agency_id(name)` of its own printed name (`stored_id`). Name variants
(淮安市洪泽区人民政府 / 洪泽区人民政府) are joined at the end of the build over all names in the store, as
`load_corpus` does, into the small `agency_ids.parquet` mapping; readers apply it, so stored parts are never
rewritten. (Querying the Parquet files directly, join `agency_ids.parquet` on agency_id = stored_id.)
"""

from __future__ import annotations

import json
import math
import os
import secrets
import socket
import warnings
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from disclosure_analysis import __version__
from disclosure_analysis.checks.cross_year import (
    STOCK_CODES,
    YearReport,
    carries_over,
    cross_year_findings,
    explanation,
)
from disclosure_analysis.corpus.assemble import agency_id, canonical_names, report_records
from disclosure_analysis.corpus.extraction import (
    content_sha256,
    extract_unordered,
    extraction_code_digest,
    not_extracted,
    originals,
    refusal,
    report_files,
)
from disclosure_analysis.corpus.schema import TABLES, frame
from disclosure_analysis.corpus.tables import Corpus, LazyCorpus
from disclosure_analysis.errors import READ_STATUSES, SKIPPED_STATUSES
from disclosure_analysis.executors import Executor, LocalExecutor, Progress, WorkerError

MARKER = "_disclosure_store.json"
AGENCY_MAP = "agency_ids.parquet"
CROSS_YEAR = "cross-year.parquet"
BATCH_SIZE = 100  # reports per task and part: ≈ 6 s of mixed formats on one core
BATCHES_PER_WORKER = 4  # smaller batches when there are fewer, so that the workers stay balanced

_ARROW_TYPES = {"string": pa.string(), "Int64": pa.int64(), "Float64": pa.float64(), "boolean": pa.bool_()}
_PANDAS_TYPES = {pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(), pa.bool_(): pd.BooleanDtype()}
_MAP_SCHEMA = pa.schema([("stored_id", pa.string()), ("agency_id", pa.string())])


class StoreError(Exception):
    """A folder that cannot be used as a store (built by other extraction code, not a store)."""


@dataclass
class BuildSummary:
    """What a build did with its inputs."""

    read: int = 0
    skipped: int = 0
    previously_failed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason) of inputs not read

    @property
    def all_read(self) -> bool:
        return not self.failed and not self.previously_failed


def is_store(path: str | Path) -> bool:
    return (Path(path) / MARKER).is_file()


def arrow_schema(table: str) -> pa.Schema:
    return pa.schema([(name, _ARROW_TYPES[dtype]) for name, dtype, _ in TABLES[table]])


def build_store(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    executor: Executor,
    progress: Progress | None = None,
    *,
    cache_dir: Path | None = None,
    batch_size: int = BATCH_SIZE,
) -> BuildSummary:
    """Extract every report under `paths` into the store `out_dir`, at most `batch_size` reports per task.

    Inputs the store already accounts for (by source) are skipped, so an interrupted build resumes where it
    stopped; an input with the bytes of another is recorded as its duplicate, not read again. Each batch
    runs as one task on `executor` that writes its own parts (see the module docstring); `progress`
    advances as batches finish."""
    out = Path(out_dir).absolute()  # workers may run elsewhere: paths sent to them are absolute
    build = secrets.token_hex(4)
    stored = _open(out, build)
    files = report_files(paths)
    summary = BuildSummary()
    new: list[tuple[Path, str | None]] = []
    for f in files:
        if str(f) in stored:  # a previous build accounted for it
            summary.skipped += 1
            summary.previously_failed += stored[str(f)]["status"] not in READ_STATUSES | SKIPPED_STATUSES
        else:
            new.append((f, None if refusal(f) else content_sha256(f)))
    first_of = originals(new)
    first_of.update(
        (r["sha256"], Path(r["source"])) for r in stored.values() if r["sha256"] and r["status"] != "duplicate"
    )
    todo: list[tuple[str, str, str | None]] = []
    unread: list[dict] = []
    for f, digest in new:
        result = not_extracted(f, digest, first_of)
        if result is not None:
            unread.append(result)
        else:
            todo.append((str(f), str(f.absolute()), digest))
    done = summary.skipped
    first = max(map(_seq, _committed(out)), default=0) + 1
    if unread:  # hidden files, copies, …: a part of their own, written here
        done += _count(summary, _allowed(_commit(Batch(str(out), f"part-{first:05d}-{build}", (), None, build), unread)))
        first += 1
    if progress:
        progress(done, len(files))
    size = max(1, min(batch_size, math.ceil(len(todo) / (BATCHES_PER_WORKER * executor.workers))))
    cache = str(cache_dir.absolute()) if cache_dir is not None else None
    batches = [
        Batch(str(out), f"part-{first + k:05d}-{build}", tuple(todo[start : start + size]), cache, build)
        for k, start in enumerate(range(0, len(todo), size))
    ]
    lost: list[Batch] = []
    for i, rows in executor.map_unordered(write_batch, batches):
        if isinstance(rows, WorkerError):
            lost.append(batches[i])  # after the other batches: these run one report per task
            continue
        done += _count(summary, _allowed(rows))
        if progress:
            progress(done, len(files))
    for batch in lost:
        done += _count(summary, _allowed(_recover(batch, executor)))
        if progress:
            progress(done, len(files))
    _finish(out, build)
    return summary


@dataclass(frozen=True)
class Batch:
    """One task of a build: extract `files` ((source as given, absolute path, sha256) triples) into the
    parts named `key` of the store `out`, using the extraction cache `cache` when given, for the build
    `build` (see `_refusal`)."""

    out: str
    key: str
    files: tuple[tuple[str, str, str | None], ...]
    cache: str | None
    build: str


Row = dict[str, str | None]  # source, status, reason: what a task returns for each of its reports


def write_batch(batch: Batch) -> list[Row] | str:
    """The task of a batch (runs on a worker): extract its reports one by one in this process, write its
    parts; the manifest rows of its reports, or why it must not write into the store (`_refusal`)."""
    refused = _refusal(batch)
    if refused:
        return refused
    return _commit(batch, _extract(batch, LocalExecutor(1, isolate=False), _usable(batch.cache)))


def _recover(batch: Batch, executor: Executor) -> list[Row] | str:
    """A batch whose task failed twice: if it was committed all the same (its worker died after writing
    it), its rows; else its reports extracted one per task (so a report that kills its worker fails alone,
    as 处理该文件的工作进程两次出错), the parts written here."""
    out = Path(batch.out)
    if batch.key in _committed(out):
        return _read_rows(out / "manifest" / f"{batch.key}.parquet")
    return _commit(batch, _extract(batch, executor, Path(batch.cache) if batch.cache is not None else None))


def _extract(batch: Batch, executor: Executor, cache: Path | None) -> list[dict]:
    """Extraction JSON of a batch's reports, each with its source as given to the build."""
    files = [(Path(path), digest) for _, path, digest in batch.files]
    return [{**res, "source": batch.files[i][0]} for i, res in extract_unordered(files, cache, executor)]


def _usable(cache: str | None) -> Path | None:
    """The extraction cache folder on this worker, or None (extract without it) when it cannot be created."""
    if cache is None:
        return None
    try:
        Path(cache).mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return Path(cache)


def _count(summary: BuildSummary, rows: list[Row]) -> int:
    for row in rows:
        if row["status"] in READ_STATUSES:
            summary.read += 1
        elif row["status"] in SKIPPED_STATUSES:
            summary.skipped += 1
        else:
            summary.failed.append((row["source"], row["reason"] or row["status"]))
    return len(rows)


def _allowed(rows: list[Row] | str) -> list[Row]:
    """A task's rows; a task's refusal stops the build."""
    if isinstance(rows, str):
        raise StoreError(rows)
    return rows


def _refusal(batch: Batch) -> str | None:
    """Why this process must not write the batch into its store: another build has taken the store over
    (this task belongs to a killed build), or this worker runs other extraction code than the store's.
    None when it may."""
    out = Path(batch.out)
    marker = json.loads((out / MARKER).read_text(encoding="utf-8"))
    if marker.get("build") != batch.build:
        return f"{out} 已被另一次 build 接管：同一数据文件夹不能同时运行两个 build"
    if marker.get("extraction") != extraction_code_digest():
        return (
            f"工作进程（{socket.gethostname()}）的提取代码（{extraction_code_digest()}）与数据文件夹 {out} 的"
            f"（{marker.get('extraction')}）不同：请在客户端和每个工作进程上安装同一版本的 disclosure-analysis，"
            "并重启工作进程"
        )
    return None


def _read_rows(part: Path) -> list[Row]:
    return pq.read_table(part, columns=["source", "status", "reason"]).to_pylist()


def _open(out: Path, build: str) -> dict[str, dict[str, Any]]:
    """Create or reopen a store for the build `build`: check its marker, drop what a killed build left;
    return source → its manifest row (source, sha256, status) for the inputs already accounted for."""
    marker = out / MARKER
    if marker.exists():
        built_with = json.loads(marker.read_text(encoding="utf-8")).get("extraction")
        if built_with != extraction_code_digest():
            raise StoreError(
                f"{out} 是用另一版本的提取代码（{built_with}）生成的，不能在其中继续添加；请换一个 --out 文件夹或删除它"
            )
    elif out.exists() and any(out.iterdir()):
        raise StoreError(f"{out} 不是空文件夹，也不是 build 生成的数据文件夹")
    _write_marker(out, build, complete=False)
    committed = set(_committed(out))
    for f in out.glob("**/.*.tmp"):
        f.unlink(missing_ok=True)
    for name in Corpus.TABLES:
        for f in (out / name).glob("part-*.parquet"):
            if f.stem not in committed:
                f.unlink(missing_ok=True)
    manifest = _read_arrow(out, "manifest", columns=["source", "sha256", "status"]).to_pylist()
    return {r["source"]: r for r in manifest}


def _write_marker(out: Path, build: str, complete: bool) -> None:
    meta = {
        "format": "disclosure-analysis store",
        "version": 1,
        "package": __version__,
        "extraction": extraction_code_digest(),
        "build": build,
        "complete": complete,
    }
    _atomic(out / MARKER, lambda tmp: tmp.write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8"))


def _atomic(target: Path, write) -> None:
    """Write via a hidden temp file in the same folder (named uniquely across hosts), renamed into place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.with_name(f".{target.name}.{os.getpid()}-{secrets.token_hex(4)}.tmp")
    write(tmp)
    tmp.replace(target)


def _seq(key: str) -> int:
    """The sequence number of a part (`part-00001-<build>`, or `part-00001` in stores of earlier builds)."""
    return int(key.split("-")[1])


def _committed(out: Path) -> list[str]:
    """Names (stems) of the committed parts, in the order they were numbered: a manifest part and a part of
    every other table exist."""
    keys = {f.stem for f in (out / "manifest").glob("part-*.parquet")}
    for name in Corpus.TABLES:
        if keys and name != "manifest":
            keys &= {f.stem for f in (out / name).glob("part-*.parquet")}
    return sorted(keys, key=lambda k: (_seq(k), k))


def _commit(batch: Batch, results: list[dict]) -> list[Row] | str:
    """Write a batch's parts (each with its report's own stored agency id), the manifest part last, unless
    `_refusal` says no by then (its parts are removed); its manifest rows."""
    out = Path(batch.out)
    results = sorted(results, key=lambda r: r["source"])
    ids = {r["source"]: agency_id(r.get("agency"), r.get("sha256") or r["source"]) for r in results}
    rec = report_records(results, ids)
    tables = [t for t in Corpus.TABLES if t != "manifest"]
    for name in tables:
        _write_table(out / name / f"{batch.key}.parquet", name, rec[name])
    refused = _refusal(batch)
    if refused:
        for name in tables:
            (out / name / f"{batch.key}.parquet").unlink(missing_ok=True)
        return refused
    _write_table(out / "manifest" / f"{batch.key}.parquet", "manifest", rec["manifest"])
    return [{k: row[k] for k in ("source", "status", "reason")} for row in rec["manifest"]]


def _write_table(target: Path, table: str, rows: list[dict]) -> None:
    data = pa.Table.from_pandas(frame(table, rows), schema=arrow_schema(table), preserve_index=False)
    _atomic(target, lambda tmp: pq.write_table(data.replace_schema_metadata(None), tmp, compression="zstd"))


def _finish(out: Path, build: str) -> None:
    """Join agency name variants over the whole store, then compute the cross-year findings (X1, X2, X3)."""
    reports = _read_arrow(
        out, "reports", columns=["report_id", "agency_id", "agency", "year", "template", "t2_version", "status", "source"]
    ).to_pylist()
    names = {r["agency"] for r in reports if r["agency"]}
    joined = {agency_id(n, ""): agency_id(c, "") for n, c in canonical_names(names).items() if n != c}
    _atomic(
        out / AGENCY_MAP,
        lambda tmp: pq.write_table(pa.table([list(joined), list(joined.values())], schema=_MAP_SCHEMA), tmp),
    )
    cells: dict[str, dict] = defaultdict(dict)
    carried = pc.field("row").isin(["carried_in", "carried_out"])
    t3 = _read_arrow(out, "table3", columns=["report_id", "row", "column", "value"], where=carried)
    for rid, row, col, value in zip(*(t3[c].to_pylist() for c in t3.column_names), strict=True):
        cells[rid][f"t3.{row}.{col}"] = value
    t2 = _read_arrow(out, "table2", columns=["report_id", "code", "value"], where=pc.field("code").isin(STOCK_CODES))
    for rid, code, value in zip(*(t2[c].to_pylist() for c in t2.column_names), strict=True):
        cells[rid][f"t2.{code}"] = value
    reports.sort(key=lambda r: Path(r["source"]).parts)  # the order load_corpus reads the files in
    candidates = [
        YearReport(joined.get(r["agency_id"], r["agency_id"]), r["year"], r["report_id"], cells[r["report_id"]],
                   r["t2_version"])
        for r in reports
        if carries_over(r)
    ]
    asked: set[str] = set()  # first pass: the reports whose text may explain a broken 表二 relation
    cross_year_findings(candidates, lambda rid: asked.add(rid))
    texts = _texts(out, asked)
    stored_id = {r["report_id"]: r["agency_id"] for r in reports}
    found = [
        {**f, "agency_id": stored_id[f["report_id"]]}
        for f in cross_year_findings(candidates, lambda rid: explanation(texts.get(rid, [])))
    ]
    _write_table(out / "findings" / CROSS_YEAR, "findings", found)
    _write_marker(out, build, complete=True)


def _texts(out: Path, report_ids: set[str]) -> dict[str, list[str]]:
    """The sections' text and the 表二 remarks of some reports (where a clean-up may be explained)."""
    texts: dict[str, list[str]] = defaultdict(list)
    if not report_ids:
        return texts
    mine = pc.field("report_id").isin(sorted(report_ids))
    for table, column in (("sections", "text"), ("table2", "remark")):
        part = _read_arrow(out, table, columns=["report_id", column], where=mine)
        for rid, text in zip(part["report_id"].to_pylist(), part[column].to_pylist(), strict=True):
            if text:
                texts[rid].append(text)
    return texts


def _parts(out: Path, table: str) -> list[Path]:
    """Committed part files of a table (plus the cross-year findings)."""
    parts = [out / table / f"{key}.parquet" for key in _committed(out)]
    if table == "findings" and (out / table / CROSS_YEAR).exists():
        parts.append(out / table / CROSS_YEAR)
    return parts


def _read_arrow(
    out: Path, table: str, columns: Sequence[str] | None = None, where: pc.Expression | None = None
) -> pa.Table:
    dataset = ds.dataset([str(p) for p in _parts(out, table)], schema=arrow_schema(table), format="parquet")
    return dataset.to_table(columns=list(columns) if columns else None, filter=where)


def load_store(out_dir: str | Path) -> StoredCorpus:
    """The corpus in a store folder; tables are read when first used."""
    out = Path(out_dir)
    if not is_store(out):
        raise StoreError(f"{out} 不是 build 生成的数据文件夹（缺少 {MARKER}）")
    if not json.loads((out / MARKER).read_text(encoding="utf-8")).get("complete"):
        warnings.warn(f"{out} 的生成没有完成：重新运行同一条 build 命令即可补全", stacklevel=2)
    return StoredCorpus(out)


class StoredCorpus(LazyCorpus):
    """A `Corpus` read from a store: each table is loaded on first access (so `sections`, the bulk of the
    text, only when used); `table()` reads selected columns or reports without keeping them."""

    def __init__(self, root: Path):
        self.root = root
        self.derived: dict[str, Any] = {}  # as `Corpus.derived`

    def load(self, name: str) -> pd.DataFrame:
        return self.table(name)

    def __repr__(self) -> str:
        return f"StoredCorpus({str(self.root)!r})"

    def table(
        self, name: str, columns: Sequence[str] | None = None, report_ids: Iterable[str] | None = None
    ) -> pd.DataFrame:
        """One table (or some of its columns, or the rows of some reports) with the schema's dtypes."""
        where = None if report_ids is None else pc.field("report_id").isin(sorted(set(report_ids)))
        data = _read_arrow(self.root, name, columns, where)
        if "agency_id" in data.column_names:
            data = data.set_column(
                data.column_names.index("agency_id"), "agency_id", self._joined_ids(data["agency_id"])
            )
        df = data.to_pandas(types_mapper=_PANDAS_TYPES.get)
        return df.astype({n: t for n, t, _ in TABLES[name] if n in df.columns})

    def selected(self, name: str, report_ids: set[str]) -> pd.DataFrame:
        """The rows of table `name` for the given reports, read from the store (not the whole table)."""
        return self.table(name, report_ids=report_ids)

    def _joined_ids(self, stored: pa.ChunkedArray) -> pa.ChunkedArray:
        mapping = pq.read_table(self.root / AGENCY_MAP) if (self.root / AGENCY_MAP).exists() else None
        if mapping is None or mapping.num_rows == 0:
            return stored
        at = pc.index_in(stored, value_set=mapping["stored_id"].combine_chunks())
        return pc.coalesce(pc.take(mapping["agency_id"], at), stored)
