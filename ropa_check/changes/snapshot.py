"""A record as data to compare: one entry per thing a change can add, remove or alter, named by ids.

Entries are keyed by kind and ids (``("retention", "nyhetsbrev", "e-post")``),
never by file, line or list position, so a record whose files are renamed,
split or reordered has the same entries. Values are the record's own data as
loaded (comments and waivers left out); a data category's retention and lawful
bases are its *effective* ones (own or inherited from its activity or
purpose), so moving a value from an activity to its categories changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ropa_check.adequacy import third_country
from ropa_check.document import Ref, entry_name
from ropa_check.facts import is_child, months
from ropa_check.record import ActivityView, Record

#: A key: the kind of entry, then the ids that name it.
Key = tuple[str, ...]

#: The kinds of entry, in the order a report lists them.
KINDS = (
    "organisation",
    "recipient",
    "activity",
    "purpose",
    "data_subject",
    "data_category",
    "lawful_basis",
    "retention",
    "activity_recipient",
    "transfer",
    "third_country",
    "dpia",
    "processor_activity",
)
#: What each kind is called in a report.
LABELS = {
    "organisation": "organisation",
    "recipient": "recipient",
    "activity": "activity",
    "purpose": "purpose",
    "data_subject": "data subject category",
    "data_category": "data category",
    "lawful_basis": "lawful basis",
    "retention": "retention",
    "activity_recipient": "recipient of the activity",
    "transfer": "transfer",
    "third_country": "third country reached",
    "dpia": "DPIA",
    "processor_activity": "processor activity",
}
_WAIVERS = "x-ropa-check"
#: Parts of an activity that are entries of their own, not fields of the activity entry.
_ACTIVITY_PARTS = frozenset(
    {
        "id",
        "purposes",
        "data_subjects",
        "data_categories",
        "recipients",
        "retention",
        "transfers",
        "lawful_basis",
        "dpia",
    }
)
_CATEGORY_PARTS = frozenset({"id", "lawful_basis", "retention", "recipients"})


@dataclass(frozen=True)
class Entry:
    """One comparable thing in a record: its value and where it is written."""

    kind: str
    key: Key
    value: Any
    ref: Ref | None
    #: Shown file name of ``ref``.
    file: str
    #: What risk classes read (tags, whether children are concerned, months of retention...).
    facts: Mapping[str, Any] = field(default_factory=dict)
    #: Keys of the entries this one belongs to (its activity, category, purpose).
    parents: tuple[Key, ...] = ()
    #: Whether the value's fields are written under ``ref`` (else only ``ref`` itself is located).
    fields_at_ref: bool = True

    @property
    def line(self) -> int:
        return self.ref.line if self.ref is not None else 1

    def line_of(self, path: Sequence[str]) -> int:
        """The line of a field of the value, or of the entry when the field is not written here."""
        if self.ref is None:
            return 1
        if not self.fields_at_ref or not path:
            return self.ref.line
        return self.ref.doc.position((*self.ref.path, *path))[0]


def plain(node: Any) -> Any:
    """Loaded YAML or JSON as plain data: waivers left out, dates as ISO text."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items() if k != _WAIVERS}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, dt.date):
        return node.isoformat()
    return node


def raw(ref: Ref) -> Any:
    """The loaded data at ``ref``."""
    node: Any = ref.doc.data
    for part in ref.path:
        node = node[part]
    return node


def _without(node: Any, keys: Iterable[str]) -> Any:
    """:func:`plain` of a mapping without ``keys`` (which are not converted at all: they may be large)."""
    drop = frozenset(keys)
    return plain({k: v for k, v in node.items() if k not in drop} if isinstance(node, dict) else node)


def retention_months(value: Any) -> float | None:
    """The longest concrete period a retention value states, in months (None: it states none)."""
    if not isinstance(value, dict):
        return None
    periods = [value.get("duration")]
    periods += [o.get("duration") for o in value.get("by_outcome") or () if isinstance(o, dict)]
    found = [months(p) for p in periods if isinstance(p, str)]
    return max(found) if found else None


class Snapshot:
    """The entries of the records on one side of a comparison."""

    def __init__(self, records: Sequence[Record], display: Callable[[str], str]) -> None:
        self.entries: dict[Key, Entry] = {}
        self._display = display
        for record in records:
            self._record(record)

    def _add(self, kind: str, key: Key, value: Any, ref: Ref | None, **more: Any) -> None:
        full = (kind, *key)
        if full in self.entries:  # the same id twice is an input error, reported by the check
            return
        file = self._display(ref.doc.path) if ref is not None else ""
        self.entries[full] = Entry(kind, full, value, ref, file, **more)

    def _record(self, record: Record) -> None:
        if record.organisation is not None:
            ref = record.organisation.ref
            self._add("organisation", (), plain(raw(ref)), ref)
        for rid, located in record.recipients.items():
            value = _without(raw(located.ref), ["id"])
            model = located.model
            self._add("recipient", (rid,), value, located.ref, facts={"kind": model.kind, "country": model.country})
        for activity in record.activities:
            self._activity(activity, record)
        for pact in record.processor_activities:
            self._add("processor_activity", (pact.model.id,), _without(raw(pact.ref), ["id"]), pact.ref)

    def _activity(self, activity: ActivityView, record: Record) -> None:
        aid = activity.id
        mine: Key = ("activity", aid)
        self._add("activity", (aid,), _without(raw(activity.ref), _ACTIVITY_PARTS), activity.ref)
        for pid, (_, pref) in activity.purposes.items():
            self._add("purpose", (aid, pid), _without(raw(pref), ["id", "lawful_basis"]), pref, parents=(mine,))
        for sid, (subject, sref) in activity.subjects.items():
            value = _without(raw(sref), ["id"])
            self._add("data_subject", (aid, sid), value, sref, facts={"child": is_child(subject)}, parents=(mine,))
        for category in activity.categories:
            cid = category.id
            ckey: Key = ("data_category", aid, cid)
            facts = {
                "tags": frozenset(category.tags),
                "child": any(is_child(s) for s, _ in category.subjects),
                "name": category.model.name,
            }
            value = _without(raw(category.ref), _CATEGORY_PARTS)
            self._add("data_category", (aid, cid), value, category.ref, facts=facts, parents=(mine,))
            retention, rref = category.retention
            rvalue = plain(raw(rref)) if rref is not None and retention is not None else None
            self._add(
                "retention",
                (aid, cid),
                rvalue,
                rref or category.ref,
                facts={"months": retention_months(rvalue)},
                parents=(mine, ckey),
                fields_at_ref=rref is not None,
            )
            for basis in category.bases:
                pid = basis.purpose.id if basis.purpose is not None else "*"
                bvalue = plain(raw(basis.ref)) if basis.ref is not None and basis.basis is not None else None
                self._add(
                    "lawful_basis",
                    (aid, cid, pid),
                    bvalue,
                    basis.ref or category.ref,
                    facts={"art6": bvalue.get("art6") if isinstance(bvalue, dict) else None},
                    parents=(mine, ckey, ("purpose", aid, pid)),
                    fields_at_ref=basis.ref is not None,
                )
        self._recipients(activity, record, mine)
        for i, transfer in enumerate(activity.model.transfers or ()):
            tref = activity.ref.child("transfers", i)
            tvalue = plain(raw(tref))
            facts = {"mechanism": transfer.mechanism, "country": transfer.country}
            self._add("transfer", (aid, entry_name(tvalue)), tvalue, tref, facts=facts, parents=(mine,))
        for country, (via, cref) in sorted(_third_countries(activity, record).items()):
            value = {"via": sorted(via)}
            self._add("third_country", (aid, country), value, cref, parents=(mine,), fields_at_ref=False)
        if activity.model.dpia is not None:
            dref = activity.ref.child("dpia")
            dvalue = plain(raw(dref))
            facts = {"status": activity.model.dpia.status, "ref": activity.model.dpia.ref}
            self._add("dpia", (aid,), dvalue, dref, facts=facts, parents=(mine,))

    def _recipients(self, activity: ActivityView, record: Record, mine: Key) -> None:
        """Each recipient the activity's data go to, with the data categories that go there."""
        named: dict[str, Ref] = {}
        lists = [(activity.model.recipients, activity.ref.child("recipients"))]
        lists += [(c.model.recipients, c.ref.child("recipients")) for c in activity.categories]
        for ids, ref in lists:
            for i, rid in enumerate(ids or ()):
                named.setdefault(rid, ref.child(i))
        receiving: dict[str, list[str]] = {rid: [] for rid in named}
        for category in activity.categories:
            located, _ = category.recipients
            for recipient in located or ():
                receiving.setdefault(recipient.model.id, []).append(category.id)
        for rid, ref in named.items():
            known = record.recipients.get(rid)
            facts = {
                "kind": known.model.kind if known else None,
                "country": known.model.country if known else None,
                "name": known.model.name if known else None,
            }
            value = {"data_categories": sorted(receiving.get(rid, []))}
            self._add(
                "activity_recipient", (activity.id, rid), value, ref, facts=facts, parents=(mine,), fields_at_ref=False
            )


def _third_countries(activity: ActivityView, record: Record) -> dict[str, tuple[set[str], Ref]]:
    """The countries outside the EEA the activity's data reach, each with how and where that is written first."""
    found: dict[str, tuple[set[str], Ref]] = {}

    def reach(country: str | None, via: str, ref: Ref) -> None:
        if third_country(country):
            assert country is not None
            found.setdefault(country, (set(), ref))[0].add(via)

    for i, transfer in enumerate(activity.model.transfers or ()):
        reach(
            transfer.country,
            f"transfer to {transfer.recipient or transfer.organisation or 'a recipient'}",
            activity.ref.child("transfers", i, "country"),
        )
    lists = [(activity.model.recipients, activity.ref.child("recipients"))]
    lists += [(c.model.recipients, c.ref.child("recipients")) for c in activity.categories]
    for ids, ref in lists:
        for i, rid in enumerate(ids or ()):
            located = record.recipients.get(rid)
            if located is None:
                continue
            reach(located.model.country, f"recipient {rid}", ref.child(i))
            for sub in located.model.sub_processors or ():
                if not isinstance(sub, str):
                    reach(sub.country, f"sub-processor {sub.name} of recipient {rid}", ref.child(i))
    for i, location in enumerate(activity.model.data_location or ()):
        reach(
            location.country,
            f"hosting {location.system or location.provider or ''}".strip(),
            activity.ref.child("data_location", i),
        )
    return found


__all__ = ["KINDS", "LABELS", "Entry", "Key", "Snapshot", "plain", "raw", "retention_months"]
