"""Generation speed of the synthetic reports, per format.

    python bench/bench_synth.py            # 10,000 reports per format
    python bench/bench_synth.py --n 200

Reports are generated in batches (every agency of the fictional tree × 2019–2024, one seed per batch)
into a temporary directory; the time includes rendering and writing the files and truth.jsonl.
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


def bench(fmt: str, n: int) -> tuple[float, float]:
    """(reports per second, mean file size in KB) for `n` reports in format `fmt`."""
    per_batch = len(all_agencies()) * len(YEARS)
    done, elapsed, size = 0, 0.0, 0
    with tempfile.TemporaryDirectory() as tmp:
        for seed in range(math.ceil(n / per_batch)):
            agencies = min(len(all_agencies()), math.ceil((n - done) / len(YEARS)))
            out = Path(tmp) / str(seed)
            start = time.perf_counter()
            records = generate(out, agencies=agencies, years=YEARS, formats=[fmt], seed=seed)
            elapsed += time.perf_counter() - start
            done += len(records)
            size += sum((out / r["file"]).stat().st_size for r in records)
    return done / elapsed, size / done / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000, help="reports per format (default 10,000)")
    parser.add_argument("--formats", default=",".join(FORMATS))
    args = parser.parse_args()
    generate(Path(tempfile.mkdtemp()), agencies=1, years=[2023], formats=["pdf"])  # build the PDF font once
    print(f"{'format':<6} {'reports/s':>10} {'KB/file':>8}")
    for fmt in args.formats.split(","):
        rate, kb = bench(fmt, args.n)
        print(f"{fmt:<6} {rate:>10.1f} {kb:>8.1f}")


if __name__ == "__main__":
    main()
