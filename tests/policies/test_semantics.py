"""The condition language, case by case (data/semantics.yaml), through a real check of a real record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from ropa_check import plugins
from ropa_check.options import Options
from ropa_check.pipeline import check_paths
from ropa_check.policies.pack import PolicyError
from tests.policies.helpers import valid_policy, write_policies

DATA = Path(__file__).parent / "data"
CASES = yaml.safe_load((DATA / "semantics.yaml").read_text(encoding="utf-8"))
MESSAGES = {
    "organisation": "organisation of {organisation.controller.name}",
    "activity": "activity {activity.id}",
    "category": "category {category.id} of {activity.id}",
    "recipient": "recipient {recipient.id}",
    "transfer": "transfer to {country} by {activity.id}",
}


def run_policy(tmp_path: Path, **policy: Any) -> list[Any]:
    path = write_policies(tmp_path, valid_policy(**policy))
    loaded = plugins.load(Options(policies=(str(path),)), entry_points=False)
    rules = [r for r in loaded.rules if r.rule.code == "ORG100"]
    result = check_paths([str(DATA / "semantics-record.yaml")], rules, loaded.vocabularies, Options())
    return result.findings


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_condition(tmp_path: Path, case: dict[str, Any]) -> None:
    policy = {"scope": case["scope"], "when": case["when"], "message": MESSAGES[case["scope"]]}
    if case.get("error"):
        with pytest.raises(PolicyError):
            run_policy(tmp_path, **policy)
        return
    findings = run_policy(tmp_path, **policy)
    assert [f.code for f in findings] == ["ORG100"] * case["fires"], [f.message for f in findings]


def test_findings_are_located_at_the_item_with_its_entry_path(tmp_path: Path) -> None:
    (category,) = run_policy(
        tmp_path, scope="category", when={"field": "tags", "has": "special_category"}, message=MESSAGES["category"]
    )
    assert (category.line, category.column) == (22, 9)
    assert category.entry_path == "$.activities[id=crm].data_categories[id=halsa]"
    assert category.activity == "crm"
    assert category.message == "category halsa of crm"
    (transfer,) = run_policy(
        tmp_path, scope="transfer", when={"field": "country", "equals": "US"}, message=MESSAGES["transfer"]
    )
    assert transfer.line == 25
    assert transfer.entry_path == "$.activities[id=crm].transfers[recipient=us,country=US]"
    (recipient,) = run_policy(
        tmp_path, scope="recipient", when={"field": "id", "equals": "us"}, message="{recipient.name} in {country}"
    )
    assert (recipient.line, recipient.entry_path, recipient.activity) == (5, "$.recipients[id=us]", None)
    assert recipient.message == "Ads Inc in US"


def test_placeholders_join_many_values_and_say_none(tmp_path: Path) -> None:
    (finding,) = run_policy(
        tmp_path,
        scope="activity",
        when={"field": "id", "equals": "crm"},
        message="{activity.purposes.tags} / {owner} / {{literal}}",
    )
    assert finding.message == "direct_marketing, analytics / (none) / {literal}"


def test_record_text_in_a_message_is_inserted_not_interpreted(tmp_path: Path) -> None:
    record = tmp_path / "r.yaml"
    record.write_text(
        "organisation: {controller: {name: X}}\n"
        'recipients: [{id: r, name: "{activity.id} \\e[31m ::error::x", kind: processor}]\n',
        encoding="utf-8",
    )
    path = write_policies(
        tmp_path, valid_policy(scope="recipient", when={"field": "id", "exists": True}, message="{recipient.name}")
    )
    loaded = plugins.load(Options(policies=(str(path),)), entry_points=False)
    rules = [r for r in loaded.rules if r.rule.code == "ORG100"]
    (finding,) = check_paths([str(record)], rules, loaded.vocabularies, Options()).findings
    # The raw value reaches the finding; each reporter escapes it as it escapes every message.
    assert finding.message == "{activity.id} \x1b[31m ::error::x"
