"""Seconds per agency page, fresh kernels vs warm kernels, and where a warm page's time goes.

    python bench/bench_render.py                      # 500 warm pages, 40 fresh, all cores
    python bench/bench_render.py --pages 60 --fresh-pages 10 --corpus /tmp/bench-render

A synthetic corpus (62 agencies × 2019–2024, txt/html/docx) is generated and read once (not timed;
`--corpus DIR` keeps it for a rerun). Pages go through the runner's own path — `render_pages` on a
`LocalExecutor`: workers run `render_job`, the client writes the site — the corpus's agency pages over and
over, each round into its own folder. Per page: wall seconds × workers (seconds per page per core, the
figure the target is about) and CPU seconds of every process (runner, workers, kernels: on a busy machine
the comparable figure). Then a few warm pages run in this process, timed piece by piece: the kernel's CPU
per notebook section, and this side's papermill/nbclient, export and the rest; an empty notebook with as
many code cells as the agency page, the cost of the Jupyter machinery alone; and a lookup-only notebook
with the agency page's number of sections, each showing one table of precomputed rows (a lower bound for
any agency page).
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import resource
import tempfile
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import psutil

from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.executors import LocalExecutor
from disclosure_analysis.site.config import RunConfig
from disclosure_analysis.site.job import PageJob, render_job
from disclosure_analysis.site.notebooks import Source, load_source
from disclosure_analysis.site.pages import Page
from disclosure_analysis.site.plan import corpus_hash, plan_pages
from disclosure_analysis.site.run import render_pages
from disclosure_analysis.site.warm import close_kernels, thread_kernel
from disclosure_analysis.synth import generate

YEARS = range(2019, 2025)


def cpu_seconds() -> float:
    """CPU time of this process and of its finished descendants (workers and, through them, kernels)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def page_jobs(corpus_dir: Path, count: int, warm: bool) -> list[PageJob]:
    """`count` agency pages: the corpus's agencies round after round, round k under `round-k/`."""
    corpus = load_corpus(corpus_dir)
    pages, _ = plan_pages(corpus, RunConfig(notebooks=("agency",)), corpus_dir)
    source, digest = load_source("agency"), corpus_hash(corpus)
    return [
        PageJob(replace(p, path=f"round-{i // len(pages)}/{p.path}"), source, False, 600, digest, warm)
        for i, p in ((i, pages[i % len(pages)]) for i in range(count))
    ]


def timed_run(jobs: list[PageJob], workers: int, site: Path) -> dict[str, float]:
    """Render `jobs` on `workers` local processes; wall and CPU seconds per page."""
    wall, cpu = time.perf_counter(), cpu_seconds()
    with LocalExecutor(workers) as executor:
        results = render_pages(jobs, executor, site, progress=True)
    close_kernels()  # with one job the kernel is this process's child: reaped now, its CPU time is counted
    wall, cpu = time.perf_counter() - wall, cpu_seconds() - cpu
    failed = [r.page.path for r in results if r.status != "ok"]
    if failed:
        raise SystemExit(f"pages failed: {failed[:5]}")
    return {
        "pages": len(jobs),
        "wall_s_per_page": round(wall / len(jobs), 3),
        "s_per_page_per_core": round(wall * workers / len(jobs), 3),
        "cpu_s_per_page": round(cpu / len(jobs), 3),
    }


def sections(notebook: str) -> dict[str, float]:
    """Seconds per notebook section (its markdown heading) from papermill's cell durations."""
    out: dict[str, float] = defaultdict(float)
    heading = "参数与读取语料"
    for cell in json.loads(notebook)["cells"]:
        if cell["cell_type"] == "markdown":
            heading = "".join(cell["source"]).splitlines()[0].lstrip("# ")[:24]
        else:
            out[heading] += cell["metadata"]["papermill"].get("duration") or 0.0
    return out


def breakdown(jobs: list[PageJob]) -> dict[str, object]:
    """Warm pages in this process: kernel CPU by section and in all, this side's pieces (CPU seconds)."""
    kernel = psutil.Process(thread_kernel(60).km.provisioner.pid)
    render_job(jobs[0])  # the kernel reads the corpus
    wall = kernel_cpu = own_cpu = 0.0
    by_section: dict[str, float] = defaultdict(float)
    profile = cProfile.Profile()
    for job in jobs[1:]:
        k0, c0, w0 = sum(kernel.cpu_times()[:2]), time.process_time(), time.perf_counter()
        profile.enable()
        out = render_job(job)
        profile.disable()
        wall += time.perf_counter() - w0
        own_cpu += time.process_time() - c0
        kernel_cpu += sum(kernel.cpu_times()[:2]) - k0
        for name, seconds in sections(out.notebook).items():
            by_section[name] += seconds
    close_kernels()
    n = len(jobs) - 1
    stats = pstats.Stats(profile).stats  # type: ignore[attr-defined]
    pieces = {  # label: (file, function)
        "papermill_execute_notebook": ("papermill/execute.py", "execute_notebook"),
        "of_which_kernel_reset": ("render/warm.py", "reset"),
        "of_which_notebook_to_json": ("nbformat/__init__.py", "writes"),
        "of_which_notebook_from_json": ("nbformat/__init__.py", "reads"),
        "html_export": ("render/export.py", "to_html"),
    }
    client = {
        label: round(sum(v[3] for k, v in stats.items() if k[0].endswith(file) and k[2] == name) / n, 3)
        for label, (file, name) in pieces.items()
    }
    return {
        "pages": n,
        "wall_s_per_page": round(wall / n, 3),
        "kernel_cpu_s_per_page": round(kernel_cpu / n, 3),
        "client_cpu_s_per_page": round(own_cpu / n, 3),
        "client_s_per_page_profiled": client,
        "cell_wall_s_per_page_by_section": {k: round(v / n, 3) for k, v in by_section.items()},
    }


def warm_cpu(jobs: list[PageJob]) -> dict[str, float]:
    """CPU seconds per page of this side and of the kernel for `jobs[1:]` rendered warm in this process
    (`jobs[0]` first, untimed: it starts the kernel, which reads the corpus)."""
    kernel = psutil.Process(thread_kernel(60).km.provisioner.pid)
    if render_job(jobs[0]).error:
        raise SystemExit(f"{jobs[0].page.path} failed")
    k0, c0 = sum(kernel.cpu_times()[:2]), time.process_time()
    for job in jobs[1:]:
        render_job(job)
    kernel_cpu, own_cpu = sum(kernel.cpu_times()[:2]) - k0, time.process_time() - c0
    close_kernels()
    n = len(jobs) - 1
    return {"client_cpu_s_per_page": round(own_cpu / n, 3), "kernel_cpu_s_per_page": round(kernel_cpu / n, 3)}


def floor(cells: int, pages: int = 20) -> dict[str, float]:
    """What the Jupyter machinery costs a page before its notebook does anything: a notebook of `cells`
    markdown + code pairs (`x = 1; x`) rendered warm in this process, CPU seconds of this side and of the
    kernel per page, with the agency notebook's number of code cells for comparison."""
    text = "".join(f"# %% [markdown]\n# ## 第 {i} 节\n\n# %%\nx = {i}\nx\n\n" for i in range(cells))
    source = Source("floor", '# %% tags=["parameters"]\ncorpus = ""\n\n' + text)
    jobs = [
        PageJob(Page("floor", f"floor-{i}", "空白页", {}, []), source, False, 60) for i in range(pages + 1)
    ]
    agency = sum(c.cell_type == "code" for c in load_source("agency").notebook().cells)
    return {"code_cells": cells + 1, "agency_notebook_code_cells": agency, **warm_cpu(jobs)}


#: the lookup notebook's sections: each shows the agency's rows of one of these corpus-wide frames
LOOKUP_FRAMES = (
    "proactive_volume",
    "applications_by_applicant",
    "outcome_mix",
    "outcome_reasons",
    "release_rate",
    "carry_over",
    "review_litigation",
    "headline_changes",
    "peers_level",
    "metrics",
    "proactive_volume",
    "release_rate",
    "carry_over",
)
LOOKUP_SETUP = """# %% tags=["parameters"]
corpus = ""
agency_id = ""
years = []
peer_group = "level"
output_dir = ""

# %%
from disclosure_analysis.analysis import derived
from disclosure_analysis.page import display as page
from disclosure_analysis.corpus import load_corpus

full = load_corpus(corpus)
ids = list(full.reports.loc[full.reports["agency_id"] == agency_id, "report_id"])
data = page.DataSink(output_dir, f"agencies/{agency_id}", page_dir="agencies")

"""


def lookup(corpus_dir: Path, pages: int) -> dict[str, float]:
    """A lower bound for an agency page with the agency notebook's sections: a notebook in which each
    section only takes the agency's rows of a corpus-wide frame computed beforehand (`derived`) and shows
    them as one table with its CSV link, rendered warm in this process; CPU seconds per page."""
    text = "".join(
        f'# %% [markdown]\n# ## 第 {i} 节\n\n# %%\nrows = derived.rows(full, "{name}", ids)\n'
        f'page.show(page.table(rows), data.save(rows, "table-{i}"))\n\n'
        for i, name in enumerate(LOOKUP_FRAMES)
    )
    source = Source("lookup", LOOKUP_SETUP + text)
    return {
        "sections": len(LOOKUP_FRAMES),
        **warm_cpu([replace(j, source=source) for j in page_jobs(corpus_dir, pages + 1, True)]),
    }


def machine_speed() -> float:
    """CPU seconds of a fixed pure-Python loop: this machine's speed at the time of the run (a shared
    virtual machine's varies by tens of percent from one hour to the next), to compare runs by."""
    start, total = time.process_time(), 0
    for i in range(3_000_000):
        total += i
    return round(time.process_time() - start, 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="warm pages (default 500)")
    parser.add_argument("--fresh-pages", type=int, default=40, help="fresh-kernel pages (default 40)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="workers (default: cores)")
    parser.add_argument("--profile-pages", type=int, default=8, help="warm pages timed piece by piece")
    parser.add_argument(
        "--floor-cells",
        type=int,
        default=13,
        help="code cells of the empty notebook besides its parameters cell (0: skip)",
    )
    parser.add_argument(
        "--lookup-pages", type=int, default=20, help="pages of the lookup-only notebook (0: skip)"
    )
    parser.add_argument("--corpus", type=Path, help="keep the generated corpus here (default: a temp folder)")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-render-"))
    corpus_dir = (args.corpus or work / "corpus").resolve()
    if not (corpus_dir / "truth.jsonl").is_file():
        generate(corpus_dir, agencies=62, years=YEARS, formats=("txt", "html", "docx"))
    load_corpus(corpus_dir, jobs=args.jobs)  # extraction is cached: the kernels read the cache
    figures = {
        "reference_loop_cpu_s_before": machine_speed(),
        "corpus_reports": len(load_corpus(corpus_dir).reports),
        "cores": os.cpu_count(),
        "jobs": args.jobs,
        "warm": timed_run(page_jobs(corpus_dir, args.pages, True), args.jobs, work / "warm")
        if args.pages
        else None,
        "fresh": (
            timed_run(page_jobs(corpus_dir, args.fresh_pages, False), args.jobs, work / "fresh")
            if args.fresh_pages
            else None
        ),
        "warm_in_one_process": (
            breakdown(page_jobs(corpus_dir, args.profile_pages + 1, True)) if args.profile_pages else None
        ),
        "empty_notebook": floor(args.floor_cells) if args.floor_cells else None,
        "lookup_notebook": lookup(corpus_dir, args.lookup_pages) if args.lookup_pages else None,
        "reference_loop_cpu_s_after": machine_speed(),
        "load_average_1min": round(os.getloadavg()[0], 2),
    }
    print(json.dumps(figures, indent=1, ensure_ascii=False))
    results = Path(__file__).parent / "results"
    results.mkdir(exist_ok=True)
    (results / "render.json").write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
