"""SARIF output, validated against the official OASIS SARIF 2.1.0 schema and GitHub's upload rules."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ropa_check.reporters import get
from ropa_check.result import Result
from tests.helpers import ALL_RULES, apply_patch, check, compliant, write_record

SCHEMA = json.loads((Path(__file__).parent.parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))


def render(result: Result) -> dict[str, Any]:
    out = io.StringIO()
    get("sarif")(result, out)
    return json.loads(out.getvalue())


def test_valid_against_the_official_schema(kollektivkraft: Result) -> None:
    log = render(kollektivkraft)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"


def test_one_run_with_a_described_driver(kollektivkraft: Result) -> None:
    (run,) = render(kollektivkraft)["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "ropa-check"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", driver["semanticVersion"])
    assert driver["informationUri"].startswith("https://")
    ids = [r["id"] for r in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert {r.rule.code for r in ALL_RULES} <= set(ids)
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription"):
            assert 0 < len(rule[key]["text"]) <= 1024, rule["id"]
        assert rule["name"]
        assert rule["help"]["text"].strip()
        assert "**How to fix**" in rule["help"]["markdown"]
        assert rule["defaultConfiguration"]["level"] in ("error", "warning", "note")
        assert {"gdpr", "art30"} <= set(rule["properties"]["tags"])


def test_rule_help_comes_from_the_rule_metadata(kollektivkraft: Result) -> None:
    (run,) = render(kollektivkraft)["runs"]
    by_id = {r["id"]: r for r in run["tool"]["driver"]["rules"]}
    for registered in ALL_RULES:
        rule = registered.rule
        descriptor = by_id[rule.code]
        assert descriptor["name"] == rule.name
        assert descriptor["shortDescription"]["text"] == rule.summary
        assert rule.fix in descriptor["help"]["text"]
        assert rule.fix in descriptor["help"]["markdown"]


def test_results_are_located_and_point_at_their_rule(kollektivkraft: Result) -> None:
    (run,) = render(kollektivkraft)["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len(run["results"]) == len(kollektivkraft.findings)
    for result, finding in zip(run["results"], kollektivkraft.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[str(finding.severity)]
        assert result["message"]["text"].startswith(finding.message)
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"] == {"uri": finding.file, "uriBaseId": "%SRCROOT%"}
        assert physical["artifactLocation"]["uri"].startswith("records/")
        assert physical["region"]["startLine"] == finding.line >= 1
        assert physical["region"]["startColumn"] == finding.column >= 1
        assert result["properties"]["jsonPath"] == finding.json_path
        assert location["logicalLocations"][-1]["fullyQualifiedName"] == finding.json_path
        if finding.activity:
            assert result["properties"]["activity"] == finding.activity
            assert location["logicalLocations"][0]["name"] == finding.activity
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"].endswith("/")


def test_suppressed_findings_stay_with_their_justification(kollektivkraft: Result) -> None:
    (run,) = render(kollektivkraft)["runs"]
    suppressions = [r.get("suppressions") for r in run["results"]]
    assert suppressions[0] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "Medlemmar informeras muntligt; policyn uppdateras Q1",
            "properties": {"approver": "DPO Anna", "expires": "2099-12-31"},
        }
    ]
    assert suppressions[-1] == [
        {"kind": "external", "status": "accepted", "justification": "in the baseline since 2024-03-16"}
    ]
    assert all(s is None for s in suppressions[1:-1])


def test_uris_are_percent_encoded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/retention"}])
    (tmp_path / "my records").mkdir()
    write_record(tmp_path / "my records", data, name="Kollektiv 100%.yaml")
    log = render(check("my records/Kollektiv 100%.yaml"))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in log["runs"][0]["results"]}
    assert uris == {"my%20records/Kollektiv%20100%25.yaml"}


def _fingerprints(path: Path) -> dict[str, int]:
    """Fingerprint -> line of each missing-retention finding."""
    (run,) = render(check(path))["runs"]
    return {
        r["partialFingerprints"]["ropaCheck/v2"]: r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for r in run["results"]
        if r["ruleId"] == "RPA401"
    }


def test_fingerprints_survive_moved_lines_not_another_place(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/retention"}])
    path = write_record(tmp_path, data)
    before = _fingerprints(path)
    assert before
    path.write_text("# a comment\n# and another\n\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    after = _fingerprints(path)
    assert set(after) == set(before)
    assert all(after[k] == before[k] + 3 for k in before)
    # The same gap in another activity is another finding.
    other = write_record(tmp_path, apply_patch(compliant(), [{"op": "remove", "path": "/activities/2/retention"}]))
    assert not set(_fingerprints(other)) & set(before)
