"""The record an import builds, as plain data, before it is written as files of format v1.

Activities go one to a file (``activities/<id>.yaml``); the organisation,
recipients and sources each have a file of their own. Shared entries
(recipients, sources) are merged by name, so the same processor named on
twenty rows is one recipient referred to by id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ropa_check.importing.report import Kind, Report
from ropa_check.importing.values import fold, slug, unique

#: The most notes one import makes. A register has a few per row at most; past this many the source is not in
#: the layout it was read as, and each note (in the report and as a comment in the record) costs memory and
#: output: 10,000 rows of 200 columns outside the layout were 2,000,000 notes, 2 GB and 157 MB of YAML.
MAX_NOTES = 100_000
ORGANISATION_FILE = "organisation.yaml"
RECIPIENTS_FILE = "recipients.yaml"
SOURCES_FILE = "sources.yaml"


class SourceError(Exception):
    """Input that cannot be imported: exit status 2 with one located line (``where: message``)."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


@dataclass
class Draft:
    """A record being built: organisation, shared recipients and sources, and activities."""

    report: Report
    organisation: dict[str, Any] = field(default_factory=dict)
    recipients: dict[str, dict[str, Any]] = field(default_factory=dict)
    sources: dict[str, dict[str, Any]] = field(default_factory=dict)
    activities: list[dict[str, Any]] = field(default_factory=list)
    _activity_ids: set[str] = field(default_factory=set)
    _by_name: dict[tuple[str, str], str] = field(default_factory=dict)

    def new_activity(self, wanted: str) -> dict[str, Any]:
        """A new activity with an id made from ``wanted``, unique in the record."""
        activity: dict[str, Any] = {"id": unique(slug(wanted, "activity"), self._activity_ids)}
        self.activities.append(activity)
        return activity

    def recipient(self, name: str, **fields: Any) -> str:
        """The id of the recipient called ``name``, added on first use; ``fields`` fill what it lacks."""
        return self._shared(self.recipients, "recipient", name, fields)

    def source(self, name: str, **fields: Any) -> str:
        """The id of the source called ``name``, added on first use; ``fields`` fill what it lacks."""
        return self._shared(self.sources, "source", name, fields)

    def _shared(self, registry: dict[str, dict[str, Any]], what: str, name: str, fields: dict[str, Any]) -> str:
        key = (what, fold(name))
        ident = self._by_name.get(key)
        if ident is None:
            ident = unique(slug(name, what), set(registry))
            self._by_name[key] = ident
            registry[ident] = {"id": ident, "name": name}
        entry = registry[ident]
        for name_, value in fields.items():
            if value is not None:
                entry.setdefault(name_, value)
        return ident

    def note(
        self,
        kind: Kind,
        where: str,
        message: str,
        value: str | None = None,
        activity: dict[str, Any] | None = None,
        path: tuple[str | int, ...] = (),
        file: str | None = None,
    ) -> None:
        """Report a value; with ``activity`` (or ``file``) it is also a comment at ``path`` in that file.

        Raises SourceError past :data:`MAX_NOTES` notes.
        """
        if len(self.report.notes) >= MAX_NOTES:
            raise SourceError(
                where,
                f"more than {MAX_NOTES:,} values could not be placed: the source is not in this layout "
                "(--template or --mapping FILE says which it is)",
            )
        if activity is not None:
            target: tuple[str, tuple[str | int, ...]] | None = (activity_file(activity), ("activities", 0, *path))
        elif file is not None:
            target = (file, path)
        else:
            target = None
        self.report.add(kind, where, message, value, target)

    def files(self) -> dict[str, dict[str, Any]]:
        """The record's files: relative name to data."""
        out: dict[str, dict[str, Any]] = {ORGANISATION_FILE: {"ropa_format": 1, "organisation": self.organisation}}
        if self.recipients:
            out[RECIPIENTS_FILE] = {"recipients": list(self.recipients.values())}
        if self.sources:
            out[SOURCES_FILE] = {"sources": list(self.sources.values())}
        for activity in self.activities:
            out[activity_file(activity)] = {"activities": [activity]}
        return out


def activity_file(activity: dict[str, Any]) -> str:
    """The file an activity is written to."""
    return f"activities/{activity['id']}.yaml"
