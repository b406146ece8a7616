"""A page made on a warm kernel (after it made another agency's page) is the page a fresh kernel makes."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.site.config import RunConfig
from disclosure_analysis.site.job import PageJob, PageOutput, render_job
from disclosure_analysis.site.notebooks import Source, load_source
from disclosure_analysis.site.pages import Page
from disclosure_analysis.site.plan import corpus_hash, plan_pages
from disclosure_analysis.site.run import resolve_corpus
from disclosure_analysis.site.warm import close_kernels

pytestmark = pytest.mark.slow


def comparable(notebook: str) -> dict[str, Any]:
    """The executed notebook without memory addresses in plain-text outputs (there are no times or random
    ids to leave out: `kernel.reproducible`)."""
    return json.loads(re.sub(r" at 0x[0-9a-f]+>", " at 0x…>", notebook))


@pytest.fixture(scope="module")
def pages() -> tuple[PageOutput, PageOutput, PageOutput]:
    """Agency B on a fresh kernel; agency A then B on one warm kernel."""
    path = resolve_corpus("sample")
    corpus = load_corpus(path)
    planned, _ = plan_pages(corpus, RunConfig(notebooks=("agency",)), path)
    source, digest = load_source("agency"), corpus_hash(corpus)
    a, b = planned[0], planned[5]
    fresh = render_job(PageJob(b, source, False, 600, digest, warm=False))
    try:
        first = render_job(PageJob(a, source, False, 600, digest))
        warm = render_job(PageJob(b, source, False, 600, digest))
    finally:
        close_kernels()
    return fresh, first, warm


def test_warm_page_equals_fresh_page(pages) -> None:
    fresh, first, warm = pages
    assert fresh.error is None and first.error is None and warm.error is None
    assert comparable(warm.notebook) == comparable(fresh.notebook)
    assert warm.html == fresh.html
    assert warm.files == fresh.files and warm.warnings == fresh.warnings


def test_the_pages_differ_and_have_charts(pages) -> None:
    fresh, first, _ = pages
    assert comparable(first.notebook) != comparable(fresh.notebook)
    charts = [
        out
        for cell in comparable(fresh.notebook)["cells"]
        for out in cell.get("outputs", [])
        if {"image/png", "application/vnd.vegalite.v5+json"} & set(out.get("data", {}))
    ]
    assert len(charts) >= 3  # matplotlib PNGs or Vega-Lite specs (charts.bars, charts.ranking)
    counts = [c["execution_count"] for c in comparable(fresh.notebook)["cells"] if c["cell_type"] == "code"]
    assert counts == list(range(1, len(counts) + 1))


def test_a_timed_out_page_fails_and_the_next_page_gets_a_new_kernel() -> None:
    slow = Source("slow", "# %%\nimport time\n\ntime.sleep(30)\n")
    page = Page("slow", "slow", "慢", {}, [])
    try:
        out = render_job(PageJob(page, slow, False, 2, "", warm=True))
        assert out.error is not None and "超时" in out.error and not out.html
        again = render_job(PageJob(page, Source("quick", '# %%\nprint("好")\n'), False, 60, "", warm=True))
        assert again.error is None and "好" in again.notebook
    finally:
        close_kernels()


def test_printed_text_and_displays_keep_their_order_on_a_warm_kernel() -> None:
    code = (
        "# %%\nfrom disclosure_analysis.page import display as page\nfrom IPython.display import display\n\n"
        'print("一")\ndisplay(page.note("二"))\ndisplay(page.note("三"))\nprint("四")\nprint("五")\n'
        'display(page.note("六"))\npage.show(None)\npage.show(page.note("七"), None, page.note("八"))\n"九"\n'
    )
    source = Source("order", code)
    page = Page("order", "order", "顺序", {}, [])
    fresh = render_job(PageJob(page, source, False, 60, "", warm=False))
    try:
        warm = [render_job(PageJob(page, source, False, 60, "", warm=True)) for _ in range(2)]
    finally:
        close_kernels()
    outputs = next(c["outputs"] for c in comparable(fresh.notebook)["cells"] if c["cell_type"] == "code")
    shown = ["".join(o.get("text") or o["data"].get("text/html") or o["data"]["text/plain"]) for o in outputs]
    assert shown == ["一\n", "<p>二</p>", "<p>三</p>", "四\n五\n", "<p>六</p>", "<p>七</p><p>八</p>", "'九'"]
    assert all(comparable(w.notebook) == comparable(fresh.notebook) for w in warm)


def test_a_warning_names_the_cell_without_the_kernels_process_id() -> None:
    source = Source("warn", '# %%\nimport warnings\n\nwarnings.warn("注意")\n')
    page = Page("warn", "warn", "警告", {}, [])
    fresh = render_job(PageJob(page, source, False, 60, "", warm=False))
    try:
        warm = render_job(PageJob(page, source, False, 60, "", warm=True))
    finally:
        close_kernels()
    assert fresh.warnings == warm.warnings and len(fresh.warnings) == 1
    assert re.search(r"/ipykernel/\d+\.py:\d+: UserWarning: 注意", fresh.warnings[0]), fresh.warnings
    assert comparable(fresh.notebook) == comparable(warm.notebook)
