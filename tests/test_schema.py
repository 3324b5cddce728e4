"""The published JSON Schema: fresh, and the same contract as the models."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest

from ropa_check.cli import main
from ropa_check.format.schema import SCHEMA_FILE, record_schema, render
from ropa_check.loader import load
from tests.helpers import COMPLIANT, RECORDS, ROOT

COMMITTED = ROOT / SCHEMA_FILE


def test_committed_schema_is_fresh() -> None:
    committed = json.loads(COMMITTED.read_text(encoding="utf-8"))
    assert committed == record_schema(), "run: ropa-check schema --no-project > schemas/ropa-record.schema.json"


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


# ------------------------------------------------------------ inside a project

OWN = """\
vocabularies:
  purpose:
    member_ballots: "Running the members' ballots <b>&</b> \\"quoted\\""
  data_category:
    ballot_choice: A member's choice in a ballot
"""


def _schema(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict, str, str]:
    status = main(["schema", *args])
    out, err = capsys.readouterr()
    return status, json.loads(out), out, err


def _offered(schema: dict, model: str) -> dict[str, str]:
    choices = schema["$defs"][model]["properties"]["tags"]["items"]["anyOf"]
    return {choice["const"]: choice["description"] for choice in choices if "const" in choice}


def _pack_tags(vocabulary: str) -> dict[str, str]:
    from ropa_check import config, plugins

    tags: dict[str, str] = {}
    for extra in plugins.load(config.resolve()).vocabularies:
        tags.update(extra.get(vocabulary, {}))
    return tags


def test_schema_in_this_repository_with_no_project_is_the_committed_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # records/ is here: a project, so only --no-project prints the published schema
    status, _, out, err = _schema(capsys, "--no-project")
    assert (status, err) == (0, "")
    assert out == COMMITTED.read_text(encoding="utf-8")


def test_outside_a_project_schema_prints_the_published_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    status, _, out, err = _schema(capsys)
    assert (status, out, err) == (0, render(), "")


def test_inside_a_project_its_own_and_its_packs_tags_are_offered(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from ropa_check.vocabularies import shipped

    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "vocabularies.yaml").write_text(OWN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, schema, out, err = _schema(capsys)
    assert (status, err) == (0, "")
    jsonschema.Draft202012Validator.check_schema(schema)
    purposes = _offered(schema, "Purpose")
    assert purposes["member_ballots"] == 'Running the members\' ballots <b>&</b> "quoted"'
    assert _offered(schema, "DataCategory")["ballot_choice"] == "A member's choice in a ballot"
    assert _offered(schema, "DataSubject") == {**shipped()["data_subject"], **_pack_tags("data_subject")}
    assert {**shipped()["purpose"], **_pack_tags("purpose")}.items() <= purposes.items()
    tags = jsonschema.Draft202012Validator(schema["$defs"]["Purpose"]["properties"]["tags"])
    assert tags.is_valid(["member_ballots", "some_other_tag"])
    # --no-project in the same folder: the published schema, whatever the project declares.
    status, _, out, err = _schema(capsys, "--no-project")
    assert (status, out, err) == (0, render(), "")


def test_the_configured_paths_are_read_and_a_file_that_does_not_load_is_one_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    ropa = tmp_path / "ropa"
    ropa.mkdir()
    (ropa / "a_vocabularies.yaml").write_text(OWN, encoding="utf-8")
    (ropa / "b_broken.yaml").write_text("activities: [\n", encoding="utf-8")
    (ropa / "c_invalid.yaml").write_text("vocabularies:\n  purpose:\n    Not A Tag: x\n", encoding="utf-8")
    (tmp_path / "ropa-check.toml").write_text('paths = ["ropa"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, schema, _, err = _schema(capsys)
    assert status == 0
    assert "member_ballots" in _offered(schema, "Purpose")
    assert "Not A Tag" not in _offered(schema, "Purpose")
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert lines[0].startswith("ropa-check: warning: ropa/b_broken.yaml:")
    assert lines[1].startswith("ropa-check: warning: ropa/c_invalid.yaml:3:")
    assert all(line.endswith("; its tags are left out of the schema") for line in lines)
    assert "Traceback" not in err


def test_the_warning_escapes_the_file_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "\x1b[2Jx.yaml").write_text("activities: [\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    status, _, out, err = _schema(capsys)
    from ropa_check import config, plugins

    assert (status, out) == (0, render(plugins.load(config.resolve()).vocabularies))  # the packs' tags only
    assert err.count("\n") == 1
    assert "\x1b" not in err
    assert "x.yaml:" in err
