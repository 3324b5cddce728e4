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
