"""The main tables of a run as one .xlsx workbook (openpyxl), text kept as text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet

EXCEL_MAX_ROWS = 1_048_576


def write_workbook(
    sheets: dict[str, pd.DataFrame], path: Path, style: Callable[[Worksheet, pd.DataFrame], None] | None = None
) -> None:
    """One sheet per frame; nulls stay empty cells; text starting with "=" is never a formula; `style(sheet,
    frame)` formats each sheet once written (widths, wrapping, filters)."""
    wb = Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        if len(df) >= EXCEL_MAX_ROWS:
            ws.append([f"共 {len(df)} 行，超出 Excel 的行数上限；请使用 data/ 下的 CSV 或 Parquet 文件"])
            continue
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False):
            ws.append([None if pd.isna(v) else _plain(v) for v in row])
        for cells in ws.iter_rows(min_row=2):
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = TYPE_STRING
        ws.freeze_panes = "A2"
        if style is not None:
            style(ws, df)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


def _plain(value: object) -> object:
    """numpy/pandas scalars → Python values openpyxl accepts."""
    return value.item() if hasattr(value, "item") else value
