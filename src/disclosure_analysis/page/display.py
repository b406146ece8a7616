"""What notebooks put on a page: escaped text and tables, number formats, and chart data downloads.

Anything read from a report (agency names, section text) is untrusted: it reaches the page only through
these helpers, which HTML-escape it. A null is shown as "—" (blank in the report), never as 0. A number
read by OCR (a scan, a table picture) is marked ※ with its confidence on hover, and one that may be
misread stands out (`Ocr`, `ocr_marks`); a table with marks explains them under it.
"""

from __future__ import annotations

import csv
import html
import math
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import display, publish_display_data

from disclosure_analysis.ingest.mapping import OCR_UNCERTAIN

NULL = "—"
SAFE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def is_safe_id(value: str) -> bool:
    """Whether `value` is an ASCII `[a-z0-9-]` id that can name a file or folder."""
    return bool(SAFE_ID.fullmatch(value or ""))


def count(value: object) -> str:
    """A count or amount with thousands separators (1,234; an amount keeps up to 2 decimals: 96,171.6);
    "—" for null."""
    if pd.isna(value):
        return NULL
    number = float(value)  # type: ignore[arg-type]
    if number == int(number):
        return f"{number:,.0f}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def pct(value: object) -> str:
    """A share as a percentage with one decimal; "—" for null."""
    return NULL if pd.isna(value) else f"{float(value):.1%}"  # type: ignore[arg-type]


def points(value: object) -> str:
    """A change of a rate, given in percentage points: "+3.2 个百分点"; "—" for null."""
    if pd.isna(value):
        return NULL
    number = round(float(value), 1)  # type: ignore[arg-type]
    return f"{'+' if number > 0 else '−' if number < 0 else ''}{abs(number):.1f} 个百分点"


def signed(value: object) -> str:
    """A change of a count: "+1,292", "−12", "0"; "—" for null."""
    if pd.isna(value):
        return NULL
    text = count(abs(float(value)))  # type: ignore[arg-type]
    return f"+{text}" if float(value) > 0 else f"−{text}" if float(value) < 0 else text  # type: ignore[arg-type]


def at_least(value: object) -> str:
    """A lower bound ("5500余条"): "≥ 5,500"."""
    return f"≥ {count(value)}"


def compact(df: pd.DataFrame, keep: Iterable[str] = ("year",)) -> pd.DataFrame:
    """`df` without its rows whose every column but `keep` is null, and without the columns (but `keep`)
    that are null in every row: a table of "—" says nothing a note could not."""
    keep = set(keep)
    checked = [i for i, c in enumerate(df.columns) if c not in keep]
    present = df.iloc[:, checked].notna().to_numpy()
    rows = present.any(axis=1) if checked else [True] * len(df)
    full = {checked[i] for i in range(len(checked)) if present[rows, i].any()}
    columns = [i for i, c in enumerate(df.columns) if c in keep or i in full]
    return df.iloc[rows, columns].reset_index(drop=True)


def last(values: pd.Series, default: str = NULL) -> str:
    """The last non-null value of `values` as text (e.g. an agency's latest name), else `default`."""
    present = values.dropna()
    return str(present.iloc[-1]) if not present.empty else default


def plain(value: object) -> str:
    """A year or code as printed (no thousands separator); "—" for null."""
    return NULL if pd.isna(value) else str(value)


def yes_no(value: object) -> str:
    """是/否 for a boolean; "—" for null (could not be checked)."""
    return NULL if pd.isna(value) else ("是" if value else "否")


class Shown:
    """A part of a page that notebooks `display()`: the formats in `bundle()`.

    IPython shows it by sending that bundle in one message (`_ipython_display_`), without first asking
    each of its ten formatters whether the object has something for it (about 1 ms an output); other
    front ends read the same bundle through `_repr_mimebundle_`.
    """

    def bundle(self) -> dict[str, Any]:
        return {"text/html": self.to_html(), "text/plain": repr(self)}

    def to_html(self) -> str:
        """The part as HTML (what `block` joins)."""
        raise NotImplementedError

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, Any]:
        return self.bundle()

    def _ipython_display_(self) -> None:
        publish_display_data(self.bundle())


class Html(Shown):
    """HTML made by these helpers (whatever came from a report in it is escaped)."""

    def __init__(self, data: str) -> None:
        self.data = data

    def to_html(self) -> str:
        return self.data

    def __repr__(self) -> str:  # the text/plain of a notebook output
        return "（HTML）"


def text(value: object, tag: str = "p") -> Html:
    """Untrusted text as an escaped block (`p`, `h1`…`h4`, `blockquote`), line breaks kept."""
    if tag not in {"p", "h1", "h2", "h3", "h4", "blockquote"}:
        raise ValueError(f"不支持的标签 {tag!r}")
    body = "<br>".join(html.escape(line) for line in str(value).splitlines()) or html.escape(str(value))
    return Html(f"<{tag}>{body}</{tag}>")


def note(template: str, /, **values: object) -> Html:
    """A trusted sentence `template` with escaped `{name}` values (formatted by the caller)."""
    return Html("<p>" + template.format(**{k: html.escape(str(v)) for k, v in values.items()}) + "</p>")


OCR_MARK = "※"
OCR_NOTE = (
    f"带 {OCR_MARK} 的数字由 OCR 从图片（扫描件或表格图片）识别，鼠标悬停可见置信度（0–1）；"
    "底色标出的格可能识别有误，请对照原件。"
)
_DOUBT_STYLE = "background:#ffe08a"


@dataclass(frozen=True)
class Ocr:
    """How a shown number was read by OCR: its confidence, and whether it is flagged `ocr_uncertain`."""

    confidence: float
    uncertain: bool

    @property
    def title(self) -> str:
        return f"OCR 识别，置信度 {self.confidence:.2f}" + ("；可能识别有误，请对照原件" if self.uncertain else "")


def read_by(how: object, uncertain: object) -> str | None:
    """How a report was read (the manifest's `read_by`, `ocr_uncertain`), in words: 文字, or OCR 识别 with
    how many of its cells may be misread; None when it was not read."""
    if how != "ocr":
        return "文字" if isinstance(how, str) else None
    return f"OCR 识别（{int(uncertain)} 格可能识别有误）" if pd.notna(uncertain) and uncertain else "OCR 识别"  # type: ignore[call-overload]


def ocr_marks(
    shown: pd.DataFrame, cells: pd.DataFrame, keys: Mapping[str, str], columns: Mapping[str, Mapping[str, object]]
) -> dict[tuple[int, str], Ocr]:
    """The numbers of `shown` read by OCR, for `Table(ocr=…)`: (row position, column) → `Ocr`.

    `cells` is a tidy table (table2, table3, table4: its `confidence` and `flag`); `keys` maps its columns
    to the columns of `shown` that say which report (and row) a shown row is ({"report_id": "report_id"});
    `columns` maps each shown column to the values of the other cell columns that name its cell
    ({"count": {"row": "new_received"}})."""
    read = cells[cells["confidence"].notna()]
    if read.empty or shown.empty:
        return {}
    fields = [*keys, *dict.fromkeys(f for spec in columns.values() for f in spec)]
    found = {
        tuple(r[:-2]): Ocr(float(r[-2]), isinstance(r[-1], str) and r[-1] == OCR_UNCERTAIN)
        for r in read[[*fields, "confidence", "flag"]].astype(object).itertuples(index=False)
    }
    out = {}
    for i, row in enumerate(shown[list(keys.values())].astype(object).itertuples(index=False)):
        base = dict(zip(keys, row, strict=True))
        for column, spec in columns.items():
            mark = found.get(tuple({**base, **spec}.get(f) for f in fields))
            if mark is not None:
                out[(i, column)] = mark
    return out


class Table(Shown):
    """A frame as an HTML table: every cell and header escaped, nulls as "—", numbers formatted.

    Plain HTML with inline styles (so it reads the same in JupyterLab and on the site), the same each time
    it is made, and cheap: a page shows a dozen of these. `labels` renames columns for display (English
    codes → Chinese); `percent` lists columns (by their original names) shown as percentages, `points`
    columns of changes of rates (百分点), `signed` columns of changes of counts; `at_least` maps a column
    to a per-row flag of values that are lower bounds (shown "≥ 5,500"); `null_text` maps a column to a
    per-row text shown instead of "—" where the value is null and the text is not empty (e.g. "表内不平衡");
    `numeric` names text columns (already formatted) to align as numbers; `nowrap` columns (by their shown
    names) that must not wrap; `index` shows the index as the first column; `ocr` marks the numbers read
    by OCR ((row position, original column name) → `Ocr`, see `ocr_marks`).
    """

    def __init__(
        self,
        df: pd.DataFrame,
        labels: Mapping[str, str] | None = None,
        percent: Iterable[str] = (),
        caption: str | None = None,
        index: bool = False,
        nowrap: Iterable[str] = (),
        points: Iterable[str] = (),
        signed: Iterable[str] = (),
        at_least: Mapping[str, Iterable[object]] | None = None,
        null_text: Mapping[str, Iterable[object]] | None = None,
        numeric: Iterable[str] = (),
        ocr: Mapping[tuple[int, object], Ocr] | None = None,
    ) -> None:
        kinds = {
            **dict.fromkeys(percent, _FORMATS["percent"]),
            **dict.fromkeys(points, _FORMATS["points"]),
            **dict.fromkeys(signed, _FORMATS["signed"]),
        }
        nowrap, numeric = set(nowrap), set(numeric)
        bounds, texts = dict(at_least or {}), dict(null_text or {})
        positions = {name: k + index for k, name in enumerate(df.columns)}
        self.ocr = {(row, positions[column]): mark for (row, column), mark in (ocr or {}).items()}
        self.headers: list[tuple[str, str]] = []  # (header, cell style)
        columns: list[list[str]] = []
        if index:
            name = df.index.name or ""
            self.headers.append((name, _style(True, name in nowrap)))
            columns.append([plain(v) for v in df.index.to_list()])
        for original, column in df.items():
            header = str((labels or {}).get(original, original))
            fmt = kinds.get(original) or _formatter(original, column.dtype)
            values = column.tolist()
            shown = [(fmt or plain)(v) for v in values]
            if original in bounds:
                bound = _FORMATS["at_least"]
                shown = [bound(v) if b is True else t for v, b, t in zip(values, bounds[original], shown, strict=True)]
            if original in texts:
                shown = [
                    str(n) if t == NULL and isinstance(n, str) and n else t
                    for t, n in zip(shown, texts[original], strict=True)
                ]
            self.headers.append((header, _style(fmt is None and original not in numeric, header in nowrap)))
            columns.append(shown)
        self.rows = [list(row) for row in zip(*columns, strict=True)] if columns else []
        self.caption = caption

    def to_html(self) -> str:
        head = "".join(f"<th{style}>{html.escape(h)}</th>" for h, style in self.headers)
        styles = [style for _, style in self.headers]
        body = "".join(
            "<tr>"
            + "".join(_cell(html.escape(v), style, self.ocr.get((i, j))) for j, (style, v) in enumerate(zip(styles, row, strict=True)))
            + "</tr>"
            for i, row in enumerate(self.rows)
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        note = f'<p class="ocr-note">{html.escape(OCR_NOTE)}</p>' if self.ocr else ""
        return (
            f'<table class="dataframe">{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{note}'
        )

    def __repr__(self) -> str:  # the text/plain of a notebook output: the same each run (no object address)
        return f"表格：{len(self.rows)} 行（{'、'.join(h for h, _ in self.headers)}）"


#: the formatters a `Table` argument asks for (the arguments' names hide the functions')
_FORMATS: dict[str, Callable[[object], str]] = {"percent": pct, "points": points, "signed": signed, "at_least": at_least}


def block(*parts: Shown | None) -> Html:
    """Several parts of a page (text, notes, tables, section HTML, data links) as one output, leaving out
    the parts that are None: the same page, with fewer messages between the kernel and the runner."""
    return Html("".join(p.to_html() for p in parts if p is not None))


def show(*parts: Shown | None) -> None:
    """Display the parts that are not None as one output (`block`); nothing when none is left."""
    if any(p is not None for p in parts):
        display(block(*parts))


table = Table  # what the notebooks call: `page.table(df, labels=…, percent=…)`


def _cell(text: str, style: str, mark: Ocr | None) -> str:
    """One `<td>`: a number read by OCR carries the mark, its confidence as title, and stands out if doubted."""
    if mark is None:
        return f"<td{style}>{text}</td>"
    if mark.uncertain:
        style = f'{style[:-1]};{_DOUBT_STYLE}"' if style else f' style="{_DOUBT_STYLE}"'
    kind = "ocr ocr-doubt" if mark.uncertain else "ocr"
    title = html.escape(mark.title, quote=True)
    return f'<td{style} class="{kind}" title="{title}">{text}<sup class="ocr-mark">{OCR_MARK}</sup></td>'


def _style(is_text: bool, nowrap: bool) -> str:
    rules = [r for r, on in (("text-align:left", is_text), ("white-space:nowrap", nowrap)) if on]
    return f' style="{";".join(rules)}"' if rules else ""


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """`df` as CSV for spreadsheets (UTF-8 with BOM, for Excel): nulls as empty cells, text that a
    spreadsheet would run as a formula (=, +, -, @) prefixed by an apostrophe; without the index.

    Written by the `csv` module from plain Python values, as pandas' `to_csv` would write them, at a
    fraction of its cost per file (a page writes a dozen)."""
    columns = [list(map(_csv_cell, df[name].tolist())) for name in df.columns]
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(map(str, df.columns))
        writer.writerows(zip(*columns, strict=True))


def _csv_cell(value: object) -> object:
    if isinstance(value, str):
        return f"'{value}" if value[:1] in FORMULA_START else value
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return value


def _formatter(name: object, dtype: object) -> Callable[[object], str] | None:
    if name == "year" or str(name).endswith("_year"):
        return plain
    if pd.api.types.is_bool_dtype(dtype):
        return yes_no
    if pd.api.types.is_numeric_dtype(dtype):
        return count
    return None


def findings_table(findings: pd.DataFrame) -> Table:
    """Validation findings with Chinese labels, each pointing at its table, row and column."""
    from disclosure_analysis.formats import names

    where = [names.location(*k) for k in zip(findings["table"], findings["row"], findings["column"], strict=True)]
    shown = findings.assign(
        severity=findings["severity"].map(names.SEVERITY).fillna(findings["severity"]),
        table=[w[0] for w in where],
        row=[w[1] for w in where],
        column=[w[2] for w in where],
    )
    columns = ["year", "rule", "severity", "table", "row", "column", "expected", "printed", "message"]
    return table(shown[columns], labels=names.COLUMNS)


class DataSink:
    """Writes the tidy data behind each chart as CSV under `<output_dir>/data/<slug>/` and links it.

    `slug` is one or more `[a-z0-9-]` names joined by "/"; `page_dir` is the page's folder in the site.
    """

    def __init__(self, output_dir: str, slug: str, page_dir: str = ".") -> None:
        if not all(is_safe_id(part) for part in slug.split("/")):
            raise ValueError(f"数据目录名只能由小写字母、数字、连字符（和分隔的 /）组成：{slug!r}")
        self.folder = Path(output_dir, "data", slug) if output_dir else None
        self.href = posixpath.relpath(f"data/{slug}", page_dir)

    def save(self, df: pd.DataFrame, name: str, label: str = "下载图表数据（CSV）") -> Html | None:
        """Write `df` as `<name>.csv` (see `write_csv`) and return its download link, saying `label`, to
        show (`show`, `block`); None, writing nothing, when the sink has no output folder."""
        if self.folder is None:
            return None
        if not is_safe_id(name):
            raise ValueError(f"数据文件名只能由小写字母、数字和连字符组成：{name!r}")
        self.folder.mkdir(parents=True, exist_ok=True)
        write_csv(df, self.folder / f"{name}.csv")
        href = html.escape(f"{self.href}/{name}.csv")
        return Html(f'<p class="data-link"><a href="{href}">{html.escape(label)}</a></p>')
