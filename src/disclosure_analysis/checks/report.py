"""The rules of one report (template-spec A.6) as pure functions from printed cells to findings.

Never edits a value. Where a needed cell is null (blank, "/"), the rule says it cannot be checked
(severity "info") instead of passing. Rules: R1 per-column balance, R2 row sums, R3 result total,
Y1 the year reported on is plausible, R4 non-negative integers (and any cell of the three tables printed with a number it cannot hold: a
decimal or negative count, a wrong unit, too many digits — left null by the reader), R5 表四 totals, T1
narrative vs table (warning), F1 table missing, N1 an isolated blank among printed numbers, P1 a cell the
reader flagged as uncertain, O1 a cell read by OCR that may be misread (`checks.ocr`).

Each finding points at what it checks: R1/R3 a column (row None), R2 a row (column None), R5 a
表四 total, N1/R4/T1/X1 a cell.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from disclosure_analysis import formats
from disclosure_analysis.checks.ocr import describe, mark_doubts
from disclosure_analysis.errors import Finding
from disclosure_analysis.formats.names import cell_name
from disclosure_analysis.ingest import mapping
from disclosure_analysis.ingest.labels import clean

if TYPE_CHECKING:
    from disclosure_analysis.ingest.extract import Extraction

Cells = Mapping[str, float | int | None]

ERROR, WARNING, INFO = "error", "warning", "info"

_FLOW = {"new_received": "本年新收", "carried_in": "上年结转", "handled_total": "办理结果总计", "carried_out": "结转下年度"}
_TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}


def _col_label(code: str) -> str:
    return dict(formats.table3().columns)[code]


def _row_label(code: str) -> str:
    return _FLOW.get(code) or clean(formats.table3().rows[code].label)


def number_text(v: float | int | None) -> str:
    """A printed value as a message shows it: 3, 3.5, or 空白 for a blank."""
    if v is None:
        return "空白"
    return str(int(v)) if float(v).is_integer() else str(v)


def check_table3(cells: Cells, version: str) -> list[Finding]:
    fmt = formats.table3()
    rows = fmt.versions[version]
    result_rows = [r for r in rows if fmt.rows[r].kind == "result"]
    out: list[Finding] = []
    untestable: dict[str, list[str]] = {"R1": [], "R2": [], "R3": []}

    def get(row: str, col: str) -> float | int | None:
        return cells.get(f"t3.{row}.{col}")

    for col in fmt.column_codes:
        a, b, c, d = (get(r, col) for r in ("new_received", "carried_in", "handled_total", "carried_out"))
        if None in (a, b, c, d):
            untestable["R1"].append(_col_label(col))
        elif a + b != c + d:
            out.append(Finding(
                "R1", ERROR, "t3", None, col, a + b - d, c,
                f"表三 {_col_label(col)}列：本年新收 {number_text(a)} + 上年结转 {number_text(b)} ≠ "
                f"办理结果总计 {number_text(c)} + 结转下年度 {number_text(d)}（相差 {number_text(a + b - c - d)}）",
            ))
        parts = [get(r, col) for r in result_rows]
        total = get("handled_total", col)
        if None in parts or total is None:
            untestable["R3"].append(_col_label(col))
        elif sum(parts) != total:
            out.append(Finding(
                "R3", ERROR, "t3", None, col, sum(parts), total,
                f"表三 {_col_label(col)}列：各项办理结果之和 {number_text(sum(parts))} ≠ （七）总计 {number_text(total)}",
            ))
    applicant_cols = fmt.column_codes[:-1]
    for row in rows:
        parts = [get(row, c) for c in applicant_cols]
        total = get(row, "total")
        if None in parts or total is None:
            untestable["R2"].append(_row_label(row))
        elif sum(parts) != total:
            out.append(Finding(
                "R2", ERROR, "t3", row, None, sum(parts), total,
                f"表三「{_row_label(row)}」行：各类申请人之和 {number_text(sum(parts))} ≠ 总计 {number_text(total)}",
            ))
    what = {"R1": "列的收支平衡（新收+结转=办结+结转下年）", "R2": "行的合计", "R3": "列的办理结果合计"}
    for rule, names in untestable.items():
        if names:
            shown = "、".join(names[:6]) + ("等" if len(names) > 6 else "")
            out.append(Finding(
                rule, INFO, "t3", None, None, None, None,
                f"表三 {shown}{what[rule]}无法核对：有单元格为空白或“/”，不能当作 0 计算（共 {len(names)} 处）",
            ))
    return out + isolated_blanks(cells, rows, fmt.column_codes)


def isolated_blanks(cells: Cells, rows: Sequence[str], cols: Sequence[str]) -> list[Finding]:
    """N1: a blank or "/" cell whose row and column both hold printed numbers elsewhere — the totals
    around it cannot be checked, and it is likely a slip rather than a column or row left unfilled."""
    out = []
    for row in rows:
        for col in cols:
            key = f"t3.{row}.{col}"
            if key not in cells or cells[key] is not None:
                continue
            row_has = any(cells.get(f"t3.{row}.{c}") is not None for c in cols if c != col)
            col_has = any(cells.get(f"t3.{r}.{col}") is not None for r in rows if r != row)
            if row_has and col_has:
                out.append(Finding(
                    "N1", INFO, "t3", row, col, None, None,
                    f"表三「{_row_label(row)}」行 {_col_label(col)}列为空白或“/”，而同行、同列都填了数字；"
                    "相关合计因此无法核对，请确认此格是否漏填",
                ))
    return out


def check_table4(cells: Cells) -> list[Finding]:
    fmt = formats.table4()
    out: list[Finding] = []
    for prefix, label in fmt.groups:
        parts = [cells.get(f"t4.{prefix}_{s}") for s, _ in fmt.outcomes[:-1]]
        total = cells.get(f"t4.{prefix}_total")
        if f"t4.{prefix}_total" not in cells:
            continue
        if None in parts or total is None:
            out.append(Finding("R5", INFO, "t4", None, f"{prefix}_total", None, total,
                               f"表四 {label}：有单元格为空白，总计无法核对"))
        elif sum(parts) != total:
            terms = " + ".join(f"{ol} {number_text(p)}" for (_, ol), p in zip(fmt.outcomes[:-1], parts, strict=True))
            out.append(Finding(
                "R5", ERROR, "t4", None, f"{prefix}_total", sum(parts), total,
                f"表四 {label}：{terms} = {number_text(sum(parts))} ≠ 总计 {number_text(total)}",
            ))
    return out


def check_values(cells: Cells) -> list[Finding]:
    """R4: 表三 and 表四 cells are non-negative whole numbers."""
    out = []
    for key, v in cells.items():
        if v is None or key.startswith("t2."):
            continue
        if v < 0 or not float(v).is_integer():
            table, _, rest = key.partition(".")
            row, _, col = rest.rpartition(".") if table == "t3" else ("", "", rest)
            out.append(Finding("R4", ERROR, table, row or None, col, None, v,
                               f"{cell_name(key)}：{number_text(v)} 不是非负整数"))
    return out


def check_narrative(cells: Cells, narrative: Mapping[str, float | int | None]) -> list[Finding]:
    """T1: the stated number of applications agrees with 表三 (new, or new + carried over)."""
    stated = narrative.get("applications_received")
    new = cells.get("t3.new_received.total")
    if stated is None or new is None:
        return []
    carried = cells.get("t3.carried_in.total")
    if stated == new or (carried is not None and stated == new + carried):
        return []
    return [Finding(
        "T1", WARNING, "t3", "new_received", "total", new, stated,
        f"正文称收到政府信息公开申请 {number_text(stated)} 件，表三「本年新收」总计为 {number_text(new)} 件"
        + (f"（加上年结转为 {number_text(new + carried)} 件）" if carried else "")
        + "，两者不一致；请核对正文是否只统计了部分申请",
    )]


def check_report(cells: Cells, t3_version: str | None, narrative: Mapping[str, float | int | None],
                 missing_tables: list[str]) -> list[Finding]:
    """All single-report rules."""
    out: list[Finding] = [
        Finding("F1", ERROR, t, None, None, None, None, f"报告中没有找到{_TABLE_NAMES[t]}（或表格内容无法识别）")
        for t in missing_tables
    ]
    if t3_version:
        out += check_table3(cells, t3_version)
    out += check_table4(cells)
    out += check_values(cells)
    out += check_narrative(cells, narrative)
    return out


#: the first year reported on: the 条例 took effect on 2008-05-01
FIRST_YEAR = 2008


def check_year(year: int | None, published: str | None, today: date | None = None) -> list[Finding]:
    """Y1: the year reported on is neither before the 条例 nor in the future (after today, or after the
    publication date)."""
    if year is None:
        return []
    today = today or date.today()
    if year < FIRST_YEAR:
        why = f"早于《政府信息公开条例》施行的 {FIRST_YEAR} 年"
    elif year > today.year:
        why = f"晚于今年（{today.year} 年）"
    elif published and year > int(published[:4]):
        why = f"晚于报告的发布日期 {published}"
    else:
        return []
    return [Finding("Y1", WARNING, None, None, None, None, year, f"报告年度 {year} {why}，请核对标题中的年份")]


def check_extraction(extraction: Extraction) -> list[Finding]:
    """Every single-report finding of an extraction whose tables were read (none otherwise): the rules
    over its cells, then each cell the reader flagged: R4 for a number the cell cannot hold, P1 for one it
    is unsure of, O1 for a cell read by OCR that may be misread (`checks.ocr`, which flags such cells)."""
    years = check_year(extraction.year, extraction.published)
    if not extraction.versions:
        return years
    cells = extraction.cells
    if extraction.read_by == "ocr":
        mark_doubts(cells, extraction.versions.get("t3"))
    out = years + check_report(extraction.values(), extraction.versions.get("t3"), extraction.narrative,
                               extraction.missing_tables)
    out += [
        _flagged(key, cell)
        for key, cell in cells.items()
        if cell.flag and cell.flag not in (mapping.ROW_MISSING, mapping.OCR_UNCERTAIN)
    ]
    out += [
        Finding("O1", WARNING, key[:2], *_row_col(key), None, cell.value, f"{key}：{describe(cell)}")
        for key, cell in cells.items()
        if cell.doubt is not None
    ]
    return out


def _flagged(key: str, cell: mapping.Cell) -> Finding:
    table, (row, col) = key[:2], _row_col(key)
    if cell.flag in _INVALID_TEXT:
        return Finding("R4", ERROR, table, row, col, None, None,
                       f"{cell_name(key)}：印的是“{cell.raw}”，{_INVALID_TEXT[cell.flag]}，记为空")
    text = _FLAG_TEXT[cell.flag]
    if cell.flag == mapping.UNIT_CONVERTED:
        text = f"印的是“{cell.raw}”，{text}为 {number_text(cell.value)}{cell.unit or ''}，请人工核对"
    elif cell.flag == mapping.CELL_MISSING and cell.value is not None:
        text = "该行的数字个数少于表格列数，此格按位置推定，请人工核对"
    return Finding("P1", INFO, table, row, col, None, cell.value, f"{cell_name(key)}：{text}")


_FLAG_TEXT = {
    mapping.ROW_BY_POSITION: "该行标签缺失或无法辨认，按位置判定所属行，请人工核对",
    mapping.CELL_MISSING: "该行的数字个数少于表格列数，此格无法确定，记为空",
    mapping.EXTRA_CELLS: "该行的数字个数多于表格列数，多出的内容被忽略，请人工核对",
    mapping.NOT_A_NUMBER: "此格内容既不是数字也不是空白标记，记为空",
    mapping.UNIT_CONVERTED: "已按单位换算",
    mapping.SPLIT_AMBIGUOUS: "该行的数字连在一起（没有分隔），按列数和表格勾稽关系仍有不止一种拆法（空白单元格抓取时会消失），此格无法确定，记为空",
    mapping.SPLIT_NO_FIT: "该行的数字连在一起（没有分隔），整张表没有一种拆法既填满各列又符合勾稽关系（可能有空白单元格在抓取时消失），此格无法确定，记为空",
    mapping.COLUMN_AMBIGUOUS: "该行的空白单元格在文本中消失，数字个数少于列数，按表格勾稽关系仍有不止一种放法，此格无法确定，记为空",
}
_INVALID_TEXT = {
    mapping.NOT_A_COUNT: "不是非负整数（表三、表四和表二的件数须为整数）",
    mapping.OUT_OF_RANGE: "超出此格可能的范围（超过 15 位数字，或金额为负）",
    mapping.UNIT_MISMATCH: "所带单位与此格不符",
    mapping.ROUNDED: "以“万”为单位的约数，不是确切的件数",
}


def _row_col(key: str) -> tuple[str | None, str | None]:
    parts = key.split(".")
    return (parts[1], parts[2]) if len(parts) == 3 else (None, parts[1])

