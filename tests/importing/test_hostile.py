"""Hostile and broken sources: each is one located error with exit status 2 (or a reported warning),
never a traceback, never a hang, never a half-written or overwritten folder."""

from __future__ import annotations

import os
import resource
import shutil
import time
import zipfile
from pathlib import Path

import pytest

from .conftest import FIDES_SAMPLE, sheet_xml, write_xlsx

HEADER = ["Processing activity", "Purpose of processing", "Categories of personal data", "Retention schedule"]
ROW = ["Billing", "Invoicing", "Address", "P7Y"]


def _ok_xlsx(path: Path) -> Path:
    return write_xlsx(path, sheet_xml([HEADER, ROW]))


def _xml_bomb(path: Path) -> Path:
    doctype = (
        '<!DOCTYPE workbook [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
    )
    return write_xlsx(path, sheet_xml([HEADER, ROW]), name="&d;", doctype=doctype)


def _zip_bomb(path: Path) -> Path:
    _ok_xlsx(path)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive,
        archive.open("xl/media/zeros.bin", "w", force_zip64=True) as fh,
    ):
        chunk = bytes(2**20)
        for _ in range(300):  # 300 MB of zeros, about 300 kB compressed
            fh.write(chunk)
    return path


def _macro(path: Path) -> Path:
    return write_xlsx(path, sheet_xml([HEADER, ROW]), extra={"xl/vbaProject.bin": b"\x00" * 64})


def _encrypted(path: Path) -> Path:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


def _text_as_xlsx(path: Path) -> Path:
    path.write_text("Purpose,Data\nx,y\n", encoding="utf-8")
    return path


def _zip_not_xlsx(path: Path) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hi")
    return path


def _truncated_xlsx(path: Path) -> Path:
    _ok_xlsx(path)
    path.write_bytes(path.read_bytes()[:200])
    return path


def _broken_sheet(path: Path) -> Path:
    return write_xlsx(path, "<worksheet><sheetData><row r='1'><c r='A1' t='s'><v>99</v></c></row>")


def _pdf(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.4\n")
    return path


def _csv_nul(path: Path) -> Path:
    path.write_bytes(b"Purpose of processing,Categories of personal data\nx,\x00y\n")
    return path


def _csv_not_text(path: Path) -> Path:
    path.write_bytes(b"Purpose of processing,Categories of personal data\nx,\x81\x8d\x8f\x90\n")
    return path


def _csv_no_header(path: Path) -> Path:
    path.write_text("a,b\nc,d\n", encoding="utf-8")
    return path


CASES = [
    ("xml-bomb.xlsx", _xml_bomb, "refused: the workbook's XML declares entities or a DTD"),
    ("zip-bomb.xlsx", _zip_bomb, "refused: the zip would unpack to 315 MB"),
    ("macro.xlsx", _macro, "holds macros (vbaProject.bin)"),
    ("macro.xlsm", _ok_xlsx, "is a macro-enabled workbook"),
    ("protected.xlsx", _encrypted, "is a password-protected (encrypted) workbook or an old .xls file"),
    ("text.xlsx", _text_as_xlsx, "is not an XLSX workbook (not a zip file)"),
    ("other.xlsx", _zip_not_xlsx, "is a zip file but not an XLSX workbook"),
    ("truncated.xlsx", _truncated_xlsx, "is not an XLSX workbook (a broken zip file"),
    ("broken.xlsx", _broken_sheet, "not a readable XLSX workbook"),
    ("report.pdf", _pdf, "is not a spreadsheet (.xlsx, .csv) or Fides manifest"),
    ("nul.csv", _csv_nul, "nul.csv:2: file is binary"),
    ("bytes.csv", _csv_not_text, "nul.csv:2: file is neither UTF-8 nor Windows-1252".replace("nul", "bytes")),
    ("plain.csv", _csv_no_header, "no header row of the 'ico' layout"),
]


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_bad_sources_are_one_located_error(tmp_path: Path, run_import, name, make, message) -> None:
    source = make(tmp_path / name)
    status, _stdout, stderr = run_import(source, "-o", tmp_path / "record")
    assert status == 2, stderr
    assert message in stderr
    assert "Traceback" not in stderr
    assert "internal error" not in stderr
    assert not (tmp_path / "record").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary folder left


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


@pytest.mark.parametrize("kind", ["xlsx", "csv"])
def test_100000_rows_stop_early_in_bounded_time(tmp_path: Path, run_import, kind: str) -> None:
    rows = [HEADER] + [[f"A{i}", "Invoicing", "Address", "P7Y"] for i in range(100_000)]
    if kind == "xlsx":
        source = write_xlsx(tmp_path / "big.xlsx", sheet_xml(rows))
    else:
        source = tmp_path / "big.csv"
        source.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    before = _peak_rss_mb()
    start = time.perf_counter()
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    elapsed = time.perf_counter() - start
    assert status == 2
    assert "more than 10,000 rows" in stderr
    assert elapsed < 20, elapsed
    assert _peak_rss_mb() - before < 400
    assert not (tmp_path / "record").exists()


def test_a_sheet_with_hostile_dimensions_is_read_by_its_rows(tmp_path: Path, run_import) -> None:
    sheet = sheet_xml([HEADER, ROW]).replace("<sheetData>", '<dimension ref="A1:XFD1048576"/><sheetData>')
    status, _, stderr = run_import(write_xlsx(tmp_path / "dim.xlsx", sheet), "-o", tmp_path / "record")
    assert status == 0, stderr


def test_an_existing_folder_is_never_overwritten_without_force(tmp_path: Path, run_import) -> None:
    out = tmp_path / "record"
    out.mkdir()
    (out / "organisation.yaml").write_text("organisation: {}\n", encoding="utf-8")
    status, _, stderr = run_import(_ok_xlsx(tmp_path / "ok.xlsx"), "-o", out)
    assert status == 2
    assert "exists; --force replaces it" in stderr
    assert (out / "organisation.yaml").read_text(encoding="utf-8") == "organisation: {}\n"
    status, _, _ = run_import(tmp_path / "ok.xlsx", "-o", out, "--force")
    assert status == 0
    assert (out / "activities" / "billing.yaml").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ok.xlsx", "record"]


def test_force_replaces_only_record_folders(tmp_path: Path, run_import) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "thesis.txt").write_text("years of work", encoding="utf-8")
    status, _, stderr = run_import(_ok_xlsx(tmp_path / "ok.xlsx"), "-o", home, "--force")
    assert status == 2
    assert "is not a record folder" in stderr
    assert (home / "thesis.txt").is_file()


@pytest.mark.parametrize("where", ["source-folder", "inside-source"])
def test_the_source_is_never_written_over(tmp_path: Path, run_import, where: str) -> None:
    source = tmp_path / "fides"
    shutil.copytree(FIDES_SAMPLE, source)
    out = source if where == "source-folder" else source / "record"
    status, _, stderr = run_import(source, "-o", out, "--force")
    assert status == 2
    assert "source" in stderr
    assert sorted(os.listdir(source)) == sorted(os.listdir(FIDES_SAMPLE))


def test_a_failure_while_writing_leaves_nothing(tmp_path: Path, run_import, monkeypatch) -> None:
    from ropa_check.importing import output

    def full(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(output.os, "sync", full, raising=False)
    monkeypatch.setattr(output.os, "fsync", full)
    status, _, stderr = run_import(FIDES_SAMPLE, "-o", tmp_path / "record")
    assert status == 2
    assert "cannot write the record folder: No space left on device" in stderr
    assert list(tmp_path.iterdir()) == []


def test_record_text_cannot_escape_a_comment_or_a_value(tmp_path: Path, run_import, run_check) -> None:
    import csv

    hostile = "x\n- id: injected\n::error::pwned\u2028\x1b[31m\x85\x7f # NO"
    source = tmp_path / "h.csv"
    with source.open("w", encoding="utf-8", newline="") as fh:
        one_line = hostile.replace("\n", " ")
        csv.writer(fh).writerows([[*HEADER, "Colour"], ["Billing", one_line, "NO", "1.1", hostile]])
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert status == 0, stderr
    assert "\x1b" not in stderr
    assert "\n::error" not in stderr
    text = (tmp_path / "record" / "activities" / "billing.yaml").read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "\n- id: injected" not in text
    assert "\n::error" not in text
    import yaml

    activity = yaml.safe_load(text)["activities"][0]
    assert activity["purposes"][0]["description"] == one_line
    assert "# import unplaced: h.csv:2 (column E): column 'Colour' is not in the 'ico' layout: 'x\\n- id" in text
    assert activity["data_categories"][0]["name"] == "NO"
    assert activity["retention"] == {"description": "1.1"}
    assert run_check(tmp_path / "record")[0] in (0, 1)


def test_overlapping_merged_ranges_cost_no_more_than_one(tmp_path: Path, run_import) -> None:
    # 500 copies of one range over 2,000 rows and 200 columns: Excel never writes overlapping ranges, and
    # spreading each copy over every cell was 200 million steps and 400,000 notes for a 100 kB file.
    rows = [HEADER, ["Billing", "Invoicing", "Address", "P7Y"]] + [[None, f"P{i}", "x"] for i in range(2_000)]
    source = write_xlsx(tmp_path / "merges.xlsx", sheet_xml(rows, merges=["A2:GR2002"] * 500))
    start = time.perf_counter()
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert time.perf_counter() - start < 15
    assert status == 0, stderr[-2000:]
    assert stderr.count("merged cells") == 1
    assert stderr.count("overlap one before them") == 1
    assert len(stderr.splitlines()) < 10


def test_a_flood_of_values_outside_the_layout_stops_with_a_located_error(tmp_path: Path, run_import) -> None:
    # 10,000 rows of 200 columns (5 MB) were 2,000,000 notes, 2 GB and a 157 MB record folder of comments;
    # 3,000 rows of 44 columns are 120,000 values outside the layout, past the bound of 100,000.
    rows = [HEADER] + [[f"A{i}", "Invoicing", "Address", "P7Y", *["junk"] * 40] for i in range(3_000)]
    source = write_xlsx(tmp_path / "wide.xlsx", sheet_xml(rows))
    before = _peak_rss_mb()
    start = time.perf_counter()
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert time.perf_counter() - start < 20
    assert _peak_rss_mb() - before < 400
    assert status == 2
    assert "Sheet1!" in stderr
    assert "more than 100,000 values could not be placed" in stderr
    assert "nor of the 'skr' layout" not in stderr  # the ICO layout was found: its error is the error
    assert len(stderr.splitlines()) < 1_100  # the notes before the error are shown up to a bound, then counted
    assert not (tmp_path / "record").exists()


@pytest.mark.parametrize("other", [".git/HEAD", "README.md", "waivers/notes.txt"])
def test_force_never_replaces_a_record_folder_that_holds_more_than_records(
    tmp_path: Path, run_import, other: str
) -> None:
    # A record kept in git holds its repository, notes and configuration beside organisation.yaml: replacing the
    # folder would delete them with the old record.
    out = tmp_path / "record"
    (out / other).parent.mkdir(parents=True)
    (out / "organisation.yaml").write_text("organisation: {}\n", encoding="utf-8")
    (out / other).write_text("keep me", encoding="utf-8")
    status, _, stderr = run_import(_ok_xlsx(tmp_path / "ok.xlsx"), "-o", out, "--force")
    assert status == 2
    assert "holds files an import does not write" in stderr
    assert (out / other).read_text(encoding="utf-8") == "keep me"


def test_a_sheet_of_wide_rows_stops_at_a_bound_on_cells(tmp_path: Path, run_import) -> None:
    # Rows of 1,000 cells each (XLSX allows 16,384): 10,000 such rows are 10 million cells, minutes of parsing
    # from a 400 kB file, though the row bound holds. Reading stops once the sheet passes 500,000 cells.
    rows = [HEADER] + [["Billing", "Invoicing", *["1"] * 998] for _ in range(600)]
    source = write_xlsx(tmp_path / "wide.xlsx", sheet_xml(rows))
    start = time.perf_counter()
    status, _, stderr = run_import(source, "-o", tmp_path / "record")
    assert time.perf_counter() - start < 20
    assert status == 2
    assert "Sheet1!A" in stderr
    assert "more than 500,000 cells" in stderr
    assert not (tmp_path / "record").exists()
