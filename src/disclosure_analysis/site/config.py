"""Run configurations: which corpus, agencies, years and notebooks to render, and where.

YAML schema (every key optional; the defaults are the demo run, `params/demo.yaml`):

| key | type | default | meaning |
|---|---|---|---|
| `corpus` | str | `sample` | folder (or file) of reports; `sample` = the embedded sample corpus |
| `agencies` | list[str] | `[]` | agency ids to render (ASCII `[a-z0-9-]`); empty = every agency |
| `years` | list[int] | `[]` | years to include; empty = every year |
| `notebooks` | list[str] | `[agency, overview, case_study, lesson]` | which notebooks to run |
| `output` | str | `outputs/demo` | site folder (relative paths are relative to the working directory) |
| `show_code` | bool | `false` | keep code cells in the pages |
| `peer_group` | str | `level` | peers for the agency pages: `level` (same kind and level) or `region` (also the same region); ranks only in groups of ≥ 5 |
| `case_study_report` | str | `""` | report id for the case study; empty = the report with the most 表三 cells |
| `register` | str | `""` | the agency register (CSV or XLSX, `corpus.register`): agency kinds, levels, regions and dates entered by hand override what the names and texts say; empty = none |
| `covariates` | str | `""` | a covariates CSV (`corpus.covariates`: agency or region → population, budget, …): the agency pages and the overview add per-capita figures (每万人申请数); empty = none |
| `lesson_agency` | str | `""` | the lesson's agency: its name, part of it (洪泽区) or its id; empty = the most instructive report's |
| `lesson_year` | int | `0` | the lesson's report year; 0 = the agency's (or corpus's) most instructive report |
| `lesson_two_reports` | bool | `false` | the lesson sets an agency's 2021-format report beside its 2019-format one |
| `timeout` | int | `600` | seconds one notebook may run |
| `stamp` | bool | `false` | show the time of writing on index.html (then two runs no longer give the same file) |
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from disclosure_analysis.analysis.peers import PEER_GROUPS
from disclosure_analysis.page.display import is_safe_id

NOTEBOOKS = ("agency", "overview", "case_study", "lesson")
SAMPLE = "sample"


class ConfigError(ValueError):
    """A run configuration that cannot be used; the message says what to fix (in Chinese)."""


@dataclass(frozen=True)
class RunConfig:
    """What to render. See the module docstring for the YAML form."""

    corpus: str = SAMPLE
    agencies: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    notebooks: tuple[str, ...] = NOTEBOOKS
    output: Path = field(default=Path("outputs/demo"))
    show_code: bool = False
    peer_group: str = "level"
    case_study_report: str = ""
    register: str = ""
    covariates: str = ""
    lesson_agency: str = ""
    lesson_year: int = 0
    lesson_two_reports: bool = False
    timeout: int = 600
    stamp: bool = False

    def __post_init__(self) -> None:
        bad = [a for a in self.agencies if not is_safe_id(a)]
        if bad:
            raise ConfigError(f"机构编号只能由小写字母、数字和连字符组成：{bad}")
        unknown = [n for n in self.notebooks if n not in NOTEBOOKS]
        if unknown:
            raise ConfigError(f"未知的笔记本 {unknown}；可选 {list(NOTEBOOKS)}")
        if self.peer_group not in PEER_GROUPS:
            raise ConfigError(f"peer_group 只能是 {sorted(PEER_GROUPS)}，收到 {self.peer_group!r}")
        if self.case_study_report and not self.case_study_report.isalnum():
            raise ConfigError(f"报告编号只能由字母和数字组成：{self.case_study_report!r}")

    def with_overrides(self, **changes: Any) -> RunConfig:
        """A copy with the non-None `changes` applied (command-line options over the YAML file)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def parse_config(data: dict[str, Any] | None) -> RunConfig:
    """A RunConfig from parsed YAML, checking keys and types."""
    data = dict(data or {})
    known = {f.name for f in fields(RunConfig)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"配置中有未知的键 {unknown}；可用的键：{sorted(known)}")
    if "output" in data:
        data["output"] = Path(str(data["output"]))
    for key, kind in (("agencies", str), ("notebooks", str), ("years", int)):
        if key in data:
            values = data[key] or []
            if not isinstance(values, list):
                raise ConfigError(f"{key} 应为列表，收到 {values!r}")
            data[key] = tuple(_convert(kind, v, key) for v in values)
    for key in ("corpus", "peer_group", "case_study_report", "register", "covariates", "lesson_agency"):
        if key in data:
            data[key] = "" if data[key] is None else str(data[key])
    for key in ("show_code", "stamp", "lesson_two_reports"):
        if key in data and not isinstance(data[key], bool):
            raise ConfigError(f"{key} 应为 true 或 false，收到 {data[key]!r}")
    if data.get("lesson_year", 0) is None:
        data["lesson_year"] = 0  # `lesson_year:` left empty in the YAML file
    for key in ("timeout", "lesson_year"):
        if key in data:
            data[key] = _convert(int, data[key], key)
    return RunConfig(**data)


def _convert(kind: type, value: Any, key: str) -> Any:
    try:
        return kind(value)
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"{key} 的取值 {value!r} 不是{'整数' if kind is int else '文本'}") from exc


def load_config(path: str | Path) -> RunConfig:
    """Read a YAML run configuration."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc}") from exc
    if data is not None and not isinstance(data, dict):
        raise ConfigError(f"配置文件 {path} 的顶层应为键值对")
    return parse_config(data)
