"""The policy file's JSON Schema: generated from code, committed fresh, valid, and what load validates with."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from ropa_check.policies.schema import SCHEMA_FILE, policy_schema
from tests.helpers import ROOT
from tests.policies.helpers import EXAMPLES

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
