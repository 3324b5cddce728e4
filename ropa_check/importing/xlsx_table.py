"""Reading an XLSX workbook as sheets, after checking that it is one and is safe to open.

Before openpyxl sees the file: it must be a zip (an encrypted, password-
protected workbook is an OLE2 compound file, as is an old ``.xls``), hold no
macros (``.xlsm``, ``vbaProject.bin``), and declare no more than
:data:`MAX_UNCOMPRESSED` bytes when unpacked, so a zip bomb is refused by its
own directory. openpyxl then reads it in read-only mode, row by row, with
defusedxml refusing XML entity bombs. Formulas are never evaluated: a formula
cell is reported and left out. A range merged down rows gives its value to each
of its rows in its first column, and is reported.
"""

from __future__ import annotations

import datetime as dt
import re
import zipfile
from pathlib import Path
from typing import Any

from ropa_check import columns
from ropa_check.importing.draft import SourceError
from ropa_check.importing.table import MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, Sheet, column_letter

#: The most bytes a workbook may declare its parts to hold unpacked (a 10,000-row sheet is tens of MB).
MAX_UNCOMPRESSED = 256 * 2**20
MAX_PARTS = 10_000
#: The most merged ranges read from one sheet (a register has tens).
MAX_MERGES = 10_000
#: The most cells parsed in one sheet (10,000 rows of 50 columns; the ICO template has 24 to 33 columns).
MAX_CELLS = 500_000
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_MACRO_SUFFIXES = (".xlsm", ".xltm", ".xlam")
_RANGE = re.compile(r"^([A-Z]{1,3})(\d{1,7})(?::([A-Z]{1,3})(\d{1,7}))?$")


def read_xlsx(path: Path, name: str) -> list[Sheet]:
    """The worksheets of the workbook at ``path`` (called ``name`` in messages). Raises SourceError."""
    _check_container(path, name)
    import warnings

    with warnings.catch_warnings():
        # openpyxl warns about features it drops (data validation extensions, conditional formats): not ours to say.
        warnings.simplefilter("ignore")
        try:
            reader = _workbook_reader(path)
        except Exception as exc:  # openpyxl raises anything on a malformed file; the file is at fault, not us
            raise SourceError(name, _unreadable(exc)) from None
        try:
            return [_read_sheet(reader, title, part, name) for title, part in reader.sheet_parts]
        finally:
            reader.archive.close()


def _workbook_reader(path: Path) -> Any:
    """openpyxl's reader of the workbook's parts, stopped before it reads the worksheets.

    openpyxl's read-only worksheets scan a whole sheet for its dimensions when the
    file does not state them (a hostile file need not): the sheets are read here
    instead, row by row, so reading stops at :data:`MAX_ROWS` whatever the file says.
    """
    from openpyxl.reader.excel import ExcelReader  # type: ignore[import-untyped,unused-ignore]

    class _Reader(ExcelReader):  # type: ignore[misc,unused-ignore]
        sheet_parts: list[tuple[str, str]]

        def read_worksheets(self) -> None:
            self.sheet_parts = [
                (sheet.name, rel.target)
                for sheet, rel in self.parser.find_sheets()
                if rel.target in self.valid_files and "chartsheet" not in rel.Type
            ]

    reader = _Reader(str(path), read_only=True, keep_vba=False, data_only=False, keep_links=False)
    reader.read()
    return reader


def _unreadable(exc: Exception) -> str:
    kind = type(exc).__name__
    cause: BaseException | None = exc
    while cause is not None:  # openpyxl wraps defusedxml's refusal in an error of its own
        if type(cause).__module__.startswith("defusedxml"):
            return (
                f"refused: the workbook's XML declares entities or a DTD ({type(cause).__name__}), as an XML bomb does"
            )
        cause = cause.__cause__ or cause.__context__
    detail = str(exc).splitlines()[0] if str(exc) else kind
    return f"not a readable XLSX workbook ({kind}: {detail})"


def _check_container(path: Path, name: str) -> None:
    if path.suffix.lower() in _MACRO_SUFFIXES:
        raise SourceError(name, "is a macro-enabled workbook; save it as .xlsx (Excel Workbook) and import that")
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            magic = fh.read(8)
    except OSError as exc:
        raise SourceError(name, f"cannot read file: {exc.strerror or exc}") from None
    if size > MAX_FILE_BYTES:
        raise SourceError(name, f"file is {size / 1e6:.1f} MB, more than the {MAX_FILE_BYTES // 2**20} MiB read")
    if magic == _OLE2:
        raise SourceError(
            name,
            "is a password-protected (encrypted) workbook or an old .xls file, not an XLSX; "
            "remove the password or save it as .xlsx (Excel Workbook) and import that",
        )
    if not magic.startswith(b"PK"):
        raise SourceError(name, "is not an XLSX workbook (not a zip file); CSV files must end in .csv")
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise SourceError(name, f"is not an XLSX workbook (a broken zip file: {exc})") from None
    if len(parts) > MAX_PARTS:
        raise SourceError(name, f"refused: the zip holds {len(parts):,} parts, more than an XLSX workbook has")
    declared = sum(part.file_size for part in parts)
    if declared > MAX_UNCOMPRESSED:
        raise SourceError(
            name,
            f"refused: the zip would unpack to {declared / 1e6:,.0f} MB, more than the "
            f"{MAX_UNCOMPRESSED // 2**20} MiB allowed (a zip bomb, or a workbook too large to import)",
        )
    names = {part.filename for part in parts}
    if any(part.flag_bits & 0x1 for part in parts):
        raise SourceError(name, "is an encrypted zip file; remove the password and import the workbook")
    if "xl/vbaProject.bin" in names or any(n.lower().endswith("vbaproject.bin") for n in names):
        raise SourceError(name, "holds macros (vbaProject.bin); save it as .xlsx (Excel Workbook) and import that")
    if "xl/workbook.xml" not in names or "[Content_Types].xml" not in names:
        raise SourceError(name, "is a zip file but not an XLSX workbook (no xl/workbook.xml)")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date | dt.time | dt.timedelta | int | float | str):
        text = value.isoformat() if isinstance(value, dt.date | dt.time) else str(value)
        return text if text.strip() else None
    return None


def _read_sheet(reader: Any, title: str, part: str, book: str) -> Sheet:
    from openpyxl.worksheet._reader import WorkSheetParser  # type: ignore[import-untyped,unused-ignore]

    sheet = Sheet(title)
    workbook = reader.wb
    try:
        with reader.archive.open(part) as source:
            parser = WorkSheetParser(
                source,
                reader.shared_strings,
                data_only=False,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            parsed = 0
            for count, (number, cells) in enumerate(parser.parse(), start=1):
                if count > MAX_ROWS:
                    raise SourceError(
                        sheet.where(number),
                        f"the sheet has more than {MAX_ROWS:,} rows; ropa-check imports at most that",
                    )
                # Each cell costs parsing whether or not it is read (a row may hold 16,384): a bound on the
                # cells keeps a sheet of wide rows to seconds, as the row bound does for long ones.
                parsed += len(cells)
                if parsed > MAX_CELLS:
                    raise SourceError(
                        sheet.where(number),
                        f"the sheet has more than {MAX_CELLS:,} cells; ropa-check imports at most that",
                    )
                _add_row(sheet, number, cells)
            merges = [str(cell.ref) for cell in getattr(parser.merged_cells, "mergeCell", None) or ()]
    except SourceError:
        raise
    except Exception as exc:  # a malformed sheet part: openpyxl's parser raises anything
        raise SourceError(f"{book}: sheet '{title}'", _unreadable(exc)) from None
    _spread_merges(sheet, [_range(ref) for ref in merges if _RANGE.match(ref)])
    return sheet


def _add_row(sheet: Sheet, number: int, cells: list[dict[str, Any]]) -> None:
    row: list[str | None] = []
    wide = formula = False
    for cell in cells:
        column = int(cell["column"]) - 1
        if column >= MAX_COLUMNS:
            wide = wide or cell.get("value") is not None
            continue
        while len(row) <= column:
            row.append(None)
        value = cell.get("value")
        # A value of a type no cell text is made from is kept out like a formula; a string of spaces is blank.
        if cell.get("data_type") == "f" or (value is not None and not isinstance(value, str) and _text(value) is None):
            sheet.formulas[(number, column)] = str(value)
            formula = True
        else:
            row[column] = _text(value)
    if wide:
        sheet.notes.append((sheet.where(number), f"cells right of column {MAX_COLUMNS} left out", None))
    if formula or any(value is not None for value in row):
        sheet.rows.append((number, row))


def _range(ref: str) -> tuple[int, int, int, int]:
    match = _RANGE.match(ref)
    assert match is not None
    first_col, first_row, last_col, last_row = match.groups()
    return (
        int(first_row),
        columns.index(first_col),
        int(last_row or first_row),
        columns.index(last_col or first_col),
    )


def _spread_merges(sheet: Sheet, merges: list[tuple[int, int, int, int]]) -> None:
    """Give each range merged down rows its value on each of its rows, so each row reads it; say so.

    Only down its first column: a value merged across columns (a purpose given room over the next column) is
    that one cell's, not the next column's field. Overlapping ranges, which spreadsheet programs never write,
    are left out and reported once, so each cell is filled at most once whatever the file holds.
    """
    if len(merges) > MAX_MERGES:
        raise SourceError(
            sheet.where(merges[MAX_MERGES][0], merges[MAX_MERGES][1]),
            f"the sheet has more than {MAX_MERGES:,} merged ranges; ropa-check imports at most that",
        )
    by_number = {number: cells for number, cells in sheet.rows}
    reached: dict[int, int] = {}  # column -> the last row a range down it has covered
    overlapping: list[tuple[int, int, int, int]] = []
    for first_row, first_col, last_row, last_col in sorted(merges, key=lambda m: (m[1], m[0])):
        if first_row <= reached.get(first_col, 0):
            overlapping.append((first_row, first_col, last_row, last_col))
            continue
        reached[first_col] = max(last_row, first_row)
        if first_col >= MAX_COLUMNS or last_row <= first_row:
            continue
        top = by_number.get(first_row)
        value = top[first_col] if top is not None and first_col < len(top) else None
        if value is None:
            continue
        for number in range(first_row + 1, min(last_row, first_row + MAX_ROWS) + 1):
            cells = by_number.get(number)
            if cells is None:
                continue
            while len(cells) <= first_col:
                cells.append(None)
            if cells[first_col] is None:
                cells[first_col] = value
        span = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        message = f"merged cells {span}: the value is read on each of their rows"
        sheet.notes.append((sheet.where(first_row, first_col), message, value))
    if overlapping:
        first_row, first_col, last_row, last_col = overlapping[0]
        span = f"{column_letter(first_col)}{first_row}:{column_letter(last_col)}{last_row}"
        sheet.notes.append(
            (
                sheet.where(first_row, first_col),
                f"merged ranges that overlap one before them are left out (a spreadsheet program writes none): "
                f"{len(overlapping):,}, the first {span}",
                None,
            )
        )
