"""Putting the starter's files in place: all of them or none, and never over a file unless asked to.

The files are written whole into a temporary dot-folder inside the target
folder first (on the same file system, so that a rename is atomic), synced,
and only then moved into place: a run interrupted while writing, or a disk that
fills up, leaves no half-written record behind. Without ``force`` a file is
placed with a hard link, which fails rather than replace a file that appeared
since the check; a file placed before such a failure is removed again.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping

from ropa_check.files.discover import RECORD_SUFFIXES


class Refused(Exception):
    """The files cannot be written as asked (exit status 2); the message names the file."""


def _appeared(target: str) -> Refused:
    return Refused(f"'{target}' appeared while init was writing; init overwrites no file unless --force")


def refusal(folder: str, files: Mapping[str, str], record: str, *, force: bool) -> str | None:
    """Why ``files`` (relative paths) must not be written into ``folder``, or None.

    A file that exists is refused unless ``force``; a folder where a file should
    go always is. Another record file in the record folder ``record`` always is
    too: the new record and the old one would be read as one.
    """
    if os.path.lexists(folder) and not os.path.isdir(folder):
        return f"'{folder}' exists and is not a folder"
    existing = []
    for relative in files:
        target = os.path.join(folder, relative)
        if os.path.isdir(target) and not os.path.islink(target):
            return f"'{target}' is a folder, where init writes a file"
        if os.path.lexists(target):
            existing.append(target)
    if existing and not force:
        more = f" (and {len(existing) - 1} more)" if len(existing) > 1 else ""
        return f"'{existing[0]}'{more} exists; init overwrites no file unless --force is given"
    ours = {os.path.normpath(os.path.join(folder, relative)) for relative in files}
    for other in _record_files(os.path.join(folder, record)):
        if os.path.normpath(other) not in ours:
            return (
                f"'{other}' is a record file already; init starts a new record, which would be read together "
                "with it: choose another folder"
            )
    return None


def _record_files(folder: str) -> Iterator[str]:
    """The files a check of ``folder`` would read as record files (dot-folders and dot-files are never read)."""
    for parent, folders, names in os.walk(folder):
        folders[:] = sorted(f for f in folders if not f.startswith("."))
        for name in sorted(names):
            if not name.startswith(".") and os.path.splitext(name)[1] in RECORD_SUFFIXES:
                yield os.path.join(parent, name)


@contextlib.contextmanager
def staged(folder: str, files: Mapping[str, str]) -> Iterator[str]:
    """A temporary folder inside ``folder`` holding ``files``, written and synced; removed on leaving."""
    os.makedirs(folder, exist_ok=True)
    temporary = tempfile.mkdtemp(prefix=".ropa-check-init-", dir=folder)
    try:
        for relative, text in files.items():
            path = os.path.join(temporary, relative)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
                fh.flush()
                os.fsync(fh.fileno())
        yield temporary
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def place(staging: str, folder: str, files: Mapping[str, str], *, force: bool) -> None:
    """Move the staged ``files`` into ``folder``. Raises :class:`Refused` or OSError, having placed none."""
    placed: list[str] = []
    made: list[str] = []
    try:
        for relative in files:
            source, target = os.path.join(staging, relative), os.path.join(folder, relative)
            _make_folders(os.path.dirname(target), made)
            if force:
                os.replace(source, target)
            else:
                _place_new(source, target)
            placed.append(target)
        for parent in sorted({os.path.dirname(p) for p in placed}):
            _sync_folder(parent)
    except BaseException:
        if not force:  # what was placed is new: nothing of the user's is lost by removing it
            for target in placed:
                with contextlib.suppress(OSError):
                    os.unlink(target)
            for made_folder in reversed(made):
                with contextlib.suppress(OSError):
                    os.rmdir(made_folder)
        raise


def _make_folders(folder: str, made: list[str]) -> None:
    """Create ``folder`` and its missing parents, adding each one created to ``made`` (outermost first)."""
    missing = []
    while folder and not os.path.isdir(folder):
        missing.append(folder)
        folder = os.path.dirname(folder)
    for path in reversed(missing):
        os.mkdir(path)
        made.append(path)


def _place_new(source: str, target: str) -> None:
    """Move ``source`` to ``target``, failing with :class:`Refused` if ``target`` exists meanwhile."""
    try:
        os.link(source, target)
    except FileExistsError:
        raise _appeared(target) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
            raise
        # A file system without hard links (FAT, some network shares): check, then rename.
        if os.path.lexists(target):
            raise _appeared(target) from None
        os.rename(source, target)
    else:
        os.unlink(source)


def _sync_folder(folder: str) -> None:
    """Make the renames in ``folder`` durable; best effort (Windows cannot open a folder)."""
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


__all__ = ["Refused", "place", "refusal", "staged"]
