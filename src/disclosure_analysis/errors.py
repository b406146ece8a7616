"""Errors with a stable code and a message a researcher can act on."""

from __future__ import annotations

from typing import ClassVar


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
        "needs_ocr": "needs_ocr",
        "not_a_report": "not_a_report",
        "not_found": "failed",
        "internal_error": "failed",
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
