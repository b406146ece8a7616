"""Evaluator workbooks (the assessment, a register): written by `site.workbook.write_workbook`, each sheet
formatted to be read and filtered — bold shaded headers, column widths from the content (a Chinese
character counts twice), long text wrapped, a filter on the header row, the header (and the first column
of wide sheets) frozen."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from disclosure_analysis.site.workbook import write_workbook

MAX_WIDTH = 60  # characters; longer text wraps
_HEADER_FILL = PatternFill("solid", fgColor="DDE5F0")


def width(text: str) -> int:
    """Display width of `text`: CJK and full-width characters count as two."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in text)


def style_sheet(ws: Worksheet, df: pd.DataFrame) -> None:
    """Header bold and shaded, widths from the header and the first 500 rows, wrapping, filter, frozen panes."""
    if ws.max_row < 1 or df.columns.empty:
        return
    sample = df.head(500)
    for i, column in enumerate(df.columns, start=1):
        values = [str(v) for v in sample[column] if v is not None and not (isinstance(v, float) and pd.isna(v))]
        longest = max([width(str(column)), *(width(v) for v in values)], default=8)
        ws.column_dimensions[get_column_letter(i)].width = min(MAX_WIDTH, max(8, longest + 2))
        if longest > MAX_WIDTH:
            for cell in ws.iter_cols(min_col=i, max_col=i, min_row=2, max_row=ws.max_row):
                for c in cell:
                    c.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    ws.auto_filter.ref = ws.dimensions
    ws.freeze_panes = "C2" if len(df.columns) > 8 else "A2"


def write_sheets(sheets: dict[str, pd.DataFrame], path: Path) -> None:
    """The sheets as one formatted workbook."""
    write_workbook(sheets, path, style_sheet)
