"""The import report: every value the import could not place, and every warning, with where it was read.

A note names its place in the source (``Sheet1!F12``, ``sample_systems.yml:14``)
and, when it belongs somewhere in the written record, the path there, so the
record writer puts it as a YAML comment next to the field it belongs to. The
report is written to standard error, and as JSON with ``--report FILE``.

What a note holds came from the source, and so from whoever wrote it: text
reports escape it (:func:`ropa_check.reporters.escape.shown`) and the YAML
comments are written on one line each.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ropa_check.reporters.escape import shown

#: ``unplaced``: a value kept out of the record (or kept as text) because it fits no field as written;
#: ``lost``: the record format has no field for it; ``warning``: read, but the reader should look.
Kind = Literal["unplaced", "lost", "warning"]
#: A place in the record being written: the file (``activities/x.yaml``) and the path inside it.
Target = tuple[str, tuple[str | int, ...]]


@dataclass(frozen=True)
class Note:
    """One thing the import report says."""

    kind: Kind
    where: str
    message: str
    value: str | None = None
    target: Target | None = None

    def line(self) -> str:
        """The note as one line of text, every part from the source escaped."""
        value = "" if self.value is None else f": {shown(repr(self.value), 200)}"
        return f"{shown(self.where)}: {self.kind}: {shown(self.message)}{value}"

    def as_json(self) -> dict[str, Any]:
        """The note as JSON data (exact text; JSON escaping keeps it safe)."""
        out: dict[str, Any] = {"kind": self.kind, "where": self.where, "message": self.message}
        if self.value is not None:
            out["value"] = self.value
        if self.target is not None:
            out["file"] = self.target[0]
            out["path"] = list(self.target[1])
        return out


@dataclass
class Report:
    """What one import could not place, what it lost and what it warns about."""

    source: str
    layout: str
    notes: list[Note] = field(default_factory=list)

    def add(self, kind: Kind, where: str, message: str, value: str | None = None, target: Target | None = None) -> None:
        """Add a note."""
        self.notes.append(Note(kind, where, message, value, target))

    def counts(self) -> dict[str, int]:
        """How many notes of each kind."""
        out = {"unplaced": 0, "lost": 0, "warning": 0}
        for note in self.notes:
            out[note.kind] += 1
        return out

    def text(self, limit: int | None = None) -> str:
        """The report as lines for standard error; with ``limit``, that many notes and a count of the rest."""
        shown_notes = self.notes if limit is None else self.notes[:limit]
        lines = "".join(f"{note.line()}\n" for note in shown_notes)
        if len(shown_notes) < len(self.notes):
            lines += f"… and {len(self.notes) - len(shown_notes):,} more notes\n"
        return lines

    def as_json(self, written: dict[str, Any]) -> str:
        """The report as a JSON document; ``written`` says what was written where."""
        data = {
            "source": self.source,
            "layout": self.layout,
            "written": written,
            "counts": self.counts(),
            "notes": [note.as_json() for note in self.notes],
        }
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
