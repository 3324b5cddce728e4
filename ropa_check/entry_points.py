"""Installed entry points of one group, found without importing ``importlib.metadata``.

ropa-check runs on every commit, and ``importlib.metadata`` costs about 45 ms
to import (it brings in the ``email`` package to parse metadata ropa-check
never reads) plus the parsing of every installed distribution's entry points.
Finding rule packs needs less: the ``entry_points.txt`` of each ``.dist-info``
or ``.egg-info`` folder on ``sys.path``, read only where it names the group.
The semantics are ``importlib.metadata.entry_points(group=...)``'s: path
order, and the first distribution of a name shadows later ones.
``tests/test_entry_points.py`` checks the two agree on the test environment.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

_DIST_SUFFIXES = (".dist-info", ".egg-info")


@dataclass(frozen=True)
class EntryPoint:
    """One ``name = module:attribute`` line of a distribution's ``entry_points.txt``."""

    name: str
    value: str
    group: str
    #: The ``.dist-info`` or ``.egg-info`` folder that declares it.
    dist_path: Path

    def load(self) -> object:
        """Import the module and return the object the entry point names."""
        module, _, attribute = self.value.partition(":")
        found: object = importlib.import_module(module.strip())
        for part in attribute.split("[")[0].strip().split(".") if attribute.strip() else ():
            found = getattr(found, part)
        return found

    def distribution(self) -> tuple[str, str]:
        """The distribution's name and version, from its metadata file."""
        name, version = _name_from_folder(self.dist_path.name), "?"
        for filename in ("METADATA", "PKG-INFO"):
            try:
                text = (self.dist_path / filename).read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            headers = text.split("\n\n", 1)[0]
            name = _header(headers, "Name") or name
            version = _header(headers, "Version") or version
            break
        return name, version


def entry_points(group: str) -> list[EntryPoint]:
    """The entry points of ``group`` of every distribution on ``sys.path``."""
    found: list[EntryPoint] = []
    marker = f"[{group}]"
    seen: set[str] = set()
    for dist in _distributions():
        key = _normalise(_name_from_folder(dist.name))
        if key in seen:
            continue  # an earlier distribution of this name shadows it, as importlib.metadata does
        seen.add(key)
        try:
            text = (dist / "entry_points.txt").read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if marker in text:
            found.extend(EntryPoint(name, value, group, dist) for name, value in _section(text, group))
    return found


def _distributions() -> Iterator[Path]:
    for entry in dict.fromkeys(sys.path):
        folder = entry or "."
        try:
            names = sorted(os.listdir(folder))
        except OSError:
            continue  # not a folder (a zip file, a missing entry)
        for name in names:
            if name.endswith(_DIST_SUFFIXES):
                yield Path(folder, name)


def _section(text: str, group: str) -> Iterator[tuple[str, str]]:
    current = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1].strip()
        elif current == group and "=" in line:
            name, _, value = line.partition("=")
            yield name.strip(), value.strip()


def _name_from_folder(folder: str) -> str:
    stem = folder.rsplit(".", 1)[0]
    return stem.split("-", 1)[0]


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _header(headers: str, field: str) -> str | None:
    match = re.search(rf"^{field}:[ \t]*(.+)$", headers, re.MULTILINE | re.IGNORECASE)
    return match.group(1).strip() if match else None
