"""A hostile record: formulas, control characters, text XML cannot hold and text longer than a cell.

OWASP's CSV-injection guidance: a cell starting with =, +, -, @, tab or
carriage return is written as text, never run as a formula. openpyxl must
never raise on what a record holds, and a terminal that shows the CSV must not
be driven by it.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from ropa_check.export.cells import MAX_CELL, clean, csv_cell, from_csv

from .conftest import FORMULAS, export, read_csv, read_xlsx


@pytest.mark.parametrize("template", ["ico", "skr", "cnil"])
def test_no_cell_of_a_hostile_record_is_a_formula(template: str, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert export([str(hostile)], target, template) == 0
    sheets = read_xlsx(target)  # asserts that no cell is a formula
    with zipfile.ZipFile(target) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert not re.search(rb"<f[ >]", archive.read(name)), name
    texts = {v for grid in sheets.values() for row in grid for v in row}
    written = [f for f in FORMULAS if clean(f) in texts]
    assert FORMULAS[1] in written
    assert FORMULAS[0] in written
    workbook = openpyxl.load_workbook(target)
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith(("=", "+", "-", "@", "\t", "\r")):
                    assert c.data_type == "s", (ws.title, c.coordinate)
                    assert c.quotePrefix, (ws.title, c.coordinate)


@pytest.mark.parametrize("template", ["ico", "skr"])
def test_a_hostile_csv_quotes_every_formula(template: str, hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    assert export([str(hostile)], target, template) == 0
    text = target.read_bytes().decode("utf-8-sig")
    fields = [f for row in csv.reader(io.StringIO(text, newline="")) for f in row]
    for field in fields:
        # A spreadsheet program sees a quote first, never a formula start.
        assert not field.startswith(("=", "+", "-", "@", "\t", "\r")), field
    for formula in FORMULAS:
        if clean(formula) in {from_csv(f) for f in fields}:
            assert csv_cell(clean(formula)) in fields
    assert "'" + clean(FORMULAS[1]) in fields
    # Nothing that drives a terminal or that XML cannot hold gets through, in any field.
    assert not re.search(
        "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202e\ud800-\udfff\ufffe]", text.replace("\r\n", "\n").replace("\n", "")
    )
    assert read_csv(target) == next(iter(read_xlsx(_xlsx(hostile, template, tmp_path)).values()))


def _xlsx(hostile: Path, template: str, tmp_path: Path) -> Path:
    target = tmp_path / "same.xlsx"
    assert export([str(hostile)], target, template) == 0
    return target


def test_control_characters_are_shown_and_long_text_is_cut(hostile: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert export([str(hostile)], target, "cnil") == 0
    form = read_xlsx(target)["1 - a"]
    texts = [v for row in form for v in row]
    assert "NUL\\x00 VT\\x0b \\ufffe \\u202eevil" in texts
    assert "\\x1b[31mred\\x07" in texts
    (long,) = [t for t in texts if t.startswith("xxxx")]
    assert len(long) == MAX_CELL
    assert long.endswith("32,767 characters in a cell)")


@pytest.mark.parametrize("value", [*FORMULAS, "plain", "'quoted", "''=x", "", "-", "a=b"])
def test_csv_quoting_reads_back_exactly(value: str) -> None:
    assert from_csv(csv_cell(value)) == value
