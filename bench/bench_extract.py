"""Extraction speed per input format, on synthetic reports, in one process (one core).

    python bench/bench_extract.py                    # 10,000 reports (2,000 per format)
    python bench/bench_extract.py --n 800 --corpus /tmp/bench-corpus

Reports are generated first (not timed; `--corpus DIR` keeps them for a rerun), then every file is read
with `extract_path` (reader, mapping, metadata, validation) and the time is added up per format.
Both wall-clock and CPU rates are printed: on a busy machine the CPU rate is the comparable one, and
`--passes N` reads the files N times and keeps each format's best pass.
Peak memory is the process's maximum resident set size. Besides the four file formats, the renderings of
renderings.md (`synth.RENDERINGS`: a crawler's text with the cells run together, pipe rows, pipe per line,
one cell per line, skeleton tables, flip-book pages, escaped HTML in a script, PDF→Markdown): there a cell
may be null where the rendering does not say its column, so it also counts the truth cells read as null,
those of them left without a flag (must be 0) and the cells read wrong (must be 0).
"""

from __future__ import annotations

import argparse
import json
import math
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from disclosure_analysis.corpus.extraction import extract_path
from disclosure_analysis.synth import FORMATS, generate
from disclosure_analysis.synth import RENDERINGS as TEXT_RENDERINGS
from disclosure_analysis.synth.tree import all_agencies

YEARS = range(2019, 2025)
RENDERINGS = (*FORMATS, *TEXT_RENDERINGS)


def build_corpus(root: Path, per_format: int, formats: list[str]) -> list[dict]:
    """Generate (or reuse) `per_format` reports of each format under `root`; return their truth records."""
    records: list[dict] = []
    per_batch = len(all_agencies()) * len(YEARS)
    for fmt in formats:
        for seed in range(math.ceil(per_format / per_batch)):
            agencies = min(len(all_agencies()), math.ceil((per_format - seed * per_batch) / len(YEARS)))
            out = root / fmt / f"seed{seed}-agencies{agencies}"
            truth = out / "truth.jsonl"
            if not truth.exists():
                generate(out, agencies=agencies, years=YEARS, formats=[fmt], seed=seed)
            batch = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]
            records += [{**r, "path": out / r["file"]} for r in batch][: per_format - seed * per_batch]
    return records


def run(records: list[dict]) -> dict[str, dict[str, float]]:
    wall: dict[str, float] = defaultdict(float)
    cpu: dict[str, float] = defaultdict(float)
    count: dict[str, int] = defaultdict(int)
    wrong: dict[str, int] = defaultdict(int)
    nulled: dict[str, int] = defaultdict(int)
    bad: dict[str, int] = defaultdict(int)
    unflagged: dict[str, int] = defaultdict(int)
    cells: dict[str, int] = defaultdict(int)
    for r in records:
        fmt = r["format"]
        start, start_cpu = time.perf_counter(), time.process_time()
        result = extract_path(r["path"])
        wall[fmt] += time.perf_counter() - start
        cpu[fmt] += time.process_time() - start_cpu
        count[fmt] += 1
        got = result.values()
        wrong[fmt] += any(got.get(k, "absent") != v for k, v in r["cells"].items())
        cells[fmt] += len(r["cells"])
        lost = [k for k, v in r["cells"].items() if got.get(k) is None and v is not None]
        nulled[fmt] += len(lost)
        unflagged[fmt] += sum(k not in result.cells or not result.cells[k].flag for k in lost)
        bad[fmt] += sum(got.get(k) is not None and got.get(k, "absent") != v for k, v in r["cells"].items())
    return {
        fmt: {
            "n": count[fmt],
            "wall": count[fmt] / wall[fmt],
            "cpu": count[fmt] / cpu[fmt],
            "wrong": wrong[fmt],
            "nulled": nulled[fmt] / max(cells[fmt], 1),
            "bad": bad[fmt],
            "unflagged": unflagged[fmt],
        }
        for fmt in count
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--n", type=int, default=10_000, help="reports in all (split evenly over the formats)"
    )
    parser.add_argument("--formats", default=",".join(RENDERINGS))
    parser.add_argument(
        "--passes", type=int, default=1, help="read the files this many times; each format's best pass counts"
    )
    parser.add_argument(
        "--corpus", type=Path, help="folder to generate into and reuse (default: a temp folder)"
    )
    args = parser.parse_args()
    formats = args.formats.split(",")
    with tempfile.TemporaryDirectory() as tmp:
        root = args.corpus or Path(tmp)
        records = build_corpus(root, args.n // len(formats), formats)
        extract_path(records[0]["path"])  # imports and caches warmed before timing
        passes = [run(records) for _ in range(args.passes)]
        results = {fmt: max((p[fmt] for p in passes), key=lambda r: r["cpu"]) for fmt in passes[0]}
    print(f"{'format':<9} {'reports':>8} {'reports/s':>10} {'per CPU s':>10} {'mismatched':>10} {'null':>6} {'wrong':>6} {'unflagged null':>14}")
    for fmt, r in results.items():
        print(
            f"{fmt:<9} {r['n']:>8} {r['wall']:>10.1f} {r['cpu']:>10.1f} {r['wrong']:>10}"
            f" {r['nulled']:>6.1%} {r['bad']:>6} {r['unflagged']:>14}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
