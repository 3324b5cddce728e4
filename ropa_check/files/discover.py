"""Which files a check reads: folders expanded into record files, and paths that cannot be read.

A CI gate must check what is in the repository: symbolic links out of a
record's folder are refused, dot-files and dot-folders are skipped, and
anything that is not a regular file is reported rather than opened. A folder
that cannot be listed or entered is reported too: a record read in part must
never look clean.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable
from pathlib import Path as FsPath

from ropa_check import input_errors as E
from ropa_check.finding import Finding

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
NOT_REGULAR = "not a regular file (a named pipe, socket or device); ropa-check reads only regular files"
#: Why a link out of a record's folder is refused, in every message that refuses one.
NO_LINKS_OUT = "ropa-check does not follow links out of a record's folder (copy the file in instead)"
_PARTIAL = "ropa-check cannot check a record it cannot read whole"


def discover(paths: Iterable[str]) -> tuple[list[FsPath], list[Finding]]:
    """Expand folders into record files (sorted), and report paths that cannot be read.

    A file given inside the working folder that is a symbolic link (or lies
    under one) leading out of the working folder is refused, as the folder walk
    refuses a link out of a record's folder. A path named more than once is
    read once, however long the list (a ``paths`` setting of 200,000 entries).
    """
    files: dict[FsPath, None] = {}  # an ordered set: a file named twice (a folder and a file in it) is read once
    errors: list[Finding] = []
    cwd = os.getcwd()
    for raw in dict.fromkeys(paths):
        p = FsPath(raw)
        try:
            mode = os.stat(p).st_mode
        except (OSError, ValueError) as exc:
            errors.append(E.at_file(E.UNREADABLE, raw, _cannot_stat(raw, p, exc)))
            continue
        if stat.S_ISDIR(mode):
            found, refused = _walk(p)
            errors.extend(refused)
            if not found and not refused:
                errors.append(
                    E.at_file(E.UNREADABLE, raw, f"folder '{raw}' holds no .yaml, .yml or .json record files")
                )
            files.update(dict.fromkeys(found))
        elif not stat.S_ISREG(mode):
            errors.append(E.at_file(E.UNREADABLE, raw, NOT_REGULAR))
        elif (escape := _leaves(p, cwd)) is not None:
            where = f"the working folder '{FsPath(cwd).as_posix()}'"
            errors.append(E.at_file(E.UNREADABLE, raw, f"symbolic link to '{escape}', outside {where}; {NO_LINKS_OUT}"))
        else:
            files[p] = None
    return list(files), errors


def _leaves(path: FsPath, cwd: str) -> str | None:
    """Where a file given inside the working folder really is, when a symbolic link takes it out; else None.

    A file given outside the working folder was named there on purpose and is
    read as given; a file in a record is held to the record's folder as well
    (:func:`ropa_check.files.record_roots.record_files`).
    """
    if not inside(os.path.abspath(path), cwd):
        return None
    real = os.path.realpath(path)
    return None if inside(real, os.path.realpath(cwd)) else FsPath(real).as_posix()


def inside(path: str, folder: str) -> bool:
    """True when ``path`` is ``folder`` or lies under it (both absolute, compared as text)."""
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def _cannot_stat(raw: str, path: FsPath, exc: OSError | ValueError) -> str:
    """Why a path given cannot be read, in one line."""
    if isinstance(exc, ValueError):  # a NUL byte in the name
        return f"'{raw}' is not a usable path: {exc}"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR) and os.path.islink(path):
        return f"symbolic link to '{os.readlink(path)}', which does not exist"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return f"'{raw}' does not exist"
    if exc.errno == errno.ELOOP:
        return f"'{raw}' is a loop of symbolic links that never reaches a file"
    return f"'{raw}' cannot be read: {exc.strerror or exc}"


def _walk(folder: FsPath) -> tuple[list[FsPath], list[Finding]]:
    """The record files under ``folder`` (sorted), skipping dot-files and dot-folders.

    A symbolic link that leads out of the folder, nowhere, or round in a loop is
    refused rather than followed: a CI gate must check what is in the repository,
    not whatever a link points at on the machine that runs it. A folder that
    cannot be listed (no read permission) or entered (no execute permission) is
    refused, once, and not walked further.
    """
    top = os.path.realpath(folder)
    found: list[FsPath] = []
    refused: list[Finding] = []

    def cannot_list(exc: OSError) -> None:
        where = display(FsPath(exc.filename)) if exc.filename else display(folder)
        refused.append(
            E.at_file(E.UNREADABLE, where, f"folder '{where}' cannot be read ({exc.strerror or exc}); {_PARTIAL}")
        )

    for dirpath, dirnames, filenames in os.walk(folder, onerror=cannot_list):
        here = FsPath(dirpath)
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in [*dirnames, *(f for f in filenames if not f.startswith("."))]:
            child = here / name
            try:
                mode = os.lstat(child).st_mode
            except FileNotFoundError:  # removed while we walked
                continue
            except OSError as exc:
                # Listed but not entered (a folder without execute permission): nothing in it can be read.
                where = display(here)
                refused.append(
                    E.at_file(
                        E.UNREADABLE, where, f"folder '{where}' cannot be entered ({exc.strerror or exc}); {_PARTIAL}"
                    )
                )
                dirnames[:] = []
                break
            if stat.S_ISLNK(mode):
                mode, problem = _follow(child, top, folder)
                if problem is not None:
                    refused.append(E.at_file(E.UNREADABLE, display(child), problem))
                    continue
            if child.suffix not in RECORD_SUFFIXES or stat.S_ISDIR(mode):
                continue
            if stat.S_ISREG(mode):
                found.append(child)
            else:
                refused.append(E.at_file(E.UNREADABLE, display(child), NOT_REGULAR))
    found.sort()
    refused.sort(key=lambda f: FsPath(f.file))
    return found, refused


def _follow(link: FsPath, top: str, folder: FsPath) -> tuple[int, str | None]:
    """The mode of what ``link`` leads to (0: nothing), and why it is refused (None: it is not)."""
    record_file = link.suffix in RECORD_SUFFIXES
    try:
        mode = os.stat(link).st_mode
    except OSError as exc:
        if not record_file:
            return 0, None
        if exc.errno == errno.ELOOP:
            return 0, f"symbolic link to '{os.readlink(link)}', a loop of links that never reaches a file"
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            return 0, f"symbolic link to '{os.readlink(link)}', which does not exist"
        return 0, f"symbolic link to '{os.readlink(link)}', which cannot be read ({exc.strerror or exc}); {_PARTIAL}"
    target = os.path.realpath(link)
    if not inside(target, top) and (stat.S_ISDIR(mode) or record_file):
        return mode, (
            f"symbolic link to '{FsPath(target).as_posix()}', outside the folder '{folder.as_posix()}'; {NO_LINKS_OUT}"
        )
    return mode, None


def display(path: FsPath) -> str:
    """A path as findings show it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    return FsPath(rel).as_posix() if not rel.startswith("..") else path.as_posix()


__all__ = ["NOT_REGULAR", "NO_LINKS_OUT", "RECORD_SUFFIXES", "discover", "display", "inside"]
