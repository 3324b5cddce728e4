"""`ropa-check export` from the command line: exit statuses, refused targets, nothing half-written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from ropa_check.export import command
from ropa_check.export.layout import NAMES

from .conftest import RECORDS, ROOT, export, read_xlsx


def test_the_command_offers_the_layouts_there_are() -> None:
    assert command.TEMPLATES == NAMES


def test_an_export_says_what_it_wrote(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export([str(RECORDS)], tmp_path / "k.xlsx", "ico") == 0
    assert "10 activities in the ico layout (XLSX, 1 sheet)" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("name", "extra", "message"),
    [
        ("k.txt", (), "end it in .xlsx or .csv"),
        ("k.yaml", (), "end it in .xlsx or .csv"),
        ("k.csv", ("--template", "cnil"), "a sheet per activity, which one CSV file cannot hold"),
    ],
)
def test_what_cannot_be_written_is_exit_2_and_nothing_is_written(
    name: str, extra: tuple[str, ...], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ropa_check.cli import main

    target = tmp_path / name
    template = extra[1] if extra else "ico"
    assert main(["export", str(RECORDS), "-o", str(target), "--template", template]) == 2
    assert message in capsys.readouterr().err
    assert not target.exists()


def test_usage_errors_are_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    from ropa_check.cli import main

    assert main(["export", str(RECORDS), "--template", "ico"]) == 2  # no -o
    assert main(["export", str(RECORDS), "-o", "x.xlsx", "--template", "fr"]) == 2
    assert main(["export", str(RECORDS), "-o", "x.xlsx"]) == 2  # no --template
    err = capsys.readouterr().err
    assert "-o" in err
    assert "invalid choice: 'fr'" in err


def test_an_existing_file_is_replaced_only_with_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "k.xlsx"
    target.write_bytes(b"the DPO's own file")
    assert export([str(RECORDS)], target, "ico") == 2
    assert "exists; --force replaces it" in capsys.readouterr().err
    assert target.read_bytes() == b"the DPO's own file"
    assert export([str(RECORDS)], target, "ico", "--force") == 0
    assert "Template" in read_xlsx(target)


def test_a_folder_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert export([str(RECORDS)], tmp_path, "ico") == 2
    assert "is a folder" in capsys.readouterr().err


def test_a_file_of_the_record_is_never_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A link named like a spreadsheet that leads to a record file is that file: writing through it is refused.
    record = tmp_path / "record"
    record.mkdir()
    source = (RECORDS / "organisation.yaml").read_text(encoding="utf-8")
    (record / "organisation.yaml").write_text(source, encoding="utf-8")
    link = tmp_path / "k.xlsx"
    link.symlink_to(record / "organisation.yaml")
    assert export([str(record)], link, "ico", "--force") == 2
    assert "is one of the files being checked" in capsys.readouterr().err
    assert (record / "organisation.yaml").read_text(encoding="utf-8") == source


def test_a_record_folder_is_never_the_target(capsys: pytest.CaptureFixture[str]) -> None:
    assert export([str(RECORDS)], RECORDS, "ico", "--force") == 2
    assert "is a folder" in capsys.readouterr().err


def test_a_record_that_does_not_load_is_not_exported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = tmp_path / "broken"
    record.mkdir()
    (record / "record.yaml").write_text(
        "organisation:\n  controller: {name: X}\nactivities:\n  - id: a\n    retension: {}\n", encoding="utf-8"
    )
    target = tmp_path / "out.xlsx"
    assert export([str(record)], target, "ico") == 2
    err = capsys.readouterr().err
    assert "record.yaml:5:5" in err
    assert "retention" in err  # the nearest key is suggested
    assert "nothing was exported" in err
    assert not target.exists()
    assert not list(tmp_path.glob(".out.xlsx*"))  # no temporary file left either


def test_export_imports_openpyxl_and_check_does_not(tmp_path: Path) -> None:
    # The other half of the cold-start test in tests/test_compiled_model.py: the module list it checks is real.
    code = (
        "import sys\n"
        "from ropa_check.cli import main\n"
        f"status = main(['export', {str(RECORDS)!r}, '-o', {str(tmp_path / 'k.xlsx')!r}, '--template', 'ico'])\n"
        "print(status, 'openpyxl' in sys.modules, 'ropa_check.export.write' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "0 True True"


def test_a_file_inside_the_record_exports_the_whole_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # Art. 30 asks for the record; a file is read within its record, as `check` reads it.
    assert export([str(RECORDS / "activities" / "medlemsregister.yaml")], tmp_path / "k.csv", "skr") == 0
    assert "10 activities" in capsys.readouterr().out
