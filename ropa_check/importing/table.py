"""A sheet as rows of text, read from XLSX or CSV, whatever the source: where each cell is, and its text."""

from __future__ import annotations

from dataclasses import dataclass, field

from ropa_check import columns

#: The most rows one sheet may have (a record of processing has tens to hundreds of rows; Fides' finest
#: grain, one row per system, use, subject and category, a few thousand): reading stops with an error past it.
MAX_ROWS = 10_000
#: Columns read from each row; cells further right are reported and left out.
MAX_COLUMNS = 200
#: The largest source file read, in bytes.
MAX_FILE_BYTES = 50 * 2**20


#: The spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA).
column_letter = columns.letters


@dataclass
class Sheet:
    """One sheet's rows: (row number, cell texts), empty cells as None; located as ``Sheet!F12`` or ``file:12``."""

    name: str
    csv: bool = False
    rows: list[tuple[int, list[str | None]]] = field(default_factory=list)
    #: Formula cells, left out of ``rows`` (never evaluated): (row, 0-based column) to the formula's text.
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)
    #: Warnings about this sheet (merged ranges, cells too far right), reported when the sheet is the one imported.
    notes: list[tuple[str, str, str | None]] = field(default_factory=list)

    def where(self, row: int, column: int | None = None) -> str:
        """Where a cell (or a row, without ``column``) is, as the import report says it."""
        if self.csv:
            return f"{self.name}:{row}" + ("" if column is None else f" (column {column_letter(column)})")
        return f"{self.name}!{'A' if column is None else column_letter(column)}{row}"
