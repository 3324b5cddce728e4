"""The same record and date give the same bytes; the date is the one asked for, wherever it is written."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import RECORDS, ROOT, export


@pytest.mark.parametrize(("template", "suffix"), [("ico", ".xlsx"), ("skr", ".csv"), ("cnil", ".xlsx")])
def test_two_exports_are_the_same_bytes(template: str, suffix: str, tmp_path: Path) -> None:
    assert export([str(RECORDS)], tmp_path / f"a{suffix}", template) == 0
    assert export([str(RECORDS)], tmp_path / f"b{suffix}", template) == 0
    assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()


def test_the_workbook_carries_the_date_asked_for_and_no_other(tmp_path: Path) -> None:
    target = tmp_path / "a.xlsx"
    assert export([str(RECORDS)], target, "ico") == 0  # --today 2026-11-30
    with zipfile.ZipFile(target) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 30, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert core.count("2026-11-30T00:00:00Z") == 2  # created and modified
    later = tmp_path / "b.xlsx"
    assert export([str(RECORDS)], later, "ico", "--today", "2026-12-01") == 0
    assert later.read_bytes() != target.read_bytes()


def test_source_date_epoch_dates_the_workbook_in_a_fresh_process(tmp_path: Path) -> None:
    # Two processes, as two builds would be: nothing of the first run (a cache, the clock) is shared.
    outputs = []
    for name in ("a.xlsx", "b.xlsx"):
        target = tmp_path / name
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
        env.pop("ROPA_CHECK_TODAY", None)
        subprocess.run(
            [sys.executable, "-m", "ropa_check", "export", str(RECORDS), "-o", str(target), "--template", "ico"],
            cwd=ROOT,
            env=env,
            check=True,
            capture_output=True,
        )
        outputs.append(target.read_bytes())
        with zipfile.ZipFile(target) as archive:
            assert "2023-11-14T22:13:20Z" in archive.read("docProps/core.xml").decode()
    assert outputs[0] == outputs[1]


def test_a_bad_source_date_epoch_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    monkeypatch.delenv("ROPA_CHECK_TODAY", raising=False)
    from ropa_check.cli import main

    target = tmp_path / "a.xlsx"
    assert main(["export", str(RECORDS), "-o", str(target), "--template", "ico"]) == 2
    assert not target.exists()


@pytest.mark.parametrize(
    ("today", "in_zip"),
    [
        ("9999-12-31", (2107, 12, 31, 23, 59, 58)),
        ("2200-06-01", (2107, 12, 31, 23, 59, 58)),
        ("0001-01-01", (1980, 1, 1, 0, 0, 0)),
    ],
)
def test_a_date_a_zip_cannot_hold_is_held_to_its_range(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], today: str, in_zip: tuple[int, ...]
) -> None:
    # A zip member's date runs from 1980 to 2107 (MS-DOS time); --today 9999-12-31 was an internal error (exit 3).
    from ropa_check.cli import main

    target = tmp_path / "a.xlsx"
    assert main(["export", str(RECORDS), "-o", str(target), "--template", "ico", "--today", today]) == 0
    with zipfile.ZipFile(target) as archive:
        assert {info.date_time for info in archive.infolist()} == {in_zip}
        core = archive.read("docProps/core.xml").decode()
    assert f"{today}T00:00:00Z" in core  # the workbook's own dates are as asked
