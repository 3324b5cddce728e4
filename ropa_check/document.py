"""A loaded record file: its data, where each key and value stands, and how entries are named.

Two ways to name a place in a file:

- the JSON path (``$.activities[0].data_categories[2]``), which editors and
  ``jq`` understand and every report shows;
- the *entry path* (``$.activities[id=medlemsregister].data_categories[id=personnummer]``),
  which names each list entry by its id. A finding's identity (baselines,
  ``--diff-base``, SARIF and GitLab fingerprints, waivers) is its entry path,
  so reordering, inserting into or deleting from a list never moves an
  accepted gap onto another entry. Entries without an id are named by their
  natural key fields (``transfers[recipient=moln,country=US]``), plain values
  by themselves (``tags[=national_id]``), and anything else by a hash of its
  content; the list position is never used.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from ropa_check.paths import Path, PathPart, json_path

#: Fields that name an entry without an id, in the order they are written into its name.
NATURAL_KEYS = ("name", "system", "recipient", "provider", "organisation", "country")
_BARE = re.compile(r"^[A-Za-z0-9_.:-]+$")


def unpack(packed: int) -> tuple[int, int]:
    """The 1-based (line, column) of a packed position: ``line0 << 32 | column0``, 0-based as libyaml's marks.

    A large record has a position for each of millions of keys and values; one
    int takes about a third of the memory of a (line, column) tuple.
    """
    return (packed >> 32) + 1, (packed & 0xFFFFFFFF) + 1


@dataclass
class Document:
    """One loaded file: its data and where each key and value stands in it."""

    path: str
    data: Any
    #: Where each value starts, and each mapping key: packed (see :func:`unpack`), by path.
    positions: dict[Path, int] = field(default_factory=dict)
    key_positions: dict[Path, int] = field(default_factory=dict)
    text: str = ""

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """The 1-based (line, column) of the value at ``path``, or of its key.

        A path that does not exist (a missing field) resolves to its nearest
        existing parent, so a finding about an absent field points at the
        mapping that should hold it.
        """
        if key and path in self.key_positions:
            return unpack(self.key_positions[path])
        while path:
            if path in self.key_positions:
                return unpack(self.key_positions[path])
            if path in self.positions:
                return unpack(self.positions[path])
            path = path[:-1]
        return unpack(self.positions[()]) if () in self.positions else (1, 1)

    def entry_path(self, path: Path) -> str:
        """``path`` with each list index replaced by the name of the entry there (see the module docs)."""
        out = ["$"]
        node: Any = self.data
        for part in path:
            if isinstance(part, int):
                if isinstance(node, list) and 0 <= part < len(node):
                    node = node[part]
                    out.append(f"[{entry_name(node)}]")
                else:  # a place that does not exist: nothing to name it by
                    node = None
                    out.append(f"[{part}]")
            else:
                out.append(json_path((part,))[1:])
                node = node.get(part) if isinstance(node, dict) else None
        return "".join(out)


def entry_name(item: Any) -> str:
    """How :meth:`Document.entry_path` names one list entry."""
    if isinstance(item, dict):
        ident = item.get("id")
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            return f"id={_value(ident)}"
        natural = [f"{k}={_value(item[k])}" for k in NATURAL_KEYS if isinstance(item.get(k), str | int)]
        if natural:
            return ",".join(natural)
    elif isinstance(item, str | int | float | bool) or item is None:
        return f"={_value(item)}"
    import hashlib  # only entries with no id or natural key need it: not at start-up (2.6 ms)

    canonical = json.dumps(item, sort_keys=True, ensure_ascii=False, default=str)
    return "#" + hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def _value(value: Any) -> str:
    text = value if isinstance(value, str) else json.dumps(value)
    return text if _BARE.match(text) else json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Ref:
    """A place in a record: a document and a path inside it."""

    doc: Document
    path: Path

    def child(self, *parts: PathPart) -> Ref:
        return Ref(self.doc, (*self.path, *parts))

    @property
    def json_path(self) -> str:
        return json_path(self.path)

    @property
    def entry_path(self) -> str:
        """The place named by entry ids, a finding's identity (see the module docs)."""
        return self.doc.entry_path(self.path)

    @property
    def line(self) -> int:
        return self.doc.position(self.path)[0]


__all__ = ["NATURAL_KEYS", "Document", "Ref", "entry_name", "unpack"]
