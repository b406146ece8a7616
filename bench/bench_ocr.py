"""OCR speed per page: CPU seconds per page (one core) at the default resolution, and where they go.

    python bench/bench_ocr.py                      # the three real PDFs of ../shared/corpus/raw
    python bench/bench_ocr.py --dpi 200 --pdf X.pdf

Each PDF is first rasterised to an image-only copy (as a scan: JPEG pages at `--scan-dpi`, not timed), then
each page is read as `ingest.readers.ocr` reads it, timing in CPU seconds: rendering and deskewing,
finding the tables (ruling lines, grid), cutting cells and text into line crops, and recognition. Pages
with a table are reported apart from text-only pages.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import pypdfium2 as pdfium

from disclosure_analysis.ingest.readers.ocr import engine, grid, image, layout

RAW = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "raw"


def scan_copy(pdf: Path, dpi: int, out: Path) -> Path:
    doc = pdfium.PdfDocument(pdf)
    pages = [doc[i].render(scale=dpi / 72).to_pil().convert("RGB") for i in range(len(doc))]
    doc.close()
    pages[0].save(out, save_all=True, append_images=pages[1:], resolution=dpi, quality=85)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pdf", type=Path, action="append", help="PDF(s) to scan and read (default: ../shared/corpus/raw)")
    ap.add_argument("--scan-dpi", type=int, default=150, help="resolution of the simulated scan")
    ap.add_argument("--dpi", type=int, default=image.RENDER_DPI, help="resolution the reader renders pages at")
    args = ap.parse_args()
    pdfs = args.pdf or sorted(RAW.glob("*.pdf"))
    rec = engine.recogniser()
    spent: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    pages: dict[str, int] = defaultdict(int)
    recognise = rec.read

    def timed_read(crops: list) -> list:
        t = time.process_time()
        try:
            return recognise(crops)
        finally:
            timed_read.spent += time.process_time() - t

    rec.read = timed_read
    with tempfile.TemporaryDirectory() as tmp:
        for pdf in pdfs:
            scan = pdfium.PdfDocument(scan_copy(pdf, args.scan_dpi, Path(tmp) / pdf.name))
            for number in range(len(scan)):
                t0 = time.process_time()
                ((_, gray),) = image.pdf_pages(scan, [number], args.dpi)
                t1 = time.process_time()
                grids = grid.find_grids(*grid.rulings(gray))
                t2 = time.process_time()
                timed_read.spent = 0.0
                layout.read_page(gray)
                t3 = time.process_time()
                kind = "table page" if grids else "text page"
                pages[kind] += 1
                spent[kind]["render + deskew"] += t1 - t0
                spent[kind]["tables (rulings, grid)"] += t2 - t1
                spent[kind]["recognition"] += timed_read.spent
                spent[kind]["line crops"] += (t3 - t2) - timed_read.spent - (t2 - t1)
            scan.close()
    print(f"rendered at {args.dpi} dpi (scans at {args.scan_dpi} dpi), {', '.join(p.name for p in pdfs)}")
    for kind, parts in spent.items():
        total = sum(parts.values())
        print(f"{kind}: {pages[kind]} pages, {total / pages[kind]:.2f} CPU s per page")
        for part, s in parts.items():
            print(f"  {part:<24} {s / pages[kind]:6.2f} s  {100 * s / total:5.1f} %")


if __name__ == "__main__":
    main()
