"""One synthetic report as data: what is printed, and the ground truth about it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from disclosure_analysis.synth.narrative import Narrative
from disclosure_analysis.synth.style import Style
from disclosure_analysis.synth.tables import Cells
from disclosure_analysis.synth.tree import Agency


@dataclass(frozen=True)
class Report:
    agency: Agency
    year: int
    version: str  # "2019" or "2021", for all three tables
    style: Style
    cells: Cells  # the values as printed (truth); no 表三 keys when 表三 is omitted
    marks: dict[str, str]  # how null cells that are not simply blank are printed ("/")
    narrative: Narrative
    problems: tuple[str, ...]  # paragraphs of 五
    published: dt.date
    faults: tuple[dict, ...]
    copied_problems_from: dict | None

    @property
    def has_t3(self) -> bool:
        return any(k.startswith("t3.") for k in self.cells)

    def skeleton(self) -> Report:
        """The report with its tables' numbers left out (headings and row labels only): nothing printed."""
        return replace(self, cells=dict.fromkeys(self.cells), marks={}, faults=())

    def truth(self, file: str, fmt: str) -> dict:
        """The truth.jsonl record of this report written to `file` in format `fmt`."""
        a = self.agency
        return {
            "file": file,
            "format": fmt,
            "agency": a.name,
            "agency_id": a.id,
            "level": a.level,
            "is_government": a.is_government,
            "agency_kind": "department" if a.role == "office" else a.role,  # formats.agency_kinds() codes
            "parent_id": a.parent_id,
            "year": self.year,
            "template": self.version,
            "cells": self.cells,
            "narrative": {
                "proactive_total": self.narrative.proactive_total,
                "applications_received": self.narrative.applications_received,
            },
            "published": self.published.isoformat(),
            "faults": list(self.faults),
            "copied_problems_from": self.copied_problems_from,
        }
