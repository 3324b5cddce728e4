"""Reading a CSV file as a sheet: its encoding, its delimiter, and the cells a spreadsheet program escaped.

Excel writes CSV in the system's code page (Windows-1252 in western Europe)
and, as "CSV UTF-8", with a byte-order mark; Swedish Excel separates with
semicolons. UTF-8 (with or without a BOM) and UTF-16 with a BOM are read as
such; anything else is read as Windows-1252, and the report says so. A cell
that an exporter protected from formula injection with a leading apostrophe
(OWASP: ``'=SUM(…)``) is read without it.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from ropa_check.importing.draft import SourceError
from ropa_check.importing.report import Report
from ropa_check.importing.table import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, Sheet

_INJECTION_STARTS = ("=", "+", "-", "@", "\t", "\r")


def read_csv(path: Path, name: str, report: Report) -> Sheet:
    """The CSV file at ``path`` as a sheet called ``name``. Raises SourceError."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise SourceError(name, f"file is {size / 1e6:.1f} MB, more than the {MAX_FILE_BYTES // 2**20} MiB read")
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(name, f"cannot read file: {exc.strerror or exc}") from None
    text = _decode(raw, name, report)
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise SourceError(f"{name}:{line}", "file is binary (it contains NUL bytes), not CSV")
    sheet = Sheet(name, csv=True)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    line = 1
    try:
        for cells in reader:
            if len(sheet.rows) >= MAX_ROWS:
                raise SourceError(f"{name}:{line}", f"more than {MAX_ROWS:,} rows; ropa-check imports at most that")
            if len(cells) > MAX_COLUMNS and any(cells[MAX_COLUMNS:]):
                sheet.notes.append((f"{name}:{line}", f"cells right of column {MAX_COLUMNS} left out", None))
            row = [_cell(cell) for cell in cells[:MAX_COLUMNS]]
            for column, cell in enumerate(cells[:MAX_COLUMNS]):
                if cell.startswith("="):
                    message = "starts with '=': read as text, never evaluated as a formula"
                    sheet.notes.append((sheet.where(line, column), message, cell))
            if any(value is not None for value in row):
                sheet.rows.append((line, row))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise SourceError(f"{name}:{reader.line_num}", f"not readable as CSV: {exc}") from None
    return sheet


def _cell(text: str) -> str | None:
    if len(text) > 1 and text[0] == "'" and text[1] in "=+-@\t\r":
        text = text[1:]
    return text if text.strip() else None


def _decode(raw: bytes, name: str, report: Report) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as exc:
            message = f"file starts with a UTF-16 byte-order mark but is not UTF-16 ({exc.reason})"
            raise SourceError(name, message) from None
    body = raw[3:] if raw.startswith(b"\xef\xbb\xbf") else raw
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = body.count(b"\n", 0, exc.start) + 1
        first = exc.start
    try:
        text = body.decode("cp1252")
    except UnicodeDecodeError as exc:
        bad = body.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"{name}:{bad}", f"file is neither UTF-8 nor Windows-1252 text (byte 0x{body[exc.start]:02x})"
        ) from None
    bom = " after a UTF-8 byte-order mark" if body is not raw else ""
    report.add(
        "warning",
        f"{name}:{line}",
        f"not UTF-8 (byte {first}){bom}: read as Windows-1252; check the letters outside ASCII (å, ä, ö, é)",
    )
    return text


def _delimiter(text: str) -> str:
    head = "\n".join(text.split("\n", 30)[:30])
    counts = {delimiter: head.count(delimiter) for delimiter in (",", ";", "\t")}
    return max(counts, key=lambda d: counts[d]) if any(counts.values()) else ","
