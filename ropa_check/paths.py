"""JSON paths: tuples inside, ``$.a[0].b`` strings outside."""

from __future__ import annotations

import re
from collections.abc import Sequence

PathPart = str | int
Path = tuple[PathPart, ...]

_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def json_path(path: Sequence[PathPart]) -> str:
    """Render a path as JSONPath, the form check-jsonschema and editors show."""
    out = ["$"]
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        elif _IDENT.match(part):
            out.append(f".{part}")
        else:
            escaped = part.replace("\\", "\\\\").replace("'", "\\'")
            out.append(f"['{escaped}']")
    return "".join(out)


_PART = re.compile(r"\.([A-Za-z_][A-Za-z0-9_-]*)|\[(\d+)\]|\['((?:[^'\\]|\\.)*)'\]")


def parse_json_path(text: str) -> Path:
    """The inverse of :func:`json_path`: ``$.a[0]['b c']`` -> ``("a", 0, "b c")``."""
    out: list[PathPart] = []
    position = 1 if text.startswith("$") else 0
    while position < len(text):
        match = _PART.match(text, position)
        if match is None:
            raise ValueError(f"not a JSON path ropa-check writes: {text!r}")
        name, index, quoted = match.groups()
        if index is not None:
            out.append(int(index))
        elif name is not None:
            out.append(name)
        else:
            out.append(re.sub(r"\\(.)", r"\1", quoted))
        position = match.end()
    return tuple(out)
