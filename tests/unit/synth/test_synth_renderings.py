"""The text renderings of renderings.md as `synth` writes them: the shapes each one promises."""

from __future__ import annotations

import json
import re

import pytest

from disclosure_analysis.synth import RENDERINGS, SUFFIXES, generate
from disclosure_analysis.synth.render_flipbook import _wrap


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[tuple[str, dict]]]:
    """Six agencies × 2019–2024 in each text rendering: rendering -> [(text, truth record)]."""
    out: dict[str, list[tuple[str, dict]]] = {}
    for fmt in RENDERINGS:
        folder = tmp_path_factory.mktemp(fmt)
        records = generate(folder, agencies=6, years=range(2019, 2025), formats=[fmt], seed=5)
        out[fmt] = [((folder / r["file"]).read_text(encoding="utf-8"), r) for r in records]
    return out


def test_file_names_and_truth(written) -> None:
    for fmt, pairs in written.items():
        assert all(r["format"] == fmt and r["file"].endswith(SUFFIXES.get(fmt, fmt)) for _, r in pairs)
    assert all(v is None for _, r in written["skeleton"] for v in r["cells"].values())


def test_a_third_of_the_pasted_texts_start_at_the_preamble(written) -> None:
    pairs = written["pipe"]
    titled = [text.startswith(f"{r['agency']}{r['year']}年") or text.startswith(r["agency"] + "\n") for text, r in pairs]
    assert 0.15 <= titled.count(False) / len(pairs) <= 0.5


def test_pipe_rows_share_a_line_with_their_group_label(written) -> None:
    text = "\n".join(t for t, _ in written["pipe"])
    assert re.search(r"^三、本年度办理结果 ?\|  ?（一）予以公开 ?\|", text, re.M)
    assert re.search(r"[^|\n]\n[^|\n]*\|", text)  # a cell holding a newline


def test_pipe_per_line_and_collapsed_empty_cells(written) -> None:
    text = "\n".join(t for t, _ in written["pipeline"])
    assert re.search(r"^\|\|\|+$", text, re.M) and re.search(r"^\|$", text, re.M) and re.search(r"^\d+ \|$", text, re.M)


def test_one_cell_per_line_drops_empty_cells(written) -> None:
    for text, record in written["cells"]:
        legal_blank = record["cells"].get("t3.new_received.commercial", 0) is None
        if legal_blank:
            value = record["cells"]["t3.new_received.total"]
            assert f"申请数量\n\n{value}\n\n{value}\n\n" in text  # 自然人 and 总计; the five blank ones gone
            return
    pytest.fail("no report with blank legal-person columns")


def test_flip_book_pages_split_vertical_headers_into_characters(written) -> None:
    text = written["flipbook"][0][0]
    assert "结 结 其 尚" in text and re.search(r"^- \d+ -$", text, re.M)


def test_flip_book_lines_never_cut_a_number(written) -> None:
    """A word processor wraps Chinese anywhere but inside a number: a narrow 表二 column printing
    `1579.57万元` wraps before 万 (a cut 1579.5|7万元 would be read as 1579.5), and every amount of 表二 is
    printed whole on one line."""
    assert _wrap("1579.57万元", 6) == ["1579.57", "万元"]
    assert _wrap("全年公开信息1862条", 8) == ["全年公开信息", "1862条"]
    for text, record in written["flipbook"]:
        tokens = set(text.split())
        amounts = [v for k, v in record["cells"].items() if k.endswith("_amount") and isinstance(v, float)]
        assert all(any(t.startswith(f"{v:g}") for t in tokens) for v in amounts), record["file"]


def test_markdown_has_one_small_table_per_row_and_footers(written) -> None:
    text = "\n".join(t for t, _ in written["markdown"])
    assert re.search(r"^\| 规章 \| [^\n]*\|\n\|---\|", text, re.M)
    assert re.search(r"^(?:— \d+ —|-\d+-|- \d+ -)$", text, re.M)
    assert "（含到期失效" in text  # a remark pushed out of its row


def test_embedded_articles_are_escaped_html(written) -> None:
    texts = [t for t, _ in written["embedded"]]
    assert any(t.startswith("var title") and '\\"' in t for t in texts)
    assert any(t.startswith("{") and "\\u003ctd" in t for t in texts)
    data = json.loads(next(t for t in texts if t.startswith("{")))["data"]
    assert "&nbsp;" in data["content"] or "<td" in data["content"]
