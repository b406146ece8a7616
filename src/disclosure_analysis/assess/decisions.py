"""The evaluator's decisions on findings (decisions.csv), read back by later runs.

A finding's id (`finding_key`, 问题编号) is a hash of the report's content hash (report_id) and the
finding's rule, table, row and column: it is the same in every run while the report file is unchanged,
and new once the report changes — the earlier decision then no longer applies and the finding is shown as
`reopened` (报告已变化，待重新确认), recognised by its location id (agency, year, rule, table, row, column).

decisions.csv (UTF-8), written by `assess` and by the page assessment.html in the browser, headers in
Chinese (English accepted): 问题编号 (finding_key), 决定 (decision: 确认 / 驳回, or confirmed / dismissed;
empty: not decided), 理由 (note), 决定人 (decided_by), 日期 (date), then context for the reader (机构, 年度,
指标, 规则, 级别, 位置, 说明) and 位置编号 (location_key). A later line for the same id wins.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd

CONFIRMED, DISMISSED, OPEN, REOPENED = "confirmed", "dismissed", "open", "reopened"
#: a decision's value → its code
_VALUES = {
    CONFIRMED: CONFIRMED,
    DISMISSED: DISMISSED,
    "确认": CONFIRMED,
    "驳回": DISMISSED,
    "排除": DISMISSED,
}
#: a decision's code → the word written in decisions.csv and shown
DECISION_TEXT = {CONFIRMED: "确认", DISMISSED: "驳回"}
STATUS_TEXT = {CONFIRMED: "已确认", DISMISSED: "已驳回", OPEN: "待处理", REOPENED: "报告已变化，待重新确认"}
COLUMNS = ["finding_key", "decision", "note", "decided_by", "date"]
CONTEXT = ["agency", "year", "indicator", "rule", "severity", "location", "message", "location_key"]
HEADERS = {
    "finding_key": "问题编号",
    "decision": "决定",
    "note": "理由",
    "decided_by": "决定人",
    "date": "日期",
    "agency": "机构",
    "year": "年度",
    "indicator": "指标",
    "rule": "规则",
    "severity": "级别",
    "location": "位置",
    "message": "说明",
    "location_key": "位置编号",
}
_LOCATION = ["agency_id", "year", "rule", "table", "row", "column"]


class DecisionsError(ValueError):
    """A decisions file that cannot be used; the message names the file and the line."""


def finding_key(report_id: str, rule: str, table: object, row: object, column: object) -> str:
    """Stable id of a finding: sha256 of the report's content hash and the finding's location (16 hex)."""
    return _hash([report_id, rule, table, row, column])


def location_key(values: list[object]) -> str:
    """Id of a finding's place whatever the report's content: agency, year, rule, table, row, column."""
    return _hash(values)


def _hash(values: list[object]) -> str:
    parts = ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in values]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def empty() -> pd.DataFrame:
    return pd.DataFrame(columns=COLUMNS + CONTEXT, dtype="string")


def load_decisions(path: str | Path) -> pd.DataFrame:
    """The decisions with a decision filled in (normalised to confirmed/dismissed), all columns as text."""
    path = Path(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            header = reader.fieldnames or []
            rows = list(reader)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise DecisionsError(f"无法读取决定文件 {path}：{exc}") from exc
    names = {h: c for c, h in HEADERS.items()}
    header = [names.get(h.strip(), h.strip()) for h in header]
    if missing := [HEADERS[c] for c in ("finding_key", "decision") if c not in header]:
        raise DecisionsError(
            f"决定文件 {path} 缺少列 {'、'.join(missing)}（需要 {'、'.join(HEADERS[c] for c in COLUMNS)}）"
        )
    kept = []
    for line, raw in enumerate(rows, start=2):
        row = {c: (v or "").strip() for c, v in zip(header, raw.values(), strict=False)}
        value = row.get("decision", "")
        if not value:
            continue
        code = _VALUES.get(value.lower(), _VALUES.get(value))
        if code is None:
            raise DecisionsError(f"决定文件 {path} 第 {line} 行：决定应为“确认”或“驳回”，收到 {value!r}")
        if not row.get("finding_key"):
            raise DecisionsError(f"决定文件 {path} 第 {line} 行：缺少问题编号")
        if not row.get("location_key") and all(row.get(c) for c in ("agency_id", "rule")):
            row["location_key"] = location_key([row.get(c) for c in _LOCATION])  # a file of an older version
        kept.append({**row, "decision": code})
    frame = pd.DataFrame(kept, columns=list(dict.fromkeys(COLUMNS + CONTEXT + header)), dtype="string")
    return frame.drop_duplicates("finding_key", keep="last").reset_index(drop=True)


def apply_decisions(findings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """`findings` with `decision` (confirmed, dismissed, open or reopened), `decision_note` and `location_key`."""
    out = findings.copy()
    out["location_key"] = pd.array(
        [location_key(list(v)) for v in out[_LOCATION].itertuples(index=False)], dtype="string"
    )
    by_key = decisions.set_index("finding_key")
    earlier = {r.location_key: r for r in decisions.itertuples(index=False) if pd.notna(r.location_key)}
    verdicts, notes = [], []
    for f in out.itertuples(index=False):
        if f.finding_key in by_key.index:
            d = by_key.loc[f.finding_key]
            verdicts.append(d["decision"])
            notes.append(_describe(d["note"], d["decided_by"], d["date"]))
        elif (old := earlier.get(f.location_key)) is not None:
            verdicts.append(REOPENED)
            why = _describe(old.note, old.decided_by, old.date)
            notes.append(f"报告内容已变化，需重新确认；上次为{STATUS_TEXT[old.decision]}" + (f"：{why}" if why else ""))
        else:
            verdicts.append(OPEN)
            notes.append(None)
    out["decision"] = pd.array(verdicts, dtype="string")
    out["decision_note"] = pd.array(notes, dtype="string")
    return out


def _describe(note: object, by: object, date: object) -> str:
    who = " ".join(str(v) for v in (by, date) if pd.notna(v) and str(v))
    text = "" if pd.isna(note) else str(note)
    return f"{text}（{who}）" if who else text


def decisions_file(findings: pd.DataFrame, decisions: pd.DataFrame, shown: pd.DataFrame) -> pd.DataFrame:
    """The decisions.csv to hand back (Chinese headers): every current finding (decided ones filled in), then
    earlier decisions that match no current finding (kept, so nothing is lost). `shown` holds the findings'
    context as the workbook shows it (indicator, rule, severity, location in words), by finding_key."""
    current = findings[["finding_key", "decision", "location_key"]].merge(
        decisions[["finding_key", "note", "decided_by", "date"]], on="finding_key", how="left"
    )
    current["decision"] = current["decision"].map(DECISION_TEXT)
    context = shown.set_index("finding_key")
    for c in CONTEXT[:-1]:
        current[c] = context[c].reindex(current["finding_key"]).to_numpy()
    stale = decisions[~decisions["finding_key"].isin(findings["finding_key"])].copy()
    stale["decision"] = stale["decision"].map(DECISION_TEXT)
    out = pd.concat([current[COLUMNS + CONTEXT], stale[COLUMNS + CONTEXT]], ignore_index=True)
    return out.astype("string").rename(columns=HEADERS)
