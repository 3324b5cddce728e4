"""National provisions arrive with core findings through the ropa_check_national_references hook.

Core rules are EU-wide: their references, summaries, fixes and messages name no
national statute. The Swedish pack adds Swedish law to their findings for a
Swedish controller only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.helpers import ALL_RULES, apply_patch, check, compliant, write_record

NO_CONSENT = [{"op": "remove", "path": "/activities/3/terminal_equipment_access/consent_mechanism"}]
HEALTH = {"op": "add", "path": "/activities/0/data_categories/0/tags/-", "value": "special_category:health"}
#: Special-category data without an Art. 9(2) condition (RPA701).
NO_ART9_CONDITION = [HEALTH]
#: A condition that needs a law, without one (RPA703).
NO_ART9_LAW = [
    HEALTH,
    {"op": "add", "path": "/activities/0/data_categories/0/art9_condition", "value": "Art. 9(2)(g) viktigt allmänt"},
]
#: Criminal-offence data without an authority (RPA711).
NO_ART10_AUTHORITY = [
    {
        "op": "add",
        "path": "/activities/1/data_categories/-",
        "value": {"id": "brott", "name": "Domar", "tags": ["criminal"]},
    }
]
DSL_3 = "Dataskyddslagen (2018:218) 3 kap."
F_2018_219 = "Förordning (2018:219) 5 §"
#: Marks of Swedish (or any national) law that core rules must not print.
NATIONAL = ("Dataskyddslagen", "2018:218", "2018:219", "förordning", "Förordning", "LEK", "IMY", "Sweden", "Swedish")


def _finding(tmp_path: Path, patch: list[dict[str, Any]], code: str, country: str | None = None) -> Any:
    if country is not None:
        patch = [*patch, {"op": "replace", "path": "/organisation/controller/country", "value": country}]
    folder = tmp_path / (country or "SE")
    folder.mkdir()
    result = check(write_record(folder, apply_patch(compliant(), patch)))
    (finding,) = [f for f in result.findings if f.code == code]
    return finding


def test_swedish_controller_gets_lek_with_the_cookie_finding(tmp_path: Path) -> None:
    reference = _finding(tmp_path, NO_CONSENT, "RPA901").reference
    assert reference.startswith("Directive 2002/58/EC (ePrivacy) Art. 5(3)")
    assert reference.endswith("LEK (2022:482) 9 kap. 28 §")


def test_other_controllers_do_not(tmp_path: Path) -> None:
    assert "LEK" not in _finding(tmp_path, NO_CONSENT, "RPA901", "FI").reference


@pytest.mark.parametrize(
    ("code", "patch", "swedish"),
    [
        ("RPA701", NO_ART9_CONDITION, [DSL_3]),
        ("RPA703", NO_ART9_LAW, [DSL_3]),
        ("RPA711", NO_ART10_AUTHORITY, [DSL_3, F_2018_219]),
    ],
)
def test_swedish_law_for_art9_and_art10_comes_from_the_swedish_pack(
    tmp_path: Path, code: str, patch: list[dict[str, Any]], swedish: list[str]
) -> None:
    se = _finding(tmp_path, patch, code)
    ie = _finding(tmp_path, patch, code, "IE")
    assert se.reference.split("; ")[-len(swedish) :] == swedish
    assert not any(mark in ie.reference for mark in NATIONAL), ie.reference
    assert se.message == ie.message
    assert se.fix == ie.fix
    assert not any(mark in ie.message + ie.fix for mark in NATIONAL), (ie.message, ie.fix)


@pytest.mark.parametrize("code", ["RPA701", "RPA702", "RPA703", "RPA711", "RPA712"])
def test_core_art9_and_art10_rules_name_no_national_statute(code: str) -> None:
    (rule,) = [r.rule for r in ALL_RULES if r.rule.code == code]
    for text in (*rule.references, rule.summary, rule.fix):
        assert not any(mark in text for mark in NATIONAL), (code, text)
