"""The published JSON Schema: fresh, and the same contract as the models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from ropa_check.format.schema import SCHEMA_FILE, record_schema
from ropa_check.loader import load
from tests.helpers import COMPLIANT, RECORDS, ROOT

COMMITTED = ROOT / SCHEMA_FILE


def test_committed_schema_is_fresh() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == record_schema(), "run: ropa-check schema > schemas/ropa-record.schema.json"


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(record_schema())


def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(json.loads(COMMITTED.read_text(encoding="utf-8")))


@pytest.mark.parametrize("path", [COMPLIANT, *sorted(RECORDS.rglob("*.yaml"))], ids=lambda p: p.name)
def test_examples_and_records_validate_against_the_committed_schema(path: Path) -> None:
    # Read as ropa-check reads it: YAML 1.2 core scalars, so dates stay text as in JSON.
    doc, load_errors = load(path)
    assert load_errors == []
    assert doc is not None
    assert list(_validator().iter_errors(doc.data)) == []


@pytest.mark.parametrize(
    "bad",
    [
        {"activities": [{"id": "a", "retension": {}}]},
        {"activities": [{"name": "no id"}]},
        {"activities": [{"id": "a", "purposes": [{"id": "p", "lawful_basis": {"art6": "contrct"}}]}]},
        {"organisation": {"controller": {"country": "Sweden"}}},
        {"activities": [{"id": "a", "retention": {"duration": "2 years"}}]},
    ],
)
def test_schema_and_models_reject_the_same_records(bad: dict) -> None:
    from pydantic import ValidationError

    from ropa_check.format.model import RecordFile

    assert list(_validator().iter_errors(bad))
    with pytest.raises(ValidationError):
        RecordFile.model_validate(bad)


def test_shipped_tags_are_offered_with_their_descriptions_and_other_tags_still_validate() -> None:
    from ropa_check.vocabularies import shipped

    schema = record_schema()
    offered = schema["$defs"]["DataCategory"]["properties"]["tags"]["items"]["anyOf"]
    constants = {choice["const"]: choice["description"] for choice in offered if "const" in choice}
    assert constants == shipped()["data_category"]
    tags = jsonschema.Draft202012Validator(schema["$defs"]["DataCategory"]["properties"]["tags"])
    assert tags.is_valid(["contact", "my_own_tag"])  # a project's own vocabulary
    assert not tags.is_valid(["Not A Tag"])


def test_schema_id_is_a_name_not_an_address() -> None:
    assert record_schema()["$id"].startswith("urn:")


def test_the_schema_names_no_national_law() -> None:
    """The schema is EU-wide (``init`` writes it for any country): national law comes only from packs."""
    national = re.compile(
        r"\b(DSL|IMY|LEK|BFL|SFS)\b|personnummer|samordningsnummer|dataskyddslag|integritetsskyddsmyndighet"
        r"|bokföringslag|kreditupplysning|marknadsföringslag|\bkap\.|§|\bSE:",
        re.IGNORECASE,
    )

    def descriptions(node: object) -> list[str]:
        if isinstance(node, dict):
            own = [node["description"]] if isinstance(node.get("description"), str) else []
            return own + [d for value in node.values() for d in descriptions(value)]
        if isinstance(node, list):
            return [d for value in node for d in descriptions(value)]
        return []

    texts = descriptions(record_schema())
    assert len(texts) > 100
    assert [t for t in texts if national.search(t)] == []
