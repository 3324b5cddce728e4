"""Small records exported in each layout: the cells hold what the record says (tests/export/data/cases.yaml)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa_check.export.layout import load

from .conftest import DATA, cell, export, read_csv, read_xlsx

CASES: list[dict[str, Any]] = yaml.safe_load((DATA / "cases.yaml").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_cells_hold_what_the_record_says(
    case: dict[str, Any], write_record: Callable[..., Path], tmp_path: Path
) -> None:
    folder = write_record(case["files"])
    target = tmp_path / "out.xlsx"
    assert export([str(folder)], target, case["template"]) == 0
    sheets = read_xlsx(target)
    for sheet, cells in case["cells"].items():
        assert sheet in sheets, f"no sheet {sheet!r} in {list(sheets)}"
        for ref, expected in cells.items():
            assert cell(sheets[sheet], ref) == expected, f"{sheet}!{ref}"
    if not load(case["template"]).multi_sheet:
        # The CSV holds the same cells at the same places.
        csv_target = tmp_path / "out.csv"
        assert export([str(folder)], csv_target, case["template"]) == 0
        assert read_csv(csv_target) == next(iter(sheets.values()))
