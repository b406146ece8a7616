"""Runs inside a warm kernel (sent by `site.warm`): set up once, then a clean slate before each notebook.

`stable_cell_names()` runs in every kernel the runner starts, warm or not (`site.kernel.STARTUP`).

`prepare()` imports what the notebooks import, snapshots the matplotlib and warnings state and puts a
cache in front of `corpus.load_corpus`. `reset()` puts back what a fresh kernel would have: an empty user
namespace with the execution counter at 1, no open figures, the snapshotted rcParams and warning filters
(and no memory of warnings already shown), the page's working folder. The corpus is read once per kernel:
a call of `load_corpus` on the path the runner named is answered from the cache while the runner's
content hash of that corpus is unchanged; every call gets its own shallow copies of the tables (pandas
copy-on-write keeps the cached ones unchanged whatever a notebook does to its copy).
"""

from __future__ import annotations

import copy
import functools
import gc
import importlib
import logging
import os
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: modules the notebooks import; importing them once is most of what a warm kernel saves
PRELOAD = (
    "pandas",
    "matplotlib.pyplot",
    "matplotlib_inline.backend_inline",
    "disclosure_analysis.analysis.metrics",
    "disclosure_analysis.page.charts",
    "disclosure_analysis.corpus",
    "disclosure_analysis.analysis.derived",
    "disclosure_analysis.page.display",
    "disclosure_analysis.formats.names",
    "disclosure_analysis.analysis.peers",
    "disclosure_analysis.page.plotting",
    "disclosure_analysis.page.section_five",
    "disclosure_analysis.page.tables",
    "disclosure_analysis.page.params",
    "disclosure_analysis.page.lesson",
    "disclosure_analysis.page.reading",
)

_baseline: dict[str, Any] = {}
_expected: tuple[str, str] | None = None  # (corpus path, content hash) of the page being run
_cached: tuple[tuple[str, str], Any] | None = None


def stable_cell_names() -> None:
    """At a kernel's start: the file name ipykernel gives a cell's code (shown in warnings) without the
    kernel's process id, `<temp>/ipykernel/<hash of the code>.py`, so the same code has the same name in
    every kernel."""
    import tempfile

    import ipykernel.compiler

    folder = os.path.join(tempfile.gettempdir(), "ipykernel")
    ipykernel.compiler.get_tmp_directory = lambda: folder


def prepare() -> None:
    """Once per kernel, before any notebook."""
    for name in PRELOAD:
        importlib.import_module(name)
    import matplotlib

    from disclosure_analysis import corpus

    _baseline["rc"] = {k: v for k, v in matplotlib.rcParams.items() if k != "backend"}
    _baseline["filters"] = list(warnings.filters)
    load = corpus.load_corpus
    corpus.load_corpus = lambda paths, *args, **kwargs: _cached_load(load, paths, *args, **kwargs)
    # the kernel's logger passes every record down to a handler that drops debug ones: ipykernel's debug
    # lines about each message (≈ 1 ms a cell) are not even made
    from IPython import get_ipython

    shell = get_ipython()
    shell.kernel.log.setLevel(logging.WARNING)
    # IPython tokenises each cell's text twice (ipykernel, then run_cell) to apply its static input
    # transformations, which depend on the text alone: every page runs the same cells
    manager = shell.input_transformer_manager
    manager.transform_cell = functools.lru_cache(maxsize=512)(manager.transform_cell)
    # ipykernel names each cell's code for its debugger by a pure-Python hash of the source (2-3 ms for a
    # large cell); every page runs the same cells, so each name is worked out once
    import ipykernel.compiler

    ipykernel.compiler.get_file_name = functools.lru_cache(maxsize=512)(ipykernel.compiler.get_file_name)
    # before each display message ipykernel flushes stdout and stderr, two round trips to its IO thread
    # even when nothing was printed (as for most outputs of a page); then there is nothing to wait for
    from ipykernel.iostream import OutStream

    OutStream.flush = _flush_if_written(OutStream.flush)
    gc.freeze()  # what lives as long as the kernel is not looked at by the garbage collector again


def _flush_if_written(flush: Callable[[Any], None]) -> Callable[[Any], None]:
    """`OutStream.flush` that returns at once when nothing was written since the last flush."""

    @functools.wraps(flush)
    def flush_if_written(stream: Any) -> None:
        if stream._flush_pending or stream._subprocess_flush_pending:
            flush(stream)

    return flush_if_written


def reset(shell: Any, cwd: str, corpus_path: str, corpus_hash: str) -> None:
    """Before each notebook: the state of a fresh kernel started in `cwd`; `corpus_path` has `corpus_hash`."""
    global _expected
    import matplotlib
    import matplotlib.pyplot as plt

    plt.close("all")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rc = matplotlib.rcParams  # only what a notebook changed: setting all 300 costs 10 ms a page
        rc.update({k: v for k, v in _baseline["rc"].items() if not _same(dict.__getitem__(rc, k), v)})
    warnings.filters[:] = _baseline["filters"]
    warnings.onceregistry.clear()
    warnings._filters_mutated()  # forgets which warnings were already shown
    os.chdir(cwd)
    _expected = (str(Path(corpus_path).resolve()), corpus_hash) if corpus_path and corpus_hash else None
    shell.reset(new_session=True)


def _same(a: object, b: object) -> bool:
    try:
        return bool(a == b)
    except (TypeError, ValueError):  # values without a single truth value are set again
        return False


def _cached_load(load: Callable[..., Any], paths: Any, *args: Any, **kwargs: Any) -> Any:
    """`load(paths)` from the cache when `paths` is the runner's corpus and its hash is unchanged."""
    global _cached
    if args or kwargs or _expected is None or not isinstance(paths, str | Path):
        return load(paths, *args, **kwargs)
    if str(Path(paths).resolve()) != _expected[0]:
        return load(paths)
    if _cached is None or _cached[0] != _expected:
        _cached = None  # let the old corpus go before reading the new one
        gc.unfreeze()
        gc.collect()
        _cached = (_expected, load(paths))
        gc.freeze()  # a full collection (each page's reset makes one) would walk the corpus: 0.2 s
    return _view(_cached[1])


def _view(corpus: Any) -> Any:
    """A copy of `corpus` whose loaded tables are shallow copies (a notebook may change its own)."""
    view = copy.copy(corpus)
    for name, value in vars(corpus).items():
        if hasattr(value, "copy") and hasattr(value, "columns"):
            setattr(view, name, value.copy(deep=False))
    return view
