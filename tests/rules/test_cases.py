"""Every rule, data-driven: records that must trigger it and records that must not.

Each ``cases/<CODE>.yaml`` holds ``triggers`` and ``passes``: edits (RFC 6902
add/replace/remove) to the compliant example, and for triggers the JSON paths
where the finding must be reported (``expect``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa_check.options import Options
from tests.helpers import ALL_RULES, apply_patch, check, compliant, write_record

CASES = Path(__file__).parent / "cases"


def _load() -> dict[str, dict[str, Any]]:
    out = {}
    for path in sorted(CASES.glob("*.yaml")):
        with path.open(encoding="utf-8") as fh:
            out[path.stem] = yaml.safe_load(fh)
    return out


ALL_CASES = _load()
CHECK_RULES = [r for r in ALL_RULES if r.rule.scope != "input"]


def _params(kind: str) -> list[Any]:
    return [
        pytest.param(code, i, case, id=f"{code}-{kind}-{case.get('name', i)}")
        for code, spec in ALL_CASES.items()
        for i, case in enumerate(spec.get(kind, []))
    ]


def _options(tmp_path: Path, case: dict[str, Any]) -> Options | None:
    """A case's ``baseline`` entries, written to a real baseline file for ``--baseline``."""
    if "baseline" not in case:
        return None
    entries = [{"file": "../record.yaml", **entry} for entry in case["baseline"]]
    # In a dot-folder, so that the record's folder walk does not read it as a record file.
    path = tmp_path / ".ropa-check" / "baseline.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"ropa-check-baseline": 2, "findings": entries}), encoding="utf-8")
    return Options(baseline=str(path), today=dt.date.fromisoformat(os.environ["ROPA_CHECK_TODAY"]))


@pytest.mark.parametrize(("code", "index", "case"), _params("triggers"))
def test_rule_triggers(tmp_path: Path, code: str, index: int, case: dict[str, Any]) -> None:
    record = write_record(tmp_path, apply_patch(compliant(), case.get("patch", [])))
    result = check(record, options=_options(tmp_path, case))
    assert not result.input_failed, [f for f in result.findings if f.code.startswith("RPA0")]
    fired = sorted(f.json_path for f in result.findings if f.code == code)
    assert fired == sorted(case["expect"]), result.findings


@pytest.mark.parametrize(("code", "index", "case"), _params("passes"))
def test_rule_passes(tmp_path: Path, code: str, index: int, case: dict[str, Any]) -> None:
    record = write_record(tmp_path, apply_patch(compliant(), case.get("patch", [])))
    result = check(record, options=_options(tmp_path, case))
    assert not result.input_failed, result.findings
    assert [f for f in result.findings if f.code == code] == []


@pytest.mark.parametrize("registered", CHECK_RULES, ids=lambda r: r.rule.code)
def test_every_rule_has_cases_and_metadata(registered: Any) -> None:
    rule = registered.rule
    spec = ALL_CASES.get(rule.code)
    assert spec is not None, f"tests/rules/cases/{rule.code}.yaml is missing"
    assert spec.get("triggers"), f"{rule.code} has no record that triggers it"
    assert spec.get("passes"), f"{rule.code} has no record that satisfies it"
    assert rule.references
    assert all(ref.strip() for ref in rule.references)
    assert len(rule.explanation) > 80, f"{rule.code} needs an explanation"
    assert rule.fix
    assert rule.summary


def test_case_files_name_registered_rules() -> None:
    codes = {r.rule.code for r in ALL_RULES}
    assert set(ALL_CASES) <= codes


def test_compliant_example_is_clean() -> None:
    from tests.helpers import COMPLIANT

    result = check(COMPLIANT)
    assert result.findings == []
    assert {r.plugin for r in ALL_RULES} >= {"ropa_check.rules.core", "se"}
