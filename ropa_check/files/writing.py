"""Writing reports and baselines: never over what a run reads, and whole or not at all.

ropa-check never writes to the files it checks. :func:`refusal` says why a
path must not be written in a run: it is a file the run read, or it lies in a
checked record's folder, where the next run would read it as a record file
(the record folders of files given alone count, as their record is read
whole). :func:`write_whole` writes through a temporary file in the same
folder renamed over the target (``os.replace``, atomic on POSIX and Windows),
so that a run interrupted while writing (Ctrl-C, SIGTERM from a CI runner, a
full disk) leaves the previous report or baseline as it was rather than a
truncated one. The temporary file is synced before the rename and the folder
after it, so that a crash of the machine cannot leave the name on an empty file.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TextIO

from ropa_check.files import record_roots
from ropa_check.files.discover import RECORD_SUFFIXES, display, inside


def refusal(target: str, checked: Iterable[str]) -> str | None:
    """Why ``target`` must not be written in a run that checked ``checked`` (files and folders), or None.

    Refused: a file of the run (also through a symbolic link); a file of the
    record of a checked file (a sibling the run reads); and a new record file
    (``.yaml``, ``.yml``, ``.json``, outside dot-folders) inside a checked
    folder or the record folder of a checked file, which the next run of that
    folder would read. Other files in a record's folder (``records/ropa.sarif``)
    and dot-folders (``records/.ropa-check/baseline.json``) are never read as
    records and stay allowed. A record at the top of the working folder (one
    file beside the code) has the whole working tree as its folder, where the
    check reads only record files by their keys: there only its files are refused.
    """
    real = os.path.realpath(target)
    folders: dict[str, str] = {}
    roots: set[Path] = set()
    starts: set[Path] = set()
    with record_roots.one_run():
        for raw in dict.fromkeys(checked):
            if os.path.isdir(raw):
                folders.setdefault(os.path.realpath(raw), raw)
                starts.add(Path(raw))
            elif os.path.realpath(raw) == real:
                return "is one of the files being checked"
            else:
                starts.add(Path(os.path.abspath(raw)).parent)
        for start in starts:
            root = record_roots.record_root(start)
            if root is not None:
                roots.add(root)
        suffix = Path(real).suffix in RECORD_SUFFIXES
        for root in roots:
            if suffix and inside(real, str(root)) and record_roots.looks_like_record(Path(real)):
                return f"is a file of the record in '{display(root)}', which ropa-check checks and never writes to"
            if root != Path.cwd().resolve():
                folders.setdefault(str(root), display(root))
    if not suffix:
        return None
    for folder, shown in folders.items():
        if inside(real, folder) and not any(part.startswith(".") for part in Path(os.path.relpath(real, folder)).parts):
            if os.path.exists(real):
                return f"is a file in the record folder '{shown}', which ropa-check checks and never writes to"
            return f"lies inside the record folder '{shown}', where the next run would read it as a record file"
    return None


def write_whole(path: str, write: Callable[[TextIO], None], *, newline: str | None = None) -> None:
    """Call ``write`` with a text file that replaces ``path`` only once written whole. Raises OSError.

    The text is UTF-8; what cannot be encoded (a file name that is not UTF-8,
    kept by Python as surrogates) is written as a backslash escape. A new file
    gets the mode ``open`` would give it; a file replaced keeps its mode. A
    target that is not a regular file (``/dev/stdout``, a named pipe a CI step
    reads) is written through, as there is nothing to replace. If anything fails
    or interrupts the writing, the temporary file is removed and the target is
    left as it was.
    """
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "w", encoding="utf-8", errors="backslashreplace", newline=newline) as fh:
            write(fh)
        return
    real = os.path.realpath(path)  # a link to a report is followed, as open() would, not replaced
    fd, temporary = _create_beside(real, None if info is None else stat.S_IMODE(info.st_mode))
    try:
        with open(fd, "w", encoding="utf-8", errors="backslashreplace", newline=newline) as fh:
            write(fh)
            fh.flush()
            # Without this a crash soon after the rename can leave the new name on an empty file
            # (ext4, XFS): the rename reaches the disk before the data.
            os.fsync(fh.fileno())
        os.replace(temporary, real)
        _sync_folder(os.path.dirname(real))
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def _sync_folder(folder: str) -> None:
    """Make a rename in ``folder`` durable. Best effort: Windows cannot open a folder, some file systems refuse."""
    try:
        fd = os.open(folder or ".", os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:  # EINVAL on file systems that do not sync folders: the report is written all the same
        pass
    finally:
        os.close(fd)


def _create_beside(real: str, mode: int | None) -> tuple[int, str]:
    """A new, empty file in the folder of ``real``: a dot-file, so that no folder walk reads it meanwhile."""
    folder, name = os.path.split(real)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    for _ in range(100):
        # os.urandom rather than secrets: the name need only be unlikely to exist, and secrets imports
        # hashlib and hmac at start-up (3 ms of every run).
        temporary = os.path.join(folder, f".{name[:200]}.{os.urandom(4).hex()}.tmp")
        try:
            fd = os.open(temporary, flags, 0o666)  # the process's umask applies, as for open()
        except FileExistsError:
            continue
        if mode is not None:
            with contextlib.suppress(OSError):
                os.chmod(temporary, mode)
        return fd, temporary
    raise FileExistsError(errno.EEXIST, "no free temporary file name", folder)  # pragma: no cover


def reason(exc: OSError, path: str) -> str:
    """Why ``path`` could not be written, in words (naming a missing folder rather than 'No such file')."""
    folder = os.path.dirname(path) or "."
    if exc.errno == errno.ENOENT and not os.path.isdir(folder):
        return f"the folder '{folder}' does not exist"
    if exc.errno == errno.ENOTDIR:
        return f"'{folder}' is not a folder"
    return str(exc.strerror or exc)


__all__ = ["reason", "refusal", "write_whole"]
