"""What a policy may read: the fields of each scope, from the record format itself, and how to read them.

The catalogue is made from the record's data classes (:mod:`ropa_check.format.compiled_model`),
so a field that the format does not have is an error when the policy is loaded,
never a condition that silently matches nothing. Each scope adds what the
record means rather than what one file says: a data category's ``purposes``,
``lawful_basis``, ``retention``, ``recipients`` and ``sources`` are its
effective (own or inherited) values, ids of recipients and sources are followed
to the entries they name (``recipients.country``), and a category or transfer
reaches its ``activity``.

A path reads to a flat list of values: every list on the way is walked and
absent values are left out.
"""

from __future__ import annotations

import datetime as dt
import functools
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from ropa_check.format import compiled_model as cm
from ropa_check.format.immutable import Data

PolicyScope = Literal["organisation", "activity", "category", "recipient", "transfer"]
SCOPES: tuple[PolicyScope, ...] = ("organisation", "activity", "category", "recipient", "transfer")

#: Leaf kinds: what a comparison may compare a field with.
Kind = Literal["text", "number", "bool", "date", "duration", "country", "tag", "enum"]

#: Fields holding ISO 8601 durations (compared as durations).
DURATION_FIELDS = frozenset({"duration", "review_interval"})
#: The vocabulary of the ``tags`` field of each class.
TAG_VOCABULARY = {cm.Purpose: "purpose", cm.DataSubject: "data_subject", cm.DataCategory: "data_category"}
#: Fields holding ids of entries in the record's registries, by (class, field): what they name.
REFERENCES: Mapping[tuple[type[Data], str], str] = {
    (cm.Activity, "recipients"): "recipient",
    (cm.Activity, "sources"): "source",
    (cm.DataCategory, "recipients"): "recipient",
    (cm.DataCategory, "sources"): "source",
    (cm.Transfer, "recipient"): "recipient",
    (cm.DataLocation, "provider"): "recipient",
    (cm.ProcessorActivity, "sub_processors"): "recipient",
}
_REGISTRY_CLASS: Mapping[str, type[Data]] = {"recipient": cm.Recipient, "source": cm.Source}

#: Reads one step: (value, record) -> the value or values there (None when absent).
Getter = Callable[[Any, Any], Any]


@dataclass
class Field:
    """One field of a node: a leaf with a kind, or a node with fields of its own."""

    name: str
    getter: Getter
    kind: Kind | None = None  # None: a node (only ``exists`` applies)
    node: Node | None = None
    many: bool = False
    #: The allowed values of an ``enum`` field; the vocabulary of a ``tag`` field.
    values: tuple[str, ...] = ()
    vocabulary: str | None = None


@dataclass
class Node:
    """A kind of thing a path walks through: its fields by name."""

    name: str
    fields: dict[str, Field] = field(default_factory=dict)


def _attr(name: str) -> Getter:
    def get(value: Any, record: Any) -> Any:
        return getattr(value, name, None)

    return get


def _resolver(name: str, registry: str) -> Getter:
    """Ids in ``name`` followed to the entries of ``registry`` (unknown ids are reported by the loader)."""
    attribute = "recipients" if registry == "recipient" else "sources"

    def get(value: Any, record: Any) -> Any:
        ids = getattr(value, name, None)
        if ids is None:
            return None
        known = getattr(record, attribute)
        if isinstance(ids, str):
            found = known.get(ids)
            return found.model if found is not None else None
        return [known[i].model for i in ids if isinstance(i, str) and i in known]

    return get


def _unwrap(hint: Any) -> tuple[Any, bool]:
    """The type inside ``X | None`` and ``list[X]``, and whether it is a list."""
    many = False
    while True:
        origin = typing.get_origin(hint)
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        if origin is list:
            many, hint = True, args[0]
        elif origin in (typing.Union, types.UnionType):
            # str | SubProcessor: the structured alternative is what fields are read from.
            data = [a for a in args if isinstance(a, type) and issubclass(a, Data)]
            lists = [a for a in args if typing.get_origin(a) is list]
            hint = data[0] if data else lists[0] if lists else args[0]
        else:
            return hint, many


_NODES: dict[str, Node] = {}


def node_of(cls: type[Data]) -> Node:
    """The node of a record data class: its fields, with ids followed to the entries they name."""
    if cls.__name__ in _NODES:
        return _NODES[cls.__name__]
    node = _NODES[cls.__name__] = Node(cls.__name__)
    hints = typing.get_type_hints(cls, vars(cm))
    for key in cls.KEYS:
        if key == "x-ropa-check":
            continue
        inner, many = _unwrap(hints[key])
        registry = REFERENCES.get((cls, key))
        if registry is not None:
            node.fields[key] = Field(key, _resolver(key, registry), many=many, node=None)
            node.fields[key].node = node_of(_REGISTRY_CLASS[registry])
            continue
        if isinstance(inner, type) and issubclass(inner, Data):
            node.fields[key] = Field(key, _attr(key), many=many, node=None)
            # Assigned after creation: a class may (in later formats) reach itself.
            node.fields[key].node = node_of(inner)
            continue
        node.fields[key] = _leaf(cls, key, inner, many)
    return node


def _leaf(cls: type[Data], key: str, inner: Any, many: bool) -> Field:
    if key == "tags":
        return Field(key, _attr(key), kind="tag", many=True, vocabulary=TAG_VOCABULARY.get(cls))
    if typing.get_origin(inner) is Literal:
        values = tuple(str(v) for v in typing.get_args(inner))
        return Field(key, _attr(key), kind="enum", many=many, values=values)
    kind: Kind
    if key in DURATION_FIELDS:
        kind = "duration"
    elif key == "country":
        kind = "country"
    elif inner is bool:
        kind = "bool"
    elif inner is int:
        kind = "number"
    elif inner is dt.date:
        kind = "date"
    else:
        kind = "text"
    return Field(key, _attr(key), kind=kind, many=many)


# ------------------------------------------------------------------ scopes


def _effective_recipients(view: Any, record: Any) -> Any:
    found, _ = view.recipients
    return None if found is None else [r.model for r in found]


def _effective_sources(view: Any, record: Any) -> Any:
    found, _ = view.sources
    return None if found is None else [s.model for s in found]


def _model(view: Any) -> Any:
    return view.model


@functools.cache
def scope_node(scope: PolicyScope) -> Node:
    """The fields a policy of ``scope`` reads, from the scope's item (see :func:`root`)."""
    if scope == "organisation":
        return _over_model(node_of(cm.Organisation), "organisation")
    if scope == "activity":
        return _over_model(node_of(cm.Activity), "activity")
    if scope == "recipient":
        return _over_model(node_of(cm.Recipient), "recipient")
    if scope == "transfer":
        node = _over_model(node_of(cm.Transfer), "transfer")
        node.fields["activity"] = Field("activity", lambda item, record: item.activity.model, node=node_of(cm.Activity))
        return node
    category = node_of(cm.DataCategory)
    node = _over_model(category, "category")
    effective: dict[str, tuple[Getter, Node]] = {
        "purposes": (lambda v, r: [p for p, _ in v.purposes], node_of(cm.Purpose)),
        "subjects": (lambda v, r: [s for s, _ in v.subjects], node_of(cm.DataSubject)),
        "lawful_basis": (lambda v, r: [b.basis for b in v.bases if b.basis is not None], node_of(cm.LawfulBasis)),
        "retention": (lambda v, r: v.retention[0], node_of(cm.Retention)),
        "recipients": (_effective_recipients, node_of(cm.Recipient)),
        "sources": (_effective_sources, node_of(cm.Source)),
    }
    for name, (getter, target) in effective.items():
        node.fields[name] = Field(name, getter, node=target, many=name != "retention")
    node.fields["activity"] = Field("activity", lambda v, r: v.activity.model, node=node_of(cm.Activity))
    return node


def _over_model(node: Node, name: str) -> Node:
    """``node``'s fields read from a view's ``.model``."""
    out = Node(name)
    for key, f in node.fields.items():
        inner = f.getter
        out.fields[key] = Field(
            f.name,
            (lambda g: lambda v, r: g(v.model, r))(inner),
            kind=f.kind,
            node=f.node,
            many=f.many,
            values=f.values,
            vocabulary=f.vocabulary,
        )
    return out


class PathError(ValueError):
    """A path names a field the record format does not have."""


def resolve(scope: PolicyScope, path: str) -> tuple[list[Field], Field]:
    """The fields along ``path`` (``retention.duration``) in ``scope``; the last one is what it reads."""
    from ropa_check.suggest import did_you_mean

    node: Node | None = scope_node(scope)
    steps: list[Field] = []
    parts = path.split(".")
    for i, part in enumerate(parts):
        if node is None:
            walked = ".".join(parts[:i])
            raise PathError(f"'{walked}' is a value, not a mapping: it has no field '{part}'")
        found = node.fields.get(part)
        if found is None:
            where = f"'{'.'.join(parts[:i])}'" if i else f"{'an' if scope[0] in 'aeiou' else 'a'} {scope}"
            hint = did_you_mean(part, node.fields) or f" (fields: {', '.join(sorted(node.fields))})"
            raise PathError(f"{where} has no field '{part}' in the record format{hint}")
        steps.append(found)
        node = found.node
    return steps, steps[-1]


def reader(steps: Iterable[Field]) -> Callable[[Any, Any], list[Any]]:
    """A function (item, record) -> the flat list of values ``steps`` reach from ``item``."""
    steps = list(steps)
    getters = [f.getter for f in steps]
    if len(steps) <= 3 and not any(f.many for f in steps):
        # One value at most (`activity.id`, `dpia.status`): no lists to walk.
        return _single(getters)
    if len(steps) == 2:
        return _pair(getters[0], getters[1])

    def read(item: Any, record: Any) -> list[Any]:
        values = [item]
        for get in getters:
            out: list[Any] = []
            for value in values:
                found = get(value, record)
                if found is None:
                    continue
                if isinstance(found, list | tuple):
                    out.extend(v for v in found if v is not None)
                else:
                    out.append(found)
            if not out:
                return out
            values = out
        return values

    return read


def _pair(a: Getter, b: Getter) -> Callable[[Any, Any], list[Any]]:
    """Two steps, the usual list path (`purposes.tags`, `recipients.country`), walked without a loop of steps."""

    def read(item: Any, record: Any) -> list[Any]:
        first = a(item, record)
        if first is None:
            return []
        out: list[Any] = []
        for value in first if isinstance(first, list | tuple) else (first,):
            if value is None:
                continue
            found = b(value, record)
            if found is None:
                continue
            if isinstance(found, list | tuple):
                out.extend(v for v in found if v is not None)
            else:
                out.append(found)
        return out

    return read


def _single(getters: list[Getter]) -> Callable[[Any, Any], list[Any]]:
    if len(getters) == 1:
        (a,) = getters

        def one(item: Any, record: Any) -> list[Any]:
            v = a(item, record)
            return [] if v is None else [v]

        return one
    if len(getters) == 2:
        a, b = getters

        def two(item: Any, record: Any) -> list[Any]:
            v = a(item, record)
            if v is not None:
                v = b(v, record)
            return [] if v is None else [v]

        return two
    a, b, c = getters

    def three(item: Any, record: Any) -> list[Any]:
        v = a(item, record)
        if v is not None:
            v = b(v, record)
            if v is not None:
                v = c(v, record)
        return [] if v is None else [v]

    return three


def paths(scope: PolicyScope, depth: int = 4) -> list[str]:
    """Every field path of ``scope``, to ``depth`` steps: for the schema's completion list and the docs."""
    out: list[str] = []

    def walk(node: Node, prefix: str, left: int, seen: tuple[str, ...]) -> None:
        for name, f in sorted(node.fields.items()):
            path = f"{prefix}{name}"
            out.append(path)
            if f.node is not None and left > 1 and f.node.name not in seen:
                walk(f.node, path + ".", left - 1, (*seen, f.node.name))

    walk(scope_node(scope), "", depth, (scope,))
    return out
