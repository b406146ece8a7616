"""The lesson's page in a site plan: the case chosen as the notebook will choose it (`analysis.lesson`),
pinned in the page's parameters, and its two editions (`site.editions`)."""

from __future__ import annotations

from typing import Any

from disclosure_analysis.analysis.lesson import CaseError, choose_case
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.site.config import RunConfig
from disclosure_analysis.site.editions import TEACHER
from disclosure_analysis.site.pages import FAILED, Page, PageResult

PATH = f"lesson-{TEACHER}"


def lesson_page(corpus: Corpus, config: RunConfig, common: dict[str, Any]) -> Page | PageResult | None:
    """The lesson page; a failed result saying why no report fits what the configuration asks for; None when
    it asks for nothing in particular and no report has 表三 numbers (as for the case study).

    Its inputs are every report of the corpus: the default case is the corpus's most instructive report,
    and the lesson compares it with its peers and its agency's other years.
    """
    parameters = {
        **common,
        "agency": config.lesson_agency,
        "year": config.lesson_year,
        "two_reports": config.lesson_two_reports,
        "agencies": list(config.agencies),
        "years": list(config.years),
    }
    try:
        case = choose_case(
            corpus, config.lesson_agency, config.lesson_year or None, config.lesson_two_reports,
            config.agencies, config.years,
        )
    except CaseError as exc:
        if not (config.lesson_agency or config.lesson_year or config.lesson_two_reports or config.agencies):
            return None
        page = Page(notebook="lesson", path=PATH, title="课堂教学", parameters=parameters, inputs=[], editions=True)
        return PageResult(page, FAILED, error=str(exc))
    years = sorted({case.year, *([_year(corpus, case.partner_id)] if case.partner_id else [])})
    return Page(
        notebook="lesson",
        path=PATH,
        title=f"课堂教学：{case.title}" + ("（两份报告对照）" if case.partner_id else ""),
        parameters={**parameters, "agency": case.agency_id, "year": case.year},  # the case, pinned
        inputs=sorted(corpus.manifest["sha256"].dropna()),
        agency_id=case.agency_id,
        years=years,
        editions=True,
    )


def _year(corpus: Corpus, report_id: str) -> int:
    return int(corpus.reports.loc[corpus.reports["report_id"] == report_id, "year"].iloc[0])
