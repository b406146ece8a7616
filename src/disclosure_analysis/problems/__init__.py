"""Section 五 (存在的主要问题及改进情况) as data: statements, topics and per-report quality signals.

    statements(corpus)      one row per statement (table "statements" in `schema.TABLES`)
    report_signals(corpus)  one row per report (table "problem_signals")

The word segmenter, codebook and pandas are imported when these run, not with the package (the CLI
builds its parser from `problems.cli` without them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

    from ..corpus import Corpus

__all__ = ["report_signals", "statements"]


def statements(corpus: Corpus) -> pd.DataFrame:
    """The statements of every report's section 五, with kind, offsets, topics and evidence."""
    import pandas as pd

    from ..schema import frame
    from .classify import code
    from .segment import segment

    rows = []
    five = corpus.sections[corpus.sections["section"] == "problems"]
    for r in five.itertuples():
        year = None if pd.isna(r.year) else int(r.year)
        for s in segment(r.text, year):
            coding = code(s.kind, s.text)
            rows.append({
                "report_id": r.report_id, "agency_id": r.agency_id, "year": r.year, "kind": s.kind,
                "text": s.text, "start": s.start, "end": s.end,
                "categories": ";".join(coding.categories), "evidence": coding.evidence_text(),
            })
    return frame("statements", rows)


def report_signals(corpus: Corpus, statements_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-report signals of section 五; pass `statements(corpus)` if already computed."""
    from .signals import report_signals as _signals

    table = statements(corpus) if statements_table is None else statements_table
    return _signals(corpus.reports, corpus.sections, table)
