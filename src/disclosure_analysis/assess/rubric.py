"""The rubric as data: indicators with weights, thresholds and the basis each rests on (YAML).

```yaml
name: 默认评估指标
duplicates: most_complete       # which of two reports of one agency and year is scored (see DUPLICATES)
indicators:
  - id: on_time                 # [a-z][a-z0-9_]*, unique; the column name in the scores sheet
    type: on_time               # one of indicators.TYPES
    label: 按时发布
    weight: 15                  # a number ≥ 0; the total is the weighted mean of the scored indicators
    basis: 《政府信息公开条例》第四十九条   # text or list of texts: 条例 article, format notice, evaluator practice
    unknown_score: 0            # score when the outcome is unknown (null = left out of the total; the type's
                                # default when absent; on_time must score an unknown date: 0 by default)
    params: {grace_days: 0}     # optional: the type's parameters (see each type's `params` in `indicators/`)
```

`load_rubric` rejects a malformed rubric with a `RubricError` naming the file, the indicator and the problem.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from disclosure_analysis.assess.indicators import TYPES, Indicator

DEFAULT_RUBRIC = Path(__file__).resolve().parents[3] / "params" / "rubrics" / "default.yaml"
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"name", "description", "duplicates", "indicators"}
#: which report of an agency-year is scored when there are several (the others are listed, not scored)
DUPLICATES = {
    "most_complete": "读取最完整的一份（已完整读取优先，其次读出的单元格多，再次发布日期晚）",
    "latest_published": "发布日期最晚的一份（更正后重新发布的报告）",
    "earliest_published": "发布日期最早的一份（首次发布的报告）",
}
_KEYS = {"id", "type", "label", "weight", "basis", "params", "unknown_score"}
#: columns of the scores sheet an indicator id must not take
_RESERVED = {
    "report_id", "agency_id", "agency", "register_id", "agency_kind", "year", "published", "published_source",
    "source", "total", "rank", "unknown",
}


class RubricError(ValueError):
    """A rubric that cannot be used; the message names the file, the indicator and what is wrong."""


@dataclass(frozen=True)
class Rubric:
    name: str
    source: str
    indicators: tuple[Indicator, ...]
    duplicates: str = "most_complete"  # a key of DUPLICATES
    description: str = ""

    def table(self) -> pd.DataFrame:
        """One row per indicator: id, label, type, weight, basis, parameters (for the workbook)."""
        return pd.DataFrame(
            [
                {
                    "indicator": i.id,
                    "label": i.label,
                    "type": i.type,
                    "weight": i.weight,
                    "basis": "；".join(i.basis),
                    "unknown_score": i.unknown_score,
                    "params": yaml.safe_dump(
                        i.params, allow_unicode=True, default_flow_style=True, width=10_000
                    ).strip(),
                }
                for i in self.indicators
            ],
            columns=["indicator", "label", "type", "weight", "basis", "unknown_score", "params"],
        )


def load_rubric(path: str | Path | None = None) -> Rubric:
    """Read and check a rubric (default: params/rubrics/default.yaml)."""
    path = Path(path or DEFAULT_RUBRIC)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise RubricError(f"评估指标文件 {path}：无法读取（{exc}）") from exc
    return parse_rubric(data, str(path))


def parse_rubric(data: Any, source: str) -> Rubric:
    """A Rubric from parsed YAML; `source` names the file in error messages."""

    def fail(what: str, where: str = "") -> RubricError:
        return RubricError(f"评估指标文件 {source}：{where}{what}")

    if not isinstance(data, dict):
        raise fail("顶层应为映射（name、indicators）")
    if unknown := sorted(set(data) - _TOP_KEYS):
        raise fail(f"有未知的键 {unknown}（可用 {sorted(_TOP_KEYS)}）")
    items = data.get("indicators")
    if not isinstance(items, list) or not items:
        raise fail("indicators 应为非空的列表")
    indicators: list[Indicator] = []
    for n, item in enumerate(items, start=1):
        where = (
            f"指标 {item.get('id', '（无 id）') if isinstance(item, dict) else '（格式错误）'}（第 {n} 项）："
        )
        try:
            indicators.append(_indicator(item))
        except ValueError as exc:
            raise fail(str(exc), where) from None
    ids = [i.id for i in indicators]
    if dup := sorted({i for i in ids if ids.count(i) > 1}):
        raise fail(f"指标 id 重复：{dup}")
    if sum(i.weight for i in indicators) <= 0:
        raise fail("所有指标的权重之和为 0，无法计算总分")
    _no_shared_rules(indicators, fail)
    duplicates = data.get("duplicates", "most_complete")
    if duplicates not in DUPLICATES:
        raise fail(f"duplicates 应为 {sorted(DUPLICATES)} 之一，收到 {duplicates!r}")
    description = data.get("description") or ""
    if not isinstance(description, str):
        raise fail("description 应为文字")
    return Rubric(
        str(data.get("name") or Path(source).stem), source, tuple(indicators), duplicates, description.strip()
    )


def _indicator(item: Any) -> Indicator:
    if not isinstance(item, dict):
        raise ValueError("应为映射（id、type、weight、basis …）")
    if unknown := sorted(set(item) - _KEYS):
        raise ValueError(f"有未知的键 {unknown}（可用 {sorted(_KEYS)}）")
    ident = item.get("id")
    if not isinstance(ident, str) or not _ID.match(ident):
        raise ValueError(f"id 应由小写字母、数字和下划线组成、以字母开头，收到 {ident!r}")
    if ident in _RESERVED:
        raise ValueError(f"id {ident!r} 是评分表的固定列名，请换一个（保留：{sorted(_RESERVED)}）")
    kind = item.get("type")
    if kind not in TYPES:
        raise ValueError(f"未知的指标类型 {kind!r}（可用 {sorted(TYPES)}）")
    weight = item.get("weight")
    if not _is_number(weight) or weight < 0:
        raise ValueError(f"weight 应为不小于 0 的数字，收到 {weight!r}")
    basis = item.get("basis")
    basis = [basis] if isinstance(basis, str) else basis
    if not isinstance(basis, list) or not basis or not all(isinstance(b, str) and b.strip() for b in basis):
        raise ValueError("缺少 basis（依据：条例条款、格式通知或评估机构的做法），应为文字或文字列表")
    label = item.get("label", ident)
    if not isinstance(label, str) or not label.strip():
        raise ValueError(f"label 应为文字，收到 {label!r}")
    unknown_score = item.get("unknown_score", TYPES[kind].unknown_score)
    if unknown_score is not None and (not _is_number(unknown_score) or not 0 <= unknown_score <= 1):
        raise ValueError(f"unknown_score 应为 0 到 1 之间的数字或 null，收到 {unknown_score!r}")
    if unknown_score is None and TYPES[kind].unknown_required:
        raise ValueError(
            "unknown_score 不能为 null：无法判断时（如发布日期不明）应按规定的分数计入总分，不能从总分中略去"
        )
    return Indicator(
        ident,
        kind,
        label,
        float(weight),
        tuple(basis),
        _params(kind, item.get("params")),
        None if unknown_score is None else float(unknown_score),
    )


def _params(kind: str, given: Any) -> dict[str, Any]:
    if given is None:
        given = {}
    if not isinstance(given, dict):
        raise ValueError(f"params 应为映射，收到 {given!r}")
    spec = TYPES[kind].params
    if unknown := sorted(set(given) - set(spec)):
        raise ValueError(f"类型 {kind} 没有参数 {unknown}（可用 {sorted(spec)}）")
    out = {}
    for name, param in spec.items():
        value = given[name] if name in given else copy.deepcopy(param.default)
        numeric_only = bool not in param.kinds and isinstance(value, bool)
        if numeric_only or not isinstance(value, param.kinds):
            wanted = "、".join(_KIND_TEXT.get(k, k.__name__) for k in param.kinds)
            raise ValueError(f"参数 {name} 应为{wanted}，收到 {value!r}")
        if param.check and (problem := param.check(value)):
            raise ValueError(f"参数 {name}：{problem}")
        out[name] = value
    return out


_KIND_TEXT = {
    int: "整数",
    float: "数字",
    list: "列表",
    dict: "映射",
    str: "文字",
    bool: "true/false",
    type(None): "null",
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _no_shared_rules(indicators: list[Indicator], fail: Any) -> None:
    """A rule scored by two `findings` indicators would count twice."""
    owner: dict[str, str] = {}
    for ind in indicators:
        for rule in ind.params.get("rules", []) if ind.type == "findings" else []:
            if rule in owner:
                raise fail(f"规则 {rule} 同时计入指标 {owner[rule]} 和 {ind.id}，会重复扣分")
            owner[rule] = ind.id
