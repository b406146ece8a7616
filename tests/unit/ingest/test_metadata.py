"""The title of a report, and not of a text about a report."""

from __future__ import annotations

import pytest

from disclosure_analysis.ingest.document import Document, Paragraph
from disclosure_analysis.ingest.metadata import find_title
from disclosure_analysis.ingest.stream import lines_of


def _title(text: str):
    return find_title(lines_of(Document("x.txt", "text", [Paragraph(line) for line in text.splitlines()])))


@pytest.mark.parametrize("line", [
    "关于2023年政府信息公开工作年度报告的新闻发布会",
    "《某某市人民政府2023年政府信息公开工作年度报告》解读",
    "图解：某某县2022年政府信息公开工作年度报告",
    "关于做好2023年政府信息公开工作年度报告编制工作的通知",
])
def test_a_text_about_a_report_has_no_report_title(line: str) -> None:
    assert _title(f"{line}\n今天上午，市政府新闻办举行新闻发布会。") is None


@pytest.mark.parametrize(("line", "agency", "year"), [
    ("某某市人民政府2023年政府信息公开工作年度报告", "某某市人民政府", 2023),
    ("某某县发展和改革局2022年度政府信息公开工作年度报告（全文）", "某某县发展和改革局", 2022),
    ("关于某某区人民政府2021年政府信息公开工作年度报告", "某某区人民政府", 2021),
])
def test_report_titles_are_still_read(line: str, agency: str, year: int) -> None:
    title = _title(f"{line}\n一、总体情况")
    assert title is not None and (title.agency, title.year) == (agency, year)
