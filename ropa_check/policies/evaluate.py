"""Running compiled policies over a record: every policy of an activity at once.

The engine calls each rule once per item of its scope. A hundred policies over
fifty thousand data categories would be five million calls, most of which find
nothing, and the call alone costs more than most conditions. So policies on
data categories and on transfers are rules of the activity scope, like their
findings' activity: the first of them called for an activity evaluates every
activity, category and transfer policy on it and its entries, reading each
field once for all of them, and each rule returns its own findings from that.
Their findings point at the category or transfer itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ropa_check.document import Document, Ref
from ropa_check.policies.conditions import Compiled, Reads, Test
from ropa_check.policies.fields import PolicyScope
from ropa_check.rule import Problem

Render = Callable[[Any, Any], str]


@dataclass
class TransferItem:
    """One transfer of an activity, as a transfer policy sees it."""

    model: Any
    ref: Ref
    activity: Any


@dataclass
class _Entry:
    code: str
    test: Test
    render: Render
    compiled: Compiled
    doc: Document


class Evaluator:
    """The policies of one pack, by scope, and the findings of the activity evaluated last."""

    def __init__(self) -> None:
        self.by_scope: dict[PolicyScope, list[_Entry]] = {}
        self.reads = Reads()
        self.activity: object = None
        self.found: dict[str, list[Problem]] = {}
        #: The record whose vocabularies the project tags were checked against, and the policies that failed it.
        self.record: object = None
        self.broken: dict[str, Exception] = {}
        #: The policies of each scope that can run on that record.
        self.active: dict[PolicyScope, list[_Entry]] = {}

    def register(
        self, code: str, scope: PolicyScope, compiled: Compiled, render: Render, doc: Document
    ) -> Callable[[Any], Sequence[Problem]]:
        """Add a policy; return the check function of its rule."""
        entry = _Entry(code, compiled.test, render, compiled, doc)
        self.by_scope.setdefault(scope, []).append(entry)
        if scope in ("activity", "category", "transfer"):

            def from_activity(activity: Any) -> Sequence[Problem]:
                if activity is not self.activity:
                    self._evaluate(activity)
                if self.broken and code in self.broken:
                    raise self.broken[code]
                return self.found.get(code, ())

            return from_activity
        reads = self.reads

        def check(item: Any) -> Sequence[Problem]:
            record = getattr(item, "record", None)
            if record is not None:
                self._vocabularies(record)
                if code in self.broken:
                    raise self.broken[code]
            reads.begin(item)
            return (Problem(render(item, record)),) if entry.test(item, record, reads) else ()

        return check

    def _vocabularies(self, record: Any) -> None:
        """Check the project tags of every policy against ``record``'s vocabularies, once per record."""
        if record is self.record:
            return
        from ropa_check.policies.pack import located

        self.record, self.broken = record, {}
        for entries in self.by_scope.values():
            for entry in entries:
                for tag, name, where in entry.compiled.project_tags:
                    known = record.vocabularies.get(name, {})
                    if tag not in known and not any(k.startswith(tag + ":") for k in known):
                        message = f"{name.replace('_', ' ')} tag '{tag}' is in no vocabulary of this record"
                        self.broken[entry.code] = located(entry.doc, where, message)
        self.active = {
            scope: [e for e in entries if e.code not in self.broken] for scope, entries in self.by_scope.items()
        }

    def _evaluate(self, activity: Any) -> None:
        record = activity.record
        self._vocabularies(record)
        found: dict[str, list[Problem]] = {}
        reads = self.reads
        entries = self.active.get("activity")
        if entries:
            reads.item, reads.values = activity, {}
            for e in entries:
                if e.test(activity, record, reads):
                    found[e.code] = [Problem(e.render(activity, record))]
        # The loops below run for every category and transfer times every policy: tests taken out of the entries.
        entries = self.active.get("category")
        if entries:
            tests = [(e.test, e) for e in entries]
            for category in activity.categories:
                reads.item, reads.values = category, {}
                for test, e in tests:
                    if test(category, record, reads):
                        found.setdefault(e.code, []).append(Problem(e.render(category, record), at=category.ref))
        entries = self.active.get("transfer")
        if entries and activity.model.transfers:
            for i, transfer in enumerate(activity.model.transfers):
                item = TransferItem(transfer, activity.ref.child("transfers", i), activity)
                reads.item, reads.values = item, {}
                for e in entries:
                    if e.test(item, record, reads):  # transfers are few: one or two an activity
                        found.setdefault(e.code, []).append(Problem(e.render(item, record), at=item.ref))
        self.activity, self.found = activity, found
