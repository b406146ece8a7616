"""How the package reports a problem, with a stable code and a message a researcher can act on.

`ReportError`: an input that cannot be read as a report. `Finding`: something wrong or uncertain in a
report that was read (a failed identity, a flagged cell), as the rules in `checks` produce them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import ClassVar

READ_STATUSES = frozenset({"ok", "partial"})  # an input read as a report (wholly, or with flagged parts)
SKIPPED_STATUSES = frozenset({"skipped", "duplicate"})  # not read on purpose (hidden, a copy): no failure


class ReportError(Exception):
    """An input that cannot be read as a report. `code` is stable and machine-readable."""

    #: codes and the manifest status they lead to
    STATUS: ClassVar[dict[str, str]] = {
        "empty_file": "failed",
        "binary_junk": "failed",
        "unsupported_type": "failed",
        "encrypted_pdf": "failed",
        "corrupt_file": "failed",
        "too_large": "failed",
        "zip_bomb": "failed",
        "table_too_large": "failed",
        "not_a_regular_file": "failed",
        "permission_denied": "failed",
        "out_of_memory": "failed",
        "worker_error": "failed",
        "needs_ocr": "needs_ocr",
        "not_a_report": "not_a_report",
        "not_found": "failed",
        "symlink_loop": "failed",
        "internal_error": "failed",
        "skipped_hidden": "skipped",
        "skipped_type": "skipped",
        "skipped_page_file": "skipped",
        "duplicate_of": "duplicate",
    }

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message

    @property
    def status(self) -> str:
        return self.STATUS.get(self.code, "failed")

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


@dataclass(frozen=True)
class Finding:
    """One finding about one report: the rule, its severity and the table, row and column it points at."""

    rule: str
    severity: str
    table: str | None
    row: str | None
    column: str | None
    expected: float | None
    printed: float | None
    message: str

    def as_dict(self) -> dict:
        return asdict(self)
