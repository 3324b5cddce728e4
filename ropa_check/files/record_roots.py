"""Which record a single file belongs to, so a file checked alone still sees its whole record.

pre-commit passes only the files that changed. A changed activity file refers
to recipients and sources defined in other files of the same record, so it
cannot be checked on its own. The *record root* of a file is the nearest folder,
from the file's own folder upwards, that holds (directly, not in a subfolder) a
record file with a top-level ``organisation:`` block: that folder and everything
under it is the record. The walk stops at the working folder and at the top of
the git work tree (a folder holding ``.git``); a file outside the working folder
is checked as given.

A folder whose files hold two or more organisation blocks is a folder of
separate one-file records (like ``docs/examples/``), not one record: a file
there is its own record. A file with no record root is checked as given.

What the root's folder holds besides the record is left out (:func:`record_files`):
files whose top-level keys are not record keys (a ``docker-compose.yml`` beside
a one-file record) and subfolders that hold a record of their own.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Sequence
from pathlib import Path

from ropa_check.files.discover import RECORD_SUFFIXES, discover
from ropa_check.files.regular_file import read_regular_file
from ropa_check.finding import Finding
from ropa_check.format.compiled_model import RecordFile

_YAML_TOP_KEY = re.compile(rb"""^(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#:\-"'][^:\n]*?))[ \t]*:(?:[ \t]|$)""", re.MULTILINE)
#: The top-level keys of a record file, for the cheap probe.
RECORD_KEYS = frozenset(RecordFile.KEYS)


def top_level_keys(path: Path) -> frozenset[str] | None:
    """The file's top-level keys, or None when it cannot be read as a mapping.

    A cheap probe, not a parse of the record: for YAML the keys at column 0,
    for JSON the keys of the top-level object. A file that cannot be read has
    none; the loader reports it when the record is checked.
    """
    try:
        raw = read_regular_file(path)
    except OSError:
        return None
    if path.suffix == ".json":
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, RecursionError):
            return None
        return frozenset(data) if isinstance(data, dict) else None
    return frozenset(
        (m.group(1) or m.group(2) or m.group(3) or b"").decode("utf-8", "replace") for m in _YAML_TOP_KEY.finditer(raw)
    )


def has_organisation(path: Path) -> bool:
    """True when the file holds a top-level ``organisation`` block."""
    return "organisation" in (top_level_keys(path) or ())


def looks_like_record(path: Path) -> bool:
    """True when the file has top-level keys and every one is a record key."""
    keys = top_level_keys(path)
    return bool(keys) and keys is not None and keys <= RECORD_KEYS


def record_files(root: Path, given: Sequence[Path]) -> tuple[list[Path], list[Finding]]:
    """The files of the record rooted at ``root``: the ``given`` ones, and the record files around them.

    A subfolder holding an organisation block of its own is another record and is
    left out, and so is any file that is not a record file by its top-level keys.
    Also returned: what the walk refused in the record (a link out of it, a named
    pipe), which the check must report, since the record cannot be fully checked.
    """
    found, refused = discover([str(root)])
    top = root.resolve()
    own: dict[Path, bool] = {}

    def nested(file: Path) -> bool:
        folder = file.parent.resolve()
        for f in (folder, *folder.parents):
            if f == top or top not in f.parents:
                return False
            if f not in own:
                own[f] = bool(_organisation_files(f))
            if own[f]:
                return True
        return False

    wanted = {os.path.realpath(g) for g in given}
    out = [f for f in found if os.path.realpath(f) not in wanted and not nested(f) and looks_like_record(f)]
    return [*out, *given], [r for r in refused if not nested(Path(r.file))]


def _organisation_files(folder: Path) -> list[Path]:
    try:
        children = sorted(folder.iterdir())
    except OSError:
        return []
    return [c for c in children if c.suffix in RECORD_SUFFIXES and c.is_file() and has_organisation(c)]


def record_root(path: Path, top: Path | None = None) -> Path | None:
    """The folder holding the whole record a file or folder belongs to, or None when it stands alone.

    For a folder the walk starts at the folder itself, so a record's own folder
    is its root, and a subfolder of a record (``records/activities``) resolves
    to the record around it, as a file in it does. The walk never leaves ``top``
    (default: the working folder, where pre-commit and CI run): a path outside
    it, such as one in a temporary folder, is checked as given rather than
    merged with whatever lies above it.
    """
    folder = path.resolve() if path.is_dir() else path.resolve().parent
    top = (top or Path.cwd()).resolve()
    if folder != top and top not in folder.parents:
        return None
    while True:
        organisations = _organisation_files(folder)
        if len(organisations) == 1:
            return folder
        if len(organisations) > 1:
            # Several one-file records side by side: each file is its own record.
            return None
        if folder == top or (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent
