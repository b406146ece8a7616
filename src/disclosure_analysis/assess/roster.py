"""The roster of agencies expected to publish: CSV (id, name, level, parent, aliases) plus optional YAML aliases.

Reports are matched to roster entries by normalised name (NFKC, no blanks or punctuation, 人民政府 → 政府,
政府办公室/办公厅 → 政府办, 街道办事处 → 街道), so small spelling differences do not break the match; renamed
or merged bodies are matched through their aliases.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from disclosure_analysis.ingest.metadata import agency_info

_DROP = re.compile(r"[\s()（）·・,，、.。\"'“”‘’《》〈〉\[\]【】-]+")
_VARIANTS = (
    ("人民政府", "政府"),
    ("政府办公室", "政府办"),
    ("政府办公厅", "政府办"),
    ("街道办事处", "街道"),
    ("街道办", "街道"),
)
_TRUE, _FALSE = {"true", "yes", "1", "是", "y"}, {"false", "no", "0", "否", "n", ""}
MISSING_COLUMNS = ["roster_id", "agency", "level", "parent", "year", "message"]


class RosterError(ValueError):
    """A roster or alias file that cannot be used; the message names the file and the line."""


@dataclass(frozen=True)
class RosterEntry:
    id: str
    name: str
    level: str | None
    parent: str | None
    is_government: bool | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Roster:
    entries: tuple[RosterEntry, ...]

    def __post_init__(self) -> None:
        _ = self.index  # fail early on ambiguous names

    @cached_property
    def index(self) -> dict[str, str]:
        """Normalised name or alias → roster id."""
        index: dict[str, str] = {}
        for e in self.entries:
            for name in (e.name, *e.aliases):
                key = normalise_name(name)
                if index.get(key, e.id) != e.id:
                    raise RosterError(
                        f"名册中 {index[key]} 与 {e.id} 的名称（或别名）“{name}”规范化后相同，无法区分"
                    )
                index[key] = e.id
        return index

    def match(self, name: str | None) -> str | None:
        """The roster id whose name or alias matches `name`, or None."""
        return self.index.get(normalise_name(name)) if name else None

    def get(self, roster_id: str) -> RosterEntry:
        return next(e for e in self.entries if e.id == roster_id)

    def children(self, parent_id: str) -> list[RosterEntry]:
        return [e for e in self.entries if e.parent == parent_id]


def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC, no blanks/punctuation, common variants unified."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", name))
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    return text


def load_roster(path: str | Path, aliases: str | Path | None = None) -> Roster:
    """Read the roster CSV (UTF-8, header `id,name[,level,parent,is_government,aliases]`) and extra aliases."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.DictReader(fh))
            header = rows[0].keys() if rows else []
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise RosterError(f"无法读取名册 {path}：{exc}") from exc
    missing = {"id", "name"} - set(header)
    if missing:
        raise RosterError(
            f"名册 {path} 缺少列 {sorted(missing)}（需要 id, name；可选 level, parent, is_government, aliases）"
        )
    extra = _read_aliases(aliases) if aliases else {}
    entries, seen = [], set()
    for line, row in enumerate(rows, start=2):
        rid, name = (row.get("id") or "").strip(), (row.get("name") or "").strip()
        if not rid or not name:
            raise RosterError(f"名册 {path} 第 {line} 行：id 和 name 不能为空")
        if rid in seen:
            raise RosterError(f"名册 {path} 第 {line} 行：id {rid} 重复")
        seen.add(rid)
        info = agency_info(name)
        entries.append(
            RosterEntry(
                id=rid,
                name=name,
                level=(row.get("level") or "").strip() or info.level,
                parent=(row.get("parent") or "").strip() or None,
                is_government=_flag(row.get("is_government"), info.is_government, path, line),
                aliases=tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
                + extra.pop(rid, ()),
            )
        )
    if extra:
        raise RosterError(f"别名文件 {aliases} 中的 {sorted(extra)} 不在名册 {path} 中")
    return Roster(tuple(entries))


def _flag(value: str | None, inferred: bool | None, path: Path, line: int) -> bool | None:
    text = (value or "").strip().lower()
    if not text:
        return inferred
    if text in _TRUE | _FALSE:
        return text in _TRUE
    raise RosterError(f"名册 {path} 第 {line} 行：is_government 应为 true/false（或 是/否），收到 {value!r}")


def _read_aliases(path: str | Path) -> dict[str, tuple[str, ...]]:
    """YAML mapping roster id → list of other names (old names, merged bodies)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise RosterError(f"无法读取别名文件 {path}：{exc}") from exc
    if not isinstance(data, dict) or not all(isinstance(v, list) for v in data.values()):
        raise RosterError(f"别名文件 {path} 应为“名册 id: [别名, …]”的映射")
    return {str(k): tuple(str(a) for a in v) for k, v in data.items()}


def missing_reports(roster: Roster, published: pd.DataFrame, years: Iterable[int]) -> pd.DataFrame:
    """Roster agencies with no report for a year. `published` has columns roster_id and year."""
    have = set(zip(published["roster_id"], published["year"], strict=True))
    rows = [
        {
            "roster_id": e.id,
            "agency": e.name,
            "level": e.level,
            "parent": e.parent,
            "year": year,
            "message": f"语料中没有{e.name} {year} 年度的报告",
        }
        for e in roster.entries
        for year in sorted(set(years))
        if (e.id, year) not in have
    ]
    return pd.DataFrame(rows, columns=MISSING_COLUMNS).astype({"year": "Int64"})
