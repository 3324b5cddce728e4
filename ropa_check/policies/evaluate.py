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

import weakref
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, cast

from ropa_check.document import Document, Ref
from ropa_check.policies.conditions import Compiled, Reads, Test, evaluator_source
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


def _nothing() -> None:
    return None


class _Failing(Sequence[Problem]):
    """What a policy that cannot run on this record returns: the engine reports its error (RPA011) as it iterates."""

    def __init__(self, error: Exception) -> None:
        self.error = error

    def __len__(self) -> int:
        return 1

    def __getitem__(self, index: Any) -> Any:
        raise self.error

    def __iter__(self) -> Iterator[Problem]:
        raise self.error


def _add(found: dict[str, Sequence[Problem]], code: str, problem: Problem) -> None:
    listed = found.get(code)
    if listed is None:
        found[code] = [problem]
    else:
        cast(list[Problem], listed).append(problem)


class _Plan:
    """The policies of one scope as one generated function (see :func:`evaluator_source`)."""

    def __init__(self, entries: Sequence[_Entry], namespace: dict[str, Any]) -> None:
        self.entries = list(entries)
        source = evaluator_source([(e.compiled.expr, e.compiled.keys) for e in self.entries])
        scope: dict[str, Any] = dict(namespace)
        exec(compile(source, "<ropa-check policies>", "exec"), scope)
        self.run: Callable[[Any, Any], list[int]] = scope["run"]


class Evaluator:
    """The policies of one pack, by scope, and the findings of the activity evaluated last."""

    def __init__(self, namespace: dict[str, Any]) -> None:
        #: The compiler's namespace: what the policies' expressions name.
        self.namespace = namespace
        self.by_scope: dict[PolicyScope, list[_Entry]] = {}
        # The activity and record seen last, weakly: holding the record after its check would keep every
        # document of it alive, for the cyclic collector to walk again and again once it runs again.
        self.activity: Callable[[], object] = _nothing
        self.found: dict[str, Sequence[Problem]] = {}
        #: The record whose vocabularies the project tags were checked against, and the policies that failed it.
        self.record: Callable[[], object] = _nothing
        self.broken: dict[str, Exception] = {}
        #: The policies of each scope that can run on that record, and how to try them on an item.
        self.active: dict[PolicyScope, list[_Entry]] = {}
        self.plans: dict[PolicyScope, _Plan] = {}
        self._plans: dict[tuple[PolicyScope, frozenset[str]], _Plan] = {}

    def register(
        self, code: str, scope: PolicyScope, compiled: Compiled, render: Render, doc: Document
    ) -> Callable[[Any], Sequence[Problem]]:
        """Add a policy; return the check function of its rule."""
        entry = _Entry(code, compiled.test, render, compiled, doc)
        self.by_scope.setdefault(scope, []).append(entry)
        if scope in ("activity", "category", "transfer"):
            found = self.found.get  # the dict is cleared and refilled per activity, never replaced

            def from_activity(activity: Any) -> Sequence[Problem]:
                # Called for every activity by every policy: nothing here but a comparison and a lookup.
                if activity is not self.activity():
                    self._evaluate(activity)
                return found(code, ())

            return from_activity

        def check(item: Any) -> Sequence[Problem]:
            record = getattr(item, "record", None)
            if record is not None:
                self._vocabularies(record)
                if code in self.broken:
                    raise self.broken[code]
            reads = Reads()  # organisations and recipients are few: nothing to share between them
            reads.begin(item)
            return (Problem(render(item, record)),) if entry.test(item, record, reads) else ()

        return check

    def _vocabularies(self, record: Any) -> None:
        """Check the project tags of every policy against ``record``'s vocabularies, once per record."""
        if record is self.record():
            return
        from ropa_check.policies.errors import located

        self.record, self.broken = weakref.ref(record), {}
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
        broken = frozenset(self.broken)
        self.plans = {}
        for scope, entries in self.active.items():
            if entries:
                # Generated once per pack (and set of broken policies), not once per record checked.
                key = (scope, broken)
                if key not in self._plans:
                    self._plans[key] = _Plan(entries, self.namespace)
                self.plans[scope] = self._plans[key]

    def _evaluate(self, activity: Any) -> None:
        record = activity.record
        self._vocabularies(record)
        found = self.found
        found.clear()
        for code, error in self.broken.items():
            found[code] = _Failing(error)
        plan = self.plans.get("activity")
        if plan is not None:
            for i in plan.run(activity, record):
                e = plan.entries[i]
                found[e.code] = [Problem(e.render(activity, record))]
        plan = self.plans.get("category")
        if plan is not None:
            run, entries = plan.run, plan.entries
            for category in activity.categories:
                for i in run(category, record):
                    e = entries[i]
                    _add(found, e.code, Problem(e.render(category, record), at=category.ref))
        plan = self.plans.get("transfer")
        if plan is not None and activity.model.transfers:
            for n, transfer in enumerate(activity.model.transfers):
                item = TransferItem(transfer, activity.ref.child("transfers", n), activity)
                for i in plan.run(item, record):
                    e = plan.entries[i]
                    _add(found, e.code, Problem(e.render(item, record), at=item.ref))
        self.activity = weakref.ref(activity)
