"""A real spreadsheet program opens the hostile exports and runs no formula (where LibreOffice is installed).

LibreOffice converts the XLSX and the CSV (UTF-8, comma, double quote) to
XLSX; a formula it had read from our file would be a formula cell there.
Debian's libreoffice-calc-nogui is enough; without it the test is skipped.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from .conftest import FORMULAS, export

pytestmark = pytest.mark.slow
SOFFICE = shutil.which("soffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.parametrize(("name", "template"), [("h.xlsx", "ico"), ("h.csv", "ico"), ("c.xlsx", "cnil")])
def test_libreoffice_reads_every_hostile_cell_as_text(name: str, template: str, hostile: Path, tmp_path: Path) -> None:
    assert SOFFICE is not None
    source = tmp_path / name
    assert export([str(hostile)], source, template) == 0
    out = tmp_path / "converted"
    command = [SOFFICE, "--headless", f"-env:UserInstallation=file://{tmp_path / 'profile'}"]
    if name.endswith(".csv"):
        command.append("--infilter=CSV:44,34,76,1")  # comma, double quote, UTF-8, from line 1
    subprocess.run([*command, "--convert-to", "xlsx", "--outdir", str(out), str(source)], check=True, timeout=180)
    workbook = openpyxl.load_workbook(out / (source.stem + ".xlsx"))
    texts = []
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (
                    f"LibreOffice read {ws.title}!{cell.coordinate} as a formula: {cell.value}"
                )
                if isinstance(cell.value, str):
                    texts.append(cell.value.removeprefix("'"))  # CSV's quote prefix shows in the cell
    assert FORMULAS[1] in texts  # the activity name, as text
