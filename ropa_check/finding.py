"""The immutable records every check produces: severities, locations and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """How serious a finding is; the order decides the failure threshold."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def __str__(self) -> str:
        return self.value


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Suppression:
    """Why a finding does not count: an accepted waiver in the record, or a baseline entry."""

    kind: str  # "waiver" (in the record) or "baseline"
    reason: str
    approver: str | None = None
    expires: str | None = None  # ISO date, valid through that day


@dataclass(frozen=True, slots=True)
class Finding:
    """One located problem in a record.

    ``line`` and ``column`` are 1-based. ``json_path`` is relative to the file
    (``$.activities[0].retention``); ``activity`` is the id of the processing
    activity the finding belongs to, when it belongs to one.
    """

    code: str
    severity: Severity
    message: str
    file: str
    line: int
    column: int
    json_path: str
    activity: str | None = None
    reference: str = ""
    fix: str | None = None
    name: str = ""
    suppression: Suppression | None = None
    #: JSON path (same file) of the value the finding is about, when the finding
    #: is reported elsewhere: a data category's inherited retention, say.
    origin: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)
