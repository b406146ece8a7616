"""Covariates: figures about an agency or a region from outside the reports (population, budget, …), joined
to the reports for per-capita figures (`analysis.percapita`).

A CSV file (UTF-8, with or without BOM), one row per agency or region (and year):

| column | 中文表头 | meaning |
|---|---|---|
| `agency` | 机构 | the key: an agency's id, its register id, or its name as printed (compared as the register compares names) |
| `region` | 地区 | or the key: a region as the reports say it (样本县); every agency of the region gets its figures |
| `year` | 年度 | optional: the report year the row holds for; empty or no column: every year (a row of the year beats it) |
| `population` | 常住人口 | persons (常住人口（万人）: in 万人, converted to persons) |
| `budget` | 一般公共预算支出（万元） | 万元 |
| `notes` | 备注 | text, not used |

Any other column is kept as given (a number, its unit as its header says). A value must be a number
(thousands separators allowed); an empty cell is null, never 0. The file is rejected with `CovariatesError`,
naming the file, the line and the column, when it has no key column or both, a value that is not a number,
a negative value or the same key and year twice: nothing is guessed.
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from disclosure_analysis.corpus.register import normalise_name


class CovariatesError(ValueError):
    """A covariates file that cannot be used; the message (Chinese) names the file, line and fix."""


@dataclass(frozen=True)
class Covariate:
    """A covariate this package knows: its code, Chinese name and unit."""

    code: str
    name: str
    unit: str


#: covariates with a meaning and unit (the per-capita figures read `population`)
KNOWN: dict[str, Covariate] = {
    "population": Covariate("population", "常住人口", "人"),
    "budget": Covariate("budget", "一般公共预算支出", "万元"),
}
#: header → (column, factor to its unit)
_HEADERS: dict[str, tuple[str, float]] = {
    "agency": ("agency", 1), "机构": ("agency", 1), "机构名称": ("agency", 1), "机构编号": ("agency", 1),
    "region": ("region", 1), "地区": ("region", 1),
    "year": ("year", 1), "年度": ("year", 1),
    "notes": ("notes", 1), "备注": ("notes", 1),
    "population": ("population", 1), "人口": ("population", 1), "常住人口": ("population", 1),
    "常住人口（人）": ("population", 1), "常住人口(人)": ("population", 1),
    "常住人口（万人）": ("population", 10_000), "常住人口(万人)": ("population", 10_000),
    "budget": ("budget", 1), "一般公共预算支出": ("budget", 1), "一般公共预算支出（万元）": ("budget", 1),
    "一般公共预算支出(万元)": ("budget", 1),
}
KEYS = ("agency", "region")
_NUMBER = re.compile(r"^-?\d+(?:\.\d+)?$")


@dataclass(frozen=True)
class Covariates:
    """A covariates file as read: `by` is the key column (agency or region), `table` one row per key and
    year (`year` null: every year) with one Float64 column per covariate (`columns`)."""

    by: str
    table: pd.DataFrame
    columns: tuple[str, ...]
    source: str
    digest: str  # sha256 of the file: frames derived from it are cached under it

    def name(self, column: str) -> str:
        """A covariate's Chinese name (its header for one this package does not know)."""
        return KNOWN[column].name if column in KNOWN else column

    def unit(self, column: str) -> str:
        return KNOWN[column].unit if column in KNOWN else ""

    def join(self, reports: pd.DataFrame) -> pd.DataFrame:
        """One row per report: report_id, agency_id, year and each covariate (null where no row matches).
        A row of the report's year beats a row for every year."""
        keys = self._report_keys(reports)
        table = self.table.assign(match=self.table["key"].map(normalise_name))
        exact = table[table["year"].notna()].set_index(["match", "year"])[list(self.columns)]
        every = table[table["year"].isna()].set_index("match")[list(self.columns)]
        out = reports[["report_id", "agency_id", "year"]].reset_index(drop=True)
        for column in self.columns:
            values = []
            for options, year in zip(keys, out["year"], strict=True):
                value = pd.NA
                for key in options:
                    if pd.notna(year) and (key, int(year)) in exact.index:
                        value = exact.loc[(key, int(year)), column]
                        break
                    if key in every.index:
                        value = every.loc[key, column]
                        break
                values.append(value)
            out[column] = pd.array(values, dtype="Float64")
        return out

    def unmatched(self, reports: pd.DataFrame) -> list[str]:
        """The keys of the file that match no report (a typo in a name, an agency not in the corpus)."""
        found = {k for options in self._report_keys(reports) for k in options}
        return sorted({k for k in self.table["key"] if normalise_name(k) not in found})

    def _report_keys(self, reports: pd.DataFrame) -> list[list[str]]:
        """Per report, the normalised keys it answers to, in order of preference."""
        if self.by == "region":
            return [[normalise_name(r)] if isinstance(r, str) else [] for r in reports["region"]]
        register = reports["register_id"] if "register_id" in reports.columns else pd.Series(None, index=reports.index)
        return [
            [normalise_name(k) for k in (aid, rid, name) if isinstance(k, str) and k]
            for aid, rid, name in zip(reports["agency_id"], register, reports["agency"], strict=True)
        ]


def load_covariates(path: str | Path) -> Covariates:
    """Read and check a covariates CSV (see the module docstring)."""
    path = Path(path)
    try:
        content = path.read_bytes()
        with path.open(encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise CovariatesError(f"无法读取协变量表 {path}：{exc}（应为 UTF-8 编码的 CSV 文件）") from exc
    if not rows or not any(h.strip() for h in rows[0]):
        raise CovariatesError(f"协变量表 {path} 是空的：第一行应为表头，如 地区,年度,常住人口")
    header = [h.strip() for h in rows[0]]
    columns = [_HEADERS.get(h, (h, 1))[0] if h else "" for h in header]
    keys = [c for c in columns if c in KEYS]
    if len(keys) != 1:
        found = "两个键列（机构和地区）" if len(keys) > 1 else "键列"
        raise CovariatesError(
            f"协变量表 {path} {'有' if len(keys) > 1 else '缺少'}{found}：第一行应有且只有一列“机构”（agency，机构编号或名称）"
            f"或“地区”（region），表头为 {'、'.join(header)}"
        )
    if dup := sorted({c for c in columns if c and columns.count(c) > 1}):
        raise CovariatesError(f"协变量表 {path} 的表头中 {'、'.join(dup)} 出现了不止一次")
    values = [c for c in columns if c and c not in (*KEYS, "year", "notes")]
    records, seen = [], {}
    for line, cells in enumerate(rows[1:], start=2):
        row = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns) if c}
        if not any(row.values()):
            continue
        key = row[keys[0]]
        if not key:
            raise CovariatesError(f"协变量表 {path} 第 {line} 行：“{header[columns.index(keys[0])]}”列为空")
        year = _year(row.get("year", ""), path, line)
        same = (normalise_name(key), year)
        if same in seen:
            raise CovariatesError(
                f"协变量表 {path} 第 {line} 行：{key}{f' {year} 年度' if year else ''}与第 {seen[same]} 行重复"
            )
        seen[same] = line
        record: dict[str, object] = {"key": key, "year": year}
        for column in values:
            i = columns.index(column)
            record[column] = _number(row[column], path, line, header[i], _HEADERS.get(header[i], (column, 1))[1])
        records.append(record)
    if not records:
        raise CovariatesError(f"协变量表 {path} 除表头外没有数据行")
    table = pd.DataFrame(records, columns=["key", "year", *values])
    table = table.astype({"key": "string", "year": "Int64", **{c: "Float64" for c in values}})
    return Covariates(keys[0], table, tuple(values), str(path), hashlib.sha256(content).hexdigest())


def _year(text: str, path: Path, line: int) -> int | None:
    text = text.removesuffix("年度").removesuffix("年")
    if not text:
        return None
    if not re.fullmatch(r"(?:19|20)\d\d", text):
        raise CovariatesError(f"协变量表 {path} 第 {line} 行：年度“{text}”应为四位数的年份，如 2024（或留空，表示各年度）")
    return int(text)


def _number(text: str, path: Path, line: int, header: str, factor: float) -> float | None:
    """A cell as a number in its covariate's unit; None for an empty cell."""
    plain = text.replace(",", "").replace("，", "").replace(" ", "")
    if not plain:
        return None
    if not _NUMBER.match(plain):
        raise CovariatesError(
            f"协变量表 {path} 第 {line} 行“{header}”列：“{text}”不是数字（只写数字，单位写在表头；不知道时留空）"
        )
    value = float(plain) * factor
    if value < 0:
        raise CovariatesError(f"协变量表 {path} 第 {line} 行“{header}”列：{text} 是负数")
    return value
