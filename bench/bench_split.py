"""Speed of splitting run-together tables (readers/runtogether): 表三, 表四 and 表二 of synthetic reports.

    python bench/bench_split.py                 # 1,000 tables
    python bench/bench_split.py --n 1000 --digits 3

Each table is a synthetic report's true cells (the simulated agencies of every size, 2019–2024, both
formats) printed as a crawler does: a row's cells run together, a blank cell leaving nothing. `--digits N`
also times tables whose every 表三/表四 cell is scaled up to N digits (a busy agency, the solver's worst
ground: every row splits many ways). Printed: CPU time per table (mean, median, 99th percentile, max),
split by table, and the share of cells left null.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Iterator

from disclosure_analysis.formats import table2, table3
from disclosure_analysis.ingest.readers.runtogether.tables import split_table2, split_table3, split_table4
from disclosure_analysis.synth.tables import simulate
from disclosure_analysis.synth.tree import all_agencies


def tables(n: int) -> Iterator[tuple[str, dict]]:
    """(version, cells) of `n` synthetic reports."""
    count, seed = 0, 0
    while True:
        for agency in all_agencies():
            for year_tables in simulate(seed, agency, 2024).values():
                yield year_tables.version, year_tables.cells
                count += 1
                if count == n:
                    return
        seed += 1


def _run(values: list) -> list[str]:
    return ["".join("" if v is None else str(v) for v in values)]


def runs(version: str, cells: dict, scale: int) -> tuple[dict, list, dict]:
    """The table's rows as a crawler prints them: (表三 runs, 表四 run, 表二 runs)."""

    def v(key: str) -> int | float | None:
        x = cells[key]
        return None if x is None else x * scale

    t3 = {s.code: _run([v(f"t3.{s.code}.{c}") for c in table3().column_codes])
          for s in table3().row_specs(version)}
    t4 = _run([v(k) for k in sorted(k for k in cells if k.startswith("t4."))])
    t2 = {s.code: _run([cells[f"t2.{c}"] for c in s.codes]) for s in table2().versions[version]}
    return t3, t4, t2


def bench(n: int, scale: int) -> None:
    times: dict[str, list[float]] = {"表三": [], "表四": [], "表二": []}
    nulls = total = 0
    for version, cells in tables(n):
        t3, t4, t2 = runs(version, cells, scale)
        start = time.process_time()
        s3 = split_table3(version, t3)
        times["表三"].append(time.process_time() - start)
        start = time.process_time()
        s4 = split_table4(t4, s3.printed_in_full)
        times["表四"].append(time.process_time() - start)
        start = time.process_time()
        s2 = split_table2(t2, version, s3.printed_in_full)
        times["表二"].append(time.process_time() - start)
        for split in (s3, s4, s2):
            total += len(split.cells)
            nulls += sum(raw is None for raw, _ in split.cells.values())
    print(f"{n} tables, cells ×{scale}: {nulls / total:.1%} of the cells null")
    print(f"{'table':<6} {'mean ms':>8} {'median':>8} {'p99':>8} {'max':>8} {'total s':>8}")
    for name, ts in times.items():
        ts.sort()
        print(
            f"{name:<6} {statistics.mean(ts) * 1e3:>8.2f} {statistics.median(ts) * 1e3:>8.2f}"
            f" {ts[int(len(ts) * 0.99)] * 1e3:>8.2f} {ts[-1] * 1e3:>8.2f} {sum(ts):>8.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="tables")
    parser.add_argument("--digits", type=int, default=0, help="also time cells scaled to this many digits")
    args = parser.parse_args()
    split_table3("2021", {})  # imports and caches warmed
    bench(args.n, 1)
    if args.digits:
        bench(args.n, 10 ** (args.digits - 1))


if __name__ == "__main__":
    main()
