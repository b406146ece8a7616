"""Which pages a run makes from a corpus and a configuration, with the report files each depends on."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from disclosure_analysis.analysis.metrics import richest_report, subset
from disclosure_analysis.corpus import Corpus
from disclosure_analysis.page.display import is_safe_id
from disclosure_analysis.site.config import RunConfig
from disclosure_analysis.site.lesson import lesson_page
from disclosure_analysis.site.pages import FAILED, Page, PageResult


def plan_pages(corpus: Corpus, config: RunConfig, corpus_path: Path) -> tuple[list[Page], list[PageResult]]:
    """The pages to render, and failures known before running (unknown or unsafe agency ids)."""
    reports = subset(corpus.reports, config.agencies, config.years)
    file_hash = dict(zip(corpus.manifest["report_id"], corpus.manifest["sha256"], strict=True))
    common = {"corpus": str(corpus_path), "output_dir": "."}  # pages run in a folder of their own
    register = []  # the register's content hash is an input of every page that reads it
    if config.register:
        path = Path(config.register).resolve()
        common["register"] = str(path)
        register = [hashlib.sha256(path.read_bytes()).hexdigest()]
    covariates: dict[str, str] = {}  # the agency and overview pages show per-capita figures from it
    if config.covariates:
        path = Path(config.covariates).resolve()
        covariates["covariates"] = str(path)
        register.append(hashlib.sha256(path.read_bytes()).hexdigest())
    pages: list[Page] = []
    failed: list[PageResult] = []
    if "agency" in config.notebooks:
        present = set(reports["agency_id"].dropna())
        for agency_id in sorted(present | set(config.agencies)):
            own = reports[reports["agency_id"] == agency_id]
            page = Page(
                notebook="agency",
                path=f"agencies/{agency_id if is_safe_id(agency_id) else _placeholder(agency_id)}",
                title=_name(own, agency_id),
                parameters={
                    **common,
                    "agency_id": agency_id,
                    "years": list(config.years),
                    "peer_group": config.peer_group,
                    **covariates,
                },
                inputs=[file_hash[r] for r in own["report_id"]] + register,
                agency_id=agency_id,
                years=_years(own),
            )
            if not is_safe_id(agency_id):
                failed.append(
                    PageResult(page, FAILED, error="机构编号含有不允许的字符（只允许小写字母、数字和连字符）")
                )
            elif own.empty:
                failed.append(PageResult(page, FAILED, error="语料中没有该机构在所选年度的报告"))
            else:
                pages.append(page)
    if "overview" in config.notebooks and not reports.empty:
        unread = corpus.unread["sha256"].dropna()
        pages.append(
            Page(
                notebook="overview",
                path="overview",
                title="语料总览",
                parameters={**common, **covariates, "years": list(config.years), "agencies": list(config.agencies)},
                inputs=[file_hash[r] for r in reports["report_id"]] + list(unread) + register,
                years=_years(reports),
            )
        )
    if "case_study" in config.notebooks:
        report_id = config.case_study_report or richest_report(
            corpus.table3[corpus.table3["report_id"].isin(reports["report_id"])]
        )
        chosen = corpus.reports[corpus.reports["report_id"].isin([report_id])]
        agency_id = str(chosen["agency_id"].iloc[0]) if not chosen.empty else None
        year = "、".join(map(str, _years(chosen))) or "年度不详的"
        page = Page(
            notebook="case_study",
            path="case_study",
            title=f"案例精读：{_name(chosen, agency_id or '')} {year} 年度报告",
            parameters={**common, "report_id": report_id or ""},
            inputs=[file_hash[report_id]] if agency_id else [],
            agency_id=agency_id,
            years=_years(chosen),
        )
        if agency_id:
            pages.append(page)
        elif config.case_study_report:
            failed.append(PageResult(page, FAILED, error=f"语料中没有报告 {config.case_study_report}"))
    if "lesson" in config.notebooks:
        lesson = lesson_page(corpus, config, common)
        if isinstance(lesson, Page):
            pages.append(lesson)
        elif lesson is not None:
            failed.append(lesson)
    return pages, failed


def corpus_hash(corpus: Corpus) -> str:
    """A hash of the corpus's content: its files and their hashes."""
    files = sorted(
        zip(corpus.manifest["source"].astype(str), corpus.manifest["sha256"].astype(str), strict=True)
    )
    return hashlib.sha256("\n".join(f"{s}\t{h}" for s, h in files).encode()).hexdigest()


def _years(reports: pd.DataFrame) -> list[int]:
    return sorted(int(y) for y in reports["year"].dropna().unique())


def _name(reports: pd.DataFrame, fallback: str) -> str:
    names = reports.sort_values("year")["agency"].dropna()
    return str(names.iloc[-1]) if not names.empty else fallback


def _placeholder(agency_id: str) -> str:
    return "invalid-" + hashlib.sha256(agency_id.encode()).hexdigest()[:8]
