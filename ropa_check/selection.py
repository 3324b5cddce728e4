"""Which rule codes run: ``--select`` / ``--ignore`` by code or prefix, ruff's way.

The most specific (longest) matching prefix decides; on a tie, ignore wins.
``ALL`` matches every code.
"""

from __future__ import annotations

from collections.abc import Sequence


def _match(code: str, prefixes: Sequence[str]) -> int:
    """Length of the longest prefix in ``prefixes`` that matches ``code`` (-1 if none)."""
    best = -1
    for prefix in prefixes:
        if prefix == "ALL":
            best = max(best, 0)
        elif code.startswith(prefix):
            best = max(best, len(prefix))
    return best


def is_selected(code: str, select: Sequence[str] = ("ALL",), ignore: Sequence[str] = ()) -> bool:
    chosen = _match(code, select or ("ALL",))
    return chosen >= 0 and chosen > _match(code, ignore)
