"""Findings of policies look and behave like built-in ones: located, waivable, baselinable, selectable, listed,
in every output format."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.policies.helpers import EXAMPLES

RECORD = """\
organisation:
  controller: {name: Test AB, country: SE}
recipients:
  - {id: moln, name: Moln AB, kind: processor, country: SE}
  - {id: utskick, name: "Mail <b>Inc</b>", kind: processor, country: US, contract_ref: DPA-2025-01}
activities:
  - id: nyhetsbrev
    purposes: [{id: utskick, tags: [direct_marketing]}]
    transfers:
      - {recipient: utskick, country: US, mechanism: dpf}
"""


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(EXAMPLES, tmp_path / "policies")
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "record.yaml").write_text(RECORD, encoding="utf-8")
    (tmp_path / "ropa-check.toml").write_text('policies = ["policies"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def findings(capsys: pytest.CaptureFixture[str], *args: str, select: str = "ORG") -> list[dict]:
    status, out, err = run(capsys, "check", "records", "--select", select, "--output-format", "json", *args)
    assert status in (0, 1), err
    return json.loads(out)["findings"]


def test_located_with_entry_paths(project: Path, capsys) -> None:
    found = {(f["code"], f["line"], f["column"], f["entry_path"]) for f in findings(capsys)}
    assert found == {
        ("ORG001", 10, 9, "$.activities[id=nyhetsbrev].transfers[recipient=utskick,country=US]"),
        ("ORG003", 4, 5, "$.recipients[id=moln]"),
    }


def test_selectable_by_code_and_prefix(project: Path, capsys) -> None:
    assert [f["code"] for f in findings(capsys, select="ORG001")] == ["ORG001"]
    assert [f["code"] for f in findings(capsys, "--ignore", "ORG001")] == ["ORG003"]
    status, _, err = run(capsys, "check", "records", "--select", "ORG0011")
    assert status == 2
    assert "ORG001" in err


def test_waivable_in_the_record(project: Path, capsys) -> None:
    path = project / "records" / "record.yaml"
    path.write_text(
        RECORD.replace(
            "  - {id: moln, name: Moln AB, kind: processor, country: SE}",
            "  - {id: moln, name: Moln AB, kind: processor, country: SE}  # ropa-check: ignore[ORG003] "
            'reason="DPA being signed" expires=2099-01-01',
        ),
        encoding="utf-8",
    )
    result = {f["code"]: f.get("suppression") for f in findings(capsys)}
    assert result == {
        "ORG001": None,
        "ORG003": {"kind": "waiver", "reason": "DPA being signed", "approver": None, "expires": "2099-01-01"},
    }


def test_baselinable(project: Path, capsys) -> None:
    status, _, err = run(capsys, "check", "records", "--select", "ORG", "--create-baseline", "baseline.json")
    assert status in (0, 1), err
    status, out, _ = run(capsys, "check", "records", "--select", "ORG", "--baseline", "baseline.json")
    assert status == 0, out


def test_listed_and_explained(project: Path, capsys) -> None:
    status, out, _ = run(capsys, "rules", "--select", "ORG")
    assert status == 0
    assert [line.split()[0] for line in out.splitlines()] == ["ORG001", "ORG002", "ORG003", "ORG004"]
    status, out, _ = run(capsys, "rule", "ORG002")
    assert status == 0
    assert "GDPR Art. 35(3)(b)" in out
    assert "An organisation policy, written in `policies/health-data-needs-dpia.yaml`, line 4." in out


@pytest.mark.parametrize(
    "output_format", ["full", "concise", "json", "json-lines", "sarif", "junit", "github", "gitlab"]
)
def test_every_output_format_carries_them_escaped(project: Path, capsys, output_format: str) -> None:
    status, out, err = run(capsys, "check", "records", "--select", "ORG", "--output-format", output_format)
    assert status == 1, err
    assert "ORG001" in out
    assert "ORG003" in out
    if output_format == "junit":
        assert "<b>" not in out  # the recipient's name is text in XML, never markup


def test_a_transfer_finding_is_waived_at_the_transfer(project: Path, capsys) -> None:
    path = project / "records" / "record.yaml"
    path.write_text(
        RECORD.replace(
            "      - {recipient: utskick, country: US, mechanism: dpf}",
            "      - {recipient: utskick, country: US, mechanism: dpf}  # ropa-check: ignore[ORG001] "
            'reason="board exception 2026-04" expires=2099-01-01',
        ),
        encoding="utf-8",
    )
    result = {f["code"]: (f.get("suppression") or {}).get("reason") for f in findings(capsys)}
    assert result == {"ORG001": "board exception 2026-04", "ORG003": None}
