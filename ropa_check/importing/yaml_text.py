"""Record files as YAML text, with the import report's notes as comments next to where each belongs.

Strings are written double-quoted unless they are plain ids or tags, so that
no text from a spreadsheet can be read back as another type (``NO``, ``1.1``,
``0o17``, ``null``) or as YAML structure; a comment is one line, with every
control character and line break escaped, so a value cannot end it and start
YAML of its own.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ropa_check.reporters.escape import shown

Path = tuple[str | int, ...]
_PLAIN = re.compile(r"^[a-z][a-z0-9_.:-]*$")
_SPECIAL = frozenset({"true", "false", "null", "yes", "no", "on", "off", "y", "n"})
_COMMENT_LIMIT = 400
_NONPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def scalar(value: Any) -> str:
    """One value as YAML 1.2 that the record loader reads back as the same value and type."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text not in _SPECIAL:
        return text
    # JSON's string syntax is YAML's double-quoted style; JSON leaves DEL, C1 and a few others unescaped,
    # which YAML may not hold as they are, and a lone surrogate cannot be written as UTF-8 at all.
    text = _SURROGATE.sub("\ufffd", text)
    return _NONPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(text, ensure_ascii=False))


def dump(data: dict[str, Any], notes: dict[Path, list[str]], header: Sequence[str] = ()) -> str:
    """``data`` as block YAML; ``notes`` are comment lines to put at their paths."""
    placed = _settle(data, notes)
    lines = [f"# {_comment(line)}" for line in header]
    _notes((), 0, lines, placed)
    _mapping(data, 0, (), lines, placed)
    return "\n".join(lines) + "\n"


def _comment(text: str) -> str:
    return shown(text, _COMMENT_LIMIT)


def _settle(data: Any, notes: dict[Path, list[str]]) -> dict[Path, list[str]]:
    """Each note's path cut to where it can stand: an existing value, or a missing key of an existing mapping."""
    out: dict[Path, list[str]] = {}
    for path, texts in notes.items():
        node: Any = data
        kept: list[str | int] = []
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                kept.append(part)
                if part not in node:
                    break
                node = node[part]
            elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
                kept.append(part)
                node = node[part]
            else:
                break
        out.setdefault(tuple(kept), []).extend(texts)
    return out


def _notes(path: Path, indent: int, lines: list[str], notes: dict[Path, list[str]]) -> None:
    lines.extend(f"{' ' * indent}# {_comment(text)}" for text in notes.pop(path, ()))


def _mapping(data: dict[str, Any], indent: int, path: Path, lines: list[str], notes: dict[Path, list[str]]) -> None:
    pad = " " * indent
    for key, value in data.items():
        here = (*path, key)
        _notes(here, indent, lines, notes)
        if isinstance(value, dict) and value:
            lines.append(f"{pad}{key}:")
            _mapping(value, indent + 2, here, lines, notes)
        elif isinstance(value, list) and value and not _flow(value, here, notes):
            lines.append(f"{pad}{key}:")
            _sequence(value, indent + 2, here, lines, notes)
        elif isinstance(value, list):
            lines.append(f"{pad}{key}: [{', '.join(scalar(item) for item in value)}]")
        elif isinstance(value, dict):
            lines.append(f"{pad}{key}: {{}}")
        else:
            lines.append(f"{pad}{key}: {scalar(value)}")
    for missing in [p for p in notes if len(p) == len(path) + 1 and p[: len(path)] == path]:
        _notes(missing, indent, lines, notes)


def _flow(items: list[Any], path: Path, notes: dict[Path, list[str]]) -> bool:
    if any(isinstance(item, dict | list) for item in items):
        return False
    if any(p[: len(path)] == path and len(p) > len(path) for p in notes):
        return False
    return sum(len(scalar(item)) + 2 for item in items) <= 80


def _sequence(items: list[Any], indent: int, path: Path, lines: list[str], notes: dict[Path, list[str]]) -> None:
    pad = " " * (indent - 2)
    for index, item in enumerate(items):
        here = (*path, index)
        _notes(here, indent - 2, lines, notes)
        if isinstance(item, dict) and item:
            inner: list[str] = []
            _mapping(item, indent, here, inner, notes)
            first = next(i for i, line in enumerate(inner) if not line.lstrip().startswith("#"))
            lines.extend(inner[:first])
            lines.append(f"{pad}- {inner[first][indent:]}")
            lines.extend(inner[first + 1 :])
        elif isinstance(item, dict):
            lines.append(f"{pad}- {{}}")
        else:
            lines.append(f"{pad}- {scalar(item)}")
