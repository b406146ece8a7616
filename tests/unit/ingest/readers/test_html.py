"""HTML reader: chrome, spans, layout tables, cell lines, encodings, metadata, real portal pages."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Paragraph, Table
from disclosure_analysis.ingest.readers.html import join_lines, read


def _page(body: str, head: str = '<meta charset="utf-8">') -> bytes:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>".encode()


def _tables(doc) -> list[Table]:
    return [b for b in doc.blocks if isinstance(b, Table)]


def test_rowspan_and_colspan_resolved_into_a_full_grid() -> None:
    html = """<table border=1>
      <tr><td rowspan=2 colspan=2>（勾稽关系）</td><td colspan=3>申请人情况</td></tr>
      <tr><td>自然人</td><td>商业<br>企业</td><td rowspan=2>总计</td></tr>
      <tr><td>一、</td><td>本年新收</td><td>3</td><td><o:p>&nbsp;</o:p></td></tr>
    </table>"""
    assert _tables(read(_page(html), "t.html")) == [
        Table(
            (
                ("（勾稽关系）", None, "申请人情况", None, None),
                (None, None, "自然人", "商业企业", "总计"),
                ("一、", "本年新收", "3", "", None),
            )
        )
    ]


def test_short_rows_padded_and_silly_spans_tamed() -> None:
    html = """<table><tr><td>a</td><td>b</td><td>c</td></tr>
      <tr><td colspan="x">d</td><td rowspan="0">e</td></tr><tr><td>f</td></tr></table>"""
    assert _tables(read(_page(html), "t.html")) == [Table((("a", "b", "c"), ("d", "e", ""), ("f", None, "")))]


def test_cell_lines_joined_without_space_between_cjk_only() -> None:
    html = """<table><tr><td><p>商业</p><p>企业</p></td><td>2023<br>年度</td></tr>
      <tr><td><p><span>申请人</span><span>情况</span></p></td><td>Total<br>计</td></tr></table>"""
    assert _tables(read(_page(html), "t.html"))[0].rows == (
        ("商业企业", "2023 年度"),
        ("申请人情况", "Total 计"),
    )
    assert join_lines(["（一）予以公开", "（区分处理的）"]) == "（一）予以公开（区分处理的）"
    assert join_lines(["第一项", "", "a", "b"]) == "第一项 a b"


def test_site_chrome_and_hidden_elements_dropped() -> None:
    body = """
      <header><a href="/">首页</a></header>
      <nav><ul><li>政务公开</li></ul></nav>
      <form action="/search"><input value="搜索"><button>搜索</button></form>
      <script>var x = "脚本";</script><style>p { color: red }</style><noscript>请启用脚本</noscript>
      <iframe src="x.html">框架</iframe>
      <div style="DISPLAY: none">隐藏的历史搜索</div><div hidden>也隐藏</div>
      <article><header><h1>某某局2023年政府信息公开工作年度报告</h1></header>
        <p>一、总体情况</p><!-- 注释 --><p>正文<span>第一段</span>。</p></article>
      <footer>版权所有</footer>"""
    doc = read(_page(body), "t.html")
    assert doc.blocks == [
        Paragraph("某某局2023年政府信息公开工作年度报告"),
        Paragraph("一、总体情况"),
        Paragraph("正文第一段。"),
    ]


def test_form_wrapping_the_whole_page_is_kept() -> None:
    """ASP.NET portals put the entire page inside one <form>."""
    doc = read(
        _page('<form id="form1"><p>一、总体情况</p><table><tr><td>a</td><td>1</td></tr></table></form>'), "t"
    )
    assert doc.blocks == [Paragraph("一、总体情况"), Table((("a", "1"),))]


def test_one_paragraph_per_block_and_line_in_document_order() -> None:
    body = """<div>概述<p>第一段</p>尾巴</div><ul><li>甲</li><li>乙</li></ul>
      <p>第一行<br>第二行<br/><br/></p><h2>二、主动公开</h2><p>   </p><p>&nbsp;</p>"""
    assert [b.text for b in read(_page(body), "t.html").blocks] == [
        "概述",
        "第一段",
        "尾巴",
        "甲",
        "乙",
        "第一行",
        "第二行",
        "二、主动公开",
    ]


def test_preformatted_text_keeps_its_lines() -> None:
    body = "<pre>一、总体情况\n  本年度<b>共收到</b>申请12件。\n\n二、主动公开</pre>尾巴"
    assert [b.text for b in read(_page(body), "t.html").blocks] == [
        "一、总体情况",
        "本年度共收到申请12件。",
        "二、主动公开",
        "尾巴",
    ]


def test_layout_tables_are_text_and_inner_tables_come_out_in_order() -> None:
    body = """<table><tr><td><p>标题</p>
        <table><tr><td>信息内容</td><td>本年制发件数</td></tr><tr><td>规章</td><td>0</td></tr></table>
        <p>三、收到和处理</p>
        <table><tr><td>总计</td><td>5</td></tr></table>
      </td><td>侧栏</td></tr></table>
      <table><tr><td><p>一是加强培训；</p><p>二是完善制度。</p></td></tr><tr><td>落款</td><td></td></tr></table>"""
    assert read(_page(body), "t.html").blocks == [
        Paragraph("标题"),
        Table((("信息内容", "本年制发件数"), ("规章", "0"))),
        Paragraph("三、收到和处理"),
        Table((("总计", "5"),)),
        Paragraph("侧栏"),
        # a table whose rows hold at most one non-empty cell is a frame around running text
        Paragraph("一是加强培训；"),
        Paragraph("二是完善制度。"),
        Paragraph("落款"),
    ]


def test_title_and_interesting_meta_tags() -> None:
    head = """<meta http-equiv="Content-Type" content="text/html; charset=utf-8">
      <meta name="viewport" content="width=device-width"><meta name="PubDate" content="2012-04-11 00:00">
      <meta name="ArticleTitle" content="某区2011年政府信息公开工作年度报告"><meta name="KeyWords" content="">
      <title> 某区2011年报_年报栏目 </title>"""
    doc = read(_page("<p>正文</p><publishtime>2012-04-12</publishtime>", head), "t.html")
    assert doc.meta == {
        "title": "某区2011年报_年报栏目",
        "PubDate": "2012-04-11 00:00",
        "ArticleTitle": "某区2011年政府信息公开工作年度报告",
        "publishtime": "2012-04-12",
        "encoding": "utf-8",
    }
    assert doc.blocks == [Paragraph("正文"), Paragraph("2012-04-12")]


def test_legacy_uppercase_markup() -> None:
    html = """<HTML><HEAD><META http-equiv=Content-Type content="text/html; charset=gb2312"></HEAD><BODY>
      <P class=MsoNormal><SPAN lang=EN-US>2011</SPAN><SPAN>年</SPAN><?xml:namespace prefix = o /><o:p></o:p></P>
      <TABLE border=1><TR><TD width=266><P align=center>指标名称</P></TD><TD><P>计量</P><P>单位</P></TD></TR>
      <TR><TD>主动公开信息数</TD><TD>条</TD></TR></TABLE></BODY></HTML>"""
    doc = read(html.encode("gb18030"), "old.htm")
    assert doc.meta["encoding"] == "gb18030"
    assert doc.blocks == [Paragraph("2011年"), Table((("指标名称", "计量单位"), ("主动公开信息数", "条")))]


GBK_PAGE = "<html><body><p>政府信息公开工作年度报告</p><p>本年度共收到政府信息公开申请十二件，已全部按时答复。</p></body></html>"


@pytest.mark.parametrize(
    ("data", "encoding", "noted"),
    [
        (GBK_PAGE.replace("<html>", '<html><meta charset="gbk">').encode("gbk"), "gb18030", False),
        (GBK_PAGE.encode("gbk"), "gb18030", False),  # no declaration: detected
        (GBK_PAGE.replace("<html>", '<html><meta charset="gb2312">').encode("utf-8"), "utf-8", True),
        (GBK_PAGE.replace("<html>", '<html><meta charset="utf-8">').encode("gbk"), "gb18030", True),
        (GBK_PAGE.replace("<html>", '<html><meta charset="iso-8859-1">').encode("gbk"), "gb18030", True),
        (codecs.BOM_UTF16_LE + GBK_PAGE.encode("utf-16-le"), "utf-16-le", False),
        (codecs.BOM_UTF8 + GBK_PAGE.encode("utf-8"), "utf-8", False),
    ],
    ids=[
        "declared-gbk",
        "detected-gbk",
        "utf8-declared-gb2312",
        "gbk-declared-utf8",
        "gbk-declared-latin1",
        "utf16-bom",
        "utf8-bom",
    ],
)
def test_encodings(data: bytes, encoding: str, noted: bool) -> None:
    doc = read(data, "t.html")
    assert doc.meta["encoding"] == encoding
    assert doc.blocks[0] == Paragraph("政府信息公开工作年度报告")
    assert bool(doc.notes) == noted


def test_undecodable_bytes_are_refused_not_turned_into_mojibake() -> None:
    junk = b"<html><body><p>" + bytes(range(0x80, 0x100)) * 20 + b"</p></body></html>"
    with pytest.raises(ReportError) as err:
        read(junk, "junk.html")
    assert err.value.code == "corrupt_file"
    assert "编码" in err.value.message


def test_whitespace_only_page_is_empty() -> None:
    with pytest.raises(ReportError) as err:
        read(b"  \n\t ", "blank.html")
    assert err.value.code == "empty_file"


# --- the real pages in ../shared/corpus ----------------------------------------------------------


@pytest.mark.corpus
def test_shuyang_portal_page(shared_corpus: Path) -> None:
    doc = read((shared_corpus / "dev" / "shuyang-fgj_2023.html").read_bytes(), "shuyang-fgj_2023.html")
    assert doc.meta["title"] == "沭阳县发展和改革局2023年政府信息公开年度报告-沭阳县发改局"
    assert doc.meta["publishtime"] == "2024-01-17"
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert not any("function time()" in t or "websiteId" in t for t in texts)  # scripts dropped
    assert "三、收到和处理政府信息公开申请情况" in texts
    meta_table, t2, t3, t4 = _tables(doc)
    assert meta_table.rows[2] == ("发布机构", "沭阳县发展和改革局", "公开日期", "2024-01-17")
    assert t2.rows[0] == ("第二十条第（一）项", None, None, None)
    assert t2.rows[3] == ("规范性文件", "8", "0", "18")
    assert len(t3.rows) == 28 and {len(r) for r in t3.rows} == {10}
    assert t3.rows[2] == (
        None,
        None,
        None,
        None,
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
        None,
    )
    # blank cells hold only <o:p> </o:p>: printed but empty
    assert t3.rows[3] == ("一、本年新收政府信息公开申请数量", None, None, "26", "", "", "", "", "", "26")
    assert t3.rows[5][:3] == ("三、本年度办理结果", "（一）予以公开", None)
    assert t3.rows[6][0] is None  # covered by the rowspan of 三、本年度办理结果
    assert t4.rows[1][:6] == ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计", "未经复议直接起诉")
    assert t4.rows[3] == ("0", "0", "0", "1", "1") + ("0",) * 10


@pytest.mark.corpus
def test_pingtan_legacy_portal_page(shared_corpus: Path) -> None:
    doc = read((shared_corpus / "dev" / "pingtan_2011_pre2019.html").read_bytes(), "pingtan.html")
    assert doc.meta["PubDate"] == "2012-04-11 00:00"
    assert doc.meta["ArticleTitle"] == "平潭综合实验区2011年政府信息公开工作年度报告"
    texts = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert "二、主动公开政府信息情况" in texts
    assert "二○一二年二月二十日" in texts
    assert not any("历史搜索" in t for t in texts)  # display: none
    (table,) = _tables(doc)
    assert table.rows[0] == ("指标名称", "计量单位", "2011 年度", "历年累计")
    assert table.rows[1] == ("主动公开信息数", "条", "425", "1516")
    assert len(table.rows) == 18


@pytest.mark.parametrize("depth", [300, 450])
def test_deep_nesting_is_read_to_the_end(depth: int) -> None:
    """libxml2 stops at 256 levels and dropped the rest of the page, silently."""
    page = "<html><body>" + "<div>" * depth + "<p>一、总体情况</p>" + "</div>" * depth + "<p>尾部</p></body></html>"
    doc = read(page.encode(), "deep.html")
    assert [b.text for b in doc.blocks] == ["一、总体情况", "尾部"]


def test_nesting_too_deep_to_read_fails_with_a_reason() -> None:
    page = "<html><body>" + "<div>" * 5000 + "<p>一、总体情况</p>" + "</div>" * 5000 + "</body></html>"
    with pytest.raises(ReportError) as caught:
        read(page.encode(), "deep.html")
    assert caught.value.code == "corrupt_file" and "嵌套" in caught.value.message
