"""Which files a check reads: folders expanded into record files, and paths that cannot be read.

A CI gate must check what is in the repository: symbolic links out of a
record's folder are refused, dot-files and dot-folders are skipped, and
anything that is not a regular file is reported rather than opened.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path as FsPath

from ropa_check import input_errors as E
from ropa_check.finding import Finding

RECORD_SUFFIXES = (".yaml", ".yml", ".json")
NOT_REGULAR = "not a regular file (a named pipe, socket or device); ropa-check reads only regular files"


def discover(paths: Iterable[str]) -> tuple[list[FsPath], list[Finding]]:
    """Expand folders into record files (sorted), and report paths that cannot be read."""
    files: list[FsPath] = []
    errors: list[Finding] = []
    for raw in paths:
        p = FsPath(raw)
        if p.is_dir():
            found, refused = _walk(p)
            errors.extend(refused)
            if not found and not refused:
                errors.append(
                    E.at_file(E.UNREADABLE, raw, f"folder '{raw}' holds no .yaml, .yml or .json record files")
                )
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            errors.append(E.at_file(E.UNREADABLE, raw, NOT_REGULAR))
        else:
            errors.append(E.at_file(E.UNREADABLE, raw, f"'{raw}' does not exist"))
    # A file named twice (a folder and a file inside it) is read once.
    unique = list(dict.fromkeys(files))
    return unique, errors


def _walk(folder: FsPath) -> tuple[list[FsPath], list[Finding]]:
    """The record files under ``folder`` (sorted), skipping dot-files and dot-folders.

    A symbolic link that leads out of the folder, or nowhere, is refused rather
    than followed: a CI gate must check what is in the repository, not whatever
    a link points at on the machine that runs it.
    """
    top = folder.resolve()
    found: list[FsPath] = []
    refused: list[Finding] = []
    for child in sorted(folder.rglob("*")):
        rel = child.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if child.is_symlink():
            target = child.resolve()
            if not target.exists() and child.suffix in RECORD_SUFFIXES:
                refused.append(
                    E.at_file(
                        E.UNREADABLE, display(child), f"symbolic link to '{os.readlink(child)}', which does not exist"
                    )
                )
                continue
            if (
                target.exists()
                and not target.is_relative_to(top)
                and (target.is_dir() or child.suffix in RECORD_SUFFIXES)
            ):
                refused.append(
                    E.at_file(
                        E.UNREADABLE,
                        display(child),
                        f"symbolic link to '{target.as_posix()}', outside the folder '{folder.as_posix()}'; "
                        "ropa-check does not follow links out of a record's folder (copy the file in instead)",
                    )
                )
                continue
        if child.suffix in RECORD_SUFFIXES and child.is_file():
            found.append(child)
        elif child.suffix in RECORD_SUFFIXES and child.exists() and not child.is_dir():
            refused.append(E.at_file(E.UNREADABLE, display(child), NOT_REGULAR))
    return found, refused


def display(path: FsPath) -> str:
    """A path as findings show it: relative to the working folder when inside it."""
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.as_posix()
    return FsPath(rel).as_posix() if not rel.startswith("..") else path.as_posix()


__all__ = ["NOT_REGULAR", "RECORD_SUFFIXES", "discover", "display"]
