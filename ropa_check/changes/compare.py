"""Two snapshots of a record compared entry by entry: what was added, removed or changed.

A value that only moved (another file, another place in a list, inherited
instead of written on each category) is no change. What only follows from a
bigger change is left out: an activity removed is one change, not one per
purpose and category; a new data category brings no separate "retention
added". The same change to several data categories of one activity (their
inherited retention, say) is one change that names them all.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ropa_check.changes.snapshot import KINDS, Entry, Key, Snapshot

ADDED, REMOVED, CHANGED = "added", "removed", "changed"
#: Kinds whose entries are derived per data category: a new category brings its own, which is no change of its own.
_DERIVED = frozenset({"retention", "lawful_basis"})
#: Kinds one change may cover for several data categories at once.
_GROUPED = frozenset({"retention", "lawful_basis"})


@dataclass(frozen=True)
class FieldChange:
    """One field of a changed entry: its path within the entry, the old and the new value (None: absent)."""

    path: tuple[str, ...]
    old: Any
    new: Any

    @property
    def name(self) -> str:
        return ".".join(self.path)


class Value(str):
    """Text from the record inside a sentence of ours: reports escape it (Markdown shows it as code)."""

    __slots__ = ()


#: A sentence: our own words and :class:`Value` parts.
Words = tuple[str, ...]


@dataclass(frozen=True)
class Risk:
    """A risk class on a change, with the legal reason and the provisions that give it."""

    name: str
    words: Words
    references: tuple[str, ...]

    @property
    def reason(self) -> str:
        """The reason as plain text."""
        return "".join(self.words)


@dataclass
class Change:
    """One thing added, removed or changed, located on the new side (the old side for a removal)."""

    change: str
    kind: str
    key: Key
    old: Entry | None
    new: Entry | None
    fields: list[FieldChange] = field(default_factory=list)
    #: The data categories (or category/purpose pairs) a grouped change covers, beyond the first in ``key``.
    also: list[Key] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)

    @property
    def entry(self) -> Entry:
        """The entry the change is located at: the new one, or the old one for a removal."""
        located = self.new if self.new is not None else self.old
        assert located is not None
        return located

    @property
    def file(self) -> str:
        return self.entry.file

    @property
    def line(self) -> int:
        if self.change == CHANGED and self.fields and self.new is not None:
            return self.new.line_of(self.fields[0].path)
        return self.entry.line

    @property
    def activity(self) -> str | None:
        """The activity the change belongs to, if any."""
        return self.key[1] if len(self.key) > 1 and self.kind not in ("recipient", "processor_activity") else None

    @property
    def keys(self) -> list[Key]:
        """Every key the change covers."""
        return [self.key, *self.also]


def compare(old: Snapshot, new: Snapshot) -> list[Change]:
    """The changes from ``old`` to ``new``: record-wide ones, then each activity's, in the order of :data:`KINDS`."""
    changes: list[Change] = []
    for key in sorted(old.entries.keys() | new.entries.keys(), key=_order):
        before, after = old.entries.get(key), new.entries.get(key)
        if before is None and after is not None:
            if after.kind in _DERIVED and any(p not in old.entries for p in after.parents):
                continue  # part of a new category or purpose
            # What a new entry says, field by field, for the reviewer to read.
            changes.append(Change(ADDED, after.kind, key, None, after, list(fields({}, after.value))))
        elif after is None and before is not None:
            if any(p not in new.entries for p in before.parents):
                continue  # part of a removed activity, category or purpose
            changes.append(Change(REMOVED, before.kind, key, before, None))
        elif before is not None and after is not None and before.value != after.value:
            changes.append(Change(CHANGED, after.kind, key, before, after, list(fields(before.value, after.value))))
    return _grouped(changes)


#: Kinds that belong to no activity: listed first, then each activity's changes together.
_RECORD_WIDE = frozenset({"organisation", "recipient", "processor_activity"})


def _order(key: Key) -> tuple[int, str, int, Key]:
    kind = KINDS.index(key[0]) if key[0] in KINDS else len(KINDS)
    if key[0] in _RECORD_WIDE or len(key) < 2:
        return (0, "", kind, key)
    return (1, key[1], kind, key)


def fields(old: Any, new: Any, path: tuple[str, ...] = ()) -> Iterator[FieldChange]:
    """The fields that differ between two values; mappings are compared key by key, anything else whole."""
    if isinstance(old, dict) and isinstance(new, dict) and (old or new):
        for name in [*old, *(k for k in new if k not in old)]:
            if old.get(name) != new.get(name):
                yield from fields(old.get(name), new.get(name), (*path, name))
    elif old != new:
        yield FieldChange(path, old, new)


def _grouped(changes: list[Change]) -> list[Change]:
    """One change for the same change of one activity's data categories (an inherited value, say)."""
    out: list[Change] = []
    first: dict[tuple[str, str, str | None, str, str], Change] = {}
    for change in changes:
        if change.kind not in _GROUPED:
            out.append(change)
            continue
        group = (
            change.change,
            change.kind,
            change.activity,
            _canonical(change.old.value if change.old else None),
            _canonical(change.new.value if change.new else None),
        )
        if group in first:
            first[group].also.append(change.key)
        else:
            first[group] = change
            out.append(change)
    return out


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


__all__ = ["ADDED", "CHANGED", "REMOVED", "Change", "FieldChange", "Risk", "Value", "Words", "compare", "fields"]
