"""The pages of a site and what became of each in a run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

OK, SKIPPED, FAILED = "ok", "skipped", "failed"


@dataclass(frozen=True)
class Page:
    """One notebook run: which notebook, with what parameters, from which report files."""

    notebook: str  # agency, overview or case_study
    path: str  # page path relative to the site folder, without suffix, e.g. "agencies/abc-1f2e"
    title: str  # may come from a report: escaped wherever shown
    parameters: dict[str, Any]
    inputs: list[str]  # sha256 of the report files the page reads
    agency_id: str | None = None
    years: list[int] = field(default_factory=list)
    editions: bool = False  # a lesson: teacher's and student's editions and a guide (`site.editions`)

    @property
    def html(self) -> str:
        return f"{self.path}.html"

    @property
    def home(self) -> str:
        """Relative link from this page to index.html."""
        return "../" * self.path.count("/") + "index.html"


@dataclass
class PageResult:
    page: Page
    status: str
    seconds: float = 0.0
    error: str | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class RunResult:
    output: Path
    pages: list[PageResult]
    unread_files: list[str] = field(default_factory=list)  # input files not read as reports, with why

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.pages)

    @property
    def exit_code(self) -> int:
        """1 when a page failed or an input could not be read (as for every command), else 0."""
        return 1 if self.count(FAILED) or self.unread_files else 0

    @property
    def index(self) -> Path:
        return self.output / "index.html"
