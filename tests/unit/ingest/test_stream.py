"""Sections: page furniture never ends or cuts one; old (pre-2019) headings are recognised by their words."""

from __future__ import annotations

import pytest

from disclosure_analysis.ingest.document import Document, Paragraph
from disclosure_analysis.ingest.stream import data_row, find_sections, lines_of, section_text


def _lines(text: str):
    return lines_of(Document("x.txt", "text", [Paragraph(line) for line in text.splitlines()]))


@pytest.mark.parametrize("footer", ["-1-", "— 4 —", "- 12 -", "第 2 页", "第1页，共5页", "共5页 第1页", "1/5", "**— 4 —**", "Page 3 of 10"])
def test_page_furniture_neither_ends_nor_cuts_a_section(footer: str) -> None:
    text = f"一、总体情况\n2021年，我局坚持以公开为常态，全年主动公开政府信息\n{footer}\n12条，其余略。\n二、主动公开政府信息情况"
    lines = _lines(text)
    overview, active = find_sections(lines)
    assert section_text(lines, overview.start + 1, overview.end) == "2021年，我局坚持以公开为常态，全年主动公开政府信息12条，其余略。"
    assert active.key == "active"


def test_a_running_header_is_left_out_after_its_first_line() -> None:
    header = "某某县人民政府2021年政府信息公开工作年度报告"
    body = "\n".join(f"{header}\n第{n}段的文字。" for n in range(4))
    lines = _lines(body)
    assert [ln.text for ln in lines].count(header) == 1


def test_a_sentence_wrapped_onto_a_line_like_a_caption_stays_in_the_text() -> None:
    text = "一、总体情况\n明确信息发布的审核程序，确保公开\n信息内容准确、规范。\n二、主动公开政府信息情况"
    lines = _lines(text)
    (overview, _) = find_sections(lines)
    assert section_text(lines, overview.start + 1, overview.end).endswith("信息内容准确、规范。")


OLD = """一、概述
二、主动公开政府信息情况
三、政府信息依申请公开工作情况
四、政府信息公开工作存在的主要问题及改进情况
五、因政府信息公开申请行政复议、提起行政诉讼的情况
七、其他需要报告的事项"""


def test_old_format_sections_are_read_by_their_words() -> None:
    keys = [s.key for s in find_sections(_lines(OLD), old_format=True)]
    assert keys == ["overview", "active", "applications", "problems", "other"]  # 五 after 四: order kept
    assert [s.key for s in find_sections(_lines(OLD))] == ["overview", "active"]  # the unified formats' numbers


def test_a_row_label_wrapped_with_its_comma_keeps_its_numbers() -> None:
    (line,) = _lines("理的，只计这一情形，不 7 0 0 0 0 0 7")
    assert data_row(line).values == ("7", "0", "0", "0", "0", "0", "7")
    (line,) = _lines("全年共收到申请，办结 5")
    assert data_row(line) is None  # a sentence ending in a number
