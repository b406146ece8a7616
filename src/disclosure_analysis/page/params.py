"""Notebook parameters as given on any route: a list from papermill's `-p years "[2023, 2024]"` arrives as
text, from `-y`, a YAML file or the site runner as a list."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any


def as_list(value: Any, kind: Callable[[Any], Any] = str, name: str = "参数") -> list:
    """`value` as a list of `kind`: a list or tuple as it is; text as a JSON list ("[2023, 2024]"), or
    items separated by commas or spaces ("2023,2024"); "" or None as []. Raises ValueError (in Chinese)
    for an item that is not a `kind`."""
    if value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                value = json.loads(text)
            except json.JSONDecodeError as exc:
                raise ValueError(f"{name} 应为列表，如 [2023, 2024]，收到 {value!r}") from exc
        else:
            value = [v for v in text.replace("，", ",").replace(",", " ").split() if v]
    elif not isinstance(value, list | tuple):
        value = [value]
    try:
        return [kind(v) for v in value]
    except (TypeError, ValueError) as exc:
        raise ValueError(f"{name} 中有无法识别的取值：{value!r}") from exc
