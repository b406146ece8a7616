"""Extraction at scale: reports/second on 1 and 2 local workers and a 2-worker Dask LocalCluster, peak
memory of a streaming store build, and a projection to a national corpus on a large cluster.

    python bench/bench_scale.py --corpus /tmp/bench-scale/corpus          # 10,000 reports, 4 formats
    python bench/bench_scale.py --n 2000 --corpus /tmp/bench-scale/corpus

Reports are generated as in bench_extract.py (not timed; `--corpus DIR` keeps them for a rerun). Each rate
is the wall time of extracting every report through `extract_unordered` (what `build` runs: results come
back to this process as JSON), after a warm-up read of one report per format on every worker (worker start
and imports are not timed). The 1-worker run goes format by format, giving per-format rates. The store
build (`build_store`, 2 local workers) runs in a fresh process so its peak RSS is its own; the workers'
peak is the largest child's (`RUSAGE_CHILDREN`). The projection caps the workers' rate by what one client
process can receive and write (see `projection`). Results go to bench/results/scale.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from bench_extract import build_corpus

from disclosure_analysis.corpus import extract_unordered, file_sha256
from disclosure_analysis.executors import DaskExecutor, Executor, LocalExecutor
from disclosure_analysis.store import build_store
from disclosure_analysis.synth import FORMATS

TARGET = {"reports": 250_000, "workers": 64}


def extraction_rate(files: list[Path], executor: Executor, warm_up: list[Path]) -> dict[str, float]:
    """Reports/second (wall) extracting `files` on `executor` after every worker has read `warm_up` once
    (imports done); CPU seconds of this process (the client: hashing, receiving results; with a Dask
    LocalCluster also its scheduler) and of all processes (with the workers, reaped at close)."""
    hashed = [(f, file_sha256(f)) for f in files]
    for _ in extract_unordered([(f, None) for f in warm_up * executor.workers], None, executor):
        pass
    start, children, own = time.perf_counter(), _cpu(resource.RUSAGE_CHILDREN), time.process_time()
    with executor:
        for _ in extract_unordered(hashed, None, executor):
            pass
        wall = time.perf_counter() - start
        client = time.process_time() - own
    cpu = _cpu(resource.RUSAGE_CHILDREN) - children + client
    return {"n": len(files), "wall_s": wall, "per_s": len(files) / wall, "cpu_s": cpu, "client_cpu_s": client}


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def measure_build(files: list[Path], out: Path, jobs: int) -> dict[str, float]:
    """The store build in a fresh process: wall time and peak RSS of that process and of its workers."""
    listing = out.with_suffix(".files")
    listing.write_text("\n".join(map(str, files)), encoding="utf-8")
    cmd = [sys.executable, __file__, "--build-only", str(out), "--files", str(listing), "--jobs", str(jobs)]
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def _build_only(out: Path, listing: Path, jobs: int) -> None:
    files = [Path(line) for line in listing.read_text(encoding="utf-8").splitlines()]
    start, own = time.perf_counter(), time.process_time()
    with LocalExecutor(jobs) as ex:
        summary = build_store(files, out, ex)
    wall, parent_cpu = time.perf_counter() - start, time.process_time() - own
    print(
        json.dumps(
            {
                "n": len(files),
                "read": summary.read,
                "failed": len(summary.failed),
                "jobs": jobs,
                "wall_s": wall,
                "per_s": len(files) / wall,
                "parent_cpu_s": parent_cpu,
                "parent_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "worker_rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                "store_mb": sum(f.stat().st_size for f in out.rglob("*") if f.is_file()) / 2**20,
            }
        )
    )


def projection(results: dict) -> dict[str, float]:
    """Hours for TARGET reports on TARGET workers. Workers: the mixed per-core rate of the 1-worker run,
    times the workers, times the scaling efficiency measured from 1 to 2 workers (kept constant up to 64).
    Client: one process hashes, receives and writes every report; its CPU per report (store-build parent
    plus the Dask client's, conservatively both) caps the rate whatever the number of workers."""
    per_format, build = results["local1_by_format"], results["build"]
    rate1 = sum(r["n"] for r in per_format.values()) / sum(r["wall_s"] for r in per_format.values())
    client_s = build["parent_cpu_s"] / build["n"] + results["dask2"]["client_cpu_s"] / results["dask2"]["n"]
    out = {"per_core": rate1, "client_ceiling": 1 / client_s}
    for name in ("local2", "dask2"):
        out[f"efficiency_{name}"] = results[name]["per_s"] / (2 * rate1)
    for name, rate in (("local2", rate1), ("dask2", rate1), ("all_pdf", per_format["pdf"]["per_s"])):
        workers = rate * TARGET["workers"] * out[f"efficiency_{'local2' if name == 'local2' else 'dask2'}"]
        out[f"hours_{name}"] = TARGET["reports"] / min(workers, out["client_ceiling"]) / 3600
        out[f"rate_{name}"] = workers
    return out


def report(results: dict) -> None:
    load = results["load_average"]
    print(
        f"\n{results['n']} synthetic reports ({', '.join(FORMATS)} in equal shares); load average "
        f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} on {os.cpu_count()} cores\n"
    )
    print("| run | reports | reports/s | CPU s per report |")
    print("|---|---:|---:|---:|")
    for fmt, r in results["local1_by_format"].items():
        print(f"| 1 local worker, {fmt} only | {r['n']} | {r['per_s']:.1f} | {r['cpu_s'] / r['n']:.3f} |")
    p = results["projection"]
    n1 = sum(r["n"] for r in results["local1_by_format"].values())
    print(f"| 1 local worker (in-process), mixed | {n1} | {p['per_core']:.1f} | |")
    for key, label in (("local2", "2 local workers"), ("dask2", "Dask LocalCluster, 2 workers")):
        r = results[key]
        print(f"| {label}, mixed | {r['n']} | {r['per_s']:.1f} | {r['cpu_s'] / r['n']:.3f} |")
    b = results["build"]
    print(f"| store build, 2 local workers | {b['n']} | {b['per_s']:.1f} | |")
    print(
        f"\nstore build: parent peak RSS {b['parent_rss_mb']:.0f} MB, largest worker {b['worker_rss_mb']:.0f} MB, "
        f"store {b['store_mb']:.0f} MB on disk, {b['read']} read, {b['failed']} failed"
    )
    print(
        f"client CPU per report: {1000 * b['parent_cpu_s'] / b['n']:.1f} ms in the store-build parent, "
        f"{1000 * results['dask2']['client_cpu_s'] / results['dask2']['n']:.1f} ms in the Dask client "
        f"(with its scheduler) → one client handles at most {p['client_ceiling']:.0f} reports/s"
    )
    print(
        f"\nprojection for {TARGET['reports']:,} reports on {TARGET['workers']} workers: per-core "
        f"{p['per_core']:.1f} reports/s; 1→2 efficiency {p['efficiency_local2']:.0%} local, "
        f"{p['efficiency_dask2']:.0%} Dask, held constant → workers {p['rate_dask2']:.0f} reports/s (Dask) / "
        f"{p['rate_local2']:.0f} (local efficiency), capped by the client → "
        f"{p['hours_dask2']:.2f} h ({p['hours_local2']:.2f} h); all PDF: {p['hours_all_pdf']:.2f} h"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", type=int, default=10_000, help="reports in all (split evenly over the formats)"
    )
    parser.add_argument(
        "--corpus", type=Path, help="folder to generate into and reuse (default: a temp folder)"
    )
    parser.add_argument("--build-only", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--files", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--jobs", type=int, default=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        _build_only(args.build_only, args.files, args.jobs)
        return
    with tempfile.TemporaryDirectory() as tmp:
        records = build_corpus(args.corpus or Path(tmp) / "corpus", args.n // len(FORMATS), list(FORMATS))
        by_format: dict[str, list[Path]] = defaultdict(list)
        for r in records:
            by_format[r["format"]].append(r["path"])
        files = [r["path"] for r in records]
        warm_up = [fs[0] for fs in by_format.values()]
        results: dict = {"n": len(files)}
        results["local1_by_format"] = {
            fmt: extraction_rate(fs, LocalExecutor(1), warm_up) for fmt, fs in by_format.items()
        }
        results["local2"] = extraction_rate(files, LocalExecutor(2), warm_up)
        results["dask2"] = extraction_rate(files, DaskExecutor("local", workers=2), warm_up)
        results["build"] = measure_build(files, Path(tmp) / "store", jobs=2)
        results["load_average"] = os.getloadavg()
    results["projection"] = projection(results)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "scale.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    report(results)


if __name__ == "__main__":
    main()
