"""OCR round trip on synthetic reports: what share of the truth cells comes back exact, and whether any
wrong cell is left without a flag (there must be none).

    python bench/bench_scan.py                                   # 50 scans: 10 agencies × 2019–2023
    python bench/bench_scan.py --agencies 4 --years 2022-2023 --formats scan --corpus /tmp/scan-corpus
    python bench/bench_scan.py --shard 0/2 & python bench/bench_scan.py --shard 1/2   # on two cores

Reports are generated first (not timed; `--corpus DIR` keeps them for a rerun), then each is read as
`extract --json` reads it (`corpus.extraction.extract_json`) in this one process, and each truth cell is
compared. Each report's figures are appended to `bench-results.jsonl` in the corpus folder as it is done,
so an interrupted run resumes where it stopped; the table sums up every report done so far. Prints per format: reports, cells, cells exact, wrong cells with a flag, wrong cells without
one (listed), all cells flagged `ocr_uncertain` (right or wrong), and CPU seconds per report.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from pathlib import Path

from disclosure_analysis.corpus.extraction import extract_json
from disclosure_analysis.synth import TRUTH_FILE, generate


def years(text: str) -> list[int]:
    first, _, last = text.partition("-")
    return list(range(int(first), int(last or first) + 1))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agencies", type=int, default=10)
    ap.add_argument("--years", type=years, default=years("2019-2023"))
    ap.add_argument("--formats", default="scan", help="comma-separated renderings read by OCR")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--corpus", type=Path, help="folder to keep the generated reports in")
    ap.add_argument("--shard", default="0/1", help="i/n: read only every n-th report from the i-th (0-based)")
    args = ap.parse_args()
    formats = args.formats.split(",")
    root = args.corpus or Path("/tmp") / f"bench-scan-{args.agencies}-{args.seed}-{'-'.join(formats)}"
    if not (root / TRUTH_FILE).exists():
        generate(root, agencies=args.agencies, years=args.years, formats=formats, seed=args.seed)
    results = root / "bench-results.jsonl"
    done = {json.loads(line)["file"] for line in results.read_text(encoding="utf-8").splitlines()} if results.exists() else set()
    shard, shards = (int(x) for x in args.shard.split("/"))
    records = [json.loads(line) for line in (root / TRUTH_FILE).read_text(encoding="utf-8").splitlines()]
    for n, truth in enumerate(records):
        if n % shards != shard or truth["file"] in done:
            continue
        start = time.process_time()
        res = extract_json(str(root / truth["file"]))
        row = {"file": truth["file"], "format": truth["format"], "cpu": time.process_time() - start, "read_by": res["read_by"]}
        row["cells"] = len(truth["cells"])
        row["exact"] = sum(res["cells"].get(k, "absent") == v for k, v in truth["cells"].items())
        wrong = {k: (v, res["cells"].get(k, "absent")) for k, v in truth["cells"].items() if res["cells"].get(k, "absent") != v}
        row["flagged"] = sum(k in res["cell_flags"] for k in wrong)
        row["unflagged"] = [f"{k}: truth {v}, read {got}" for k, (v, got) in wrong.items() if k not in res["cell_flags"]]
        row["doubted"] = sum(k in res["cell_doubts"] for k in truth["cells"])
        with results.open("a", encoding="utf-8") as out:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        print(f"{truth['file']}: {res['status']}, read by {res['read_by']}", flush=True)
    totals: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    unflagged: list[str] = []
    for line in results.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        row = totals[r["format"]]
        for key in ("cpu", "cells", "exact", "flagged", "doubted"):
            row[key] += r[key]
        row["reports"] += 1
        row["ocr"] += r["read_by"] == "ocr"
        row["unflagged"] += len(r["unflagged"])
        unflagged += [f"{r['file']} {w}" for w in r["unflagged"]]
    print(f"corpus {root}, seed {args.seed}: {sum(r['reports'] for r in totals.values()):.0f} of {len(records)} reports done")
    print("| format | reports | read by OCR | cells | exact | wrong, flagged | wrong, no flag | flagged ocr_uncertain | CPU s per report |")
    print("|---|---|---|---|---|---|---|---|---|")
    for fmt, row in totals.items():
        share = 100 * row["exact"] / max(row["cells"], 1)
        print(
            f"| {fmt} | {row['reports']:.0f} | {row['ocr']:.0f} | {row['cells']:.0f} | {row['exact']:.0f} ({share:.2f} %) "
            f"| {row['flagged']:.0f} | {row['unflagged']:.0f} | {row['doubted']:.0f} ({100 * row['doubted'] / max(row['cells'], 1):.1f} %) "
            f"| {row['cpu'] / row['reports']:.1f} |"
        )
    print("\n".join(unflagged) or "no wrong cell without a flag")


if __name__ == "__main__":
    main()
