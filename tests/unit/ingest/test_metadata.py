"""The title of a report, and not of a text about a report."""

from __future__ import annotations

import pytest

from disclosure_analysis.ingest.document import Document, Paragraph
from disclosure_analysis.ingest.metadata import agency_info, find_title
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


@pytest.mark.parametrize("line", [
    "某某区2022-2023年政府信息公开工作年度报告",
    "某某区2022年至2023年政府信息公开工作年度报告",
    "某某区2022—2023年度政府信息公开工作年度报告",
])
def test_a_title_naming_a_span_of_years_gives_no_year(line: str) -> None:
    title = _title(f"{line}\n一、总体情况")
    assert title is None or title.year is None


def test_a_portal_suffix_is_still_dropped() -> None:
    title = _title("某某县人民政府2021年政府信息公开工作年度报告-某某县人民政府门户网站\n一、总体情况")
    assert title is not None and (title.agency, title.year) == ("某某县人民政府", 2021)


@pytest.mark.parametrize("page", [
    "政府信息公开\n名称 | 某某县发展和改革局2023年政府信息公开年度报告 |\n索引号 | 0143/2024-00002 |",
    "政府信息公开\n名称 某某县发展和改革局2023年政府信息公开年度报告\n发布机构 某某县发展和改革局",
    "名称：某某县发展和改革局2023年政府信息公开年度报告",
])
def test_a_portal_info_table_names_the_report_without_its_menu_or_label(page: str) -> None:
    """A portal's menu item 政府信息公开 above its info table's 名称 row is no part of the title."""
    title = _title(page)
    assert title is not None and (title.agency, title.year) == ("某某县发展和改革局", 2023)


@pytest.mark.parametrize(("name", "kind", "is_government"), [
    ("淮安市人民政府", "government", True),
    ("洪泽区", "government", True),  # a bare place name: that place's government report
    ("沭阳县发展和改革局", "department", False),
    ("上海市人民政府办公厅", "department", False),
    ("平潭综合实验区管委会办公室", "department", False),
    ("样本县清泉镇人民政府", "township", True),
    ("范例区南苑街道办事处", "township", False),  # the district's agency, not a people's government
    ("某某市住房公积金管理中心", "institution", False),
    ("平潭综合实验区", "unknown", None),  # a zone: the name does not say whose report it publishes
    ("某某经济技术开发区管委会", "unknown", None),
    ("某某县公路管理处", "unknown", None),  # no rule settles it: unknown, never a department by default
])
def test_agency_kind_from_the_name(name: str, kind: str, is_government: bool | None) -> None:
    info = agency_info(name)
    assert (info.kind, info.is_government) == (kind, is_government)


def test_a_zone_says_why_its_kind_is_unknown() -> None:
    assert "登记表" in (agency_info("平潭综合实验区").kind_note or "")
