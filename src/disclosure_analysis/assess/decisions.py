"""The evaluator's decisions on findings (decisions.csv), read back by later runs.

A finding's key is a hash of the report's content hash (report_id) and the finding's rule, table, row and
column: it is the same in every run while the report file is unchanged, and new once the report changes —
the earlier decision then no longer applies and the finding is shown as `reopened`.

decisions.csv (UTF-8): finding_key, decision (confirmed / dismissed, or 确认 / 驳回), note, decided_by, date;
the context columns written by `decisions_file` (agency, year, rule, …) may stay in it and are ignored,
except to recognise a reopened finding. A later line for the same key wins.
"""

from __future__ import annotations

import csv
import hashlib
from pathlib import Path

import pandas as pd

CONFIRMED, DISMISSED, OPEN, REOPENED = "confirmed", "dismissed", "open", "reopened"
_VALUES = {
    CONFIRMED: CONFIRMED,
    DISMISSED: DISMISSED,
    "确认": CONFIRMED,
    "驳回": DISMISSED,
    "排除": DISMISSED,
}
COLUMNS = ["finding_key", "decision", "note", "decided_by", "date"]
CONTEXT = ["report_id", "agency_id", "agency", "year", "rule", "table", "row", "column", "message"]
_LOCATION = ["agency_id", "year", "rule", "table", "row", "column"]


class DecisionsError(ValueError):
    """A decisions file that cannot be used; the message names the file and the line."""


def finding_key(report_id: str, rule: str, table: object, row: object, column: object) -> str:
    """Stable id of a finding: sha256 of the report's content hash and the finding's location (16 hex)."""
    parts = [report_id, rule, *("" if pd.isna(v) else str(v) for v in (table, row, column))]
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
    if missing := [c for c in ("finding_key", "decision") if c not in header]:
        raise DecisionsError(f"决定文件 {path} 缺少列 {missing}（需要 {', '.join(COLUMNS)}）")
    kept = []
    for line, row in enumerate(rows, start=2):
        value = (row.get("decision") or "").strip()
        if not value:
            continue
        if value.lower() not in _VALUES and value not in _VALUES:
            raise DecisionsError(
                f"决定文件 {path} 第 {line} 行：decision 应为 confirmed 或 dismissed（确认／驳回），收到 {value!r}"
            )
        if not (row.get("finding_key") or "").strip():
            raise DecisionsError(f"决定文件 {path} 第 {line} 行：缺少 finding_key")
        kept.append(
            {
                **row,
                "decision": _VALUES.get(value.lower(), _VALUES.get(value)),
                "finding_key": row["finding_key"].strip(),
            }
        )
    frame = pd.DataFrame(kept, columns=list(dict.fromkeys(COLUMNS + CONTEXT + list(header))), dtype="string")
    return frame.drop_duplicates("finding_key", keep="last").reset_index(drop=True)


def apply_decisions(findings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """`findings` with `decision` (confirmed, dismissed, open or reopened) and `decision_note` set."""
    out = findings.copy()
    by_key = decisions.set_index("finding_key")
    earlier = {_location(r): r for r in decisions.itertuples(index=False)}
    verdicts, notes = [], []
    for f in out.itertuples(index=False):
        if f.finding_key in by_key.index:
            d = by_key.loc[f.finding_key]
            verdicts.append(d["decision"])
            notes.append(_describe(d["note"], d["decided_by"], d["date"]))
        elif (old := earlier.get(_location(f))) is not None:
            verdicts.append(REOPENED)
            notes.append(
                "报告内容已变化，需重新确认；上次为 "
                + old.decision
                + (f"：{_describe(old.note, old.decided_by, old.date)}" if pd.notna(old.note) else "")
            )
        else:
            verdicts.append(OPEN)
            notes.append(None)
    out["decision"] = pd.array(verdicts, dtype="string")
    out["decision_note"] = pd.array(notes, dtype="string")
    return out


def _location(row: object) -> tuple[str, ...]:
    return tuple("" if pd.isna(v := getattr(row, c, None)) else str(v) for c in _LOCATION)


def _describe(note: object, by: object, date: object) -> str:
    who = " ".join(str(v) for v in (by, date) if pd.notna(v) and str(v))
    text = "" if pd.isna(note) else str(note)
    return f"{text}（{who}）" if who else text


def decisions_file(findings: pd.DataFrame, decisions: pd.DataFrame) -> pd.DataFrame:
    """The decisions.csv to hand back: every current finding (decided ones filled in), then earlier decisions
    that match no current finding (kept, so nothing is lost)."""
    current = findings.assign(
        decision=findings["decision"].where(findings["decision"].isin([CONFIRMED, DISMISSED]))
    )
    current = current.merge(
        decisions[["finding_key", "note", "decided_by", "date"]], on="finding_key", how="left"
    )
    stale = decisions[~decisions["finding_key"].isin(findings["finding_key"])]
    return pd.concat(
        [current[COLUMNS + CONTEXT].astype("string"), stale[COLUMNS + CONTEXT]], ignore_index=True
    )
