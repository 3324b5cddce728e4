"""Reading a record file safely: regular files only, and only up to a size.

The loader, the record-root probe and the text reporter all read record
files; each goes through :func:`read_regular_file`, so none of them can hang
on a named pipe or read a huge file whole.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

#: The largest record file ropa-check reads (a record of many activities is many files).
MAX_FILE_BYTES = 20 * 1024 * 1024


class NotARegularFile(OSError):
    """A named pipe, socket or device where a record file should be: reading it could block forever."""


class FileTooLarge(OSError):
    """A file larger than the limit its reader sets."""

    def __init__(self, size: int) -> None:
        super().__init__(f"file is {size} bytes")
        self.size = size


def read_regular_file(path: Path | str, max_bytes: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``max_bytes``; OSError for anything else.

    Opened without blocking and checked on the open descriptor, so a named pipe
    named like a record (``mkfifo record.yaml``) is refused instead of hanging
    the hook that reads it, with no window between the check and the read.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb", closefd=True) as fh:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"'{path}' is not a regular file")
        if info.st_size > max_bytes:
            raise FileTooLarge(info.st_size)
        data = fh.read(max_bytes + 1)  # a file that grows meanwhile is still read only so far
        if len(data) > max_bytes:
            raise FileTooLarge(len(data))
        return data
