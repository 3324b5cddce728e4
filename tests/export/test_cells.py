"""Any text a record can hold survives a spreadsheet cell: openpyxl never raises, and it reads back as written."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from ropa_check.export.cells import clean, csv_cell, from_csv, is_formula_like
from ropa_check.export.sheets import Sheet
from ropa_check.export.write import csv_text, xlsx_bytes

# Text with the characters that matter here over-represented: formula starts, quotes, controls, line ends.
TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from("=+-@'\t\r\n \x00\x07\x1b\x7f\x9b\u2028\u202e\ufffe\uffffåäö"),
        st.characters(exclude_categories=("Cs",)),
    ),
    max_size=40,
)


@settings(max_examples=40, deadline=None)
@given(st.lists(TEXT, min_size=1, max_size=6))
def test_any_text_reads_back_from_xlsx_and_csv_as_cleaned(texts: list[str]) -> None:
    cleaned = [clean(t) for t in texts]
    sheet = Sheet("s", [list(cleaned)])
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx_bytes([sheet], dt.datetime(2026, 1, 1))))
    (row,) = workbook.active.iter_rows(values_only=False)
    for cell, text in zip(row, cleaned, strict=False):
        assert cell.data_type != "f"
        assert (cell.value or "") == text
    (fields,) = list(csv.reader(io.StringIO(csv_text(sheet).removeprefix("\ufeff"), newline="")))
    assert [from_csv(f) for f in fields] == cleaned
    for field in fields:
        assert not is_formula_like(field)


@given(TEXT)
def test_clean_leaves_nothing_xml_cannot_hold_and_is_stable(text: str) -> None:
    once = clean(text)
    assert clean(once) == once
    assert not any(c in once for c in "\x00\x07\x1b\r\x7f\x9b\u2028\u202e\ufffe\uffff")
    assert from_csv(csv_cell(once)) == once
