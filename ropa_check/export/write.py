"""XLSX and CSV files of a record in a layout: the same bytes for the same record and date, written whole.

XLSX is written with openpyxl in write-only mode (rows streamed, no cell
objects kept). A workbook is a zip of XML parts that openpyxl stamps with the
time of writing (the parts' times and ``docProps/core.xml``); both are set to
the export's date here, so the same record exported on the same date gives the
same bytes (``--today``, or ``SOURCE_DATE_EPOCH`` as reproducible builds set it).

CSV holds one sheet, as UTF-8 with a byte order mark (Excel reads UTF-8 without
one as the system's code page and turns å, ä, ö into mojibake), CRLF line ends
(RFC 4180) and every row as wide as the widest, the same cells at the same
places as in the XLSX sheet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import zipfile
from collections.abc import Sequence
from typing import IO, Any, TextIO

from ropa_check.export import sheets as sheets_module
from ropa_check.export.cells import csv_cell, is_formula_like
from ropa_check.export.layout import Layout, load
from ropa_check.export.sheets import Sheet
from ropa_check.files.writing import write_whole
from ropa_check.record import Record

#: The file formats, by the output's extension.
FORMATS = {".xlsx": "xlsx", ".csv": "csv"}
_APPLICATION = "ropa-check"


class ExportError(Exception):
    """The export cannot be made as asked (a layout CSV cannot hold); the message says why and what to do."""


def format_of(path: str) -> str | None:
    """``xlsx`` or ``csv`` from the extension of ``path`` (any case), or None."""
    return FORMATS.get(os.path.splitext(path)[1].lower())


def export_bytes(record: Record, template: str, fmt: str, when: dt.datetime) -> bytes:
    """The file of ``record`` in layout ``template`` as ``fmt`` (``xlsx``, ``csv``), dated ``when``.

    Raises ExportError when ``fmt`` is ``csv`` and the layout has several sheets (CNIL).
    """
    layout = load(template)
    built = sheets_module.build(record, layout)
    if fmt == "csv":
        return csv_text(_one_sheet(layout, built)).encode("utf-8", "surrogateescape")
    return xlsx_bytes(built, when, title=layout.title)


def export_record(
    record: Record, target: str, *, template: str, when: dt.datetime | None = None, fmt: str | None = None
) -> None:
    """Write ``record`` to ``target`` in layout ``template`` (format from the extension unless ``fmt``).

    The file replaces ``target`` only once written whole (:func:`ropa_check.files.writing.write_whole`).
    ``when`` dates the workbook (default: midnight UTC today). Refusing targets (record files,
    existing files without ``--force``) is the command's job. Raises ExportError, OSError.
    """
    fmt = fmt or format_of(target)
    if fmt is None:
        raise ExportError(f"cannot tell the format of {target!r}: name it .xlsx or .csv")
    data = export_bytes(record, template, fmt, when or midnight(dt.date.today()))

    def write(fh: TextIO) -> None:
        fh.flush()
        fh.buffer.write(data)

    write_whole(target, write)


def export_paths(paths: Sequence[str], target: str, *, template: str, today: dt.date | None = None) -> None:
    """Load the record made of ``paths`` (files or folders) and export it to ``target``: for round-trip tests.

    Raises ExportError when the record does not load (its input errors in the message), as the
    command exits 2 then.
    """
    from ropa_check.input_errors import INPUT_CODES
    from ropa_check.options import Options
    from ropa_check.pipeline import check_paths
    from ropa_check.plugins import load as load_plugins

    options = Options(paths=tuple(paths), today=today)
    loaded = load_plugins(options)
    result = check_paths(list(paths), [], loaded.vocabularies, options, known=loaded.codes, keep_records=True)
    if result.input_failed or not result.records:
        errors = "; ".join(f"{f.file}:{f.line}: {f.message}" for f in result.findings if f.code in INPUT_CODES)
        raise ExportError(f"the record does not load: {errors or 'no record found'}")
    export_record(result.records[0], target, template=template, when=midnight(today or dt.date.today()))


def midnight(day: dt.date) -> dt.datetime:
    """The start of ``day`` (UTC, naive as openpyxl wants it): the date a workbook is stamped with."""
    return dt.datetime(day.year, day.month, day.day)


def _one_sheet(layout: Layout, built: list[Sheet]) -> Sheet:
    if layout.multi_sheet:
        raise ExportError(
            f"the {layout.name} layout has {'a sheet per activity' if len(layout.sheets) > 1 else 'several sheets'}, "
            "which one CSV file cannot hold; export it as .xlsx (or choose a one-sheet layout for CSV: "
            "--template ico or skr)"
        )
    return built[0]


def csv_text(sheet: Sheet) -> str:
    """One sheet as CSV text: a byte order mark, CRLF rows all as wide as the widest, formulas quoted."""
    out = io.StringIO(newline="")
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    width = sheet.width
    for row in sheet.rows:
        writer.writerow([csv_cell(v) for v in row] + [""] * (width - len(row)))
    return out.getvalue()


def xlsx_bytes(built: list[Sheet], when: dt.datetime, *, title: str = "") -> bytes:
    """The workbook of ``built`` as XLSX bytes, every date in it ``when``."""
    # Typed with types-openpyxl where installed; the ignore is for an environment without it.
    from openpyxl import Workbook  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.cell import WriteOnlyCell  # type: ignore[import-untyped, unused-ignore]
    from openpyxl.writer.excel import ExcelWriter  # type: ignore[import-untyped, unused-ignore]

    workbook = Workbook(write_only=True)
    props = workbook.properties
    props.creator = props.lastModifiedBy = _APPLICATION
    props.title = title
    props.created = props.modified = when
    for sheet in built:
        ws = workbook.create_sheet(sheet.name)
        for row in sheet.rows:
            cells: list[Any] = []
            for value in row:
                if value and is_formula_like(value):
                    # openpyxl makes any text starting with "=" a formula: an explicit string cell is never one,
                    # and the quote prefix keeps Excel from making it one when the cell is edited.
                    cell = WriteOnlyCell(ws, value=value)
                    cell.data_type = "s"
                    cell.quotePrefix = True
                    cells.append(cell)
                else:
                    cells.append(value)
            ws.append(cells)
        # Each write-only sheet streams into a temporary file held open until closed: closed here, a record
        # of 10,000 activities in the CNIL layout (a sheet each) never holds 10,000 files open at once.
        ws.close()
    buffer = io.BytesIO()
    archive = _DatedZip(buffer, when)
    ExcelWriter(workbook, archive).save()  # closes the archive; openpyxl's save_workbook would restamp `modified`
    return buffer.getvalue()


class _DatedZip(zipfile.ZipFile):
    """A zip archive whose members all carry one date and the same attributes on every system."""

    def __init__(self, file: IO[bytes], when: dt.datetime) -> None:
        super().__init__(file, "w", zipfile.ZIP_DEFLATED, allowZip64=True)
        # A member's date is MS-DOS time, 1980 to 2107 (seconds even): a date outside is held to the range.
        if when.year < 1980:
            self._date_time: tuple[int, int, int, int, int, int] = (1980, 1, 1, 0, 0, 0)
        elif when.year > 2107:
            self._date_time = (2107, 12, 31, 23, 59, 58)
        else:
            self._date_time = (when.year, when.month, when.day, when.hour, when.minute, when.second)

    def writestr(  # type: ignore[override]
        self, zinfo_or_arcname: str | zipfile.ZipInfo, data: str | bytes, *args: Any, **kwargs: Any
    ) -> None:
        name = zinfo_or_arcname.filename if isinstance(zinfo_or_arcname, zipfile.ZipInfo) else zinfo_or_arcname
        info = zipfile.ZipInfo(name, self._date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info.create_system = 3  # Unix, wherever the file is made
        info.external_attr = 0o644 << 16
        super().writestr(info, data)

    def write(self, filename: Any, arcname: Any = None, *args: Any, **kwargs: Any) -> None:
        with open(filename, "rb") as fh:
            self.writestr(str(arcname or filename), fh.read())


__all__ = ["FORMATS", "ExportError", "export_bytes", "export_paths", "export_record", "format_of", "midnight"]
