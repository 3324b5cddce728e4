"""The command around the import: what it refuses, what it writes, what a check costs, Kollektivkraft's round trip."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_check.cli import main

from .conftest import FIDES_SAMPLE

ROOT = Path(__file__).resolve().parents[2]


def test_a_check_imports_no_import_work(tmp_path: Path) -> None:
    # Only the import command's argument module is imported, by the command-line parser.
    code = (
        "import sys\n"
        "from ropa_check.cli import main\n"
        f"status = main([{str(ROOT / 'records')!r}])\n"
        "heavy = sorted(m for m in sys.modules if m.startswith('ropa_check.importing.')"
        " and m != 'ropa_check.importing.command')\n"
        "print(status, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "1 []"


@pytest.mark.parametrize("template", ["ico", "skr"])
def test_kollektivkrafts_record_survives_export_and_import(tmp_path: Path, run_import, run_check, capsys, template):
    sheet = tmp_path / f"kollektivkraft-{template}.xlsx"
    assert main(["export", str(ROOT / "records"), "-o", str(sheet), "--template", template]) == 0
    capsys.readouterr()
    status, stdout, _ = run_import(sheet, "-o", tmp_path / "record")
    assert status == 0
    assert "Imported 10 activities" in stdout
    status, text = run_check(tmp_path / "record")
    assert status == 1  # loads, and its gaps are still reported: the vague retention stays vague
    assert "RPA402" in text
    assert "så länge det är nödvändigt" in text


def test_a_fides_manifest_is_found_by_its_content(tmp_path: Path, run_import) -> None:
    source = tmp_path / "systems.fides"
    shutil.copy(FIDES_SAMPLE / "sample_systems.yml", source)
    status, stdout, _ = run_import(source, "-o", tmp_path / "record")
    assert status == 0
    assert "Imported 6 activities" in stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "spreadsheet"], "is a folder: only Fides manifests are imported from a folder"),
        (["--report", "{out}/report.json"], "--report {out}/report.json: must be neither the source, inside it"),
    ],
)
def test_usage_refusals(tmp_path: Path, run_import, args, message) -> None:
    out = tmp_path / "record"
    args = [a.format(out=out) for a in args]
    status, _, stderr = run_import(FIDES_SAMPLE, "-o", out, *args)
    assert status == 2
    assert message.format(out=out) in stderr
    assert not out.exists()


def test_the_json_report_lists_every_note(tmp_path: Path, run_import) -> None:
    status, _, stderr = run_import(FIDES_SAMPLE, "-o", tmp_path / "record", "--report", tmp_path / "report.json")
    assert status == 0
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["counts"] == {"unplaced": 0, "lost": 4, "warning": 0}
    assert len(report["notes"]) == len(stderr.splitlines())
    assert report["written"]["files"][0] == "activities/cookie_house.yaml"


def test_a_missing_source_is_a_usage_error(tmp_path: Path, run_import) -> None:
    status, _, stderr = run_import(tmp_path / "nothing.xlsx", "-o", tmp_path / "record")
    assert status == 2
    assert "nothing.xlsx: no such file or folder" in stderr


@pytest.mark.parametrize("inside_source", [False, True])
def test_the_report_never_overwrites_an_input(tmp_path: Path, run_import, inside_source: bool) -> None:
    # The mapping file is read by the import, and a file inside a Fides source folder is part of the source.
    source = tmp_path / "fides"
    shutil.copytree(FIDES_SAMPLE, source)
    mapping = tmp_path / "map.yaml"
    mapping.write_text("layout: x\ncolumns: {purpose: Purpose}\n", encoding="utf-8")
    if inside_source:
        target = source / "sample_policy.yml"
        args: list[str | Path] = [source, "-o", tmp_path / "record", "--report", target]
    else:
        target = mapping
        sheet = tmp_path / "s.csv"
        sheet.write_text("Purpose\nBilling\n", encoding="utf-8")
        args = [sheet, "-o", tmp_path / "record", "--mapping", mapping, "--report", mapping]
    before = target.read_bytes()
    status, _, stderr = run_import(*args)
    assert status == 2
    assert "--report" in stderr
    assert target.read_bytes() == before
    assert not (tmp_path / "record").exists()
