"""Assessment configuration from a params YAML (every key optional; command-line options override it).

| key | default | meaning |
|---|---|---|
| `corpus` | `sample` | folder (or file) of reports; `sample` = the embedded sample corpus |
| `output` | `outputs/demo` | run folder; the assessment goes to `<output>/assessment/` |
| `agencies` | `[]` | agency ids to assess (empty = all) |
| `years` | `[]` | years to assess, and in which missing reports are looked for (empty = every year is assessed, missing reports are looked for in the latest year of the corpus) |
| `rubric` | `params/rubrics/default.yaml` | the rubric |
| `register` | — | the agency register, CSV or XLSX (`corpus.register`; `disclosure-analysis register init` makes one) |
| `decisions` | — | the evaluator's decisions.csv |
| `timeout` | `600` | seconds the assessment notebook may run |

The site runner's keys (`notebooks`, `show_code`, `peer_group`, `case_study_report`, `stamp`) are accepted and
ignored, so one params file can serve `run` and `assess` (both read `register`).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import yaml

from disclosure_analysis.assess.rubric import DEFAULT_RUBRIC
from disclosure_analysis.site.config import SAMPLE, ConfigError

_RUN_ONLY = {"notebooks", "show_code", "peer_group", "case_study_report", "stamp"}
_PATHS = ("rubric", "register", "decisions")


@dataclass(frozen=True)
class AssessConfig:
    corpus: str = SAMPLE
    output: Path = field(default=Path("outputs/demo"))
    agencies: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    rubric: Path = DEFAULT_RUBRIC
    register: Path | None = None
    decisions: Path | None = None
    timeout: int = 600

    def with_overrides(self, **changes: Any) -> AssessConfig:
        """A copy with the non-None `changes` applied."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load_assess_config(path: str | Path) -> AssessConfig:
    """Read the params YAML at `path`."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"无法读取配置文件 {path}：{exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"配置文件 {path} 的顶层应为键值对")
    known = {f.name for f in fields(AssessConfig)}
    if unknown := sorted(set(data) - known - _RUN_ONLY):
        raise ConfigError(f"配置文件 {path} 中有未知的键 {unknown}；评估可用的键：{sorted(known)}")
    values: dict[str, Any] = {k: v for k, v in data.items() if k in known and v is not None}
    try:
        for key in ("agencies", "years"):
            if not isinstance(values.get(key, []), list):
                raise ConfigError(f"{key} 应为列表，收到 {values[key]!r}")
        values["agencies"] = tuple(str(a) for a in values.get("agencies", []))
        values["years"] = tuple(int(y) for y in values.get("years", []))
        values["timeout"] = int(values.get("timeout", 600))
    except (TypeError, ValueError) as exc:
        raise ConfigError(f"配置文件 {path}：{exc}") from exc
    for key in ("output", *_PATHS):
        if key in values:
            values[key] = Path(str(values[key]))
    if "corpus" in values:
        values["corpus"] = str(values["corpus"])
    return AssessConfig(**values)
