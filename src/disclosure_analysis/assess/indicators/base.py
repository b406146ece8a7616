"""What an indicator type is: its parameters (with defaults and checks) and how it evaluates a corpus."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from disclosure_analysis.assess.context import Context
from disclosure_analysis.assess.model import Outcome

SEVERITIES = ("error", "warning", "info")
RULE_ID = re.compile(r"^[A-Z][A-Z0-9]*$")


@dataclass(frozen=True)
class Indicator:
    """One rubric entry, parameters completed with their defaults."""

    id: str
    type: str
    label: str
    weight: float
    basis: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)
    unknown_score: float | None = None  # score when the outcome is `unknown`; None = left out of the total


@dataclass(frozen=True)
class Param:
    """A parameter of an indicator type: accepted YAML types, default, and an optional extra check.

    `check(value)` returns what is wrong (in Chinese) or None.
    """

    kinds: tuple[type, ...]
    default: Any
    help: str
    check: Callable[[Any], str | None] | None = None


@dataclass(frozen=True)
class IndicatorType:
    """`unknown_score`: the score of an unknown outcome when the rubric does not give one; `unknown_required`:
    the rubric may not leave it out of the total (null) — an unknown publication date is scored, never dropped."""

    name: str
    help: str
    params: dict[str, Param]
    evaluate: Callable[[Context, Indicator], list[Outcome]]
    unknown_score: float | None = None
    unknown_required: bool = False


NUMBER = (int, float)


def share(value: Any) -> str | None:
    """A number between 0 and 1."""
    return None if 0 <= value <= 1 else f"应在 0 到 1 之间，收到 {value}"


def regex_list(value: Any) -> str | None:
    """A list of valid regular expressions."""
    for item in value:
        if not isinstance(item, str):
            return f"应为正则表达式的列表，其中 {item!r} 不是文本"
        try:
            re.compile(item)
        except re.error as exc:
            return f"正则表达式 {item!r} 无效：{exc}"
    return None


def penalties(value: Any) -> str | None:
    """A mapping severity or rule id (e.g. N1) → penalty in [0, 1]."""
    for key, v in value.items():
        if key not in SEVERITIES and not RULE_ID.match(str(key)):
            return f"{key!r} 既不是级别 {list(SEVERITIES)} 也不是规则编号（如 R1、N1）"
        if isinstance(v, bool) or not isinstance(v, NUMBER) or not 0 <= v <= 1:
            return f"{key} 的扣分应为 0 到 1 之间的数字，收到 {v!r}"
    return None


def choices(allowed: tuple[str, ...]) -> Callable[[Any], str | None]:
    """A list whose items are among `allowed`."""

    def check(value: Any) -> str | None:
        bad = [v for v in value if v not in allowed]
        return f"未知的取值 {bad}（可用 {list(allowed)}）" if bad else None

    return check


def outcome_for_all(ctx: Context, status: str, note: str) -> list[Outcome]:
    """The same outcome for every report (e.g. not assessed when a module is absent)."""
    return [Outcome(rid, status, note=note) for rid in ctx.reports.index]


def pre2019(report: pd.Series) -> bool:
    """Whether a report is in the format before 2019 (a report whose format could not be told is not)."""
    template = report["template"]
    return bool(pd.notna(template) and template == "pre2019")
