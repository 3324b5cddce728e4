"""What each change is called in a report, as words whose record parts the reports escape."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from ropa_check.changes.compare import Change, Value, Words
from ropa_check.changes.snapshot import LABELS

V = Value


def listed(values: Iterable[str]) -> list[str]:
    """``a``, ``b`` as words: each a :class:`Value`, with commas between."""
    out: list[str] = []
    for i, value in enumerate(values):
        out += [", "] * (i > 0) + [V(value)]
    return out


def subject(change: Change) -> Words:
    """What changed: ``recipient 'x'``, ``retention of data categories 'a', 'b' of activity 'c'``..."""
    key, kind = change.key, change.kind
    if kind == "organisation":
        return ("organisation",)
    if kind in ("recipient", "processor_activity", "activity"):
        return (LABELS[kind], " ", V(key[1]))
    activity = (" of activity ", V(key[1]))
    if kind in ("purpose", "data_subject", "data_category", "transfer"):
        return (LABELS[kind], " ", V(key[2]), *activity)
    if kind == "retention":
        cats = [k[2] for k in change.keys]
        return ("retention of data categor", "ies " if len(cats) > 1 else "y ", *listed(cats), *activity)
    if kind == "lawful_basis":
        words: list[str] = ["lawful basis of "]
        for i, k in enumerate(change.keys):
            words += [", "] * (i > 0) + ["data category ", V(k[2])]
            words += [" for purpose ", V(k[3])] if k[3] != "*" else []
        return (*words, *activity)
    if kind == "activity_recipient":
        return ("recipient ", V(key[2]), *activity)
    if kind == "third_country":
        return ("third country ", V(key[2]), " reached by activity ", V(key[1]))
    if kind == "dpia":
        return ("DPIA", *activity)
    return (kind, " ", *listed(key[1:]))


def value_text(value: Any) -> str:
    """A value from the record as one line of text: strings as they are, anything else as JSON."""
    if value is None:
        return "(none)"
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


__all__ = ["listed", "subject", "value_text"]
