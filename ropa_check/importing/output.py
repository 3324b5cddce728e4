"""Writing the imported record folder: whole or not at all, never over a folder without ``--force``.

The files are written into a new hidden folder beside the target and renamed
to the target only when every file is written and loads as a valid record
file, so an interrupted or failed import leaves no half-written record. With
``--force`` an existing record folder is replaced the same way (moved aside,
the new one renamed in, the old one removed). A folder that is not a record
folder (no ``organisation.yaml``, not empty), or that holds anything but record
files (a ``.git``, a README, a link), is never replaced, and neither is a folder
that holds the source being imported.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path
from typing import Any

from ropa_check.importing.draft import ORGANISATION_FILE, SourceError
from ropa_check.importing.yaml_text import dump

Notes = dict[str, dict[tuple[str | int, ...], list[str]]]


def render_files(files: dict[str, dict[str, Any]], notes: Notes, header: list[str]) -> dict[str, str]:
    """Each record file's YAML text, checked to load and validate as format v1 (a failure is our bug)."""
    from ropa_check.loader import loads
    from ropa_check.validate import validate

    out: dict[str, str] = {}
    for name, data in files.items():
        text = dump(data, dict(notes.get(name, {})), header)
        document, errors = loads(text.encode("utf-8"), name)
        if document is not None:
            _, errors = validate(document)
        if errors:
            first = errors[0]
            raise AssertionError(f"the imported file {name} does not load: {first.message}")
        out[name] = text
    return out


def refusal(target: Path, source: Path, *, force: bool) -> str | None:
    """Why the record folder ``target`` must not be written, or None."""
    real = Path(os.path.realpath(target))
    source_real = Path(os.path.realpath(source))
    if real == source_real or real in source_real.parents:
        return "holds the source being imported; choose another output folder"
    if source_real.is_dir() and source_real in real.parents:
        return "lies inside the source folder, where the next import would read it; choose another output folder"
    if not os.path.lexists(target):
        return None
    if not target.is_dir() or target.is_symlink():
        return "exists and is not a folder"
    if not force:
        return "exists; --force replaces it"
    if any(target.iterdir()) and not (target / ORGANISATION_FILE).is_file():
        return f"is not a record folder (it has files and no {ORGANISATION_FILE}); --force replaces only record folders"
    other = _not_record_file(target)
    if other is not None:
        return (
            f"holds files an import does not write ({other}); --force replaces only a folder of record files, "
            "so import into a new folder and move the files"
        )
    return None


_RECORD_SUFFIXES = (".yaml", ".yml", ".json")


def _not_record_file(folder: Path) -> str | None:
    """The first entry of ``folder`` that is no record file (a repository, notes, a link), or None.

    Replacing the folder deletes what it holds: a ``.git`` or a README beside the record would go with it.
    """
    for root, dirs, files in os.walk(folder):
        for name in sorted(dirs) + sorted(files):
            path = Path(root, name)
            if name.startswith(".") or path.is_symlink():
                return str(path.relative_to(folder))
            if name in files and not name.endswith(_RECORD_SUFFIXES):
                return str(path.relative_to(folder))
    return None


def write_folder(target: Path, texts: dict[str, str], *, force: bool) -> None:
    """Write ``texts`` (relative name to text) as the folder ``target``, whole or not at all. Raises OSError."""
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    temporary = parent / f".{target.name}.import-{secrets.token_hex(4)}.tmp"
    temporary.mkdir()
    try:
        for name, text in texts.items():
            path = temporary / name
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8", newline="\n") as fh:
                fh.write(text)
        # The files reach the disk before the rename makes them the record (else a crash could leave empty
        # files under the new name); one sync for all is seconds faster than an fsync per file for 1,000 files.
        if hasattr(os, "sync"):
            os.sync()
        else:  # Windows has no sync(): each file then
            for name in texts:
                with open(temporary / name, "rb+") as fh:
                    os.fsync(fh.fileno())
        if os.path.lexists(target):
            if not force:  # it appeared while we wrote: someone else's, left alone
                raise FileExistsError(f"'{target}' appeared while the import was writing")
            aside = parent / f".{target.name}.replaced-{secrets.token_hex(4)}.tmp"
            os.rename(target, aside)
            try:
                os.rename(temporary, target)
            except BaseException:
                os.rename(aside, target)
                raise
            shutil.rmtree(aside, ignore_errors=True)
        else:
            os.rename(temporary, target)
        _sync_folder(parent)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(temporary)
        raise


def _sync_folder(folder: Path) -> None:
    """Make the rename durable; best effort (some file systems cannot sync a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


__all__ = ["SourceError", "refusal", "render_files", "write_folder"]
