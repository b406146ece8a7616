"""Run configurations: the YAML schema, its checks, and the demo file matching the defaults."""

from __future__ import annotations

from pathlib import Path

import pytest

from disclosure_analysis.site.config import ConfigError, RunConfig, load_config, parse_config

REPO = Path(__file__).resolve().parents[3]


def test_demo_params_are_the_defaults() -> None:
    assert load_config(REPO / "params" / "demo.yaml") == RunConfig()


def test_parse_config_types_and_overrides(tmp_path: Path) -> None:
    path = tmp_path / "run.yaml"
    path.write_text(
        "corpus: reports/\nagencies: [abc-1f2e]\nyears: [2023, '2024']\nnotebooks: [agency]\n"
        "output: out/x\nshow_code: true\npeer_group: region\nstamp: true\n",
        encoding="utf-8",
    )
    config = load_config(path)
    assert config.years == (2023, 2024) and config.agencies == ("abc-1f2e",)
    assert config.output == Path("out/x") and config.show_code and config.peer_group == "region"
    assert config.stamp and not RunConfig().stamp
    assert config.with_overrides(corpus="other", output=None).corpus == "other"
    assert config.with_overrides(output=None).output == Path("out/x")


@pytest.mark.parametrize(
    "data",
    [
        {"colour": "red"},
        {"agencies": ["../etc"]},
        {"agencies": ["ABC"]},
        {"agencies": "abc"},
        {"years": ["二〇二三"]},
        {"notebooks": ["secret"]},
        {"peer_group": "planet"},
        {"show_code": "yes"},
        {"stamp": "now"},
        {"case_study_report": "../x"},
    ],
)
def test_bad_configs_are_refused_in_chinese(data: dict) -> None:
    with pytest.raises(ConfigError, match=r"[\u4e00-\u9fff]"):
        parse_config(data)


def test_unreadable_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError):
        load_config(tmp_path / "missing.yaml")
    (tmp_path / "list.yaml").write_text("- a\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_config(tmp_path / "list.yaml")
