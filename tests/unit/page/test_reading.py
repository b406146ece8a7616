"""One report's tables as a reader checks them: printed values in the format's order, blanks as "—"."""

from __future__ import annotations

from disclosure_analysis.corpus import Corpus, schema
from disclosure_analysis.page import reading


def one(table3: list[dict], table4: list[dict]) -> Corpus:
    frames = {name: schema.frame(name, []) for name in Corpus.TABLES}
    frames["table3"], frames["table4"] = schema.frame("table3", table3), schema.frame("table4", table4)
    return Corpus(**frames)


def test_table4_prints_every_group_and_blank_cells_as_dashes() -> None:
    cells = [{"report_id": "r", "group": "review", "outcome": o, "value": v}
             for o, v in (("upheld", 10), ("corrected", 1), ("other", 0), ("pending", None), ("total", 0))]
    html = reading.table4(one([], cells)).to_html()
    assert html.index("行政复议") < html.index("复议后起诉") and "<td>10</td><td>1</td><td>0</td><td>—</td>" in html
    assert reading.table4(one([], [])) is None


def test_table3_with_the_basis_of_each_row() -> None:
    cells = [{"report_id": "r", "row": row, "column": "total", "value": 3} for row in ("granted", "denied_third_party")]
    html = reading.table3(one(cells, []), basis=True).to_html()
    assert "《条例》依据" in html and "第十五条" in html and html.index("予以公开") < html.index("保护第三方合法权益")
