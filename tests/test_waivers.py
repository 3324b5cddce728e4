"""Waivers in the record: YAML comments (trailing and own-line), the x-ropa-check key, expiry, fail-closed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.helpers import COMPLIANT, apply_patch, compliant

REASON = 'reason="Styrelsen beslutar i maj" approver="DPO" expires=2027-06-30'


def _record(tmp_path: Path, edit: dict[int, str] | None = None, insert: dict[int, str] | None = None) -> Path:
    """The compliant example without the bookkeeping activity's retention (so RPA401 fires on its category),
    with text appended to lines (``edit``) or comment lines put before them (``insert``); 1-based, original numbers."""
    lines = COMPLIANT.read_text(encoding="utf-8").splitlines()
    start = lines.index("    retention:", lines.index("  - id: bokforing"))
    del lines[start : start + 4]  # retention: duration, start_event, legal_ref
    out: list[str] = []
    for number, line in enumerate(lines, start=1):
        if insert and number in insert:
            out.append(insert[number])
        out.append(line + (edit or {}).get(number, ""))
    path = tmp_path / "record.yaml"
    path.write_text("\n".join(out) + "\n", encoding="utf-8")
    return path


def _line_of(text: str) -> int:
    lines = COMPLIANT.read_text(encoding="utf-8").splitlines()
    return lines.index(text, lines.index("  - id: bokforing")) + 1


CATEGORY = "      - id: verifikationer"


def _json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]]]:
    status = main([*args, "--output-format", "json"])
    out, _ = capsys.readouterr()
    return status, json.loads(out)["findings"]


def _by_code(findings: list[dict[str, object]], code: str) -> list[dict[str, object]]:
    return [f for f in findings if f["code"] == code]


def test_without_a_waiver_the_finding_fails_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, findings = _json(capsys, str(_record(tmp_path)), "--select", "RPA4,RPA09")
    assert status == 1
    assert [f["json_path"] for f in _by_code(findings, "RPA401")] == ["$.activities[1].data_categories[0]"]


def test_trailing_comment_waives_the_entry_on_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: ignore[RPA401] {REASON}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2027-06-30")
    assert status == 0, findings
    (waived,) = _by_code(findings, "RPA401")
    # The suppressed finding stays in the report, with its reason.
    assert waived["suppression"] == {
        "kind": "waiver",
        "reason": "Styrelsen beslutar i maj",
        "approver": "DPO",
        "expires": "2027-06-30",
    }
    assert [f for f in findings if f["code"].startswith("RPA09")] == []  # type: ignore[union-attr]


def test_own_line_comment_waives_the_next_entry(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, insert={_line_of(CATEGORY): f"      # ropa-check: ignore[RPA4] {REASON}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2026-01-01")
    assert status == 0, findings
    assert all(f["suppression"] for f in _by_code(findings, "RPA401"))


def test_comment_on_a_key_covers_everything_under_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of("    data_categories:"): f"  # ropa-check: ignore[RPA401] {REASON}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2026-01-01")
    assert status == 0, findings


def test_comment_elsewhere_does_not_waive_and_is_unused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _line_of("        name: Medlemmar som betalat avgift")
    record = _record(tmp_path, edit={line: f"  # ropa-check: ignore[RPA401] {REASON}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2026-01-01")
    assert status == 1
    assert _by_code(findings, "RPA401")[0]["suppression"] is None
    (unused,) = _by_code(findings, "RPA093")
    assert unused["line"] == line
    assert unused["activity"] == "bokforing"
    assert unused["json_path"] == "$.activities[1].data_subjects[0].name"


def test_several_codes_in_one_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: ignore[RPA401,RPA402] {REASON}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2026-01-01")
    assert status == 0
    assert _by_code(findings, "RPA401")[0]["suppression"]
    # RPA402 has nothing to suppress there: the waiver says more than it needs to.
    assert [f["message"] for f in _by_code(findings, "RPA093")] == [
        "waiver for RPA402 suppresses nothing here; remove it"
    ]


@pytest.mark.parametrize(
    ("today", "waived"),
    [("2027-06-30", True), ("2027-07-01", False)],
    ids=["last-valid-day", "day-after"],
)
def test_expiry_is_inclusive_and_reproducible(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], today: str, waived: bool
) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: ignore[RPA401] {REASON}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", today)
    assert bool(_by_code(findings, "RPA401")[0]["suppression"]) is waived
    expired = _by_code(findings, "RPA091")
    assert status == (0 if waived else 1)
    if not waived:
        (finding,) = expired
        assert "expired on 2027-06-30" in str(finding["message"])
        assert finding["severity"] == "warning"
        assert finding["line"] == _line_of(CATEGORY)  # the comment's line (the retention removed is below it)
    else:
        assert expired == []


def test_today_from_the_environment(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: ignore[RPA401] {REASON}"})
    monkeypatch.setenv("ROPA_CHECK_TODAY", "2030-01-01")
    _, findings = _json(capsys, str(record), "--select", "RPA4,RPA09")
    assert _by_code(findings, "RPA091")


@pytest.mark.parametrize(
    ("comment", "problem"),
    [
        ('ignore[RPA401] approver="DPO"', "gives no reason"),
        ('ignore[RPA401] reason="x" expires=2027-13-01', "not a real date"),
        ('ignore[RPA401] reason="x" expires=30/06/2027', "not an ISO date"),
        ('ignore[] reason="x"', "names no codes"),
        ('ignore[ALL] reason="x"', "not a rule code"),
        ('ignore[RPA401] reason="x" expiry=2027-06-30', "unknown attribute 'expiry'"),
        ('ignore RPA401 reason="x"', "expected 'ignore[CODE,...]"),
        ('ignore[RPA401] reason="x" trailing words', "cannot read"),
    ],
)
def test_malformed_waivers_fail_closed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], comment: str, problem: str
) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: {comment}"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2026-01-01")
    assert status == 1
    assert _by_code(findings, "RPA401")[0]["suppression"] is None
    (malformed,) = _by_code(findings, "RPA092")
    assert problem in str(malformed["message"])
    assert malformed["line"] == _line_of(CATEGORY)
    assert malformed["column"] > 20
    assert malformed["activity"] == "bokforing"


def test_comment_at_the_end_applies_to_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path)
    record.write_text(record.read_text(encoding="utf-8") + f"# ropa-check: ignore[RPA401] {REASON}\n", "utf-8")
    _, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--today", "2026-01-01")
    assert "no record entry follows" in str(_by_code(findings, "RPA092")[0]["message"])


def test_no_waivers_shows_everything(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): "  # ropa-check: ignore[RPA401] no reason at all"})
    status, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--no-waivers")
    assert status == 1
    assert _by_code(findings, "RPA401")[0]["suppression"] is None
    assert _by_code(findings, "RPA092") == []


def test_waiver_codes_can_be_deselected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): "  # ropa-check: ignore[RPA401]"})
    _, findings = _json(capsys, str(record), "--select", "RPA4,RPA09", "--ignore", "RPA092")
    assert _by_code(findings, "RPA092") == []


def test_fail_on_warning_makes_waiver_findings_fail(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _line_of("        name: Medlemmar som betalat avgift")
    record = _record(tmp_path, edit={line: f"  # ropa-check: ignore[RPA2] {REASON}"})
    args = [str(record), "--select", "RPA2,RPA09", "--today", "2026-01-01"]
    assert _json(capsys, *args)[0] == 0  # a warning alone passes the default threshold: never exit 2
    assert _json(capsys, *args, "--fail-on", "warning")[0] == 1


def test_json_record_key_waives_the_mapping_and_below(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = apply_patch(
        compliant(),
        [
            {"op": "remove", "path": "/activities/1/retention"},
            {
                "op": "add",
                "path": "/activities/1/x-ropa-check",
                "value": {"ignore": [{"codes": ["RPA401"], "reason": "Styrelsen beslutar", "expires": "2027-06-30"}]},
            },
        ],
    )
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    status, findings = _json(capsys, str(path), "--select", "RPA4,RPA09", "--today", "2027-01-01")
    assert status == 0, findings
    assert _by_code(findings, "RPA401")[0]["suppression"]
    status, findings = _json(capsys, str(path), "--select", "RPA4,RPA09", "--today", "2028-01-01")
    assert status == 1
    (expired,) = _by_code(findings, "RPA091")
    assert expired["json_path"] == "$.activities[1].x-ropa-check.ignore[0]"
    assert expired["activity"] == "bokforing"
    assert expired["line"] > 1


def test_a_comment_in_a_json_string_is_not_a_waiver(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = apply_patch(
        compliant(),
        [
            {"op": "remove", "path": "/activities/1/retention"},
            {"op": "replace", "path": "/activities/1/name", "value": 'x # ropa-check: ignore[RPA401] reason="y"'},
        ],
    )
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data, ensure_ascii=False, default=str), encoding="utf-8")
    status, findings = _json(capsys, str(path), "--select", "RPA4,RPA09")
    assert status == 1
    assert _by_code(findings, "RPA401")[0]["suppression"] is None


def test_input_errors_cannot_be_waived(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: ignore[RPA0] {REASON}"})
    record.write_text(record.read_text(encoding="utf-8").replace("P7Y", "seven years"), encoding="utf-8")
    record.write_text(record.read_text(encoding="utf-8") + "bogus_key: 1\n", encoding="utf-8")
    status, findings = _json(capsys, str(record), "--today", "2026-01-01")
    assert status == 2
    assert all(f["suppression"] is None for f in findings)


def test_waivers_never_write_to_the_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path, edit={_line_of(CATEGORY): f"  # ropa-check: ignore[RPA401] {REASON}"})
    before = record.read_bytes()
    _json(capsys, str(record), "--today", "2030-01-01")
    assert record.read_bytes() == before


NAME = "        name: Verifikationer med namn och belopp"


def test_quoted_hash_is_not_a_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path)
    quoted = '        name: "Verifikationer # ropa-check: ignore[RPA401] reason=x"'
    record.write_text(record.read_text(encoding="utf-8").replace(NAME, quoted), encoding="utf-8")
    _, findings = _json(capsys, str(record), "--select", "RPA401,RPA09", "--today", "2026-01-01")
    assert [f["code"] for f in findings] == ["RPA401"]


def test_hash_in_a_block_scalar_is_not_a_comment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = _record(tmp_path)
    block = f"        description: |\n          Text, then\n          # ropa-check: ignore[RPA401] {REASON}\n"
    record.write_text(record.read_text(encoding="utf-8").replace(NAME + "\n", NAME + "\n" + block), "utf-8")
    _, findings = _json(capsys, str(record), "--select", "RPA401,RPA09", "--today", "2026-01-01")
    assert [(f["code"], f["suppression"]) for f in findings] == [("RPA401", None)]


@pytest.mark.parametrize(
    "value",
    ["Members' and Bob's vouchers", "'quoted # text'", '"it\\"s # text"', "'it''s # text'"],
)
def test_a_comment_after_a_value_is_found(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    record = _record(tmp_path)
    line = f"        name: {value}  # ropa-check: ignore[RPA401] {REASON}"
    record.write_text(record.read_text(encoding="utf-8").replace(NAME, line), encoding="utf-8")
    _, findings = _json(capsys, str(record), "--select", "RPA401,RPA09", "--today", "2026-01-01")
    # The comment is read: it covers only the name, so the category's finding stays and the waiver is unused.
    assert [f["code"] for f in findings] == ["RPA401", "RPA093"]


def test_waiver_on_an_activity_value_covers_what_its_categories_inherit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    record = tmp_path / "record.yaml"
    text = COMPLIANT.read_text(encoding="utf-8")
    vague = "    retention:\n      description: så länge det är nödvändigt\n"
    start = text.index("    retention:\n      duration: P7Y")
    end = text.index("    security_policy_ref", start)
    waived = vague.replace("    retention:\n", f"    retention:  # ropa-check: ignore[RPA402] {REASON}\n")
    record.write_text(text[:start] + waived + text[end:], encoding="utf-8")
    status, findings = _json(capsys, str(record), "--select", "RPA402,RPA09")
    assert status == 0
    (finding,) = findings
    assert finding["json_path"] == "$.activities[1].data_categories[0]"  # reported at the category ...
    assert finding["origin"] == "$.activities[1].retention"  # ... about the activity's value
    assert finding["suppression"]["reason"] == "Styrelsen beslutar i maj"
