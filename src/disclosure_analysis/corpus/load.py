"""`load_corpus`: report files, folders or a Parquet store → a `Corpus`."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from disclosure_analysis.corpus.assemble import build_corpus
from disclosure_analysis.corpus.extraction import default_cache_dir, extract_many, report_files
from disclosure_analysis.corpus.tables import Corpus
from disclosure_analysis.executors import Executor, Progress


def load_corpus(
    paths: str | Path | Iterable[str | Path],
    cache_dir: str | Path | bool | None = None,
    jobs: int = 1,
    progress: Progress | None = None,
    executor: Executor | None = None,
) -> Corpus:
    """Read every report under `paths` into a Corpus. `cache_dir=False` disables the cache.

    A folder written by `build` (see `store`) is read from its Parquet tables instead, lazily."""
    from disclosure_analysis.corpus.store import is_store, load_store  # pyarrow: only for a store

    paths = [paths] if isinstance(paths, str | Path) else list(paths)
    if len(paths) == 1 and is_store(paths[0]):
        return load_store(paths[0])
    files = report_files(paths)
    cache = None if cache_dir is False else Path(cache_dir) if cache_dir else default_cache_dir()
    return build_corpus(list(extract_many(files, cache, executor, progress, jobs=jobs)))
