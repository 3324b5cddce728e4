"""One mistake, one error: what only follows from a file that did not load is not reported again (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.helpers import compliant, write_record
from tests.test_record_roots import split_record


def _findings(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    status = main([*args, "--output-format", "json"])
    return status, json.loads(capsys.readouterr().out)["findings"]


def test_a_wrong_value_beside_the_organisation_block_is_the_one_error_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    data = compliant()
    files = split_record(tmp_path / "records", data)
    # The organisation and the recipients in one file, with one wrong value in it.
    both = {"ropa_format": 1, "organisation": data["organisation"], "recipients": data["recipients"]}
    both["organisation"]["controller"]["country"] = "Sweden"
    write_record(tmp_path / "records", both, "organisation.yaml")
    files["recipients"].unlink()
    monkeypatch.chdir(tmp_path)
    status, found = _findings(capsys, "records")
    assert status == 2
    (only,) = found
    assert only["code"] == "RPA002"
    assert only["file"] == "records/organisation.yaml"
    assert "'country' must be an ISO 3166-1 alpha-2 country code" in only["message"]
    assert "errors in other files that follow from this file not loading" in only["message"]


def test_a_reference_to_an_id_no_file_defines_is_still_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = compliant()
    data["activities"][0]["recipients"] = ["ingen-sadan"]
    data["organisation"]["controller"]["country"] = "Sweden"
    status, found = _findings(capsys, str(write_record(tmp_path, data)))
    assert status == 2
    assert {f["code"] for f in found} == {"RPA002"}  # one file: its own errors only, nothing built from it


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("september 2026", "'last_reviewed' must be a date written YYYY-MM-DD, e.g. 2026-09-30; got text"),
        ("många", "'approx_subjects' must be a whole number, e.g. 12000; got text 'många'"),
    ],
)
def test_type_errors_say_what_the_record_expects_with_an_example(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str, expected: str
) -> None:
    data = compliant()
    if "approx" in expected:
        data["activities"][0]["large_scale"] = {"approx_subjects": value}
    else:
        data["activities"][0]["last_reviewed"] = value
    _, found = _findings(capsys, str(write_record(tmp_path, data)))
    messages = [str(f["message"]) for f in found]
    assert any(expected in m for m in messages), messages
    assert not any("Input should" in m or "unable to parse" in m for m in messages)
