"""Any text a record can hold survives a spreadsheet cell: openpyxl never raises, and it reads back as written."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from pathlib import Path

import openpyxl
from hypothesis import given, settings
from hypothesis import strategies as st

from ropa_check.export.cells import MAX_CELL, clean, csv_cell, from_csv, is_formula_like
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


def test_a_long_value_is_cut_before_it_is_cleaned(tmp_path: Path) -> None:
    # A value longer than a cell holds is cut: cleaning all of it first cost ~10 ms a megabyte in every row
    # that repeats it (a 2 MB purpose inherited by 500 data categories: about 5 s of CPU for one CSV).
    import time

    from ropa_check.cli import main
    from tests.helpers import compliant

    data = compliant()
    activity = data["activities"][0]
    activity["purposes"][0]["description"] = "\x1b" * 10 + "<" * 2_000_000
    activity["data_categories"] += [{"id": f"c{i}", "name": f"Kategori {i}", "tags": ["identity"]} for i in range(500)]
    folder = tmp_path / "long"
    folder.mkdir()
    (folder / "record.json").write_text(json.dumps(data, default=str), encoding="utf-8")
    start = time.process_time()
    status = main(["export", str(folder), "-o", str(tmp_path / "out.csv"), "--template", "ico", "--isolated"])
    seconds = time.process_time() - start
    assert status == 0
    assert seconds < 2, f"{seconds:.1f} s of CPU"
    cells = [c for row in csv.reader(io.StringIO((tmp_path / "out.csv").read_text(encoding="utf-8-sig"))) for c in row]
    purpose = [c for c in cells if c.startswith("\\x1b")]
    assert len(purpose) == 503  # the activity's 3 categories and the 500 added
    assert all(len(c) == MAX_CELL and c.endswith("characters in a cell)") for c in purpose)


@given(st.text(alphabet="\x00\r\nab\u202e", min_size=1, max_size=12), st.integers(MAX_CELL // 3, MAX_CELL * 3))
@settings(max_examples=60, deadline=None)
def test_cutting_first_gives_what_cleaning_all_would(pattern: str, length: int) -> None:
    text = (pattern * (length // len(pattern) + 1))[:length]
    assert clean(text) == _clean_all(text)


def _clean_all(text: str) -> str:
    """:func:`clean` as it was: the whole text cleaned, then cut."""
    from ropa_check.export.cells import _CUT, _UNSAFE, _visible

    text = _UNSAFE.sub(lambda m: _visible(m.group()), text.replace("\r\n", "\n").replace("\r", "\n"))
    return text[: MAX_CELL - len(_CUT)] + _CUT if len(text) > MAX_CELL else text
