"""Bilingual (English/Swedish) phrase lists for vagueness checks (``data/phrases.yaml``)."""

from __future__ import annotations

import functools
import re

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


@functools.cache
def _words() -> dict[str, tuple[str, ...]]:
    data = data_files.load("words.yaml")
    return {name: tuple(normalise(p) for p in items) for name, items in data.items()}


def words(name: str) -> tuple[str, ...]:
    """The list ``name`` of ``data/words.yaml``: how records state a fact in words (English and Swedish)."""
    return _words()[name]


def find_word(text: str | None, name: str) -> str | None:
    """The first phrase of ``words(name)`` in ``text``, as whole words, not after a negation; or None.

    ``barn`` matches "Barn och ungdomar", not "Barnvagnsparkering"; a phrase ending in ``*`` also matches
    words it starts (``fackavgift*`` matches "Fackavgifter", not "Ombudsfackavgift"); "not anonymous"
    does not match ``anonymous``. Returns the words matched, case-folded.
    """
    if not text:
        return None
    folded = normalise(text)
    negations = words("negation")
    for match in _pattern(name).finditer(folded):
        before = folded[: match.start()].split()[-1:]
        if before and before[0].rstrip("-") in negations:
            continue
        return match.group()
    return None


@functools.cache
def _pattern(name: str) -> re.Pattern[str]:
    """One regex for the whole list, compiled once: a check calls find_word for every name and description."""
    parts = [re.escape(p[:-1]) if p.endswith("*") else rf"{re.escape(p)}(?!\w)" for p in words(name)]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(parts)})")
