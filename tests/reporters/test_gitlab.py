"""GitLab Code Quality JSON: the fields GitLab requires, unique stable fingerprints, no suppressed issues."""

from __future__ import annotations

import dataclasses
import io
import json
from typing import Any

from ropa_check.reporters import get
from ropa_check.result import Result
from tests.reporters.conftest import WAIVER

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def render(result: Result) -> list[dict[str, Any]]:
    out = io.StringIO()
    get("gitlab")(result, out)
    data = json.loads(out.getvalue())
    assert isinstance(data, list)
    return data


def test_issues_have_the_required_fields(kollektivkraft: Result) -> None:
    issues = render(kollektivkraft)
    active = kollektivkraft.active
    assert len(issues) == len(active)
    for issue, f in zip(issues, active, strict=True):
        assert issue["description"].startswith(f"{f.code} {f.message}")
        assert issue["check_name"] == f"{f.code} {f.name}"
        assert issue["severity"] in SEVERITIES
        assert issue["location"]["path"] == f.file
        assert not issue["location"]["path"].startswith("/")
        assert issue["location"]["positions"]["begin"] == {"line": f.line, "column": f.column}
        if f.activity:
            assert f"activity '{f.activity}'" in issue["description"]


def test_suppressed_findings_are_not_issues(kollektivkraft: Result) -> None:
    waived = Result(findings=[dataclasses.replace(f, suppression=WAIVER) for f in kollektivkraft.findings])
    assert render(waived) == []


def test_fingerprints_are_unique_and_ignore_the_line(kollektivkraft: Result) -> None:
    issues = render(kollektivkraft)
    prints = [i["fingerprint"] for i in issues]
    assert len(prints) == len(set(prints))
    moved = Result(findings=[dataclasses.replace(f, line=f.line + 7) for f in kollektivkraft.findings])
    assert [i["fingerprint"] for i in render(moved)] == prints
