"""The agency register: the agencies expected to publish, what each is, and facts entered by hand.

One row per agency, in a CSV (UTF-8) or XLSX file (first sheet); headers in Chinese or English:

| column | 中文表头 | meaning |
|---|---|---|
| `id` | 编号 | required, unique: a stable id of the agency (letters, digits, `-`, `_`) |
| `name` | 名称 | required: the agency's name |
| `variants` | 其他名称 | other names its reports were printed under (old names, merged bodies), separated by `|` or `；` |
| `parent` | 上级 | id or name of the body it reports under (a department's government, a township's county) |
| `kind` | 类型 | 人民政府 / 管委会 / 政府部门 / 乡镇街道 / 事业单位 / 待确认 (or government, committee, department, township, institution, unknown); empty: what the name says |
| `level` | 层级 | 中央部门, 省级, 市级, 县级 or 乡镇街道; empty: what the name says |
| `region` | 地区 | the region it belongs to; empty: what the name says |
| `years` | 应发布年度 | report years it is expected to publish: `2019-2024`, `2021、2023`, `2022-` (from 2022); empty: every year assessed |
| `url` | 年报网址 | where its reports are published |
| `published` | 发布日期 | publication dates entered by hand, per report year: `2023=2024-01-20；2024=2025-01-25` |
| `notes` | 备注 | free text |

Reports are matched to agencies by normalised name (NFKC, no blanks or punctuation, 人民政府 → 政府,
政府办公室/办公厅 → 政府办, 街道办事处 → 街道) against the name and the variants; a report whose printed name
matches nothing takes the agency of another report the corpus joined it with (the same `agency_id`).
A register overrides what extraction read from the name (kind, level, region), and a date entered by hand
beats one found in the text. A file that cannot be used raises `RegisterError` naming the file, the line
and the fix; nothing is guessed or corrected silently.
"""

from __future__ import annotations

import copy
import csv
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property
from pathlib import Path

import pandas as pd

from disclosure_analysis import formats
from disclosure_analysis.corpus.tables import Corpus
from disclosure_analysis.ingest.metadata import agency_info, is_government_kind, parse_date, place_prefix

#: column → its Chinese header (the form `register init` writes)
HEADERS = {
    "id": "编号",
    "name": "名称",
    "variants": "其他名称",
    "parent": "上级",
    "kind": "类型",
    "level": "层级",
    "region": "地区",
    "years": "应发布年度",
    "url": "年报网址",
    "published": "发布日期",
    "notes": "备注",
}
_OLD_HEADERS = {"aliases": "variants"}  # the roster files before the register
LEVELS = ("中央部门", "省级", "市级", "县级", "乡镇街道")
#: where a report's publication date came from (reports column `published_source`)
FROM_REGISTER, FROM_TEXT = "登记表", "报告正文"

_DROP = re.compile(r"[\s()（）·・,，、.。\"'“”‘’《》〈〉\[\]【】-]+")
_VARIANTS = (
    ("人民政府", "政府"),
    ("政府办公室", "政府办"),
    ("政府办公厅", "政府办"),
    ("街道办事处", "街道"),
    ("街道办", "街道"),
)
_SPLIT = re.compile(r"[|｜;；\n]+")
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


class RegisterError(ValueError):
    """A register that cannot be used; the message names the file, the line and what to fix."""


@dataclass(frozen=True)
class RegisterEntry:
    id: str
    name: str
    variants: tuple[str, ...] = ()
    parent: str | None = None  # the parent's id
    kind: str = "unknown"
    kind_given: bool = False  # the kind was entered, not read from the name
    level: str | None = None
    region: str | None = None
    years: tuple[tuple[int, int | None], ...] = ()  # (first, last or None) spans; () = every year
    url: str | None = None
    published: tuple[tuple[int, str], ...] = ()  # (report year, ISO date) entered by hand
    notes: str | None = None

    def expects(self, year: int) -> bool:
        """Whether the agency is expected to publish a report for `year`."""
        return not self.years or any(a <= year and (b is None or year <= b) for a, b in self.years)

    def published_for(self, year: int) -> str | None:
        return dict(self.published).get(year)


@dataclass(frozen=True)
class Register:
    entries: tuple[RegisterEntry, ...]
    source: str = ""

    def __post_init__(self) -> None:
        _ = self.index  # fail early on ambiguous names

    @cached_property
    def index(self) -> dict[str, str]:
        """Normalised name or variant → agency id."""
        index: dict[str, str] = {}
        for e in self.entries:
            for name in (e.name, *e.variants):
                key = normalise_name(name)
                if index.get(key, e.id) != e.id:
                    raise RegisterError(
                        f"登记表 {self.source}：{index[key]} 与 {e.id} 的名称（或其他名称）“{name}”规范化后相同，无法区分"
                    )
                index[key] = e.id
        return index

    @cached_property
    def by_id(self) -> dict[str, RegisterEntry]:
        return {e.id: e for e in self.entries}

    def match(self, name: str | None) -> str | None:
        """The id of the agency whose name or variant matches `name`, or None."""
        return self.index.get(normalise_name(name)) if name else None

    def get(self, agency: str) -> RegisterEntry:
        return self.by_id[agency]

    def children(self, parent: str) -> list[RegisterEntry]:
        return [e for e in self.entries if e.parent == parent]

    def apply(self, reports: pd.DataFrame) -> pd.DataFrame:
        """`reports` (the corpus table) with `register_id` and what the register says: `agency_kind`, `level`,
        `region` and `is_government` of the matched agency, the date entered by hand for the report's year
        in `published`, and where each date came from in `published_source`."""
        out = reports.copy()
        matched = [self.match(a) if isinstance(a, str) else None for a in out["agency"]]
        joined: dict[str, str] = {}
        for aid, rid in zip(out["agency_id"], matched, strict=True):
            if rid is not None:
                joined.setdefault(aid, rid)
        ids = [rid or joined.get(aid) for aid, rid in zip(out["agency_id"], matched, strict=True)]
        out["register_id"] = pd.array(ids, dtype="string")
        entries = [self.by_id[rid] if rid is not None else None for rid in ids]
        given = [e if e is not None and (e.kind_given or e.kind != "unknown") else None for e in entries]
        out["agency_kind"] = pd.array(
            [e.kind if e else k for e, k in zip(given, out["agency_kind"], strict=True)], dtype="string"
        )
        out["is_government"] = pd.array(
            [is_government_kind(e.kind, e.name) if e else g for e, g in zip(given, out["is_government"], strict=True)],
            dtype="boolean",
        )
        for column in ("level", "region"):
            out[column] = pd.array(
                [getattr(e, column) or v if e else v for e, v in zip(entries, out[column], strict=True)],
                dtype="string",
            )
        entered = [
            e.published_for(int(y)) if e is not None and pd.notna(y) else None
            for e, y in zip(entries, out["year"], strict=True)
        ]
        out["published_source"] = pd.array(
            [FROM_REGISTER if d else FROM_TEXT if isinstance(p, str) else None
             for d, p in zip(entered, out["published"], strict=True)],
            dtype="string",
        )
        out["published"] = pd.array(
            [d or p for d, p in zip(entered, out["published"], strict=True)], dtype="string"
        )
        return out


def normalise_name(name: str) -> str:
    """The form names are compared in: NFKC, no blanks/punctuation, common variants unified."""
    text = _DROP.sub("", unicodedata.normalize("NFKC", name))
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    return text


def with_register(corpus: Corpus, register: Register | None) -> Corpus:
    """A view of `corpus` whose reports say what `register` says (`Register.apply`); the corpus itself when
    there is no register. The view is kept with the corpus for an equal register, so that pages run on one
    warm kernel share its derived frames instead of computing them again each."""
    if register is None:
        return corpus
    kept = corpus.derived.get("register_view")
    if kept is not None and kept[0] == register:
        return kept[1]
    view = copy.copy(corpus)
    view.derived = {}  # frames derived from the reports are made again from the register's
    view.reports = register.apply(corpus.reports)
    corpus.derived["register_view"] = (register, view)
    return view


# --- reading -------------------------------------------------------------------------------------

KIND_CODES = {
    **{code: code for code in formats.agency_kinds().names},
    **{name: code for code, name in formats.agency_kinds().names.items()},
    "管委会": "committee",
    "政府部门": "department",
    "部门": "department",
    "乡镇": "township",
    "街道": "township",
    "乡镇（街道）": "township",
    "事业单位": "institution",
    "未知": "unknown",
}


def load_register(path: str | Path) -> Register:
    """Read and check a register (CSV or XLSX)."""
    path = Path(path)
    rows = _read_rows(path)
    entries, names, parents = [], {}, []
    for line, row in rows:
        entry, parent = _entry(row, path, line)
        if entry.id in names:
            raise RegisterError(f"登记表 {path} 第 {line} 行：编号 {entry.id} 重复")
        names[entry.id] = entry
        entries.append(entry)
        parents.append((line, parent))
    by_name = {normalise_name(e.name): e.id for e in entries}
    resolved = []
    for entry, (line, parent) in zip(entries, parents, strict=True):
        pid = None
        if parent:
            pid = parent if parent in names else by_name.get(normalise_name(parent))
            if pid is None:
                raise RegisterError(f"登记表 {path} 第 {line} 行：上级“{parent}”不是表中任何机构的编号或名称")
            if pid == entry.id:
                raise RegisterError(f"登记表 {path} 第 {line} 行：上级不能是机构自身")
        resolved.append(replace(entry, parent=pid))
    return Register(tuple(resolved), str(path))


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    """(line number, {column: text}) of every non-empty row, headers mapped to the column names."""
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            table = _xlsx_rows(path)
        else:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                table = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error, ValueError, KeyError) as exc:
        raise RegisterError(f"无法读取登记表 {path}：{exc}") from exc
    if not table:
        raise RegisterError(f"登记表 {path} 是空的：第一行应为表头（{'、'.join(HEADERS.values())}）")
    known = {**{c: c for c in HEADERS}, **{h: c for c, h in HEADERS.items()}, **_OLD_HEADERS}
    header = [known.get(str(h or "").strip()) for h in table[0]]
    if missing := [HEADERS[c] for c in ("id", "name") if c not in header]:
        raise RegisterError(
            f"登记表 {path} 缺少列 {'、'.join(missing)}：第一行应为表头，必需的列为 编号（id）和 名称（name）"
        )
    out = []
    for line, cells in enumerate(table[1:], start=2):
        row = {c: str(v or "").strip() for c, v in zip(header, cells, strict=False) if c}
        if any(row.values()):
            out.append((line, row))
    return out


def _xlsx_rows(path: Path) -> list[list[str]]:
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        sheet = book.worksheets[0]
        return [["" if v is None else _cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and hasattr(value, "isoformat"):  # a date typed into the sheet
        return value.date().isoformat() if hasattr(value, "hour") else value.isoformat()
    return str(value)


def _entry(row: dict[str, str], path: Path, line: int) -> tuple[RegisterEntry, str]:
    def fail(what: str) -> RegisterError:
        return RegisterError(f"登记表 {path} 第 {line} 行：{what}")

    ident, name = row.get("id", ""), row.get("name", "")
    if not ident or not name:
        raise fail("编号（id）和名称（name）不能为空")
    if not _ID.match(ident):
        raise fail(f"编号 {ident!r} 只能由字母、数字、“-”和“_”组成")
    info = agency_info(name)
    kind_text = row.get("kind", "")
    if kind_text and kind_text not in KIND_CODES:
        shown = "、".join(formats.agency_kinds().names.values())
        raise fail(f"类型“{kind_text}”无法识别，应为 {shown} 之一（或留空，按名称判断）")
    level = row.get("level") or None
    if level and level not in LEVELS:
        raise fail(f"层级“{level}”无法识别，应为 {'、'.join(LEVELS)} 之一（或留空）")
    return (
        RegisterEntry(
            id=ident,
            name=name,
            variants=tuple(v.strip() for v in _SPLIT.split(row.get("variants", "")) if v.strip()),
            kind=KIND_CODES[kind_text] if kind_text else info.kind,
            kind_given=bool(kind_text),
            level=level or info.level,
            region=row.get("region") or info.region,
            years=_years(row.get("years", ""), fail),
            url=row.get("url") or None,
            published=_published(row.get("published", ""), fail),
            notes=row.get("notes") or None,
        ),
        row.get("parent", ""),
    )


_SPAN = re.compile(r"^((?:19|20)\d\d)?\s*(?:([-–—~～至到])\s*((?:19|20)\d\d)?)?$")
Fail = Callable[[str], RegisterError]


def _years(text: str, fail: Fail) -> tuple[tuple[int, int | None], ...]:
    """`2019-2024`, `2021、2023`, `2022-` (from 2022 on) → (first, last or None) spans."""
    spans = []
    for part in (p.strip() for p in re.split(r"[,，、;；]+", text.replace("年度", "").replace("年", ""))):
        m = _SPAN.match(part) if part else None
        if part and (m is None or not (m.group(1) or m.group(3))):
            raise fail(f"应发布年度“{text}”无法识别：写作 2019-2024、2021、2023 或 2022-（自 2022 年度起）")
        if m is None:
            continue
        first = int(m.group(1)) if m.group(1) else 2008  # 2008: the first year of the 条例
        last = int(m.group(3)) if m.group(3) else (None if m.group(2) else first)
        if last is not None and last < first:
            raise fail(f"应发布年度“{part}”的起止年份颠倒")
        spans.append((first, last))
    return tuple(spans)


def _published(text: str, fail: Fail) -> tuple[tuple[int, str], ...]:
    out: dict[int, str] = {}
    for part in re.split(r"[;；,，|｜\n]+", text):
        if not part.strip():
            continue
        m = re.match(r"^\s*((?:19|20)\d\d)\s*(?:年度?)?\s*[=:：]\s*(.+)$", part)
        date = parse_date(m.group(2)) if m else None
        if m is None or date is None:
            raise fail(f"发布日期“{part.strip()}”无法识别：写作“报告年度=发布日期”，如 2023=2024-01-20（多个年度用；分隔）")
        if int(date[:4]) < int(m.group(1)):
            raise fail(f"发布日期“{part.strip()}”早于它所报告的年度")
        out[int(m.group(1))] = date
    return tuple(sorted(out.items()))


# --- a register pre-filled from a corpus ----------------------------------------------------------


def register_frame(corpus: Corpus) -> pd.DataFrame:
    """A register pre-filled from the corpus, one row per agency, with Chinese headers (`HEADERS`), for the
    evaluator to correct: the kind the name tells (待确认 where it does not), level, region, a guessed parent
    (by name: `_guess_parent`), the printed name variants, and notes on what to check (the kind, dates
    missing from reports)."""
    reports = corpus.reports.dropna(subset=["agency"]).sort_values(["agency_id", "year", "source"])
    kinds = formats.agency_kinds().names
    agencies = []
    for aid, own in reports.groupby("agency_id", sort=True):
        name = str(own["agency"].iloc[-1])
        info = agency_info(name)
        years = sorted({int(y) for y in own["year"].dropna()})
        undated = sorted({int(y) for y, p in zip(own["year"], own["published"], strict=True) if pd.notna(y) and pd.isna(p)})
        notes = [f"语料中有 {'、'.join(map(str, years))} 年度的报告"] if years else []
        if info.kind == "unknown":
            notes.append(info.kind_note or "名称不能说明机构类型，请填写类型")
        if undated:
            notes.append(f"{'、'.join(map(str, undated))} 年度的报告中没有找到发布日期，请在“发布日期”列补录")
        agencies.append(
            {
                "id": aid,
                "name": name,
                "variants": "|".join(sorted(set(own["agency"].astype(str)) - {name})),
                "kind": kinds[info.kind],
                "level": info.level or "",
                "region": info.region or "",
                "years": "",
                "url": "",
                "published": "",
                "notes": "；".join(notes),
                "_kind": info.kind,
            }
        )
    name_of = {a["id"]: a["name"] for a in agencies}
    for a in agencies:
        a["parent"] = name_of.get(_guess_parent(a, agencies), "")  # the name reads better than the id
    frame = pd.DataFrame(agencies, columns=[*HEADERS, "_kind"]).drop(columns="_kind")
    return frame.rename(columns=HEADERS)


_GOVERNMENT = re.compile(r"(?:人民)?政府$")


def _guess_parent(agency: dict, agencies: list[dict]) -> str:
    """The id of the nearest government (or zone) above the agency: the one whose name, without 人民政府, the
    agency's name starts with (淮安市洪泽区教育局 → 淮安市洪泽区人民政府, 平潭综合实验区财政金融局 → 平潭综合实验区),
    else the one government of its region (a department) or of the region above (a government); "" when
    that is not one agency."""
    names = [agency["name"], *filter(None, agency["variants"].split("|"))]
    above = []
    for other in agencies:
        if other is agency or other["_kind"] not in ("government", "committee", "unknown"):
            continue
        for name in (other["name"], *filter(None, other["variants"].split("|"))):
            base = _GOVERNMENT.sub("", name)
            if base and any(n.startswith(base) and len(n) > len(base) and n != name for n in names):
                above.append((len(base), other["id"]))
    if above:
        best = max(above)
        return best[1] if [a for a in above if a[0] == best[0]] == [best] else ""
    region = agency["region"]
    if not region:
        return ""
    wanted = "".join(place_prefix(region)[:-1]) if agency["_kind"] in ("government", "committee", "township") else region
    found = [
        a["id"]
        for a in agencies
        if a is not agency and a["_kind"] in ("government", "committee") and wanted
        and (a["region"] == wanted or (a["region"] and wanted.endswith(a["region"])))
    ]
    return found[0] if len(found) == 1 else ""


def write_register(frame: pd.DataFrame, path: Path) -> None:
    """Write a register frame as CSV (UTF-8 with BOM, so that Excel opens it in Chinese)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False, encoding="utf-8-sig")
