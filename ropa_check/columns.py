"""Spreadsheet column letters (A, ..., Z, AA, ...): how export lays out cells and import names them."""

from __future__ import annotations


def letters(index: int) -> str:
    """0 -> ``A``, 25 -> ``Z``, 26 -> ``AA``."""
    out = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def index(column: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26; ``column`` is upper-case letters (callers check that)."""
    found = 0
    for char in column:
        found = found * 26 + ord(char) - ord("A") + 1
    return found - 1


__all__ = ["index", "letters"]
