"""The command line, end to end through main() and as a real process."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_check.cli import main
from ropa_check.result import exit_status
from tests.helpers import COMPLIANT, RECORDS, ROOT

LINE = re.compile(r"^(?P<file>[^:\s]+):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]+\d{3}) (?P<msg>.+)$")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_records_report_located_findings_and_a_summary(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    status, out, _ = run(capsys, "records/")
    assert status == 1
    heads = [m for m in map(LINE.match, out.splitlines()) if m]
    assert heads, out
    for m in heads:
        assert m["file"].startswith("records/")
        assert (ROOT / m["file"]).is_file()
        assert int(m["line"]) >= 1
        assert int(m["col"]) >= 1
    assert "  = reference: GDPR Art." in out
    assert "activity 'medlemsregister'" in out
    assert re.search(
        r"^Found: \d+ findings \(\d+ errors, \d+ warnings, \d+ info\) in 13 files, 10 activities", out, re.M
    )


def test_full_output_shows_the_source_line(capsys) -> None:
    status, out, _ = run(capsys, str(RECORDS / "organisation.yaml"), "--select", "RPA102")
    # A single file of a folder record has no activities but still its organisation block.
    assert status == 1
    assert "  10 |   controller:" in out
    assert "     |   ^" in out


def test_compliant_example_is_clean(capsys) -> None:
    status, out, _ = run(capsys, str(COMPLIANT))
    assert status == 0
    assert out.startswith("All checks passed (1 file, 5 activities")


def test_json_output(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    status, out, _ = run(capsys, "records", "--output-format", "json")
    doc = json.loads(out)
    assert status == 1
    assert doc["summary"]["files"] == 13
    assert doc["summary"]["findings"] == len(doc["findings"]) > 0
    first = doc["findings"][0]
    assert set(first) >= {"code", "severity", "message", "file", "line", "column", "json_path", "activity", "reference"}


def test_select_and_ignore_by_prefix(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    _, out, _ = run(capsys, "records", "--select", "RPA4", "--output-format", "json")
    assert {f["code"][:4] for f in json.loads(out)["findings"]} == {"RPA4"}
    _, out, _ = run(capsys, "records", "--ignore", "RPA4,RSE", "--output-format", "json")
    codes = {f["code"] for f in json.loads(out)["findings"]}
    assert codes
    assert not any(c.startswith(("RPA4", "RSE")) for c in codes)
    _, out, _ = run(capsys, "records", "--ignore", "RPA4", "--select", "RPA402", "--output-format", "json")
    assert {f["code"] for f in json.loads(out)["findings"]} == {"RPA402"}


def test_invalid_input_exits_2_even_with_exit_zero(capsys, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("organisation:\n  controller: [\n", encoding="utf-8")
    for extra in ([], ["--exit-zero"]):
        status, out, err = run(capsys, str(bad), *extra)
        assert status == 2
        assert "bad.yaml:3:1: RPA001 invalid YAML" in out
        assert out.rstrip().endswith("Could not check the record: 1 input error in 1 file; fix them and run again.")
        assert "Traceback" not in out + err


def test_exit_zero_and_fail_on(capsys, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    assert run(capsys, "records", "--exit-zero")[0] == 0
    assert run(capsys, "records", "--select", "RPA402", "--fail-on", "warning")[0] == 1


def test_missing_path_and_usage_errors(capsys, tmp_path: Path) -> None:
    status, out, _ = run(capsys, str(tmp_path / "nope"))
    assert status == 2
    assert "RPA009" in out
    status, _, err = run(capsys, "records", "--output-format", "yaml")
    assert status == 2
    assert "invalid choice" in err


@pytest.mark.parametrize(
    ("input_failed", "worst", "fail_on", "exit_zero", "expected"),
    [
        (False, None, "error", False, 0),
        (False, 2, "error", False, 1),
        (False, 1, "error", False, 0),
        (False, 1, "warning", False, 1),
        (False, 0, "warning", False, 0),
        (False, 0, "info", False, 1),
        (False, 2, "error", True, 0),
        (True, None, "error", True, 2),
        (True, 2, "error", False, 2),
    ],
)
def test_exit_status_is_decided_in_one_place(input_failed, worst, fail_on, exit_zero, expected) -> None:
    assert exit_status(input_failed=input_failed, worst=worst, fail_on=fail_on, exit_zero=exit_zero) == expected


def test_rules_and_rule(capsys) -> None:
    status, out, _ = run(capsys, "rules", "--output-format", "json")
    rules = json.loads(out)
    assert status == 0
    codes = [r["code"] for r in rules]
    assert codes == sorted(codes)
    assert {"RPA101", "RPA402", "RSE101"} <= set(codes)
    assert all(r["references"] and r["explanation"] and r["fix"] for r in rules)
    status, out, _ = run(capsys, "rules")
    assert re.search(r"^RPA402\s+error\s+retention-vague\s+Retention is stated", out, re.M)
    status, out, _ = run(capsys, "rule", "rpa402")
    assert status == 0
    assert out.startswith("# RPA402 retention-vague")
    assert "## Legal references" in out
    assert "GDPR Art. 5(1)(e)" in out
    status, out, _ = run(capsys, "rule", "RPA402", "--output-format", "json")
    assert json.loads(out)["name"] == "retention-vague"


def test_schema_command_prints_the_committed_schema(capsys) -> None:
    status, out, _ = run(capsys, "schema", "--no-project")
    assert status == 0
    assert json.loads(out) == json.loads((ROOT / "schemas" / "ropa-record.schema.json").read_text(encoding="utf-8"))


def test_vocabularies_command(capsys) -> None:
    status, out, _ = run(capsys, "vocabularies", "--output-format", "json")
    vocab = json.loads(out)
    assert status == 0
    assert "national_id" in vocab["data_category"]
    assert "child" in vocab["data_subject"]


def test_python_dash_m_works_like_the_script() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "ropa_check", "records", "--output-format", "concise"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert proc.returncode == 1
    assert proc.stdout.splitlines()[0].startswith("records/")
    version = subprocess.run([sys.executable, "-m", "ropa_check", "--version"], capture_output=True, text=True)
    assert version.stdout.startswith("ropa-check ")


def test_a_reader_that_stops_early_does_not_change_the_verdict(tmp_path: Path) -> None:
    # `ropa-check records | head` under `set -o pipefail` must still fail on findings. `true` reads
    # nothing and exits at once, so the first write after the check meets a closed pipe.
    proc = subprocess.run(
        ["bash", "-c", f"set -o pipefail; {sys.executable} -m ropa_check {RECORDS} | true"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "Exception ignored" not in proc.stderr
