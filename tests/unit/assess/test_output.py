"""The assessment folder: workbook with the expected sheets and columns, decisions.csv, scorecards; params YAML."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from disclosure_analysis.assess import assess, load_roster, load_rubric
from disclosure_analysis.assess.config import AssessConfig, load_assess_config
from disclosure_analysis.assess.model import FINDING_COLUMNS
from disclosure_analysis.assess.output import read_assessment, write_assessment
from disclosure_analysis.site.config import ConfigError


def test_workbook_sheets_and_columns(build, rubric, tmp_path: Path) -> None:
    corpus = (
        build()
        .report("a")
        .table3("a")
        .finding("a", "R1", column="total")
        .report("b", agency="=HYPERLINK(1)")
        .corpus()
    )
    result = assess(corpus, rubric({"type": "on_time"}, {"type": "findings", "params": {"rules": ["R1"]}}))
    write_assessment(result, tmp_path)
    book = load_workbook(tmp_path / "assessment.xlsx")
    assert {"scores", "findings", "missing", "cross_level"} <= set(book.sheetnames)
    header = {name: [c.value for c in book[name][1]] for name in book.sheetnames}
    assert header["scores"] == [
        "report_id",
        "agency_id",
        "agency",
        "roster_id",
        "year",
        "on_time",
        "findings",
        "total",
        "rank",
    ]
    assert header["findings"] == FINDING_COLUMNS
    assert {"agency", "year", "message"} <= set(header["missing"])
    assert {"parent_value", "children_sum", "children_missing"} <= set(header["cross_level"])
    agencies = [c.value for c in book["scores"]["C"][1:]]
    assert "=HYPERLINK(1)" in agencies and book["scores"]["C2"].data_type == "s"  # text, never a formula
    assert (
        (tmp_path / "decisions.csv").read_text(encoding="utf-8-sig").startswith("finding_key,decision,note")
    )
    cards = sorted(p.name for p in (tmp_path / "scorecards").iterdir())
    assert len(cards) == 2
    page = next((tmp_path / "scorecards").glob("*.html")).read_text(encoding="utf-8")
    assert "<script" not in page
    assert set(read_assessment(tmp_path)) >= {"scores", "findings", "outcomes", "rubric"}


def test_params_file_shared_with_run(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(
        "corpus: reports/\noutput: outputs/x\nyears: [2023]\nnotebooks: [agency]\nroster: r.csv\n",
        encoding="utf-8",
    )
    config = load_assess_config(path)
    assert config == AssessConfig(
        corpus="reports/", output=Path("outputs/x"), years=(2023,), roster=Path("r.csv")
    )
    assert config.with_overrides(corpus=None, output=Path("o")).output == Path("o")


def test_params_file_with_unknown_key_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("rubrik: x.yaml\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="rubrik"):
        load_assess_config(path)


def test_demo_params_and_roster_load() -> None:
    repo = Path(__file__).resolve().parents[3]
    config = load_assess_config(repo / "params" / "assess-demo.yaml")
    assert config.roster == Path("params/rosters/sample.csv")
    roster = load_roster(repo / config.roster)
    assert roster.match("示例市国土资源局") == "shili-shi-ziranziyuanju"  # an old name, listed as alias
    assert load_rubric(repo / config.rubric).indicators
