"""Generation speed of the synthetic reports, per format.

    python bench/bench_synth.py            # 10,000 reports per format
    python bench/bench_synth.py --n 200

Reports are generated in batches (every agency of the fictional tree × 2019–2024, one seed per batch)
into a temporary directory; the time includes rendering and writing the files and truth.jsonl. Both
wall-clock and CPU rates are printed: on a busy machine the CPU rate is the comparable one.
"""

from __future__ import annotations

import argparse
import math
import tempfile
import time
from pathlib import Path

from disclosure_analysis.synth import FORMATS, generate
from disclosure_analysis.synth.tree import all_agencies

YEARS = range(2019, 2025)


def bench(fmt: str, n: int) -> tuple[float, float, float]:
    """(reports per wall-clock second, per CPU second, mean file size in KB) for `n` reports."""
    per_batch = len(all_agencies()) * len(YEARS)
    done, elapsed, cpu, size = 0, 0.0, 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(math.ceil(n / per_batch)):
            agencies = min(len(all_agencies()), math.ceil((n - done) / len(YEARS)))
            out = Path(tmp) / str(seed)
            start, start_cpu = time.perf_counter(), time.process_time()
            records = generate(out, agencies=agencies, years=YEARS, formats=[fmt], seed=seed)
            elapsed += time.perf_counter() - start
            cpu += time.process_time() - start_cpu
            done += len(records)
            size += sum((out / r["file"]).stat().st_size for r in records)
    return done / elapsed, done / cpu, size / done / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports per format (default 10,000)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:  # build the PDF font before timing
        generate(tmp, agencies=1, years=[2023], formats=["pdf"])
    print(f"{'format':<6} {'reports/s':>10} {'per CPU s':>10} {'KB/file':>8}")
    for fmt in args.formats.split(","):
        rate, cpu_rate, kb = bench(fmt, args.n)
        print(f"{fmt:<6} {rate:>10.1f} {cpu_rate:>10.1f} {kb:>8.1f}")


if __name__ == "__main__":
    main()
