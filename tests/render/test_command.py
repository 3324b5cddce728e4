"""``ropa-check render``: exit statuses, the output file, refusals, dates and identical bytes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT
from tests.render.conftest import render

ROPA_CHECK = [sys.executable, "-m", "ropa_check"]


def test_writes_html_or_markdown_by_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    records = str(ROOT / "records")
    for name, start in (("k.html", "<!DOCTYPE html>"), ("k.HTM", "<!DOCTYPE html>"), ("k.md", "# Register")):
        status, out, err = render(capsys, records, "-o", str(tmp_path / name))
        assert (status, out, err) == (0, "", "")
        assert (tmp_path / name).read_text(encoding="utf-8").startswith(start)
    status, _, _ = render(capsys, records, "-o", str(tmp_path / "k.txt"), "--format", "markdown")
    assert status == 0
    assert (tmp_path / "k.txt").read_text(encoding="utf-8").startswith("# Register")


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["-o", "k.pdf"], "cannot tell the format of 'k.pdf'"),
        ([], "render needs -o FILE"),
        (["-o", "-"], "render needs -o FILE"),
        (["-o", "k.html", "--today", "30/11/2026"], "--today: '30/11/2026' is not a date"),
        (["-o", "no/such/folder/k.html"], "the folder 'no/such/folder' does not exist"),
        (["-o", "k.html", "--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_usage_errors_exit_2_with_one_line(
    argv: list[str], said: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "records", tmp_path / "records")
    status, out, err = render(capsys, "records", *argv)
    assert status == 2
    assert out == ""
    assert said in err
    assert "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["records"]  # nothing written


@pytest.mark.parametrize(
    ("target", "why"),
    [
        ("records/organisation.yaml", "is one of the files being checked"),
        ("records/activities/new.json", "lies inside the record folder 'records'"),
    ],
)
def test_never_writes_onto_a_record_file_or_into_its_folder(
    target: str, why: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copytree(ROOT / "records", tmp_path / "records")
    before = {p: p.read_bytes() for p in (tmp_path / "records").rglob("*") if p.is_file()}
    status, _, err = render(capsys, "records", "-o", target, "--format", "markdown")
    assert status == 2
    assert why in err
    assert {p: p.read_bytes() for p in (tmp_path / "records").rglob("*") if p.is_file()} == before


def test_an_unreadable_record_is_exit_2_and_leaves_the_old_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "broken"
    record.mkdir()
    (record / "record.yaml").write_text("organisation:\n  controller: {name: X\n", encoding="utf-8")
    target = tmp_path / "out.html"
    target.write_text("the previous document", encoding="utf-8")
    status, out, err = render(capsys, str(record), "--isolated", "-o", str(target))
    assert status == 2
    assert out == ""
    assert f"{record / 'record.yaml'}:" in err
    assert "nothing was written" in err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "the previous document"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary file left


def test_findings_do_not_change_the_exit_status(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    # Kollektivkraft's record has errors (`check` exits 1); the document with them is written: exit 0.
    status, _, _ = render(capsys, str(ROOT / "records"), "-o", str(tmp_path / "k.html"))
    assert status == 0


def test_the_same_record_gives_the_same_bytes(tmp_path: Path) -> None:
    env = {**os.environ, "ROPA_CHECK_TODAY": "", "SOURCE_DATE_EPOCH": "1764460800"}  # 2025-11-30 00:00 UTC
    outputs = []
    for i, fmt in enumerate(("html", "html", "md", "md")):
        target = tmp_path / f"{i}.{fmt}"
        subprocess.run([*ROPA_CHECK, "render", "records", "-o", str(target)], cwd=ROOT, env=env, check=True)
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert outputs[2] == outputs[3]
    assert b"Per 2025-11-30" in outputs[0]
    assert b"Per 2025-11-30" in outputs[2]


def test_dates_from_today_then_environment_then_source_date_epoch(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    records = str(ROOT / "records")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764460800")
    monkeypatch.setenv("ROPA_CHECK_TODAY", "2026-01-02")
    assert "Per 2027-03-04" in render(capsys, records, "--format", "markdown", "--today", "2027-03-04")[1]
    assert "Per 2026-01-02" in render(capsys, records, "--format", "markdown")[1]
    monkeypatch.delenv("ROPA_CHECK_TODAY")
    assert "Per 2025-11-30" in render(capsys, records, "--format", "markdown")[1]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "soon")
    status, _, err = render(capsys, records, "--format", "markdown")
    assert status == 2
    assert "SOURCE_DATE_EPOCH: 'soon' is not a number" in err


def test_the_date_is_the_one_waivers_are_judged_on(hostile_record: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The waiver expires 2027-01-31: after it, its findings are open again, on the date the document shows.
    _, before, _ = render(capsys, str(hostile_record), "--isolated", "--format", "markdown", "--today", "2027-01-31")
    _, after, _ = render(capsys, str(hostile_record), "--isolated", "--format", "markdown", "--today", "2027-02-01")
    assert "Undantagna anmärkningar" in before
    assert "Undantagna anmärkningar" not in after
    assert "RPA301" in after


def test_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = render(capsys, "--help")
    assert status == 0
    for option in ("-o", "--format", "--no-findings", "--lang", "--today", "SOURCE_DATE_EPOCH"):
        assert option in out
    assert "0  the document is written (findings are in it" in out  # not a check's exit statuses
    assert "findings at or above the failure threshold" not in out


def test_a_file_of_a_record_renders_the_whole_record_with_all_its_findings(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # `check` of one file reports that file's findings; a document of the record must not show the others clean.
    monkeypatch.chdir(ROOT)
    _, whole, _ = render(capsys, "records", "--format", "markdown")
    _, one_file, _ = render(capsys, "records/activities/kundservice.yaml", "--format", "markdown")
    _, subfolder, _ = render(capsys, "records/activities", "--format", "markdown")
    assert one_file == whole
    assert subfolder == whole


@pytest.mark.parametrize("command", ["check", "render"])
def test_a_file_renders_as_check_reads_it_beside_a_record_of_its_own_in_a_subfolder(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    # docs/examples holds compliant.yaml, and format-1.1/ a record of its own: `check` reads the file as its
    # record without the subfolder's, and so must render (it read the whole folder: two organisation blocks,
    # exit 2).
    monkeypatch.chdir(ROOT)
    argv = ["docs/examples/compliant.yaml"] + (["--format", "markdown"] if command == "render" else [])
    capsys.readouterr()
    from ropa_check.cli import main

    status = main([command, *argv])
    out, err = capsys.readouterr()
    assert (status, err) == (0, "")
    if command == "render":
        assert "Exempel Medlemstjänster AB" in out
        assert out.count('<a id="activity-') == 4
