"""The installed entry points of one group, as ``importlib.metadata.entry_points(group=...)`` finds them.

Every check looks for rule packs, and importing ``importlib.metadata`` costs
about 15 ms (it brings in ``email``, ``zipfile``, ``csv`` and ``socket`` to
read metadata a check never needs): some 10% of a commit hook's run. Where
``sys.path`` holds only folders, finding the packs needs less: the
``entry_points.txt`` of each ``*.dist-info`` and ``*.egg-info`` entry of each
folder, read only where it names the group. That is what this module does,
with ``importlib.metadata``'s rules: ``sys.path`` order, each folder's entries
in listing order, and the first distribution of a (normalised) name shadowing
later ones, as ``pip`` and ``importlib`` resolve them.

Where it could differ, it does not guess: a ``sys.path`` entry that is a file
(a zip import), an ``.egg`` folder, or a finder on ``sys.meta_path`` that finds
distributions of its own makes it ask ``importlib.metadata`` itself.
``tests/test_entry_points.py`` holds the two to the same answer.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import os
import re
import sys
from collections.abc import Iterator
from functools import reduce
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import importlib.metadata

_SUFFIXES = (".dist-info", ".egg-info")
#: ``importlib.metadata.EntryPoint.pattern``: ``module[:attr.attr] [extras]``.
_VALUE = re.compile(r"(?P<module>[\w.]+)\s*(:\s*(?P<attr>[\w.]+)\s*)?((?P<extras>\[.*\])\s*)?$")


class EntryPoint:
    """One ``name = value`` of a group, from a distribution's ``entry_points.txt``."""

    __slots__ = ("_found", "group", "name", "value")

    def __init__(self, name: str, value: str, group: str, found: str | importlib.metadata.EntryPoint) -> None:
        self.name = name
        self.value = value
        self.group = group
        #: The ``.dist-info`` folder it was read from, or the entry point ``importlib.metadata`` gave.
        self._found = found

    def __repr__(self) -> str:
        return f"EntryPoint(name={self.name!r}, value={self.value!r}, group={self.group!r})"

    def load(self) -> Any:
        """Import the module the value names and return the attribute it names, as ``importlib.metadata`` does."""
        if not isinstance(self._found, str):
            return self._found.load()
        match = _VALUE.match(self.value)
        if match is None:
            raise ValueError(f"entry point value {self.value!r} is not 'module:attribute'")
        module = importlib.import_module(match.group("module"))
        return reduce(getattr, filter(None, (match.group("attr") or "").split(".")), module)

    def distribution(self) -> tuple[str, str]:
        """The name and version of the distribution that declares it ('?' where its metadata does not say)."""
        if not isinstance(self._found, str):
            dist = getattr(self._found, "dist", None)  # not set on entry points made by hand
            return (dist.name, dist.version) if dist is not None else ("?", "?")
        headers: dict[str, str] = {}
        for filename in ("METADATA", "PKG-INFO"):
            try:
                with open(os.path.join(self._found, filename), encoding="utf-8", errors="replace") as fh:
                    for line in fh:
                        if not line.strip():
                            break  # the headers end at the first empty line; the description follows
                        key, colon, value = line.partition(":")
                        if colon and not line[:1].isspace():
                            headers.setdefault(key.strip().lower(), value.strip())
            except OSError:
                continue
            break
        return headers.get("name", "?"), headers.get("version", "?")


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of the distributions on ``sys.path``, as ``importlib.metadata`` lists them."""
    if not _plain_folders():
        import importlib.metadata

        return [EntryPoint(ep.name, ep.value, group, ep) for ep in importlib.metadata.entry_points(group=group)]
    found: list[EntryPoint] = []
    seen: set[str] = set()
    for dist in _distributions():
        name = _normalised(os.path.basename(dist))
        if name in seen:
            continue  # shadowed by a distribution of that name earlier on sys.path
        seen.add(name)
        try:
            with open(os.path.join(dist, "entry_points.txt"), encoding="utf-8") as fh:
                text = fh.read()
        except (OSError, UnicodeDecodeError):
            continue
        if group in text:
            found.extend(EntryPoint(key, value, group, dist) for key, value in _section(text, group))
    return found


def _plain_folders() -> bool:
    """Whether distributions can only come from folders on ``sys.path``, which this module reads itself."""
    for finder in sys.meta_path:
        if hasattr(finder, "find_distributions") and finder is not importlib.machinery.PathFinder:
            return False  # a finder with distributions of its own
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg") or (not os.path.isdir(folder) and os.path.exists(folder)):
            return False  # an egg, or a zip file on sys.path
    return True


def _distributions() -> Iterator[str]:
    for entry in sys.path:
        try:
            children = os.listdir(entry or ".")
        except OSError:
            continue
        for child in children:
            if child.lower().endswith(_SUFFIXES):
                yield os.path.join(entry, child)


def _normalised(folder: str) -> str:
    """The distribution name of a ``name-version.dist-info`` folder, normalised (PEP 503) as importlib does."""
    name = folder.lower().rpartition(".")[0].partition("-")[0]
    return re.sub(r"[-_.]+", "_", name)


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    """The ``name = value`` pairs of section ``[group]``, read as ``importlib.metadata.Sectioned`` reads them."""
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line.strip("[]")
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


__all__ = ["EntryPoint", "entry_points"]
