""" "Did you mean ...?": the one place that finds the nearest known word for a misspelt one."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


def nearest(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The known word closest to ``word``, or None when none is close enough."""
    close = difflib.get_close_matches(word, list(known), n=1, cutoff=cutoff)
    return close[0] if close else None


def did_you_mean(word: str, known: Iterable[str], *, cutoff: float = 0.6) -> str:
    """``"; did you mean 'x'?"`` for the nearest known word, or ``""`` when none is close."""
    close = nearest(word, known, cutoff=cutoff)
    return f"; did you mean '{close}'?" if close is not None else ""
