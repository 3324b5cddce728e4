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


class _Plan:
    """The policies of one scope: those tried on every item, and those looked up by their guard's values."""

    def __init__(self, entries: Sequence[_Entry]) -> None:
        self.always = [e for e in entries if e.compiled.guard is None]
        #: Per guarded field: how to read it, and the policies each value lets through.
        self.lookups: list[tuple[Any, dict[Any, list[_Entry]]]] = []
        by_key: dict[int, tuple[Any, dict[Any, list[_Entry]]]] = {}
        for e in entries:
            guard = e.compiled.guard
            if guard is None:
                continue
            _, index = by_key.setdefault(guard.key, (guard.read, {}))
            for value in guard.values:
                index.setdefault(value, []).append(e)
        self.lookups = list(by_key.values())

    def candidates(self, item: Any, record: Any, reads: Reads) -> Sequence[_Entry]:
        """The policies that may hold for ``item``: a guarded one only when it has one of its guard's values."""
        if not self.lookups:
            return self.always
        out = list(self.always)
        for read, index in self.lookups:
            hits: list[_Entry] = []
            for value in read(item, record, reads):
                got = index.get(value)
                if got:
                    hits.extend(got)
            if hits:
                # A policy guarded by two values the item both has is tried once.
                out.extend({id(e): e for e in hits}.values())
        return out


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
        #: The policies of each scope that can run on that record, and how to try them on an item.
        self.active: dict[PolicyScope, list[_Entry]] = {}
        self.plans: dict[PolicyScope, _Plan] = {}

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
        self.plans = {scope: _Plan(entries) for scope, entries in self.active.items()}

    def _evaluate(self, activity: Any) -> None:
        record = activity.record
        self._vocabularies(record)
        found: dict[str, list[Problem]] = {}
        reads = self.reads
        plan = self.plans.get("activity")
        if plan is not None:
            reads.item, reads.values = activity, {}
            for e in plan.candidates(activity, record, reads):
                if e.test(activity, record, reads):
                    found[e.code] = [Problem(e.render(activity, record))]
        plan = self.plans.get("category")
        if plan is not None:
            for category in activity.categories:
                reads.item, reads.values = category, {}
                for e in plan.candidates(category, record, reads):
                    if e.test(category, record, reads):
                        found.setdefault(e.code, []).append(Problem(e.render(category, record), at=category.ref))
        plan = self.plans.get("transfer")
        if plan is not None and activity.model.transfers:
            for i, transfer in enumerate(activity.model.transfers):
                item = TransferItem(transfer, activity.ref.child("transfers", i), activity)
                reads.item, reads.values = item, {}
                for e in plan.candidates(item, record, reads):
                    if e.test(item, record, reads):
                        found.setdefault(e.code, []).append(Problem(e.render(item, record), at=item.ref))
        self.activity, self.found = activity, found
