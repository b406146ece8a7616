"""The site links to the assessment once `assess` has written it, whichever command came last: index.html to
assessment.html, each agency page to its scorecard."""

from __future__ import annotations

from pathlib import Path

from disclosure_analysis.site.index import render_index
from disclosure_analysis.site.job import PageOutput, write_output
from disclosure_analysis.site.links import update_links
from disclosure_analysis.site.pages import OK, Page, PageResult, RunResult

PAGE_HTML = '<nav class="site-nav"><a href="../index.html">← 返回目录</a><!-- scorecard --><!-- /scorecard --></nav>'


def _agency(site: Path) -> Page:
    page = Page("agency", "agencies/shi-ju-1a2b", "示例局", {}, [], agency_id="shi-ju-1a2b")
    write_output(site, page, PageOutput("", PAGE_HTML, {}, [], None, 0.0))
    return page


def _assessment(site: Path) -> None:
    (site / "assessment" / "scorecards").mkdir(parents=True)
    (site / "assessment" / "assessment.html").write_text("<html></html>", encoding="utf-8")
    (site / "assessment" / "scorecards" / "shi-ju-1a2b.html").write_text("<html></html>", encoding="utf-8")


def test_assess_after_run_links_the_index_and_the_agency_pages(tmp_path: Path) -> None:
    page = _agency(tmp_path)
    result = RunResult(tmp_path, [PageResult(page, OK)])
    result.index.write_text(render_index(result, "语料"), encoding="utf-8")
    agency_page = tmp_path / page.html
    assert "assessment/" not in result.index.read_text(encoding="utf-8") + agency_page.read_text(encoding="utf-8")
    _assessment(tmp_path)
    update_links(tmp_path)  # what assess does after writing the assessment
    assert 'href="assessment/assessment.html"' in result.index.read_text(encoding="utf-8")
    assert 'href="../assessment/scorecards/shi-ju-1a2b.html"' in agency_page.read_text(encoding="utf-8")
    linked = agency_page.read_bytes()
    for path in (tmp_path / "assessment").rglob("*.html"):
        path.unlink()
    update_links(tmp_path)  # a stale link is taken out
    assert "assessment/" not in result.index.read_text(encoding="utf-8") + agency_page.read_text(encoding="utf-8")
    (tmp_path / "assessment" / "scorecards" / "shi-ju-1a2b.html").write_text("<html></html>", encoding="utf-8")
    _agency(tmp_path)  # run after assess: the same page whichever command came last
    assert agency_page.read_bytes() == linked
