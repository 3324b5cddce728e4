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
    activity the finding belongs to, when it belongs to one. ``entry_path`` names
    the same place by entry ids (``$.activities[id=medlemsregister].retention``):
    with the file, the activity and the code it is the finding's identity, which
    no reordering of a list changes (see :mod:`ropa_check.document`).
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
    #: The place named by entry ids; empty means the same as ``json_path``.
    entry_path: str = ""
    #: The data categories a gap written once covers (reported where it is written; see ropa_check.grouping).
    covers: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.entry_path:
            object.__setattr__(self, "entry_path", self.json_path)

    def identity(self) -> tuple[str, str | None, str, str]:
        """What makes two findings the same across runs: file, activity, entry path, code. Never a line."""
        return (self.file, self.activity, self.entry_path, self.code)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.file, self.line, self.column, self.code, self.message)
