"""Agency and year without a title line, each from the most trusted place that says it (renderings.md)."""

from __future__ import annotations

import pytest

from disclosure_analysis.ingest.document import Document, Paragraph
from disclosure_analysis.ingest.identify import identify
from disclosure_analysis.ingest.stream import lines_of


def _identify(text: str, meta: dict | None = None, source: str = "x.txt"):
    doc = Document(source, "text", [Paragraph(line) for line in text.splitlines()])
    return identify(lines_of(doc), meta or {}, source)


@pytest.mark.parametrize(("first", "agency", "year"), [
    ("现公布某某县某某局2021年政府信息公开工作年度报告", "某某县某某局", 2021),
    ("现公布某某县某某局2021年政府信息公开工作年度报告。", "某某县某某局", 2021),
    ("根据《条例》规定，特向社会公布2019年度某某镇政府(机关)信息公开年度报告。", "某某镇政府", 2019),
    ("现将某某县人民政府2025年政府信息公开年度报告向社会公布。", "某某县人民政府", 2025),
    ("依据《条例》和上级有关要求，现将某某市教育局2022年度政府信息公开工作情况报告如下。", "某某市教育局", 2022),
])
def test_a_preamble_sentence_names_the_report(first: str, agency: str, year: int) -> None:
    found = _identify(f"{first}\n一、总体情况\n2021年，我局……")
    assert (found.agency, found.year, found.title) == (agency, year, None)
    assert found.sources == {"agency": "preamble", "year": "preamble"}


def test_the_statistics_period_gives_the_year_and_the_signature_the_agency() -> None:
    text = ("本报告依据《条例》编制，本报告所列数据的统计期限自2024年1月1日起至2024年12月31日止。\n"
            "一、总体情况\n全年主动公开政府信息12条。\n某某县某某局\n2025年1月20日")
    found = _identify(text)
    assert (found.agency, found.year) == ("某某县某某局", 2024)
    assert found.sources == {"agency": "signature", "year": "statistics_period"}
    assert _identify("统计期限为 2025\n年 1 月 1 日至 12 月 31 日。\n一、总体情况").year == 2025
    assert _identify("统计期限自2023年1月1日至2024年6月30日。\n一、总体情况").year is None  # not one year


def test_the_compiler_of_the_report_is_its_agency() -> None:
    found = _identify("根据《条例》要求，某某市发展和改革委员会编制本报告。\n一、总体情况")
    assert found.agency == "某某市发展和改革委员会" and found.year is None


@pytest.mark.parametrize("text", [
    "本报告由某某市人民政府办公室根据《条例》要求编制本报告。\n一、总体情况\n全年主动公开政府信息12条。",
    "根据《条例》要求，编制本报告。\n一、总体情况\n全年主动公开政府信息12条。\n某某县人民政府办公室\n2025年1月20日",
    "一、总体情况\n全年主动公开政府信息12条。\n某某市教育局办公室\n2025年1月20日",
])
def test_an_office_compiling_or_signing_does_not_say_whose_report(text: str) -> None:
    """A government's report is often compiled and signed by its general office (a department's by its
    office): the report may be the parent's or the office's own, so no agency is taken."""
    assert _identify(text).agency is None


def test_order_of_trust() -> None:
    text = "标题: 某某县某某局2022年政府信息公开工作年度报告\n发布时间: 2023-01-10\n现公布某某县另一局2021年政府信息公开工作年度报告。"
    assert _identify(text).sources == {"agency": "crawler_header", "year": "crawler_header"}
    title = "某某县人民政府2023年政府信息公开工作年度报告"
    found = _identify("一、总体情况\n本年度……", {"ArticleTitle": title}, "2023.txt")
    assert (found.agency, found.year, found.sources["agency"]) == ("某某县人民政府", 2023, "page_title")
    found = _identify("一、总体情况\n本年度……", {}, f"/reports/{title}.txt")
    assert (found.agency, found.year, found.sources["year"]) == ("某某县人民政府", 2023, "file_name")
    found = _identify(f"{title}\n现公布某某县另一局2021年政府信息公开工作年度报告。")
    assert (found.agency, found.year, found.sources["agency"]) == ("某某县人民政府", 2023, "title")


@pytest.mark.parametrize("text", [
    "市政府办公室负责同志介绍了2023年政府信息公开工作年度报告的主要内容。",
    "关于做好2023年政府信息公开工作年度报告编制工作的通知",
    "根据要求，编制本报告。",
])
def test_a_text_about_a_report_names_none(text: str) -> None:
    found = _identify(text)
    assert (found.agency, found.year) == (None, None)


def test_a_wrapped_sentence_is_no_title() -> None:
    text = "按照《中华人民共和国政府信息公开条例》要求，现向社会公布样本县清\n泉镇人民政府2021年度政府信息公开工作年度报告\n一、总体情况"
    found = _identify(text)
    assert (found.agency, found.year, found.sources["agency"]) == ("样本县清泉镇人民政府", 2021, "preamble")
