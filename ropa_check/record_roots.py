"""Which record a single file belongs to, so a file checked alone still sees its whole record.

pre-commit passes only the files that changed. A changed activity file refers
to recipients and sources defined in other files of the same record, so it
cannot be checked on its own. The *record root* of a file is the nearest folder,
from the file's own folder upwards, that holds (directly, not in a subfolder) a
record file with a top-level ``organisation:`` block: that folder and everything
under it is the record. The walk stops at the top of the git work tree (a folder
holding ``.git``) or of the file system.

A folder whose files hold two or more organisation blocks is a folder of
separate one-file records (like ``docs/examples/``), not one record: a file
there is its own record. A file with no record root is checked as given.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from ropa_check.loader import RECORD_SUFFIXES

_YAML_ORGANISATION = re.compile(rb"""^(?:organisation|"organisation"|'organisation')[ \t]*:""", re.MULTILINE)
_MAX_PROBE_BYTES = 20 * 1024 * 1024


def has_organisation(path: Path) -> bool:
    """True when the file holds a top-level ``organisation`` block.

    A cheap probe, not a parse of the record: for YAML a key at column 0, for
    JSON a key of the top-level object. A file that cannot be read has none; the
    loader reports it when the record is checked.
    """
    try:
        if path.stat().st_size > _MAX_PROBE_BYTES:
            return False
        raw = path.read_bytes()
    except OSError:
        return False
    if path.suffix == ".json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            return False
        return isinstance(data, dict) and "organisation" in data
    return _YAML_ORGANISATION.search(raw) is not None


def _organisation_files(folder: Path) -> list[Path]:
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    return [c for c in children if c.suffix in RECORD_SUFFIXES and c.is_file() and has_organisation(c)]


def record_root(file: Path) -> Path | None:
    """The folder holding the whole record ``file`` belongs to, or None when it stands alone."""
    folder = file.resolve().parent
    while True:
        organisations = _organisation_files(folder)
        if len(organisations) == 1:
            return folder
        if len(organisations) > 1:
            # Several one-file records side by side: the file is its own record.
            return None
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent
