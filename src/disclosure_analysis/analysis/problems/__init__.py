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

    from disclosure_analysis.corpus import Corpus

__all__ = ["report_signals", "statements"]


def statements(corpus: Corpus) -> pd.DataFrame:
    """The statements of every report's section 五, with kind, offsets, topics and evidence, concrete
    details, whether each is copied from the agency's previous report, and the problem each measure answers
    (same report) or rectification rectifies (previous report), as indexes into that report's statements."""
    import pandas as pd

    from disclosure_analysis.analysis.problems.classify import code
    from disclosure_analysis.analysis.problems.followup import Said, links, topics
    from disclosure_analysis.analysis.problems.segment import segment
    from disclosure_analysis.analysis.problems.specificity import details
    from disclosure_analysis.corpus.schema import frame

    five = corpus.sections[corpus.sections["section"] == "problems"].drop_duplicates("report_id")
    reports = []  # (section row, its statements with their coding)
    for r in five.itertuples():
        year = None if pd.isna(r.year) else int(r.year)
        reports.append((r, [(s, code(s.kind, s.text)) for s in segment(r.text, year)]))
    by_year = {(r.agency_id, int(r.year)): (r, said) for r, said in reports if pd.notna(r.year)}
    rows = []
    for r, said in reports:
        current = [Said(s.kind, s.text, None, topics(';'.join(c.categories))) for s, c in said]
        before = by_year.get((r.agency_id, int(r.year) - 1)) if pd.notna(r.year) else None
        previous = [Said(s.kind, s.text, None, topics(';'.join(c.categories))) for s, c in before[1]] if before else []
        for (s, coding), link in zip(said, links(current, previous, before[0].text if before else None), strict=True):
            rows.append({
                "report_id": r.report_id, "agency_id": r.agency_id, "year": r.year, "kind": s.kind,
                "text": s.text, "start": s.start, "end": s.end,
                "categories": ";".join(coding.categories), "evidence": coding.evidence_text(),
                "concrete": details(s.text).text(), "copied": link.copied, "answers": link.answers,
                "rectifies": link.rectifies,
            })
    return frame("statements", rows)


def report_signals(corpus: Corpus, statements_table: pd.DataFrame | None = None) -> pd.DataFrame:
    """Per-report signals of section 五; pass `statements(corpus)` if already computed."""
    from disclosure_analysis.analysis.problems.signals import report_signals as _signals

    table = statements(corpus) if statements_table is None else statements_table
    return _signals(corpus.reports, corpus.sections, table)
