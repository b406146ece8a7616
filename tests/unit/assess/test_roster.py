"""Roster: names matched after normalisation and through aliases; who has not published for which year."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from disclosure_analysis.assess import assess
from disclosure_analysis.assess.roster import RosterError, load_roster, missing_reports, normalise_name


def _write(tmp_path: Path, text: str, name: str = "roster.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("示例县人民政府办公室", "示例县政府办"),
        ("示例县人民政府办公厅", "示例县政府办公室"),
        ("示例县 公安局", "示例县公安局"),
        ("东坡街道办事处", "东坡街道"),
        ("（示例县）发展和改革局", "示例县发展和改革局"),
        ("ＡＢ局", "AB局"),
    ],
)
def test_name_variants_normalise_alike(a: str, b: str) -> None:
    assert normalise_name(a) == normalise_name(b)


def test_match_by_name_alias_and_yaml_alias(tmp_path: Path) -> None:
    roster = load_roster(
        _write(
            tmp_path,
            "id,name,level,parent,aliases\n"
            "gov,示例县人民政府,县级,,\n"
            "ndrc,示例县发展和改革局,县级,gov,示例县发展计划局|示例县物价局\n",
        ),
        _write(tmp_path, "ndrc: [示例县发改局]\n", "aliases.yaml"),
    )
    assert roster.match("示例县政府") == "gov"
    assert roster.match("示例县物价局") == "ndrc"
    assert roster.match("示例县发改局") == "ndrc"
    assert roster.match("别的县政府") is None
    assert roster.get("gov").is_government is True and roster.get("ndrc").is_government is False


def test_missing_reports_per_year(tmp_path: Path) -> None:
    roster = load_roster(_write(tmp_path, "id,name\na,示例县公安局\nb,示例县教育局\n"))
    published = pd.DataFrame({"roster_id": ["a", "a", "b"], "year": [2022, 2023, 2023]})
    missing = missing_reports(roster, published, [2022, 2023])
    assert list(zip(missing["roster_id"], missing["year"], strict=True)) == [("b", 2022)]


def test_assessment_lists_roster_agencies_without_reports(tmp_path: Path, build, rubric) -> None:
    roster = load_roster(_write(tmp_path, "id,name\np,示例县公安局\ne,示例县教育局\n"))
    corpus = build().report("a", year=2022).report("b", year=2023).corpus()
    result = assess(corpus, rubric({"type": "on_time"}), roster=roster)
    assert sorted(zip(result.missing["roster_id"], result.missing["year"], strict=True)) == [
        ("e", 2022),
        ("e", 2023),
    ]
    assert set(result.scores["roster_id"]) == {"p"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,level\nx,县级\n", "缺少列 ['name']"),
        ("id,name\nx,示例县公安局\nx,示例县教育局\n", "第 3 行：id x 重复"),
        ("id,name,is_government\nx,示例县公安局,maybe\n", "第 2 行：is_government"),
        ("id,name\nx,示例县政府办\ny,示例县人民政府办公室\n", "规范化后相同"),
        ("id,name\n,示例县公安局\n", "第 2 行：id 和 name 不能为空"),
    ],
)
def test_bad_rosters_are_rejected_naming_file_and_line(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(RosterError) as err:
        load_roster(path)
    assert str(path) in str(err.value) or "规范化后相同" in str(err.value)
    assert message in str(err.value)


def test_alias_for_an_unknown_id_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(RosterError, match="不在名册"):
        load_roster(_write(tmp_path, "id,name\nx,示例县公安局\n"), _write(tmp_path, "y: [某局]\n", "a.yaml"))
