"""The whole runner on a small corpus: real kernels, the pages they make, reruns, failures and a browser."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import matplotlib
import nbformat
import pytest

from disclosure_analysis.analysis import metrics
from disclosure_analysis.corpus import load_corpus
from disclosure_analysis.page import display
from disclosure_analysis.site import RunConfig, run_site
from disclosure_analysis.site.notebooks import NOTEBOOK_DIR
from disclosure_analysis.site.pages import FAILED, OK, SKIPPED
from disclosure_analysis.synth import TRUTH_FILE
from disclosure_analysis.synth.sample import sample_corpus
from render_corpus import write_corpus

pytestmark = pytest.mark.slow

XSS_NAME = "甲市<script>alert(1)</script>局"
XSS_TEXT = '一是<img src=x onerror="alert(2)">有待改进；下一步将加强培训。'
CDN = re.compile(r"<(?:script[^>]+src|link[^>]+href)\s*=\s*[\"']?(?:https?:)?//", re.I)
#: anything a page would load from the network: elements' src/href, CSS url() and @import
REMOTE = re.compile(
    r"<(?:script|img|image|iframe|embed|object|source|audio|video|track|link|use)\b[^>]*\b(?:src|href|data)"
    r"\s*=\s*[\"']?\s*(?:https?:)?//|url\(\s*[\"']?\s*(?:https?:)?//|@import\s+(?:url\()?[\"']?(?:https?:)?//",
    re.I,
)
PNG, VEGALITE = "image/png", "application/vnd.vegalite.v5+json"
CHART_DIV = '<div class="vega-chart"'
REPORTS = [
    {"file": "jt-2023.md", "agency": "甲市交通运输局", "year": 2023, "new": 20, "granted": 8, "partial": 2},
    {
        "file": "jt-2024.md",
        "agency": "甲市交通运输局",
        "year": 2024,
        "new": 30,
        "granted": 12,
        "partial": 3,
        "carried_in": 1,
    },
    {
        "file": "x-2024.md",
        "agency": XSS_NAME,
        "year": 2024,
        "new": 5,
        "granted": 1,
        "partial": 1,
        "problems": XSS_TEXT,
        "handled_error": 1,
    },
]


def agency_ids(corpus: Path) -> dict[str, str]:
    reports = load_corpus(corpus).reports
    return dict(zip(reports["agency"], reports["agency_id"], strict=True))


def copied_from_last_year() -> dict[str, int]:
    """Sample report file → its year, for the reports whose section 五 the generator copied from the same
    agency's previous year (`copied_problems_from` in truth.jsonl)."""
    lines = (sample_corpus() / TRUTH_FILE).read_text(encoding="utf-8").splitlines()
    copied = {}
    for record in map(json.loads, lines):
        source = record["copied_problems_from"] or {}
        if source.get("agency") == record["agency_id"] and source.get("year") == record["year"] - 1:
            copied[record["file"]] = record["year"]
    return copied


def sample_agencies(target: Path, count: int = 2) -> list[str]:
    """Copy the report files of the first `count` agencies of the sample corpus into `target`; the last is
    swapped for one that copies last year's section 五 when none of them does."""
    reports = load_corpus(sample_corpus()).reports
    chosen = sorted(reports["agency_id"].dropna().unique())[:count]
    names = reports["source"].map(lambda s: Path(s).name)
    copying = sorted(reports.loc[names.isin(copied_from_last_year()), "agency_id"])
    if not set(chosen) & set(copying):
        chosen[-1] = copying[0]
    for source in reports[reports["agency_id"].isin(chosen)]["source"]:
        shutil.copy(source, target / Path(source).name)
    return chosen


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, dict[str, str]]:
    """The site of a small corpus: two agencies of the sample corpus plus three hand-made reports."""
    root = tmp_path_factory.mktemp("site")
    corpus = write_corpus(root / "corpus", REPORTS)
    sample_agencies(corpus)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("MPLBACKEND", "Agg")  # figures must survive a non-interactive backend in the environment
        result = run_site(RunConfig(corpus=str(corpus), output=root / "out"), jobs=2, progress=False)
    return root, result, agency_ids(corpus)


def pages(result: object) -> dict[str, object]:
    return {r.page.path: r for r in result.pages}


def outputs(nb_path: Path) -> tuple[str, int]:
    """All text/html and stream text of an executed notebook, and its number of charts: PNG images
    (matplotlib) and Vega-Lite specs (`charts`)."""
    nb = nbformat.read(nb_path, as_version=4)
    texts, images = [], 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            texts += [data.get("text/html", ""), out.get("text", "")]
            images += PNG in data or VEGALITE in data
    return "\n".join(texts), images


def test_every_page_is_made(site) -> None:
    root, result, ids = site
    out = root / "out"
    assert {r.status for r in result.pages} == {OK}, [(r.page.path, r.error) for r in result.pages]
    expected = {"overview", "case_study", "lesson-teacher", *(f"agencies/{a}" for a in ids.values())}
    assert set(pages(result)) == expected
    for path in expected | {"lesson-student"}:
        assert (out / f"{path}.html").is_file() and (out / f"{path}.ipynb").is_file()
    assert (out / "lesson-guide.md").is_file()
    assert (out / "index.html").is_file() and (out / "data" / "tables.xlsx").is_file()
    assert list((out / "data" / "agencies" / ids["甲市交通运输局"]).glob("*.csv"))
    assert (out / "data" / "overview" / "outcome-mix.csv").is_file()
    assert all(not r.warnings for r in result.pages), [r.warnings for r in result.pages]


def test_pages_are_clean_offline_and_escaped(site) -> None:
    root, _, _ = site
    for html_path in (root / "out").rglob("*.html"):
        html = html_path.read_text(encoding="utf-8")
        assert not CDN.search(html), (html_path, CDN.search(html))
        assert not REMOTE.search(html), (html_path, REMOTE.search(html))
        for bad in (
            "Traceback",
            "jp-OutputArea-error",
            "Glyph",
            "<script>alert",
            "<img src=x",
            "plotting.setup(",
        ):
            assert bad not in html, (html_path, bad)
        if not html_path.name.startswith("lesson-"):  # the lesson shows the code its students run
            assert not re.search(r'class="[^"]*jp-InputArea-editor', html), html_path  # no code cell
    index = (root / "out" / "index.html").read_text(encoding="utf-8")
    assert "甲市&lt;script&gt;alert(1)&lt;/script&gt;局" in index and "甲市交通运输局" in index


def test_agency_notebook_shows_numbers_charts_and_findings(site) -> None:
    root, _, ids = site
    html, images = outputs(root / "out" / "agencies" / f"{ids['甲市交通运输局']}.ipynb")
    assert images >= 3  # proactive, applicants, outcome mix (no ranking chart: no peer group of 5 reports)
    assert "52.6%（10 / 19）" in html  # 2023 release rate: (8 + 2) / 19, with its numerator and denominator
    assert "50.0%" in html  # new applications 2024 vs 2023: 30 vs 20
    assert "个百分点" in html and "不排名（同类" in html  # rates change in points; groups under 5: no rank
    assert "<h1>甲市交通运输局：政府信息公开工作年度报告分析</h1>" in html
    assert "甲市交通运输局" in html and "判定依据" in html
    for cell in (">问题</td>", ">措施</td>", "政策解读与回应关切（政策解读）", "队伍与能力建设（培训）"):
        assert cell in html, cell
    xss_html, _ = outputs(root / "out" / "agencies" / f"{ids[XSS_NAME]}.ipynb")
    assert "R1" in xss_html and "&lt;img src=x" in xss_html and "<img src=x" not in xss_html
    # its 表三 does not add up (（七）总计 printed one more than its parts): no rate, and a note saying so
    assert "表内不平衡" in xss_html and "2024 年表三（R1、R2、R3 未通过）" in xss_html


def test_sample_agency_pages_show_the_computed_metrics(site) -> None:
    root, _, ids = site
    corpus = load_corpus(root / "corpus")
    rates = metrics.release_rate(corpus.table3).dropna(subset=["release_rate"])
    hand_made = {ids[r["agency"]] for r in REPORTS}
    checked = 0
    for agency_id, rows in rates.groupby("agency_id"):
        if agency_id in hand_made:
            continue
        html, images = outputs(root / "out" / "agencies" / f"{agency_id}.ipynb")
        assert images >= 3
        for _, row in rows.iterrows():
            assert display.pct(row["release_rate"]) in html and display.count(row["handled_total"]) in html
            checked += 1
    assert checked >= 2


def test_sample_agency_copying_last_year_is_flagged_with_the_copied_share(site) -> None:
    root, _, _ = site
    reports = load_corpus(root / "corpus").reports
    copied = copied_from_last_year()
    rows = reports[reports["source"].map(lambda s: Path(s).name).isin(copied)]
    assert not rows.empty  # the fixture keeps a sample agency that copies
    for agency_id, years in rows.groupby("agency_id")["year"]:
        html, _ = outputs(root / "out" / "agencies" / f"{agency_id}.ipynb")
        for year in years:
            flag = re.search(rf"与上年雷同 (\d+)%</strong>\s*{year} 年度第五部分", html)
            assert flag and int(flag.group(1)) >= 50, (agency_id, year)
        assert "<mark>" in html and "再次出现" in html and "具体性" in html


def cell_images(nb_path: Path, call: str, mimetype: str = PNG) -> int:
    """Outputs of `mimetype` (PNG images by default) of the code cells of an executed notebook whose
    source contains `call`."""
    nb = nbformat.read(nb_path, as_version=4)
    cells = [c for c in nb.cells if c.cell_type == "code" and call in c.source]
    return sum(mimetype in out.get("data", {}) for c in cells for out in c.get("outputs", []))


def test_overview_and_case_study_outputs(site) -> None:
    root, _, _ = site
    overview = root / "out" / "overview.ipynb"
    html, images = outputs(overview)
    assert images >= 4 and "甲市交通运输局" in html and "R1" in html
    assert cell_images(overview, "plotting.distribution(") == 1
    assert cell_images(overview, "topic_heatmap(") == 1
    assert cell_images(overview, "topic_trend_figure(") == 1
    assert cell_images(overview, "charts.bars(", VEGALITE) == 1 and cell_images(overview, "charts.bars(") == 0
    assert "与上年重复占比" in html and "最相似的其他机构" in html
    for name in ("problem-topics", "problem-topic-trends", "most-copied"):
        assert (root / "out" / "data" / "overview" / f"{name}.csv").is_file(), name
    case_study = root / "out" / "case_study.ipynb"
    html, images = outputs(case_study)
    assert images >= 1 and "一＋二" in html and "相符" in html and "判定依据" in html
    assert cell_images(case_study, "charts.bars(", VEGALITE) == 1
    page = (root / "out" / "case_study.html").read_text(encoding="utf-8")
    assert "第四十九条" in page and "第五十条" in page


def test_second_run_skips_unchanged_and_a_changed_report_rerenders_its_agency(site) -> None:
    root, _, ids = site
    config = RunConfig(corpus=str(root / "corpus"), output=root / "out")
    index = (root / "out" / "index.html").read_bytes()
    again = run_site(config, jobs=2, progress=False)
    assert {r.status for r in again.pages} == {SKIPPED}
    assert (root / "out" / "index.html").read_bytes() == index  # the site did not change, nor did its index
    case_report = pages(again)["case_study"].page.parameters["report_id"]
    changed = dict(REPORTS[1], new=31)
    write_corpus(root / "corpus", [changed])
    case_changed = case_report not in set(load_corpus(root / "corpus").reports["report_id"])
    third = pages(run_site(config, jobs=2, progress=False))
    rerendered = {p for p, r in third.items() if r.status == OK}
    expected = {"overview", "lesson-teacher", f"agencies/{ids['甲市交通运输局']}"}  # the lesson reads every report
    expected |= {"case_study"} if case_changed else set()
    assert rerendered == expected
    assert third[f"agencies/{ids[XSS_NAME]}"].status == SKIPPED


def test_a_failing_notebook_does_not_stop_the_others(site, tmp_path: Path) -> None:
    root, _, ids = site
    notebooks = tmp_path / "notebooks"
    shutil.copytree(NOTEBOOK_DIR, notebooks)
    source = (notebooks / "agency.py").read_text(encoding="utf-8")
    anchor = "full = load_corpus(corpus)"
    broken = source.replace(
        anchor, f'if agency_id == "{ids[XSS_NAME]}":\n    raise RuntimeError("测试用的故意失败")\n{anchor}', 1
    )
    assert broken != source
    (notebooks / "agency.py").write_text(broken, encoding="utf-8")
    two = (ids["甲市交通运输局"], ids[XSS_NAME])
    config = RunConfig(
        corpus=str(root / "corpus"), output=tmp_path / "out", notebooks=("agency",), agencies=two
    )
    result = run_site(config, jobs=2, progress=False, notebook_dir=notebooks)
    status = {r.page.agency_id: r for r in result.pages}
    assert status[ids["甲市交通运输局"]].status == OK
    assert status[ids[XSS_NAME]].status == FAILED and "测试用的故意失败" in status[ids[XSS_NAME]].error
    assert result.exit_code == 1
    assert not (tmp_path / "out" / "agencies" / f"{ids[XSS_NAME]}.html").exists()
    kept = tmp_path / "out" / "agencies" / f"{ids[XSS_NAME]}.ipynb"  # the executed notebook, up to the error
    assert "测试用的故意失败" in kept.read_text(encoding="utf-8")
    assert "测试用的故意失败" in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")


def chromium(*args: str) -> subprocess.CompletedProcess:
    """Headless Chromium with the CJK font of the noto-cjk-sans-otc wheel visible to fontconfig."""
    from cdp import FLAGS, fontconfig

    work = Path(tempfile.mkdtemp())
    conf = fontconfig(work)
    command = [shutil.which("chromium") or "chromium", *FLAGS, f"--user-data-dir={work / 'profile'}", *args]
    env = {"FONTCONFIG_FILE": str(conf), "HOME": str(work), "PATH": "/usr/bin:/bin"}
    return subprocess.run(command, capture_output=True, text=True, timeout=120, env=env, check=False)


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the Debian package chromium")
def test_pages_in_headless_chromium(site, tmp_path: Path) -> None:
    root, _, ids = site
    drawn = {}
    for page, words in (
        ("index.html", ["各机构", "甲市交通运输局", "语料总览"]),
        (f"agencies/{ids['甲市交通运输局']}.html", ["公开率", "甲市交通运输局", "返回目录"]),
        (f"agencies/{ids[XSS_NAME]}.html", ["公开率", "返回目录"]),
        ("overview.html", ["办理结果构成", "甲市交通运输局", "返回目录"]),
        ("case_study.html", ["行政复议", "返回目录"]),
        ("lesson-teacher.html", ["练习1", "参考答案", "第八部分", "返回目录"]),
        ("lesson-student.html", ["练习1", "第八部分", "返回目录"]),
    ):
        url = (root / "out" / page).as_uri()
        charts = (root / "out" / page).read_text(encoding="utf-8").count(CHART_DIV)
        # the virtual time budget lets the page's scripts run (and draw its charts) before the DOM is dumped
        dom = chromium("--virtual-time-budget=10000", "--dump-dom", url).stdout
        for word in words:
            assert word in dom, (page, word)
        assert "<script>alert" not in dom and "<img src=x" not in dom
        assert not REMOTE.search(dom), (page, REMOTE.search(dom))
        assert "图表无法显示" not in dom, page
        svgs = [div for div in dom.split(CHART_DIV)[1:] if "<svg" in div.split("</div>")[0]]
        assert len(svgs) == charts, (page, len(svgs), charts)  # every chart drawn by the bundled Vega
        drawn[page] = charts
        if page == "lesson-student.html":
            assert "参考答案" not in dom
        if page in ("index.html", "overview.html", "lesson-student.html", f"agencies/{ids['甲市交通运输局']}.html"):
            shot = tmp_path / (Path(page).stem + ".png")
            chromium("--virtual-time-budget=10000", f"--screenshot={shot}", "--window-size=1200,2000", url)
            assert shot.is_file() and shot.stat().st_size > 20_000
    assert drawn["overview.html"] >= 1 and drawn["case_study.html"] >= 1 and drawn["index.html"] == 0


#: measured in the page: the font's status, the <h1>'s text drawn in its own font and in a Latin font only
#: (every Chinese character then a missing-glyph box), and where the <h1> is
MEASURE = """(() => {
  const h1 = document.querySelector('h1'), text = h1.textContent, out = {};
  for (const [key, family] of [['drawn', getComputedStyle(h1).fontFamily], ['boxes', '"DejaVu Sans"']]) {
    const span = document.createElement('span');
    span.textContent = text; span.style.font = '32px ' + family; span.style.whiteSpace = 'nowrap';
    document.body.append(span); out[key] = span.getBoundingClientRect().width; span.remove();
  }
  const chars = [...new Set(document.body.innerText.match(/[\u4e00-\u9fff]/g))];
  const probe = document.createElement('span');
  probe.style.font = '32px "DA Noto Sans SC", "DejaVu Sans"'; document.body.append(probe);
  out.chars = chars.length;
  out.without = chars.filter(c => { probe.textContent = c; return Math.abs(probe.getBoundingClientRect().width - 32) > 0.5; });
  probe.remove();
  const r = h1.getBoundingClientRect();
  out.font = [...document.fonts].filter(f => f.family === 'DA Noto Sans SC').map(f => f.status).join();
  out.box = [r.left, r.top, r.right, r.bottom].map(Math.round);
  out.text = text;
  return out;
})()"""


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the Debian package chromium")
def test_chinese_is_drawn_on_a_machine_without_a_cjk_font(site, tmp_path: Path) -> None:
    """The page in a browser that knows one Latin font (DejaVu, as a bare Linux machine has) and no Chinese
    one: its text is drawn with the site's own font, not as boxes. (With no font at all, headless Chromium
    fails to load even a 2 KB web font in about one load of three: a browser quirk, not the site's.)"""
    from PIL import Image, ImageChops, ImageStat

    from cdp import Browser
    from disclosure_analysis.site.fonts import FONT_CSS

    root, _, ids = site
    css = root / "out" / "assets" / FONT_CSS
    assert 20_000 < css.stat().st_size < 300_000  # the font adds less than 300 KB to the site
    bare = tmp_path / "bare"  # the same site without its font
    shutil.copytree(root / "out", bare)
    (bare / "assets" / FONT_CSS).write_text("", encoding="utf-8")
    page = Path("agencies") / f"{ids['甲市交通运输局']}.html"
    latin = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    with Browser(font_dirs=[latin]) as browser:
        browser.open((root / "out" / page).as_uri())
        browser.settle()
        drawn = browser.evaluate(MEASURE)
        with_font = Image.open(browser.screenshot(tmp_path / "with-font.png")).convert("L")
        browser.open((bare / page).as_uri())
        browser.settle()
        boxes = browser.evaluate(MEASURE)
        without = Image.open(browser.screenshot(tmp_path / "without-font.png")).convert("L")
    assert drawn["text"].startswith("甲市交通运输局") and drawn["font"] == "loaded", drawn
    # each Chinese character is 1 em wide in the site's font; DejaVu's missing-glyph box is narrower
    assert abs(drawn["drawn"] - drawn["boxes"]) > 0.2 * drawn["boxes"], drawn
    assert abs(boxes["drawn"] - boxes["boxes"]) < 0.05 * boxes["boxes"], boxes  # without it: boxes
    # every Chinese character of the page's text is in the font (1 em wide), headings' too (nbconvert writes
    # them as character references)
    assert drawn["chars"] > 300 and drawn["without"] == [], drawn["without"]
    assert len(boxes["without"]) == boxes["chars"]
    heading = tuple(drawn["box"])
    ink = ImageStat.Stat(with_font.crop(heading)).mean[0]
    assert ink < 250  # something is drawn there
    assert ImageStat.Stat(ImageChops.difference(with_font.crop(heading), without.crop(heading))).mean[0] > 5
