"""Links from the site to the assessment, which `assess` may write after the site: index.html links to
assessment.html, an agency page to the agency's scorecard. Pages carry a marked place for each link that
`run` fills when it writes a page and `assess` when it writes the assessment, so a page's bytes depend only
on what the output folder holds, not on which command came last."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

INDEX = ("<!-- assessment -->", "<!-- /assessment -->")
SCORECARD = ("<!-- scorecard -->", "<!-- /scorecard -->")


def index_link(site: Path) -> str:
    """index.html's marked place, with the link to the assessment when `site` has one."""
    link = ""
    if (site / "assessment" / "assessment.html").is_file():
        link = (
            '<h2>评估结果</h2><p><a href="assessment/assessment.html">年报评估结果</a>：'
            "评分和名次、问题清单（可在页面中确认或驳回）、缺报和重复报告、各机构记分卡。</p>"
        )
    return INDEX[0] + link + INDEX[1]


def scorecard_link(site: Path, agency_id: str) -> str:
    """An agency page's marked place, with the link to its scorecard when `site` has one (the page is
    agencies/<id>.html, the scorecard assessment/scorecards/<id>.html)."""
    link = ""
    if (site / "assessment" / "scorecards" / f"{agency_id}.html").is_file():
        link = f' · <a href="../assessment/scorecards/{agency_id}.html">本机构的年报评估记分卡</a>'
    return SCORECARD[0] + link + SCORECARD[1]


def filled(html: str, marks: tuple[str, str], content: str) -> str:
    """`html` with its marked place (`marks`) holding `content` (which includes the marks)."""
    start, end = (re.escape(m) for m in marks)
    return re.sub(f"{start}.*?{end}", lambda _: content, html, count=1, flags=re.S)


def update_links(site: Path) -> None:
    """Fill the marked places of the site's index.html and agency pages (after `assess`)."""
    pages: list[tuple[Path, tuple[str, str], Callable[[], str]]] = [(site / "index.html", INDEX, lambda: index_link(site))]
    for page in sorted((site / "agencies").glob("*.html")):
        pages.append((page, SCORECARD, lambda page=page: scorecard_link(site, page.stem)))
    for path, marks, content in pages:
        if not path.is_file():
            continue
        text = path.read_text(encoding="utf-8")
        updated = filled(text, marks, content())
        if updated != text:
            path.write_text(updated, encoding="utf-8")
