"""An article stored as an escaped HTML string in a script or JSON file (renderings.md §8)."""

from __future__ import annotations

import json

import pytest

from disclosure_analysis.errors import ReportError
from disclosure_analysis.ingest.document import Table
from disclosure_analysis.ingest.readers import read_document
from disclosure_analysis.ingest.readers.embedded import unwrap
from disclosure_analysis.ingest.readers.text import read

ARTICLE = (
    '<p style="text-indent:2em;">一、总体情况</p><table><tr><td style="width:38px;"><p align="center">规章</p></td>'
    '<td><p align="center">821</p></td><td>&nbsp;</td></tr></table><p>二、主动公开政府信息情况</p>'
)
TITLE = "某某县人民政府2021年政府信息公开工作年度报告"


@pytest.mark.parametrize("text", [
    f"var title = {json.dumps(TITLE, ensure_ascii=False)};\nvar content = {json.dumps(ARTICLE)};",
    "var title = '" + TITLE + "'; var content = '" + ARTICLE.replace("'", "\\'") + "';",
    json.dumps({"data": {"title": TITLE, "publishTime": "2022-01-20 10:00:00", "content": ARTICLE}}),
    json.dumps({"data": {"title": TITLE, "content": ARTICLE}}).replace("<", "\\u003c").replace(">", "\\u003e"),
])
def test_the_article_is_read_as_its_page(text: str) -> None:
    found = unwrap(text)
    assert found is not None and "<td" in found.html and found.meta["ArticleTitle"] == TITLE
    doc = read(text.encode(), "page.js")
    assert doc.kind == "html" and doc.meta["ArticleTitle"] == TITLE
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.rows == (("规章", "821", ""),)


def test_the_publication_time_beside_the_article() -> None:
    text = json.dumps({"data": {"title": TITLE, "publishTime": "2022-01-20 10:00:00", "content": ARTICLE}})
    assert unwrap(text).meta["PubDate"] == "2022-01-20 10:00:00"


def test_a_data_file_without_an_article_is_skipped() -> None:
    with pytest.raises(ReportError) as err:
        read(json.dumps({"code": 0, "rows": [1, 2]}).encode(), "list.json")
    assert err.value.code == "skipped_type"
    assert unwrap("全年主动公开政府信息12条。<p>一处笔误</p>") is None  # a report mentioning a tag
    # a data file whose notes name tags (a truth file of ../shared/corpus/dev): not an article
    notes = {"agency": "平潭综合实验区", "notes": "Legacy uppercase HTML (<P>/<SPAN>/<TABLE>), report dated 二○一二年"}
    with pytest.raises(ReportError) as err:
        read(json.dumps(notes, ensure_ascii=False).encode(), "pingtan.truth.json")
    assert err.value.code == "skipped_type"


def test_a_page_drawing_its_article_from_a_script() -> None:
    script = f"var content = {json.dumps(ARTICLE)}; document.getElementById('zoom').innerHTML = content;"
    page = f'<html><head><title>{TITLE}</title></head><body><div id="zoom"></div><script>{script}</script></body></html>'
    doc = read_document("page.html", page.encode())
    assert doc.kind == "html" and doc.meta["title"] == TITLE
    (table,) = [b for b in doc.blocks if isinstance(b, Table)]
    assert table.rows == (("规章", "821", ""),)
