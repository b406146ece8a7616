"""The main tables of a run as one .xlsx workbook (openpyxl), text kept as text.

The same tables give the same bytes: the workbook's created and modified dates and the date of every
entry of its zip archive are fixed (`FIXED_TIME`), not the time of writing. The file is written whole or
not at all (a temporary file beside it is renamed over it).
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.cell.cell import TYPE_STRING
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from disclosure_analysis.site import scratch
from disclosure_analysis.site.state import checkpoint

EXCEL_MAX_ROWS = 1_048_576
#: the date a workbook and its zip entries carry: the earliest a zip archive can hold
FIXED_TIME = dt.datetime(1980, 1, 1)


class FixedTimeZip(zipfile.ZipFile):
    """A zip archive whose entries all carry `FIXED_TIME`, whether written from bytes or from a file."""

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as fh:
            self.writestr(arcname or os.fspath(filename), fh.read(), *args, **kwargs)

    def writestr(self, zinfo_or_arcname: Any, data: Any, *args: Any, **kwargs: Any) -> None:
        if not isinstance(zinfo_or_arcname, zipfile.ZipInfo):
            info = zipfile.ZipInfo(zinfo_or_arcname, date_time=FIXED_TIME.timetuple()[:6])
            info.compress_type = self.compression
            info.external_attr = 0o600 << 16  # what ZipFile.writestr gives an entry named by a string
            zinfo_or_arcname = info
        super().writestr(zinfo_or_arcname, data, *args, **kwargs)


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
    wb.properties.created = wb.properties.modified = FIXED_TIME
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    # openpyxl's own `save` would stamp the time of writing as the modified date
    with scratch.temp_files_here():  # openpyxl writes each sheet to a temporary file first
        ExcelWriter(wb, FixedTimeZip(partial, "w", zipfile.ZIP_DEFLATED, allowZip64=True)).save()
    checkpoint("workbook")
    partial.replace(path)


def _plain(value: object) -> object:
    """numpy/pandas scalars → Python values openpyxl accepts."""
    return value.item() if hasattr(value, "item") else value
