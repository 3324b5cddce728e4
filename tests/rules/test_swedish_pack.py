"""What the rule cases cannot pin for the Swedish pack: severities and the sections cited."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa_check.finding import Severity
from tests.helpers import ALL_RULES, apply_patch, check, compliant, write_record

SOLE_TRADERS = {
    "op": "add",
    "path": "/activities/1/data_subjects/-",
    "value": {"id": "enskilda", "tags": ["sole_trader"]},
}
UNTAGGED = {"op": "add", "path": "/activities/1/data_subjects/-", "value": {"id": "foretag", "name": "Företag"}}


def _orgnr(subject: str) -> dict[str, Any]:
    value = {"id": "orgnr", "tags": ["organisation_number"], "subjects": [subject]}
    return {"op": "add", "path": "/activities/1/data_categories/-", "value": value}


def _rule(code: str) -> Any:
    (registered,) = [r for r in ALL_RULES if r.rule.code == code]
    return registered.rule


@pytest.mark.parametrize(
    ("patch", "code", "severity"),
    [
        # DSL 3 kap. 10 §: sole traders' organisation numbers are their personnummer; the breach is shown.
        ([SOLE_TRADERS, _orgnr("enskilda")], "RSE103", Severity.ERROR),
        # Whose numbers they are is not said: evidence missing.
        ([UNTAGGED, _orgnr("foretag")], "RSE105", Severity.WARNING),
    ],
)
def test_sole_traders_numbers_fail_the_gate_and_unstated_holders_warn(
    tmp_path: Path, patch: list[dict[str, Any]], code: str, severity: Severity
) -> None:
    result = check(write_record(tmp_path, apply_patch(compliant(), patch)))
    found = [f for f in result.findings if f.code in ("RSE103", "RSE105")]
    assert [(f.code, f.severity) for f in found] == [(code, severity)]


@pytest.mark.parametrize(
    ("code", "reference"),
    [
        # KuL 11 §: the copy to the person (kreditupplysningskopia); 9 §: the legitimate need.
        ("RSE502", "Kreditupplysningslagen (1973:1173) 11 §"),
        ("RSE502", "Kreditupplysningslagen (1973:1173) 9 §"),
        # Marknadsföringslagen 19 §: e-mail and SMS marketing to natural persons.
        ("RSE801", "Marknadsföringslagen (2008:486) 19 §"),
    ],
)
def test_statutes_are_cited_by_section(code: str, reference: str) -> None:
    assert reference in _rule(code).references


def test_credit_agency_duties_are_not_cited_against_its_customer() -> None:
    # KuL 7 § (what may be reported) and 8 § (deletion) bind the credit-information business.
    assert not any("Kreditupplysningslagen" in r for r in _rule("RSE503").references)
