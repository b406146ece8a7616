"""Whether English codes reach what an evaluator reads: a lowercase word (error, open, specificity,
natural_person, review_total) or a code like t3. Ids and file names are allowed where they are what a
column holds (问题编号, 来源文件 …), and so are file names, commands, URLs and rule codes (R1, X2) in text."""

from __future__ import annotations

import re

import pandas as pd

#: columns whose cells are ids, file names or addresses
ID_COLUMNS = frozenset({"问题编号", "位置编号", "来源文件", "登记表编号", "年报网址", "未计分的文件", "计分的文件", "记分卡"})
_ALLOWED = re.compile(
    r"[\w.-]+\.(?:csv|xlsx|html|yaml|pdf|txt|md|docx|htm)\b"  # file names
    r"|disclosure-analysis(?: [a-z]+)*|--[a-z-]+"  # commands and options
    r"|https?://\S+"
    r"|\b[0-9a-f]{16}(?:-\d+)?\b"  # finding and report ids
)
_CODE = re.compile(r"[a-z]{2,}|\b[a-z]\d")


def english(text: str) -> list[str]:
    """The English codes in `text`."""
    return _CODE.findall(_ALLOWED.sub("", text))


def english_cells(frame: pd.DataFrame) -> list[tuple[str, str]]:
    """(column, cell) of every header or cell with an English code (id columns' cells excepted)."""
    found = [(str(c), str(c)) for c in frame.columns if english(str(c))]
    for column in frame.columns:
        if column in ID_COLUMNS:
            continue
        found += [(str(column), v) for v in frame[column].dropna().astype(str) if english(v)]
    return found
