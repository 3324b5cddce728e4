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

A symbolic link given as a file is held to the folder it lies in: its record
root is found from the link's own folder, and a link that leads out of the
record's folder is refused, as the folder walk refuses it.

Finding a root reads the top-level keys of every record file in each folder
on the way up, so a run that asks for many files (pre-commit passing 1,000
changed files) enters :func:`one_run`: within it each folder and each file is
probed once. The probes are forgotten when the run ends, so a long-lived
process (the pytest plugin, a test suite) sees the files as they are at its
next run.
"""

from __future__ import annotations

import contextlib
import contextvars
import json
import os
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from ropa_check import input_errors as E
from ropa_check.files.discover import NO_LINKS_OUT, RECORD_SUFFIXES, discover, display, inside
from ropa_check.files.regular_file import read_regular_file
from ropa_check.finding import Finding
from ropa_check.format.compiled_model import RecordFile

_YAML_TOP_KEY = re.compile(rb"""^(?:"([^"\n]*)"|'([^'\n]*)'|([^\s#:\-"'][^:\n]*?))[ \t]*:(?:[ \t]|$)""", re.MULTILINE)
#: The top-level keys of a record file, for the cheap probe.
RECORD_KEYS = frozenset(RecordFile.KEYS)


class _Probes:
    """What one run has learnt: each file's top-level keys, each folder's organisation files and record root."""

    def __init__(self) -> None:
        self.keys: dict[str, frozenset[str] | None] = {}
        self.organisations: dict[Path, list[Path]] = {}
        self.roots: dict[tuple[Path, Path], Path | None] = {}


_RUN: contextvars.ContextVar[_Probes | None] = contextvars.ContextVar("ropa_check_record_roots", default=None)


@contextlib.contextmanager
def one_run() -> Iterator[None]:
    """Probe each folder and file at most once until the block ends (one check run).

    Entered by the front ends around a run; a run inside a run shares the outer
    one's probes. Outside any run nothing is kept, so nothing can go stale.
    """
    if _RUN.get() is not None:
        yield
        return
    token = _RUN.set(_Probes())
    try:
        yield
    finally:
        _RUN.reset(token)


def top_level_keys(path: Path) -> frozenset[str] | None:
    """The file's top-level keys, or None when it cannot be read as a mapping.

    A cheap probe, not a parse of the record: for YAML the keys at column 0,
    for JSON the keys of the top-level object. A file that cannot be read has
    none; the loader reports it when the record is checked.
    """
    run = _RUN.get()
    if run is None:
        return _top_level_keys(path)
    name = os.path.abspath(path)
    if name not in run.keys:
        run.keys[name] = _top_level_keys(path)
    return run.keys[name]


def _top_level_keys(path: Path) -> frozenset[str] | None:
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
    A given file that is a symbolic link out of the record's folder is refused
    and left out, as the walk refuses it.
    """
    found, refused = discover([str(root)])
    top = root.resolve()
    walked = {os.path.abspath(r.file) for r in refused}
    kept: list[Path] = []
    for file in given:
        real = os.path.realpath(file)
        if os.path.abspath(file) in walked:
            continue  # refused by the walk already (a link out of the record, a loop, a named pipe)
        if inside(real, str(top)):
            kept.append(file)
        else:  # a link the walk does not see, in a dot-folder
            refused.append(
                E.at_file(
                    E.UNREADABLE,
                    display(file),
                    f"symbolic link to '{Path(real).as_posix()}', outside the record's folder "
                    f"'{display(root)}'; {NO_LINKS_OUT}",
                )
            )
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

    wanted = {os.path.realpath(g) for g in kept}
    out = [f for f in found if os.path.realpath(f) not in wanted and not nested(f) and looks_like_record(f)]
    return [*out, *kept], [r for r in refused if not nested(Path(r.file))]


def _organisation_files(folder: Path) -> list[Path]:
    """The files directly in ``folder`` (resolved) with an organisation block; none when it cannot be listed."""
    run = _RUN.get()
    if run is not None and folder in run.organisations:
        return run.organisations[folder]
    try:
        with os.scandir(folder) as entries:
            names = sorted(e.name for e in entries)
    except OSError:
        names = []
    children = (folder / name for name in names)
    found = [c for c in children if c.suffix in RECORD_SUFFIXES and os.path.isfile(c) and has_organisation(c)]
    if run is not None:
        run.organisations[folder] = found
    return found


def record_root(path: Path, top: Path | None = None) -> Path | None:
    """The folder holding the whole record a file or folder belongs to, or None when it stands alone.

    For a folder the walk starts at the folder itself, so a record's own folder
    is its root, and a subfolder of a record (``records/activities``) resolves
    to the record around it, as a file in it does. The walk never leaves ``top``
    (default: the working folder, where pre-commit and CI run): a path outside
    it, such as one in a temporary folder, is checked as given rather than
    merged with whatever lies above it.
    """
    # A file's own folder, not its target's: a link is held to the record it lies in.
    folder = path.resolve() if os.path.isdir(path) else Path(os.path.abspath(path)).parent.resolve()
    top = (top or Path.cwd()).resolve()
    if folder != top and top not in folder.parents:
        return None
    run = _RUN.get()
    if run is None:
        return _walk_up(folder, top)
    if (folder, top) not in run.roots:
        run.roots[folder, top] = _walk_up(folder, top)
    return run.roots[folder, top]


def _walk_up(folder: Path, top: Path) -> Path | None:
    while True:
        organisations = _organisation_files(folder)
        if len(organisations) == 1:
            return folder
        if len(organisations) > 1:
            # Several one-file records side by side: each file is its own record.
            return None
        if folder == top or os.path.exists(folder / ".git") or folder.parent == folder:
            return None
        folder = folder.parent
