"""A record laid out in a regulator's layout: sheets of rows of cell text, before any file format.

Both writers (XLSX and CSV) write these rows as they are, so a cell is at the
same row and column in either file, and the tests compare a file read back with
them and with the record. Values are made safe here (:func:`cells.clean`);
formula-like text is made text by each writer in its own way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ropa_check.export import values
from ropa_check.export.cells import clean
from ropa_check.export.layout import Expand, Fixed, Layout, SheetLayout, Table
from ropa_check.record import ActivityView, Record

#: Excel's limit on a sheet name, and the characters it refuses in one.
MAX_SHEET_NAME = 31
_SHEET_REFUSED = re.compile(r"[\[\]:*?/\\]")

Cells = list[str | None]


@dataclass
class Sheet:
    """One sheet: its name and its rows from row 1 (None is an empty cell)."""

    name: str
    rows: list[Cells]

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def build(record: Record, layout: Layout) -> list[Sheet]:
    """The sheets of ``record`` in ``layout``."""
    out: list[Sheet] = []
    taken: set[str] = set()
    for sheet in layout.sheets:
        if sheet.per_activity:
            for n, activity in enumerate(record.activities, start=1):
                name = _sheet_name(sheet.name.format(n=n, id=activity.id), taken)
                out.append(Sheet(name, _rows(sheet, values.Context(record, layout, activity))))
        else:
            out.append(Sheet(_sheet_name(sheet.name, taken), _rows(sheet, values.Context(record, layout))))
    return out


def _sheet_name(wanted: str, taken: set[str]) -> str:
    # Excel compares sheet names without case; ids are lower case, but a layout's names need not be.
    base = _SHEET_REFUSED.sub("_", clean(wanted))[:MAX_SHEET_NAME] or "Sheet"
    name, n = base, 1
    while name.casefold() in taken:
        n += 1
        suffix = f" ({n})"
        name = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(name.casefold())
    return name


def _put(row: Cells, column: int, text: str | None) -> None:
    if not text:
        return
    while len(row) <= column:
        row.append(None)
    row[column] = clean(text)


def _cell(ctx: values.Context, text: str) -> str:
    return values.read(ctx, text[1:]) if text.startswith("$") else text


def _rows(sheet: SheetLayout, ctx: values.Context) -> list[Cells]:
    rows: list[Cells] = []
    for entry in sheet.rows:
        if isinstance(entry, Fixed):
            row: Cells = []
            for column, text in entry.cells:
                _put(row, column, _cell(ctx, text))
            rows.append(row)
        elif isinstance(entry, Table):
            rows.extend(_table(entry, ctx))
        elif isinstance(entry, Expand):
            rows.extend(_expand(entry, ctx))
    return rows


def _table(table: Table, ctx: values.Context) -> list[Cells]:
    header: Cells = []
    for column, title, _ in table.columns:
        _put(header, column, title)
    rows = [header]
    for here in _grain(table, ctx):
        row: Cells = []
        for column, _, text in table.columns:
            _put(row, column, _cell(here, text))
        rows.append(row)
    return rows


def _grain(table: Table, ctx: values.Context) -> list[values.Context]:
    """The contexts of a table's rows: each activity, or each data category of each activity.

    An activity with no data categories still gets its row, so that the gap shows.
    """
    activities: list[ActivityView] = ctx.record.activities if ctx.activity is None else [ctx.activity]
    out = []
    for activity in activities:
        if table.grain == "activity" or not activity.categories:
            out.append(values.Context(ctx.record, ctx.layout, activity))
        else:
            out.extend(values.Context(ctx.record, ctx.layout, activity, c) for c in activity.categories)
    return out


def _expand(entry: Expand, ctx: values.Context) -> list[Cells]:
    found = values.ROW_SOURCES[entry.source[1:]](ctx)
    if not found and entry.empty:
        found = [[]]
    rows = []
    for n, items in enumerate(found, start=1):
        row: Cells = []
        columns = list(entry.columns)
        if entry.label is not None:
            _put(row, columns.pop(0), entry.label.format(n=n))
        for column, text in zip(columns, items, strict=False):
            _put(row, column, text)
        rows.append(row)
    return rows


__all__ = ["MAX_SHEET_NAME", "Sheet", "build"]
