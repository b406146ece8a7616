"""Generate synthetic reports and their ground truth (truth.jsonl), deterministically."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from disclosure_analysis.formats import table2
from disclosure_analysis.synth import ALL_FORMATS, FORMATS, SUFFIXES, TRUTH_FILE, copying
from disclosure_analysis.synth.faults import apply as apply_fault
from disclosure_analysis.synth.faults import chain_break
from disclosure_analysis.synth.faults import plan as plan_faults
from disclosure_analysis.synth.layout import blocks
from disclosure_analysis.synth.model import Block
from disclosure_analysis.synth.narrative import narrative, problems, published
from disclosure_analysis.synth.rand import rng_for
from disclosure_analysis.synth.render_crawl import render as render_crawl
from disclosure_analysis.synth.render_docx import render as render_docx
from disclosure_analysis.synth.render_embedded import render as render_embedded
from disclosure_analysis.synth.render_flipbook import render as render_flipbook
from disclosure_analysis.synth.render_html import render as render_html
from disclosure_analysis.synth.render_markdown import render as render_markdown
from disclosure_analysis.synth.render_pasted import render_cells, render_pipe, render_pipeline
from disclosure_analysis.synth.render_pdf import render as render_pdf
from disclosure_analysis.synth.render_pictures import render_html_page, render_word
from disclosure_analysis.synth.render_scan import render as render_scan
from disclosure_analysis.synth.render_text import render as render_text
from disclosure_analysis.synth.report import Report
from disclosure_analysis.synth.style import style_for
from disclosure_analysis.synth.tables import YearTables, makes_rules, simulate, version_for
from disclosure_analysis.synth.tree import Agency, select_agencies

RENDERERS: dict[str, Callable[[Report, list[Block]], bytes]] = {
    "txt": render_text,
    "html": render_html,
    "docx": render_docx,
    "pdf": render_pdf,
    "scan": render_scan,
    "docximg": render_word,
    "crawl": render_crawl,
    "pipe": render_pipe,
    "pipeline": render_pipeline,
    "cells": render_cells,
    "skeleton": render_pipe,  # of the report without its numbers (`Report.skeleton`)
    "flipbook": render_flipbook,
    "embedded": render_embedded,
    "markdown": render_markdown,
}
#: renderings of several files (a web page and its pictures): (report, blocks, name) → file name → bytes
PAGES: dict[str, Callable[[Report, list[Block], str], dict[str, bytes]]] = {"htmlimg": render_html_page}


def generate(
    outdir: str | Path,
    agencies: int = 20,
    years: Iterable[int] = range(2019, 2025),
    formats: Sequence[str] = FORMATS,
    seed: int = 7,
    faults: float = 0.0,
) -> list[dict]:
    """Write `agencies` × `years` reports into `outdir` and truth.jsonl; return the truth records.

    Formats go round-robin over (agency, year), so every given format appears; `faults` is the share
    of reports that get one recorded publishing error. Same arguments → byte-identical files.
    """
    if unknown := [f for f in formats if f not in RENDERERS and f not in PAGES]:
        raise ValueError(f"unknown format(s) {unknown}; choose from {list(ALL_FORMATS)}")
    if not formats:
        raise ValueError("at least one format is needed")
    out = Path(outdir)
    out.mkdir(parents=True, exist_ok=True)
    chosen, years = select_agencies(agencies), sorted(set(years))
    index = {a.id: i for i, a in enumerate(chosen)}
    records = []
    for report in build_reports(seed, chosen, years, faults):
        fmt = formats[(index[report.agency.id] + years.index(report.year)) % len(formats)]
        if fmt == "skeleton":
            report = report.skeleton()
        name = f"{report.year}_{report.agency.id}.{SUFFIXES.get(fmt, fmt)}"
        shown = blocks(report)
        files = PAGES[fmt](report, shown, name) if fmt in PAGES else {name: RENDERERS[fmt](report, shown)}
        for file, data in files.items():
            (out / file).parent.mkdir(parents=True, exist_ok=True)
            (out / file).write_bytes(data)
        records.append(report.truth(name, fmt))
    lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    (out / TRUTH_FILE).write_text("".join(lines), encoding="utf-8")
    return records


def build_reports(
    seed: int, agencies: Sequence[Agency], years: Sequence[int], fault_rate: float
) -> list[Report]:
    """Every report as data, agency by agency and year by year (the order formats are dealt in)."""
    for y in years:
        version_for(y)
    plan = plan_faults(seed, [(a.id, y) for a in agencies for y in years], fault_rate)
    copies = copying.sources(seed, agencies, years)
    by_id = {a.id: a for a in agencies}
    written: dict[tuple[str, int], tuple[str, ...]] = {}

    def problems_of(agency_id: str, year: int) -> tuple[str, ...]:
        if (agency_id, year) not in written:
            src = copies.get((agency_id, year))
            agency = by_id[agency_id]
            written[agency_id, year] = (
                problems_of(*src) if src else problems(seed, agency, year, style_for(seed, agency_id))
            )
        return written[agency_id, year]

    reports = []
    for a in agencies:
        x1_years = frozenset(y for y in years if plan.get((a.id, y)) == "X1")
        sim = simulate(seed, a, max(years), x1_years)
        for y in years:
            src = copies.get((a.id, y))
            reports.append(_report(seed, a, y, sim[y], plan.get((a.id, y)), problems_of(a.id, y), src))
    return reports


def _report(
    seed: int,
    agency: Agency,
    year: int,
    year_tables: YearTables,
    fault: str | None,
    problem_text: tuple[str, ...],
    copied: tuple[str, int] | None,
) -> Report:
    style = style_for(seed, agency.id)
    true_cells = year_tables.cells
    cells, marks = dict(true_cells), {}
    if style.slash_not_applicable and not makes_rules(agency):  # 规章: "/" where it does not apply
        row = next(r for r in table2().versions[year_tables.version] if r.code == "regulations")
        for code in row.codes:
            cells[f"t2.{code}"], marks[f"t2.{code}"] = None, "/"
    received = int(true_cells["t3.new_received.total"] or 0)
    records = []
    if fault == "X1":
        records.append(chain_break(year_tables))
    elif fault:
        cells, received, rec = apply_fault(
            fault, rng_for(seed, agency.id, year, "fault"), cells, year_tables.version, received
        )
        records.append(rec)
        marks |= {k: "/" for k, v in rec["printed"].items() if v == "/"}
    return Report(
        agency=agency,
        year=year,
        version=year_tables.version,
        style=style,
        cells=cells,
        marks=marks,
        narrative=narrative(seed, agency, year, true_cells, received),
        problems=problem_text,
        published=published(seed, agency, year),
        faults=tuple(records),
        copied_problems_from={"agency": copied[0], "year": copied[1]} if copied else None,
    )
