"""Cutting a crawler's one-line page text into headings, paragraphs and run-together table rows."""

from __future__ import annotations

from disclosure_analysis.ingest.document import Paragraph, Table
from disclosure_analysis.ingest.readers.runtogether.segment import resegment, split_paragraph

HEADER = "标题: 某某县某某局2021年度政府信息公开工作年度报告"
T3_HEAD = (
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
)
PAGE = (
    "某某县某某局2021年度政府信息公开工作年度报告 本报告所列数据的统计期限自2021年1月1日起至2021年12月31日止。"
    "一、总体情况2021年，我局全年主动公开政府信息120条，共收到政府信息公开申请12件。"
    "二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000"
    "行政规范性文件 3 117第二十条第（五）项信息内容本年处理决定数量行政许可15"
    + T3_HEAD
    + "一、本年新收政府信息公开申请数量100020012二、上年结转政府信息公开申请数量0000000"
    "三、本年度办理结果（一）予以公开80002010（二）部分公开（区分处理的，只计这一情形，不计其他情形）0000000"
    "（三）不予公开1．属于国家秘密00000002．其他法律行政法规禁止公开0000000"
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉"
    "复议后起诉结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计000000000000000"
    "五、存在的主要问题及改进情况一是解读不够。二是平台有待完善。六、其他需要报告的事项本年度未收取信息处理费。"
)


def _rows(blocks: list) -> list[tuple[str, ...]]:
    return [row for b in blocks if isinstance(b, Table) for row in b.rows]


def test_headings_paragraphs_and_rows_are_cut_apart() -> None:
    blocks = split_paragraph(PAGE)
    assert blocks is not None
    paragraphs = [b.text for b in blocks if isinstance(b, Paragraph)]
    assert [p for p in paragraphs if p[:2] in ("一、", "二、", "三、", "四、", "五、", "六、")] == [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]
    assert "2021年，我局全年主动公开政府信息120条，共收到政府信息公开申请12件。" in paragraphs
    assert all(b.joined for b in blocks if isinstance(b, Table))
    rows = _rows(blocks)
    assert ("规章", "000") in rows
    assert ("行政规范性文件", "3", "117") in rows  # spaces kept as cell boundaries
    assert ("行政许可", "15") in rows
    assert ("一、本年新收政府信息公开申请数量", "100020012") in rows
    assert ("三、本年度办理结果",) in rows and ("（一）予以公开", "80002010") in rows


def test_an_item_number_is_taken_off_the_run_before_it() -> None:
    rows = _rows(split_paragraph(PAGE))
    assert ("（三）不予公开",) in rows
    assert ("1．属于国家秘密", "0000000") in rows  # "00000002．其他…": the 2 numbers the next label
    assert ("2．其他法律行政法规禁止公开", "0000000") in rows


def test_an_item_number_the_label_does_not_confirm_leaves_the_row_without_values() -> None:
    text = T3_HEAD + "（三）不予公开1．属于国家秘密00000007．其他法律行政法规禁止公开0000000" * 2
    rows = _rows(split_paragraph(text))
    assert ("1．属于国家秘密",) in rows  # is it 0000000 + "7." or …? the label says 2: not sure


def test_a_misprinted_label_is_still_a_row() -> None:
    text = T3_HEAD + "（三）不予公开1．属于国家秘密00000002．其他法律行政止公开00000003．危及“三安全一稳定”0000000"
    rows = _rows(split_paragraph(text))
    assert ("2．其他法律行政止公开", "0000000") in rows


def test_table4_header_words_then_its_run() -> None:
    rows = _rows(split_paragraph(PAGE))
    assert rows[-1][1:] == ("000000000000000",) and rows[-1][0].startswith("行政复议行政诉讼结果维持")


def test_an_amount_keeps_its_unit() -> None:
    text = "第二十条第（九）项信息内容采购项目数量采购总金额政府集中采购2832995元" + "规章000" * 2
    assert ("政府集中采购", "2832995元") in _rows(split_paragraph(text))


def test_figures_in_sentences_are_not_rows() -> None:
    blocks = split_paragraph(PAGE)
    assert not any("120" in cell for row in _rows(blocks) for cell in row)


def test_ordinary_paragraphs_are_left_alone() -> None:
    prose = "2021年，我局全年主动公开政府信息120条，共收到政府信息公开申请12件，均按时答复。" * 5
    blocks = [Paragraph(HEADER), Paragraph("一、总体情况"), Paragraph(prose)]
    assert resegment(blocks) == (blocks, False)
    assert split_paragraph(prose) is None


def test_resegment_says_when_it_found_rows() -> None:
    blocks, joined = resegment([Paragraph(HEADER), Paragraph(PAGE)])
    assert joined and blocks[0] == Paragraph(HEADER)


def test_the_page_top_and_the_sign_off_become_lines() -> None:
    text = "当前位置： 首页 政务公开 时间：2022-01-15 13:56 微信 " + PAGE + " 某某县某某局 2022年1月20日"
    paragraphs = [b.text for b in split_paragraph(text) if isinstance(b, Paragraph)]
    assert paragraphs[:4] == ["当前位置：", "首页", "政务公开", "时间：2022-01-15"]
    assert "某某县某某局2021年度政府信息公开工作年度报告" in paragraphs  # the title, on a line of its own
    assert paragraphs[-2:] == ["某某县某某局", "2022年1月20日"]


def test_full_width_digits() -> None:
    text = T3_HEAD + "（三）不予公开１．属于国家秘密０００００００２．其他法律行政法规禁止公开０００００００" * 2
    rows = _rows(split_paragraph(text))
    assert ("１．属于国家秘密", "0000000") in rows  # "２．" taken off the run as the next label's number
