"""Extraction at scale through the store build: reports/second on 1 and 2 local workers and a 2-worker Dask
LocalCluster, CPU time of the client and the workers, peak memory, and a projection to a national corpus.

    python bench/bench_scale.py --corpus /tmp/bench-scale/corpus          # 10,000 reports, 4 formats
    python bench/bench_scale.py --n 4000 --corpus /tmp/bench-scale/corpus

Reports are generated as in bench_extract.py (not timed; `--corpus DIR` keeps them for a rerun). Each
configuration runs in a fresh process (so its peak RSS is its own): its executor starts, every worker
process reads one report of each format (imports and caches warm; not timed), then `build_store` extracts
every report into a fresh temp store without the extraction cache, the workers writing the Parquet parts.
Timed: the whole `build_store` call. Client phases (hashing the inputs, running the batches, the final
agency-name join and X1 pass) are split with the progress callback. Worker CPU is measured per worker
process (psutil), peak RSS from /proc (VmHWM). The load average is recorded around each run: the machine
may be shared, so scaling is also given from CPU time. Results go to bench/results/scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil
from bench_extract import build_corpus

from disclosure_analysis.corpus.store import BATCH_SIZE, build_store
from disclosure_analysis.executors import DaskExecutor, Executor, LocalExecutor
from disclosure_analysis.synth import FORMATS

TARGET = {"reports": 250_000, "workers": 64}
CONFIGS = {
    "local1": "1 local worker (in the client process)",
    "local2": "2 local worker processes",
    "dask2": "Dask LocalCluster, 2 worker processes",
}


def make(config: str) -> Executor:
    return {"local1": lambda: LocalExecutor(1), "local2": lambda: LocalExecutor(2)}.get(
        config, lambda: DaskExecutor("local", workers=2)
    )()


def warm_task(paths: tuple[str, ...]) -> int:
    """Read one report of each format and import the store code; stay busy a moment so that the next
    warm-up task goes to another worker. The worker's pid."""
    import disclosure_analysis.corpus.store  # noqa: F401  (pyarrow, pandas)
    from disclosure_analysis.corpus.extraction import extract_path

    for path in paths:
        extract_path(path)
    time.sleep(0.5)
    return os.getpid()


def warm(executor: Executor, samples: list[Path]) -> list[int]:
    """Warm every worker process; their pids."""
    pids: set[int] = set()
    for _ in range(20):
        pids |= {
            pid for _, pid in executor.map_unordered(warm_task, [tuple(map(str, samples))] * executor.workers)
        }
        if len(pids) >= executor.workers:
            return sorted(pids)
    raise RuntimeError(f"only {len(pids)} of {executor.workers} workers warmed up")


def cpu_s(pid: int) -> float:
    times = psutil.Process(pid).cpu_times()
    return times.user + times.system


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def run_config(config: str, files: list[Path], samples: list[Path], store: Path) -> dict:
    """One configuration, in this (fresh) process: warm up, then time `build_store`."""
    executor = make(config)
    with executor:
        pids = warm(executor, samples)
        workers = [p for p in pids if p != os.getpid()]
        marks: dict[str, tuple[float, float]] = {}

        def tick(done: int, total: int) -> None:
            now = (time.perf_counter(), time.process_time())
            marks.setdefault("hashed", now)  # the first call comes once every input is hashed
            if done == total:
                marks["ran"] = now

        before = {p: cpu_s(p) for p in workers}
        start = (time.perf_counter(), time.process_time())
        summary = build_store(files, store, executor, tick)
        end = (time.perf_counter(), time.process_time())
        worker_cpu = {p: cpu_s(p) - before[p] for p in workers}
        worker_rss = [peak_rss_mb(p) for p in workers]
    phases = {
        "hash": (start, marks["hashed"]),
        "batches": (marks["hashed"], marks["ran"]),
        "finish": (marks["ran"], end),
    }
    phase_cpu = {k: b[1] - a[1] for k, (a, b) in phases.items()}
    return {
        "config": config,
        "n": len(files),
        "read": summary.read,
        "failed": len(summary.failed),
        "batch_size": BATCH_SIZE,
        "wall_s": end[0] - start[0],
        "per_s": len(files) / (end[0] - start[0]),
        "client_cpu_s": end[1] - start[1],
        "phase_wall_s": {k: b[0] - a[0] for k, (a, b) in phases.items()},
        "phase_client_cpu_s": phase_cpu,
        # one in-process worker: its extraction CPU is the client's while the batches run
        "worker_cpu_s": sum(worker_cpu.values()) if workers else phase_cpu["batches"],
        "worker_cpu_each_s": list(worker_cpu.values()),
        "client_rss_mb": peak_rss_mb(os.getpid()),  # not ru_maxrss: Linux carries it over fork and exec
        "worker_rss_mb": max(worker_rss) if worker_rss else None,  # None: the worker is the client
        "store_mb": sum(f.stat().st_size for f in store.rglob("*") if f.is_file()) / 2**20,
    }


def measure(config: str, listing: Path, samples: list[Path], tmp: Path) -> dict:
    """Run a configuration in a fresh process; its figures and the load average around it."""
    cmd = [sys.executable, __file__, "--run", config, "--files", str(listing), "--store", str(tmp / config)]
    cmd += ["--samples", *map(str, samples)]
    load_before = os.getloadavg()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
    return {**json.loads(out.splitlines()[-1]), "load_before": load_before, "load_after": os.getloadavg()}


def summarize(results: dict) -> dict:
    """Scaling from wall time and from CPU time, the client's cost, and the projection.

    The client's own cost per report is taken from the 2-local-worker run, where the client process does
    nothing but hash, dispatch batches, count rows and finish. In the LocalCluster run the client process
    also hosts the scheduler and the nannies, whose CPU goes with time (heartbeats) more than with reports:
    it is given as the cores that process used while the batches ran.

    Projection: each of the TARGET workers at the slowest per-CPU rate measured in any run (other work on
    a shared machine inflates CPU time too, so the runs differ by some 10 %; an efficiency above 100 % is
    not carried over), the client's hashing and finishing scaled linearly and run before and after the
    batches, the batches capped by what the client can dispatch."""
    one = results["local1"]
    per_core = one["n"] / one["worker_cpu_s"]  # reports per CPU second of one worker
    slowest = min(results[k]["n"] / results[k]["worker_cpu_s"] for k in CONFIGS)
    out: dict = {"per_core_cpu": per_core, "slowest_per_core_cpu": slowest}
    for key in ("local2", "dask2"):
        r = results[key]
        out[key] = {
            "efficiency_wall": r["per_s"] / (2 * one["per_s"]),
            "efficiency_cpu": (r["n"] / r["worker_cpu_s"]) / per_core,
            "client_ms_per_report": 1000 * r["client_cpu_s"] / r["n"],
            "client_ms_per_report_by_phase": {
                k: 1000 * v / r["n"] for k, v in r["phase_client_cpu_s"].items()
            },
            "client_cores_during_batches": r["phase_client_cpu_s"]["batches"] / r["phase_wall_s"]["batches"],
        }
    local2, dask = results["local2"], results["dask2"]
    n = TARGET["reports"]
    hash_s = dask["phase_wall_s"]["hash"] / dask["n"] * n  # serial, before any batch runs
    finish_s = dask["phase_wall_s"]["finish"] / dask["n"] * n  # serial, after the last batch
    workers_rate = slowest * TARGET["workers"]
    ceiling = (
        local2["n"] / local2["phase_client_cpu_s"]["batches"]
    )  # batches the client can dispatch and count
    batches_s = n / min(workers_rate, ceiling)
    out["projection"] = {
        "workers_rate": workers_rate,
        "client_ceiling": ceiling,
        "hash_s": hash_s,
        "batches_s": batches_s,
        "finish_s": finish_s,
        "hours": (hash_s + batches_s + finish_s) / 3600,
    }
    return out


def report(results: dict) -> None:
    s = results["summary"]
    print(
        f"\n{results['n']} synthetic reports ({', '.join(FORMATS)} in equal shares), build_store with batches "
        f"of ≤ {results['local1']['batch_size']}, no extraction cache, on {results['cores']} cores; load average "
        f"{results['load_start'][0]:.1f} at start, {results['load_end'][0]:.1f} at end\n"
    )
    print(
        "| run | reports/s (wall) | worker CPU s | reports per worker-CPU s | client CPU s | load before → after |"
    )
    print("|---|---:|---:|---:|---:|---|")
    for key, label in CONFIGS.items():
        r = results[key]
        load = f"{r['load_before'][0]:.1f} → {r['load_after'][0]:.1f}"
        print(
            f"| {label} | {r['per_s']:.1f} | {r['worker_cpu_s']:.0f} | {r['n'] / r['worker_cpu_s']:.1f} | "
            f"{r['client_cpu_s']:.1f} | {load} |"
        )
    for key in ("local2", "dask2"):
        r, e = results[key], s[key]
        by_phase = e["client_ms_per_report_by_phase"]
        print(
            f"\n{CONFIGS[key]}: efficiency {e['efficiency_wall']:.0%} from wall time, {e['efficiency_cpu']:.0%} "
            f"from CPU time; client CPU per report {e['client_ms_per_report']:.2f} ms ("
            + ", ".join(f"{k} {v:.2f}" for k, v in by_phase.items())
            + f"), {e['client_cores_during_batches']:.2f} cores while the batches ran; phases (wall s): "
            + ", ".join(f"{k} {v:.1f}" for k, v in r["phase_wall_s"].items())
        )
    rss = "; ".join(
        f"{key} client {r['client_rss_mb']:.0f}"
        + (
            f", largest worker {r['worker_rss_mb']:.0f}"
            if r["worker_rss_mb"] is not None
            else " (its worker)"
        )
        for key, r in ((k, results[k]) for k in CONFIGS)
    )
    print(f"\npeak RSS (MB): {rss}; store {results['local1']['store_mb']:.1f} MB on disk")
    p = s["projection"]
    print(
        f"\nprojection for {TARGET['reports']:,} reports on {TARGET['workers']} workers: "
        f"{s['slowest_per_core_cpu']:.1f} reports per CPU s (slowest run) × {TARGET['workers']} workers "
        f"= {p['workers_rate']:.0f} reports/s (client ceiling "
        f"{p['client_ceiling']:.0f}/s) → hashing {p['hash_s']:.0f} s + batches {p['batches_s']:.0f} s + "
        f"finish {p['finish_s']:.0f} s = {p['hours']:.2f} h"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", type=int, default=10_000, help="reports in all (split evenly over the formats)"
    )
    parser.add_argument(
        "--corpus", type=Path, help="folder to generate into and reuse (default: a temp folder)"
    )
    parser.add_argument("--run", choices=CONFIGS, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--samples", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run:
        files = [Path(line) for line in args.files.read_text(encoding="utf-8").splitlines()]
        print(json.dumps(run_config(args.run, files, args.samples, args.store)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        records = build_corpus(args.corpus or Path(tmp) / "corpus", args.n // len(FORMATS), list(FORMATS))
        files = [r["path"] for r in records]
        samples = [next(r["path"] for r in records if r["format"] == fmt) for fmt in FORMATS]
        listing = Path(tmp) / "files.txt"
        listing.write_text("\n".join(map(str, files)), encoding="utf-8")
        results: dict = {"n": len(files), "cores": os.cpu_count(), "load_start": os.getloadavg()}
        for config in CONFIGS:
            results[config] = measure(config, listing, samples, Path(tmp))
            print(f"{config}: {results[config]['per_s']:.1f} reports/s", file=sys.stderr)
        results["load_end"] = os.getloadavg()
    results["summary"] = summarize(results)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "scale.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    report(results)


if __name__ == "__main__":
    main()
