"""National provisions arrive with core findings through the ropa_check_national_references hook."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import apply_patch, check, compliant, write_record

NO_CONSENT = [{"op": "remove", "path": "/activities/3/terminal_equipment_access/consent_mechanism"}]


def _reference(tmp_path: Path, patch: list[dict[str, object]]) -> str:
    result = check(write_record(tmp_path, apply_patch(compliant(), patch)))
    (finding,) = [f for f in result.findings if f.code == "RPA901"]
    return finding.reference


def test_swedish_controller_gets_lek_with_the_cookie_finding(tmp_path: Path) -> None:
    reference = _reference(tmp_path, NO_CONSENT)
    assert reference.startswith("Directive 2002/58/EC (ePrivacy) Art. 5(3)")
    assert reference.endswith("LEK (2022:482) 9 kap. 28 §")


def test_other_controllers_do_not(tmp_path: Path) -> None:
    patch = [*NO_CONSENT, {"op": "replace", "path": "/organisation/controller/country", "value": "FI"}]
    assert "LEK" not in _reference(tmp_path, patch)
