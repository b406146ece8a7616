"""A site and an assessment of a corpus with a report whose 表三/表四 are pictures (read by the real OCR
engine): in headless Chromium the agency page marks the numbers read by OCR (※, "OCR 识别，置信度 …" on
hover, a note under the table) and says how the report was read; assessment.html says which reports were
read by OCR and how many cells may be misread; and two sites made at once are byte-identical."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from cdp import Browser
from cli_child import start, wait
from disclosure_analysis.ingest.readers import ocr
from disclosure_analysis.synth import generate
from trees import differing

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the Debian package chromium"),
    pytest.mark.skipif(not ocr.available(), reason="the OCR extra is not installed"),
]


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two sites ("one", "two", each with its assessment) of 1 agency × 2023–2024: the 2023 report a saved
    web page whose 表三/表四 are pictures, the 2024 one text; made at the same time."""
    root = tmp_path_factory.mktemp("ocr-site")
    corpus, temp = root / "corpus", root / "temp"
    temp.mkdir()
    generate(corpus, agencies=1, years=(2023, 2024), formats=("htmlimg", "txt"), seed=3)
    for command in ("run", "assess"):
        both = [start(command, "--input", str(corpus), "--output", str(root / n), temp=str(temp)) for n in ("one", "two")]
        assert [wait(child) for child in both] == [0, 0]
    return root


def test_two_sites_with_ocr_marks_are_the_same(sites: Path) -> None:
    assert differing(sites / "one", sites / "two") == []


def test_the_agency_page_marks_ocr_numbers_in_the_browser(sites: Path, tmp_path: Path) -> None:
    (page,) = (sites / "one" / "agencies").glob("*.html")
    with Browser(downloads=tmp_path) as browser:
        browser.open(page.as_uri())
        marked = browser.evaluate(
            "Array.from(document.querySelectorAll('td.ocr')).map(td => [td.title, td.className, td.innerText])"
        )
        text = browser.evaluate("document.body.innerText")
        headers = browser.evaluate(
            "Array.from(document.querySelectorAll('table')).filter(t => t.querySelector('td.ocr'))"
            ".map(t => t.querySelector('thead').innerText)"
        )
    assert marked, "no number marked as read by OCR"
    # 表三 and 表四 are the pictures: the applicants (one row a year) and the 表四 table carry marks
    assert any("自然人" in h for h in headers) and any("类别" in h for h in headers), headers
    assert all(title.startswith("OCR 识别，置信度 ") and inner.endswith("※") for title, _, inner in marked), marked[:3]
    doubted = [title for title, kind, _ in marked if "ocr-doubt" in kind]
    assert all("可能识别有误" in title for title in doubted)
    assert "由 OCR 从图片（扫描件或表格图片）识别" in text and "读取方式" in text and "OCR 识别" in text


def test_the_assessment_page_says_which_reports_were_read_by_ocr(sites: Path, tmp_path: Path) -> None:
    with Browser(downloads=tmp_path) as browser:
        browser.open((sites / "one" / "assessment" / "assessment.html").as_uri())
        text = browser.evaluate("document.body.innerText")
    assert "其中 1 份报告的表格由 OCR 从图片（扫描件或表格图片）识别" in text
    assert "读取方式" in text and "OCR 识别" in text
