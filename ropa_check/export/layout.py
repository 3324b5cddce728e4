"""The regulators' layouts, read from their data files (``layouts/<name>.yaml``).

A layout is a list of sheets; a sheet is a list of rows written from row 1.
A row is fixed cells (column letter to text; a text starting with ``$`` names
a value of :mod:`ropa_check.export.values`), a table (a header row, then one
row per activity or per data category), or an expansion (one row per item of
a value that lists rows, as the CNIL's per-activity form has). A sheet may be
written once per activity (``per: activity``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

import yaml

from ropa_check import columns

#: The layouts shipped, in the order ``--help`` lists them.
NAMES = ("ico", "skr", "cnil")

_COLUMN = re.compile(r"^[A-Z]{1,3}$")


class LayoutError(Exception):
    """A layout data file that does not say what a layout must (a bug in ropa-check's data)."""


@dataclass(frozen=True)
class Fixed:
    """A row of fixed cells: (0-based column, text or ``$value``)."""

    cells: tuple[tuple[int, str], ...]


@dataclass(frozen=True)
class Table:
    """A header row, then one row per activity or per data category: (column, header, ``$value``)."""

    grain: Literal["activity", "category"]
    columns: tuple[tuple[int, str, str], ...]


@dataclass(frozen=True)
class Expand:
    """One row per item that ``source`` lists; ``label`` (``{n}`` counts from 1) goes in the first column."""

    source: str
    label: str | None
    columns: tuple[int, ...]
    empty: bool


Row = Fixed | Table | Expand


@dataclass(frozen=True)
class SheetLayout:
    """One sheet, or one sheet per activity (``name`` then formats ``{n}`` and ``{id}``)."""

    name: str
    per_activity: bool
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Layout:
    """A regulator's layout: its sheets, and the words and labels its language writes values with."""

    name: str
    title: str
    language: str
    date_format: str
    sheets: tuple[SheetLayout, ...]
    words: Mapping[str, str]
    labels: Mapping[str, Mapping[str, str]]

    @property
    def multi_sheet(self) -> bool:
        """True when the layout has more than one sheet (CSV cannot hold it)."""
        return len(self.sheets) > 1 or any(s.per_activity for s in self.sheets)


def column_index(letters: str) -> int:
    """``A`` -> 0, ``Z`` -> 25, ``AA`` -> 26."""
    if not _COLUMN.match(letters):
        raise LayoutError(f"{letters!r} is not a column (A, B, ..., AA)")
    return columns.index(letters)


#: 0 -> ``A``, 26 -> ``AA``.
column_letters = columns.letters


@functools.cache
def load(name: str) -> Layout:
    """The layout ``name`` (one of :data:`NAMES`). Raises LayoutError when its data file is wrong."""
    if name not in NAMES:
        raise LayoutError(f"unknown layout {name!r}; choose from {', '.join(NAMES)}")
    text = resources.files(__package__).joinpath("layouts").joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    try:
        return _layout(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise LayoutError(f"layouts/{name}.yaml: {exc!r}") from None


def _text(value: Any, where: str) -> str:
    # YAML 1.1 reads Yes, No, On and 1 as other types: a label must be written as text.
    if not isinstance(value, str):
        raise LayoutError(f"{where}: {value!r} is not text (quote it)")
    return value


def _layout(data: dict[str, Any]) -> Layout:
    sheets = []
    for sheet in data["sheets"]:
        rows: list[Row] = []
        for i, row in enumerate(sheet["rows"]):
            where = f"sheet {sheet['name']!r}, row entry {i + 1}"
            if "table" in row:
                grain = row["table"]
                if grain not in ("activity", "category"):
                    raise LayoutError(f"{where}: table grain {grain!r} is not 'activity' or 'category'")
                columns = tuple(
                    (column_index(c), _text(header, where), _text(value, where)) for c, header, value in row["columns"]
                )
                rows.append(Table(grain, columns))
            elif "rows" in row:
                label = row.get("label")
                rows.append(
                    Expand(
                        _text(row["rows"], where),
                        None if label is None else _text(label, where),
                        tuple(column_index(c) for c in row["columns"]),
                        bool(row.get("empty", False)),
                    )
                )
            else:
                rows.append(Fixed(tuple(sorted((column_index(c), _text(v, where)) for c, v in row.items()))))
        sheets.append(SheetLayout(_text(sheet["name"], "sheet name"), sheet.get("per") == "activity", tuple(rows)))
    words = {_text(k, "words"): _text(v, f"words.{k}") for k, v in data["words"].items()}
    labels = {
        group: {_text(k, group): _text(v, f"labels.{group}.{k}") for k, v in values.items()}
        for group, values in data["labels"].items()
    }
    return Layout(
        name=_text(data["name"], "name"),
        title=_text(data["title"], "title"),
        language=_text(data["language"], "language"),
        date_format=_text(data["date_format"], "date_format"),
        sheets=tuple(sheets),
        words=words,
        labels=labels,
    )


__all__ = ["NAMES", "Expand", "Fixed", "Layout", "LayoutError", "Row", "SheetLayout", "Table", "column_index", "load"]
