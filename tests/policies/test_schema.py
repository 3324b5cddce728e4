"""The policy file's JSON Schema: generated from code, committed fresh, valid, and what load validates with."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from ropa_check.policies.fields import SCOPES, PolicyScope, paths
from ropa_check.policies.pack import load_files
from ropa_check.policies.schema import SCHEMA_FILE, policy_schema
from tests.helpers import ROOT
from tests.policies.helpers import EXAMPLES, valid_policy, write_policies

COMMITTED = ROOT / SCHEMA_FILE


def test_committed_schema_is_fresh() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == policy_schema(), "run: python -m ropa_check.policies.schema > schemas/ropa-policy.schema.json"


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(policy_schema())


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.yaml")), ids=lambda p: p.name)
def test_examples_validate_and_name_the_schema_for_editors(path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../schemas/ropa-policy.schema.json\n")
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(yaml.safe_load(text))) == []


# ------------------------------------------------------------------ field completion


def _scoped_policy(scope: str, when: dict[str, Any]) -> dict[str, Any]:
    return valid_policy(scope=scope, message=f"a {scope} matched", when=when)


@pytest.mark.parametrize("scope", SCOPES)
def test_every_offered_field_loads_for_its_scope_and_validates(tmp_path: Path, scope: PolicyScope) -> None:
    offered = _offered(scope)
    assert offered == paths(scope)  # the completion list is the code's own list of the scope's paths
    when = {"any": [{"field": path, "exists": True} for path in offered]}
    policy = _scoped_policy(scope, when)
    (loaded,) = load_files([str(write_policies(tmp_path, policy))])
    assert [p.scope for p in loaded.policies] == [scope]
    validator = jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))
    assert list(validator.iter_errors({"policies": [policy]})) == []


def _offered(scope: str) -> list[str]:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    return [alt["const"] for alt in committed["$defs"][f"field-{scope}"]["anyOf"] if "const" in alt]


@pytest.mark.parametrize(
    ("scope", "path"),
    [
        # Deeper than the list goes: a valid path must not become a schema error.
        ("category", "activity.data_categories.recipients.sub_processors.country"),
        ("transfer", "activity.data_categories.recipients.sub_processors.mechanism"),
    ],
)
def test_a_valid_path_the_list_does_not_offer_still_validates(tmp_path: Path, scope: PolicyScope, path: str) -> None:
    assert path not in _offered(scope)
    policy = _scoped_policy(scope, {"all": [{"none": [{"field": path, "exists": True}]}]})
    load_files([str(write_policies(tmp_path, policy))])
    validator = jsonschema.Draft202012Validator(policy_schema())
    assert list(validator.iter_errors({"policies": [policy]})) == []


def test_the_completion_adds_no_schema_error() -> None:
    # A wrong `field` fails the structural schema once; the per-scope completion never fails on its own.
    policy = _scoped_policy("category", {"all": [{"field": "Retention.Duration", "exists": True}, {"field": 3}]})
    validator = jsonschema.Draft202012Validator(policy_schema())
    errors = list(validator.iter_errors({"policies": [policy]}))
    assert len(errors) == 1
    assert "condition-" not in "/".join(map(str, errors[0].absolute_schema_path))


def test_an_offered_field_says_what_it_holds() -> None:
    described = {
        alt["const"]: alt["description"]
        for alt in policy_schema()["$defs"]["field-category"]["anyOf"]
        if "const" in alt
    }
    assert described["retention.duration"] == "an ISO 8601 duration (P2Y)"
    assert described["recipients.country"] == "a country code (EEA, ADEQUATE: groups) (several values)"
    assert described["tags"] == "tags of the data_category vocabulary"
    assert described["purposes"] == "entries with fields of their own; `exists` tests it"
    assert described["retention"] == "a mapping with fields of its own; `exists` tests it"
    assert described["activity.dpia.status"].startswith("one of: not_started, in_progress, done")
