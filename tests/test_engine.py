"""The engine: national rules supersede core rules item by item; plugin failures are contained."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ropa_check import Problem, hookimpl, rule
from ropa_check.plugins import collect_rules, get_plugin_manager
from tests.helpers import apply_patch, check, compliant, write_record

# An activity meeting two WP248 criteria (scoring, financial data) without a DPIA.
SCORING = [
    {"op": "add", "path": "/activities/1/purposes/0/tags/-", "value": "credit_assessment"},
    {"op": "remove", "path": "/activities/1/dpia"},
]


def codes(result: Any) -> set[str]:
    return {f.code for f in result.findings if f.code.startswith(("RPA80", "RSE40"))}


def test_swedish_list_supersedes_the_core_dpia_warning(tmp_path: Path) -> None:
    record = write_record(tmp_path, apply_patch(compliant(), SCORING))
    assert codes(check(record)) == {"RSE401"}


def test_without_the_swedish_pack_the_core_rule_reports_it(tmp_path: Path, monkeypatch: Any) -> None:
    record = write_record(tmp_path, apply_patch(compliant(), SCORING))
    monkeypatch.setenv("ROPA_CHECK_DISABLED_PLUGINS", "se")
    rules = collect_rules(get_plugin_manager())
    assert codes(check(record, rules=rules)) == {"RPA801"}


def test_outside_sweden_the_core_rule_reports_it(tmp_path: Path) -> None:
    patch = [*SCORING, {"op": "replace", "path": "/organisation/controller/country", "value": "FI"}]
    record = write_record(tmp_path, apply_patch(compliant(), patch))
    assert codes(check(record)) == {"RPA801"}


def test_a_raising_rule_is_reported_and_the_others_still_run(tmp_path: Path) -> None:
    @rule(
        code="BRK001",
        name="broken",
        severity="error",
        scope="activity",
        summary="Always raises.",
        references=["none"],
        fix="none",
    )
    def broken(activity: Any) -> Any:
        """Raises."""
        raise RuntimeError("boom")
        yield Problem("never")

    class Pack:
        @hookimpl
        def ropa_check_rules(self) -> list[Any]:
            return [broken]

    pm = get_plugin_manager()
    pm.register(Pack(), name="brokenpack")
    record = write_record(tmp_path, apply_patch(compliant(), [{"op": "remove", "path": "/activities/2/recipients"}]))
    result = check(record, rules=collect_rules(pm))
    failures = [f for f in result.findings if f.code == "RPA011"]
    assert len(failures) == len(compliant()["activities"])
    assert "rule BRK001 of plugin 'brokenpack' raised RuntimeError: boom" in failures[0].message
    assert any(f.code == "RPA501" for f in result.findings)  # the other rules ran
    assert result.input_failed
