"""assessment.html in a real headless Chromium, opened from disk: the evaluator dismisses a finding with a
reason, downloads decisions.csv, hands it to `assess --decisions` and the score changes; the page, the
scorecards and the index speak Chinese and link to one another."""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest

from cdp import Browser
from disclosure_analysis.cli.assess import add_assess_parser
from english import english

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs the Debian package chromium"),
]


def _assess(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    add_assess_parser(parser.add_subparsers())
    args = parser.parse_args(["assess", *argv])
    return args.func(args)


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from disclosure_analysis.synth import generate

    root = tmp_path_factory.mktemp("browser")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DISCLOSURE_ANALYSIS_CACHE", str(root / "cache"))
        generate(root / "corpus", agencies=5, years=range(2022, 2024), seed=5, faults=0.5)
        assert _assess("--input", str(root / "corpus"), "--output", str(root / "run")) == 0
    return root


def _scores(root: Path) -> pd.DataFrame:
    return pd.read_excel(root / "run" / "assessment" / "assessment.xlsx", sheet_name="评分")


def test_dismiss_in_the_browser_download_and_the_score_changes(run: Path, tmp_path: Path) -> None:
    findings = pd.read_excel(run / "run" / "assessment" / "assessment.xlsx", sheet_name="问题清单")
    costly = findings[(findings["级别"] == "错误") & (findings["扣分（占该指标的%）"] > 0)].iloc[0]
    before = _scores(run).set_index("来源文件").loc[costly["来源文件"], "总分"]
    page = run / "run" / "assessment" / "assessment.html"
    with Browser(downloads=tmp_path) as browser:
        browser.open(page.as_uri())
        text = browser.evaluate("document.body.innerText")
        assert "逐条处理问题" in text and not english(text), english(text)[:10]
        browser.evaluate("document.getElementById('decisions-by').value = '张三'")
        dismissed = browser.evaluate(
            f"""(() => {{
              const row = document.querySelector('#decisions-app tr[data-key="{costly["问题编号"]}"]');
              row.querySelector('input[value="驳回"]').click();
              const note = row.querySelector('.decisions-note');
              note.value = '表格为合并单元格，人工核对无误';
              note.dispatchEvent(new Event('input'));
              return document.getElementById('decisions-count').textContent;
            }})()"""
        )
        assert dismissed.startswith("已决定 1 条")
        browser.evaluate("document.getElementById('decisions-download').click()")
        downloaded = browser.wait_download("decisions.csv")
    handed = pd.read_csv(downloaded, dtype=str, encoding="utf-8-sig", keep_default_na=False)
    mine = handed.set_index("问题编号").loc[costly["问题编号"]]
    assert (mine["决定"], mine["理由"], mine["决定人"]) == ("驳回", "表格为合并单元格，人工核对无误", "张三")
    assert len(handed) == len(pd.read_csv(run / "run" / "assessment" / "decisions.csv", encoding="utf-8-sig"))

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DISCLOSURE_ANALYSIS_CACHE", str(run / "cache"))
        assert _assess(
            "--input", str(run / "corpus"), "--output", str(run / "run"), "--decisions", str(downloaded), "--no-html"
        ) == 0
    after = _scores(run).set_index("来源文件").loc[costly["来源文件"], "总分"]
    assert after > before
    again = pd.read_excel(run / "run" / "assessment" / "assessment.xlsx", sheet_name="问题清单")
    assert again.set_index("问题编号").loc[costly["问题编号"], "决定"] == "已驳回"
    assert not page.exists()  # --no-html: the page of the earlier results is not left behind


def test_scorecards_link_back_and_speak_chinese(run: Path) -> None:
    cards = sorted((run / "run" / "assessment" / "scorecards").glob("*.html"))
    assert cards
    for card in cards:
        html = card.read_text(encoding="utf-8")
        assert "href='../assessment.html'" in html
        text = re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S)
        assert not english(text), (card.name, english(text)[:10])
