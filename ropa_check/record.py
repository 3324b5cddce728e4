"""One record from many files: merged registries, resolved references, tag checks,
and the views rules read, with every data category's effective values.

A data category carries, or inherits from its activity, its purposes, lawful
basis, retention and recipients. :class:`CategoryView` works those out once,
remembering where each value was stated, so a rule can point at the category and
say where an inherited value came from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Protocol, TypeVar, overload

from ropa_check import input_errors as E
from ropa_check.document import Document, Ref
from ropa_check.finding import Finding
from ropa_check.format.compiled_model import (
    Activity,
    DataCategory,
    DataSubject,
    LawfulBasis,
    Organisation,
    ProcessorActivity,
    Purpose,
    Recipient,
    RecordFile,
    Retention,
    Source,
)
from ropa_check.rule import Problem
from ropa_check.suggest import did_you_mean

M = TypeVar("M")
T = TypeVar("T")


class cached_property(Generic[T]):
    """``functools.cached_property`` without its lock (Python < 3.12 takes one per first access).

    Rules read a few dozen derived values of each of tens of thousands of
    views; the lock was a tenth of the rules' time on large records. Checks
    are single-threaded.
    """

    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type | None = None) -> cached_property[T]: ...
    @overload
    def __get__(self, obj: object, owner: type | None = None) -> T: ...
    def __get__(self, obj: object | None, owner: type | None = None) -> T | cached_property[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


_R = TypeVar("_R", Recipient, Source)


@dataclass(frozen=True, slots=True)
class Located(Generic[M]):
    """A model object and where it is written."""

    model: M
    ref: Ref


@dataclass
class Record:
    """A whole record: the organisation block and everything the files hold."""

    documents: list[Document]
    organisation: Located[Organisation] | None = None
    activities: list[ActivityView] = field(default_factory=list)
    processor_activities: list[Located[ProcessorActivity]] = field(default_factory=list)
    recipients: dict[str, Located[Recipient]] = field(default_factory=dict)
    sources: dict[str, Located[Source]] = field(default_factory=dict)
    vocabularies: dict[str, dict[str, str]] = field(default_factory=dict)
    #: The date rules treat as today (``--today`` / ``ROPA_CHECK_TODAY``); None is the system date.
    as_of: dt.date | None = None
    #: Errors left out because they only follow from a file that did not load (see :func:`build`).
    knock_on: int = 0

    @property
    def today(self) -> dt.date:
        """What day it is for rules that compare dates, so results are reproducible with ``--today``."""
        return self.as_of or dt.date.today()

    @property
    def org(self) -> Organisation:
        """The organisation block (an empty one if the record has none)."""
        return self.organisation.model if self.organisation else Organisation()

    @property
    def controller_country(self) -> str | None:
        controller = self.org.controller
        return controller.country if controller else None

    @property
    def organisation_view(self) -> OrganisationView | None:
        if self.organisation is None:
            return None
        return OrganisationView(self.organisation.model, self.organisation.ref, self)

    def release(self) -> None:
        """Break the views' links back to the record, once rules are done with it.

        Views point back at their record and categories at their activity, so a
        record is a web of reference cycles that only the cyclic collector can
        free, by walking millions of objects of a large record. Unlinked, it is
        freed by reference counting as soon as the last reference goes.
        """
        for activity in self.activities:
            activity.__dict__.clear()
        self.activities.clear()


@dataclass
class OrganisationView:
    """The organisation block as rules see it."""

    model: Organisation
    ref: Ref
    record: Record


@dataclass
class ActivityView:
    """A processing activity as rules see it."""

    model: Activity
    ref: Ref
    record: Record
    #: Facts that helpers derive once and several rules share (e.g. the WP248 screening), by name.
    facts: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> str:
        return self.model.id

    @cached_property
    def purposes(self) -> dict[str, tuple[Purpose, Ref]]:
        return {p.id: (p, self.ref.child("purposes", i)) for i, p in enumerate(self.model.purposes or ())}

    @cached_property
    def subjects(self) -> dict[str, tuple[DataSubject, Ref]]:
        return {s.id: (s, self.ref.child("data_subjects", i)) for i, s in enumerate(self.model.data_subjects or ())}

    @cached_property
    def categories(self) -> list[CategoryView]:
        return [
            CategoryView(c, self.ref.child("data_categories", i), self)
            for i, c in enumerate(self.model.data_categories or ())
        ]

    @cached_property
    def subject_tags(self) -> frozenset[str]:
        return frozenset(t for s, _ in self.subjects.values() for t in s.tags)

    @cached_property
    def purpose_tags(self) -> frozenset[str]:
        return frozenset(t for p, _ in self.purposes.values() for t in p.tags)


@dataclass
class ProcessorActivityView:
    """Processing on behalf of other controllers (Art. 30(2)) as rules see it."""

    model: ProcessorActivity
    ref: Ref
    record: Record

    @property
    def id(self) -> str:
        return self.model.id


@dataclass(frozen=True, slots=True)
class Basis:
    """The lawful basis in force for one purpose of a data category, and where it is stated."""

    purpose: Purpose | None
    basis: LawfulBasis | None
    ref: Ref | None


@dataclass
class CategoryView:
    """A data category with its effective (own or inherited) values."""

    model: DataCategory
    ref: Ref
    activity: ActivityView

    @property
    def id(self) -> str:
        return self.model.id

    @property
    def record(self) -> Record:
        return self.activity.record

    @property
    def tags(self) -> list[str]:
        return self.model.tags

    @cached_property
    def purposes(self) -> list[tuple[Purpose, Ref]]:
        """The purposes this category serves: its own list, or all the activity's."""
        known = self.activity.purposes
        if self.model.purposes is None:
            return list(known.values())
        return [known[p] for p in self.model.purposes if p in known]

    @cached_property
    def subjects(self) -> list[tuple[DataSubject, Ref]]:
        known = self.activity.subjects
        if self.model.subjects is None:
            return list(known.values())
        return [known[s] for s in self.model.subjects if s in known]

    @cached_property
    def subject_tags(self) -> frozenset[str]:
        return frozenset(t for s, _ in self.subjects for t in s.tags)

    @cached_property
    def purpose_tags(self) -> frozenset[str]:
        return frozenset(t for p, _ in self.purposes for t in p.tags)

    @cached_property
    def bases(self) -> list[Basis]:
        """One entry per purpose: the category's basis, else the purpose's, else the activity's."""
        own, act = self.model.lawful_basis, self.activity.model.lawful_basis
        if own is not None:
            return [Basis(p, own, self.ref.child("lawful_basis")) for p, _ in self.purposes] or [
                Basis(None, own, self.ref.child("lawful_basis"))
            ]
        out = []
        for purpose, pref in self.purposes:
            if purpose.lawful_basis is not None:
                out.append(Basis(purpose, purpose.lawful_basis, pref.child("lawful_basis")))
            elif act is not None:
                out.append(Basis(purpose, act, self.activity.ref.child("lawful_basis")))
            else:
                out.append(Basis(purpose, None, None))
        if not out and act is not None:
            out.append(Basis(None, act, self.activity.ref.child("lawful_basis")))
        return out

    @cached_property
    def retention(self) -> tuple[Retention | None, Ref | None]:
        """The category's retention, else the activity's; with where it is written."""
        if self.model.retention is not None:
            return self.model.retention, self.ref.child("retention")
        if self.activity.model.retention is not None:
            return self.activity.model.retention, self.activity.ref.child("retention")
        return None, None

    @cached_property
    def recipients(self) -> tuple[list[Located[Recipient]] | None, Ref | None]:
        """The recipients, or None when neither the category nor its activity states them."""
        for ids, ref in (
            (self.model.recipients, self.ref.child("recipients")),
            (self.activity.model.recipients, self.activity.ref.child("recipients")),
        ):
            if ids is not None:
                known = self.record.recipients
                return [known[i] for i in ids if i in known], ref
        return None, None

    @cached_property
    def sources(self) -> tuple[list[Located[Source]] | None, Ref | None]:
        for ids, ref in (
            (self.model.sources, self.ref.child("sources")),
            (self.activity.model.sources, self.activity.ref.child("sources")),
        ):
            if ids is not None:
                known = self.record.sources
                return [known[i] for i in ids if i in known], ref
        return None, None

    def about(self, ref: Ref | None, message: str) -> Problem:
        """A problem with a value of this category, own or inherited.

        An own value is pointed at; an inherited one is reported at the
        category, saying where the value is written (and waivers there apply).
        """
        suffix = self.inherited(ref)
        if ref is None or not suffix:
            return Problem(message, at=ref)
        return Problem(message + suffix, origin=ref)

    def inherited(self, ref: Ref | None) -> str:
        """' (inherited from the activity, line N)' when ``ref`` is not on this category."""
        if ref is None or ref.path[: len(self.ref.path)] == self.ref.path:
            return ""
        return f" (inherited from activity '{self.activity.id}', line {ref.line})"


# ------------------------------------------------------------------ building


def build(
    files: Sequence[tuple[Document, RecordFile]],
    plugin_vocabularies: Sequence[Mapping[str, Mapping[str, str]]] = (),
    unloaded: Sequence[Document] = (),
) -> tuple[Record, list[Finding]]:
    """Merge validated files into one record; report structure, id, reference and tag errors.

    ``unloaded`` are files that parsed but did not validate: their errors are
    reported already. What only follows from their absence (no organisation
    block when one of them holds it, a reference to an id one of them defines)
    is not reported again; :attr:`Record.knock_on` counts what was left out.
    """
    from ropa_check.vocabularies import shipped

    record = Record(documents=[doc for doc, _ in files])
    errors: list[Finding] = []
    absent = _declared(unloaded)
    vocab: dict[str, dict[str, str]] = {k: dict(v) for k, v in shipped().items()}
    for extra in plugin_vocabularies:
        for name, tags in extra.items():
            vocab.setdefault(name, {}).update(tags)

    def error(kind: E.InputError, ref: Ref, message: str, *, key: bool = False, about: str | None = None) -> None:
        if about is not None and about in absent:
            record.knock_on += 1  # follows from a file that did not load, whose own errors are reported
            return
        line, column = ref.doc.position(ref.path, key=key)
        errors.append(E.finding(kind, ref.doc.path, line, column, ref.path, message))

    seen_activity: dict[str, Ref] = {}
    for doc, rf in files:
        root = Ref(doc, ())
        if rf.organisation is not None:
            here = root.child("organisation")
            if record.organisation is None:
                record.organisation = Located(rf.organisation, here)
            else:
                first = record.organisation.ref
                error(
                    E.STRUCTURE,
                    here,
                    f"a second organisation block (the first is in {first.doc.path}, line {first.line}); "
                    "a record has one",
                    key=True,
                )
        if rf.vocabularies is not None:
            for name in ("purpose", "data_subject", "data_category"):
                vocab[name].update(getattr(rf.vocabularies, name))
        for i, recipient in enumerate(rf.recipients or ()):
            _register(record.recipients, Located(recipient, root.child("recipients", i)), "recipient", error)
        for i, source in enumerate(rf.sources or ()):
            _register(record.sources, Located(source, root.child("sources", i)), "source", error)
        for i, act in enumerate(rf.activities or ()):
            ref = root.child("activities", i)
            if act.id in seen_activity:
                _duplicate(error, "activity", act.id, ref, seen_activity[act.id])
                continue
            seen_activity[act.id] = ref
            record.activities.append(ActivityView(act, ref, record))
        seen_processor: dict[str, Ref] = {}
        for i, pact in enumerate(rf.processor_activities or ()):
            ref = root.child("processor_activities", i)
            if pact.id in seen_processor:
                _duplicate(error, "processor activity", pact.id, ref, seen_processor[pact.id])
                continue
            seen_processor[pact.id] = ref
            record.processor_activities.append(Located(pact, ref))

    if record.organisation is None and files:
        doc = files[0][0]
        error(
            E.STRUCTURE,
            Ref(doc, ()),
            "the record has no organisation block; add `organisation:` with the controller's name and contact "
            "details (Art. 30(1)(a)) to one of its files",
            about="organisation",
        )
    record.vocabularies = vocab
    for activity in record.activities:
        _check_activity(activity, record, error)
    for located in record.processor_activities:
        for i, rid in enumerate(located.model.sub_processors or ()):
            _resolve(rid, record.recipients, located.ref.child("sub_processors", i), "recipient", error)
    return record, errors


def _register(
    registry: dict[str, Located[_R]],
    item: Located[_R],
    kind: str,
    error: _ErrorFn,
) -> None:
    ident = item.model.id
    if ident in registry:
        _duplicate(error, kind, ident, item.ref, registry[ident].ref)
    else:
        registry[ident] = item


def _duplicate(error: _ErrorFn, kind: str, ident: str, ref: Ref, first: Ref) -> None:
    error(
        E.DUPLICATE_ID,
        ref.child("id"),
        f"{kind} id '{ident}' is already used in {first.doc.path}, line {first.line}",
    )


def _resolve(ident: str, known: Mapping[str, object], ref: Ref, kind: str, error: _ErrorFn) -> None:
    if ident not in known:
        hint = did_you_mean(ident, known) or f" (known: {', '.join(sorted(known)) or 'none'})"
        error(E.UNKNOWN_REFERENCE, ref, f"unknown {kind} '{ident}'{hint}", about=f"{kind}:{ident}")


def _declared(unloaded: Sequence[Document]) -> frozenset[str]:
    """What files that did not validate would have given the record: ``organisation``, ``recipient:<id>``..."""
    out: set[str] = set()
    for doc in unloaded:
        data = doc.data if isinstance(doc.data, dict) else {}
        if "organisation" in data:
            out.add("organisation")
        for key, kind in (("recipients", "recipient"), ("sources", "source"), ("activities", "activity")):
            items = data.get(key)
            for item in items if isinstance(items, list) else ():
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    out.add(f"{kind}:{item['id']}")
    return frozenset(out)


def _check_tags(tags: Sequence[str], vocab: Mapping[str, str], name: str, ref: Ref, error: _ErrorFn) -> None:
    for i, tag in enumerate(tags):
        if tag not in vocab:
            hint = did_you_mean(tag, vocab)
            error(
                E.UNKNOWN_TAG,
                ref.child("tags", i),
                f"unknown {name.replace('_', ' ')} tag '{tag}'{hint} (add project tags under `vocabularies.{name}`)",
            )


def _check_activity(activity: ActivityView, record: Record, error: _ErrorFn) -> None:
    act, ref, vocab = activity.model, activity.ref, record.vocabularies
    groups: tuple[tuple[str, Sequence[Purpose | DataSubject | DataCategory] | None, str, str], ...] = (
        ("purpose", act.purposes, "purposes", "purpose"),
        ("data subject category", act.data_subjects, "data_subjects", "data_subject"),
        ("data category", act.data_categories, "data_categories", "data_category"),
    )
    for kind, items, key, vname in groups:
        seen: dict[str, Ref] = {}
        for i, item in enumerate(items or ()):
            here = ref.child(key, i)
            if item.id in seen:
                _duplicate(error, kind, item.id, here, seen[item.id])
            seen[item.id] = here
            _check_tags(item.tags, vocab[vname], vname, here, error)
    registries: tuple[tuple[str, list[str] | None, Mapping[str, object], str], ...] = (
        ("recipients", act.recipients, record.recipients, "recipient"),
        ("sources", act.sources, record.sources, "source"),
    )
    for key, ids, known, kind in registries:
        for i, ident in enumerate(ids or ()):
            _resolve(ident, known, ref.child(key, i), kind, error)
    for i, cat in enumerate(act.data_categories or ()):
        cref = ref.child("data_categories", i)
        references: tuple[tuple[str, list[str] | None, Mapping[str, object], str], ...] = (
            ("subjects", cat.subjects, activity.subjects, f"data subject category of activity '{act.id}'"),
            ("purposes", cat.purposes, activity.purposes, f"purpose of activity '{act.id}'"),
            ("recipients", cat.recipients, record.recipients, "recipient"),
            ("sources", cat.sources, record.sources, "source"),
        )
        for key, ids, known, kind in references:
            for j, ident in enumerate(ids or ()):
                _resolve(ident, known, cref.child(key, j), kind, error)
        if cat.further_processing is not None:
            # Format 1.1: the activities the reused data were collected for are in this record.
            activities = {a.id: a for a in record.activities}
            for j, ident in enumerate(cat.further_processing.collected_for or ()):
                _resolve(ident, activities, cref.child("further_processing", "collected_for", j), "activity", error)
    for i, transfer in enumerate(act.transfers or ()):
        if transfer.recipient is not None:
            _resolve(transfer.recipient, record.recipients, ref.child("transfers", i, "recipient"), "recipient", error)
    for i, loc in enumerate(act.data_location or ()):
        if loc.provider is not None:
            _resolve(loc.provider, record.recipients, ref.child("data_location", i, "provider"), "recipient", error)


class _ErrorFn(Protocol):
    def __call__(
        self, kind: E.InputError, ref: Ref, message: str, *, key: bool = False, about: str | None = None
    ) -> None: ...
