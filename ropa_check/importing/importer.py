"""One import: read the source, build the record, write the folder and the report."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from ropa_check.importing.draft import Draft, SourceError
from ropa_check.importing.report import Report

Kind = Literal["xlsx", "csv", "fides"]
_XLSX_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm", ".xlam", ".xls")
_FIDES_SUFFIXES = (".yml", ".yaml")
_FIDES_START = re.compile(rb"^(organization|system|dataset):[ \t]*(#.*)?\r?$", re.MULTILINE)


@dataclass(frozen=True)
class Request:
    """What to import, how, and where to."""

    source: Path
    output: Path
    template: str | None = None
    mapping: Path | None = None
    kind: str | None = None
    force: bool = False


def source_kind(source: Path, wanted: str | None) -> Kind:
    """Whether ``source`` is read as XLSX, CSV or Fides manifests. Raises SourceError."""
    name = str(source)
    if not os.path.lexists(source):
        raise SourceError(name, "no such file or folder")
    if wanted == "fides" or source.is_dir():
        if wanted not in (None, "fides"):
            raise SourceError(name, "is a folder: only Fides manifests are imported from a folder")
        return "fides"
    suffix = source.suffix.lower()
    if suffix in _XLSX_SUFFIXES:
        return "xlsx"
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    if suffix in _FIDES_SUFFIXES and wanted != "spreadsheet":
        return "fides"
    try:
        with open(source, "rb") as fh:
            head = fh.read(65536)
    except OSError as exc:
        raise SourceError(name, f"cannot read file: {exc.strerror or exc}") from None
    if head.startswith(b"PK") or head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xlsx"
    if _FIDES_START.search(head) and wanted != "spreadsheet":  # a Fides manifest under another name (.fides, no suffix)
        return "fides"
    raise SourceError(
        name, "is not a spreadsheet (.xlsx, .csv) or Fides manifest (.yml, or a folder of them); say which with --from"
    )


def build(request: Request, report: Report) -> Draft:
    """The record read from the source. Raises SourceError."""
    kind = source_kind(request.source, request.kind)
    draft = Draft(report)
    shown_name = str(request.source)
    if kind == "fides":
        from ropa_check.importing.fides import import_fides

        import_fides(request.source, draft)
        return draft
    from ropa_check.importing import layout as layouts
    from ropa_check.importing.spreadsheet import has_header, import_sheets
    from ropa_check.importing.table import Sheet

    sheets: list[Sheet]
    if kind == "xlsx":
        from ropa_check.importing.xlsx_table import read_xlsx

        sheets = read_xlsx(request.source, shown_name)
    else:
        from ropa_check.importing.csv_table import read_csv

        sheets = [read_csv(request.source, request.source.name, report)]
    if request.mapping is not None:
        import_sheets(sheets, layouts.from_mapping(request.mapping, str(request.mapping)), draft, shown_name)
        return draft
    if request.template is not None:
        import_sheets(sheets, layouts.shipped(request.template), draft, shown_name)
        return draft
    # The first layout whose header row is found is the sheet's: an error reading it is that layout's error,
    # and the draft it began is not handed to the next layout.
    for name in ("ico", "skr"):
        layout = layouts.shipped(name)
        if has_header(sheets, layout):
            import_sheets(sheets, layout, draft, shown_name)
            report.layout = name
            return draft
    try:
        import_sheets(sheets, layouts.shipped("ico"), draft, shown_name)
    except SourceError as exc:
        raise SourceError(exc.where, f"{exc.message}; nor of the 'skr' layout (--mapping FILE reads others)") from None
    raise AssertionError("import_sheets found a header row that has_header did not")


def comment_notes(report: Report) -> dict[str, dict[tuple[str | int, ...], list[str]]]:
    """The notes that belong in the written files, as comments by file and path."""
    out: dict[str, dict[tuple[str | int, ...], list[str]]] = {}
    for note in report.notes:
        if note.target is None:
            continue
        file, path = note.target
        value = "" if note.value is None else f": {note.value!r}"
        out.setdefault(file, {}).setdefault(path, []).append(f"import {note.kind}: {note.where}: {note.message}{value}")
    return out
