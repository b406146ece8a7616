"""What a warm kernel does between pages, run in this process: the corpus cache and the reset."""

from __future__ import annotations

import os
import warnings
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from disclosure_analysis.corpus import Corpus
from disclosure_analysis.corpus.schema import frame
from disclosure_analysis.site import inkernel


class Shell:
    """Stands in for the IPython shell: counts resets."""

    resets = 0

    def reset(self, new_session: bool) -> None:
        assert new_session
        self.resets += 1


class Loader:
    """Stands in for `load_corpus`: counts reads."""

    def __init__(self) -> None:
        self.calls: list[object] = []

    def __call__(self, paths: object, *args: object, **kwargs: object) -> Corpus:
        self.calls.append(paths)
        tables = {name: frame(name, []) for name in Corpus.TABLES}
        return Corpus(**{**tables, "reports": pd.DataFrame({"agency_id": ["a-1"], "year": [2024]})})


@pytest.fixture
def kernel_state(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A baseline as `prepare` takes it, without patching this process's `load_corpus`."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(inkernel, "_cached", None)
    monkeypatch.setattr(inkernel, "_expected", None)
    baseline = {
        "rc": {k: v for k, v in matplotlib.rcParams.items() if k != "backend"},
        "filters": list(warnings.filters),
    }
    monkeypatch.setattr(inkernel, "_baseline", baseline)
    yield tmp_path
    matplotlib.rcParams.update(baseline["rc"])
    warnings.filters[:] = baseline["filters"]


def test_corpus_is_read_once_per_path_and_content_hash(kernel_state: Path) -> None:
    corpus, load, shell = str(kernel_state / "corpus"), Loader(), Shell()
    inkernel.reset(shell, str(kernel_state), corpus, "hash-1")
    first = inkernel._cached_load(load, corpus)
    first.reports.loc[0, "agency_id"] = "changed in place by a notebook"
    first.reports["year"] = 0
    first.table3 = None
    second = inkernel._cached_load(load, Path(corpus))
    assert load.calls == [corpus] and shell.resets == 1
    assert second.reports.to_dict("list") == {"agency_id": ["a-1"], "year": [2024]}  # the cache is untouched
    assert second.table3 is not None
    inkernel._cached_load(load, str(kernel_state / "other"))
    inkernel._cached_load(load, corpus, jobs=2)
    assert len(load.calls) == 3  # another path or other arguments: not from the cache
    inkernel.reset(shell, str(kernel_state), corpus, "hash-2")
    inkernel._cached_load(load, corpus)
    assert len(load.calls) == 4  # the runner says the corpus changed


def test_reset_restores_figures_rcparams_warnings_and_folder(kernel_state: Path, tmp_path_factory) -> None:
    import matplotlib.pyplot as plt

    plt.figure()
    matplotlib.rcParams["axes.grid"] = not matplotlib.rcParams["axes.grid"]
    warnings.simplefilter("error")
    page = tmp_path_factory.mktemp("page")
    inkernel.reset(Shell(), str(page), "", "")
    assert not plt.get_fignums() and Path(os.getcwd()) == page
    assert matplotlib.rcParams["axes.grid"] == inkernel._baseline["rc"]["axes.grid"]
    assert warnings.filters == inkernel._baseline["filters"] and inkernel._expected is None
