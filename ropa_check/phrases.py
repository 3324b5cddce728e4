"""Bilingual (English/Swedish) phrase lists for vagueness checks (``data/phrases.yaml``)."""

from __future__ import annotations

import functools

from ropa_check import data_files


@functools.cache
def _lists() -> dict[str, tuple[str, ...]]:
    data = data_files.load("phrases.yaml")
    return {name: tuple(normalise(p) for p in items) for name, items in data.items()}


def phrases(name: str) -> tuple[str, ...]:
    """The phrase list ``name``, normalised."""
    return _lists()[name]


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def find(text: str | None, name: str) -> str | None:
    """The first phrase of list ``name`` that occurs in ``text``, or None."""
    if not text:
        return None
    folded = normalise(text)
    return next((p for p in phrases(name) if p in folded), None)
