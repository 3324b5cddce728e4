"""Helpers for the import tests: run the command in-process, build small workbooks by hand."""

from __future__ import annotations

import zipfile
from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

import pytest

from ropa_check.cli import main
from ropa_check.columns import letters

#: Copies of /work/shared/corpora (each folder keeps its SOURCE.txt and licence): real third-party files.
CORPORA = Path(__file__).parent / "data"
ICO_TEMPLATE = CORPORA / "fides-ico-shaped-ropa-template" / "fides_datamap_template.xlsx"
FIDES_SAMPLE = CORPORA / "fides-sample-project"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>{doctype}'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>'
)


def sheet_xml(
    rows: Sequence[Sequence[str | None]], *, merges: Sequence[str] = (), formulas: dict[str, str] | None = None
) -> str:
    """A worksheet part with inline strings; ``formulas`` maps cell refs to formulas (no cached value)."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    ]
    for number, row in enumerate(rows, start=1):
        parts.append(f'<row r="{number}">')
        for index, value in enumerate(row):
            ref = f"{letters(index)}{number}"
            if formulas and ref in formulas:
                parts.append(f'<c r="{ref}"><f>{escape(formulas[ref])}</f></c>')
            elif value is not None:
                parts.append(f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>')
        parts.append("</row>")
    parts.append("</sheetData>")
    if merges:
        parts.append(f'<mergeCells count="{len(merges)}">')
        parts.extend(f'<mergeCell ref="{ref}"/>' for ref in merges)
        parts.append("</mergeCells>")
    parts.append("</worksheet>")
    return "".join(parts)


def write_xlsx(
    path: Path, sheet: str, *, name: str = "Sheet1", doctype: str = "", extra: dict[str, bytes] | None = None
) -> Path:
    """A minimal XLSX written part by part (fast for large sheets; room for hostile parts)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", ROOT_RELS)
        archive.writestr("xl/workbook.xml", WORKBOOK.format(doctype=doctype, name=name))
        archive.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for part, data in (extra or {}).items():
            archive.writestr(part, data)
    return path


@pytest.fixture
def run_import(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``ropa-check import ARGS`` in-process: (exit status, stdout, stderr)."""

    def run(*args: str | Path) -> tuple[int, str, str]:
        status = main(["import", *(str(a) for a in args)])
        captured = capsys.readouterr()
        return status, captured.out, captured.err

    return run


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run ``ropa-check check PATH --output-format concise`` in-process: (exit status, stdout)."""

    def run(path: Path) -> tuple[int, str]:
        status = main(["check", str(path), "--output-format", "concise"])
        captured = capsys.readouterr()
        return status, captured.out + captured.err

    return run
