"""Seconds per agency page: the runner (`run_site`) vs a plain loop of `papermill` + `jupyter nbconvert` CLIs.

Both render the agency notebook for the same agencies of the sample corpus into fresh folders. The
runner's time includes loading the corpus, the index and the workbook; the loop's time is just the two
command lines per agency (converting the jupytext source to .ipynb once is not timed).

    python bench/bench_render.py [--agencies 4] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import nbformat

from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.render import RunConfig, run_site
from disclosure_analysis.render.notebooks import load_source
from disclosure_analysis.sample import sample_corpus


def timed(run: Callable[[], None]) -> float:
    """Wall seconds of `run()` (CPU time is not comparable: forked kernels are not our children)."""
    started = time.perf_counter()
    run()
    return time.perf_counter() - started


def cli_loop(corpus: Path, agencies: list[str], work: Path) -> None:
    """papermill + nbconvert command lines, one agency after the other."""
    notebook = work / "agency.ipynb"
    nbformat.write(load_source("agency").notebook(), notebook)
    env = {k: v for k, v in os.environ.items() if k != "MPLBACKEND"}
    bin_dir = Path(sys.executable).parent
    for agency in agencies:
        out = work / f"{agency}.ipynb"
        params = ["-p", "corpus", str(corpus), "-p", "agency_id", agency, "-p", "output_dir", str(work)]
        subprocess.run(
            [str(bin_dir / "papermill"), "--no-progress-bar", str(notebook), str(out), *params],
            check=True,
            env=env,
            capture_output=True,
        )
        subprocess.run(
            [str(bin_dir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
            check=True,
            env=env,
            capture_output=True,
        )


def runner(corpus: Path, agencies: list[str], work: Path, jobs: int | None) -> None:
    config = RunConfig(corpus=str(corpus), agencies=tuple(agencies), notebooks=("agency",), output=work)
    result = run_site(config, jobs=jobs, progress=False)
    failed = [r.page.path for r in result.pages if r.status != "ok"]
    if failed:
        raise SystemExit(f"runner failed on {failed}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=4, help="number of agencies (default 4)")
    parser.add_argument("--jobs", type=int, default=None, help="runner workers (default: cores)")
    args = parser.parse_args()
    corpus = sample_corpus()
    agencies = sorted(load_corpus(corpus).reports["agency_id"].dropna().unique())[: args.agencies]
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    try:
        fast = timed(lambda: runner(corpus, agencies, work / "runner", args.jobs))
        (work / "cli").mkdir()
        slow = timed(lambda: cli_loop(corpus, agencies, work / "cli"))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    figures = {
        "agencies": len(agencies),
        "cores": os.cpu_count(),
        "jobs": args.jobs or os.cpu_count(),
        "runner_s_per_page": round(fast / len(agencies), 2),
        "cli_loop_s_per_page": round(slow / len(agencies), 2),
        "speedup": round(slow / fast, 2),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(figures, indent=1))
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "render.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
