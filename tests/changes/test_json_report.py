"""The JSON report: its documented shape, stable from run to run."""

from __future__ import annotations

import re
from pathlib import Path

from ropa_check.finding import Finding, Severity
from ropa_check.reporters.json_report import finding_dict
from tests.changes.conftest import Run, change_the_processing
from tests.helpers import ROOT

TOP = {"tool", "format", "base", "head", "compared", "summary", "changes", "findings"}
SIDE = {"label", "files", "load_errors"}
SUMMARY = {"changes", "added", "removed", "changed", "risks", "introduced", "fixed"}
CHANGE = {"change", "kind", "key", "also", "activity", "description", "file", "line", "fields", "old", "new", "risks"}


def test_shape(repo: Path, run: Run) -> None:
    change_the_processing(repo)
    status, report, _ = run("--output-format", "json")
    assert status == 0
    assert set(report) == TOP
    assert report["format"] == 1
    assert set(report["base"]) == set(report["head"]) == SIDE
    assert report["base"]["label"].startswith("merge base with main (")
    assert report["head"]["label"] == "working tree"
    assert set(report["summary"]) == SUMMARY
    assert report["summary"]["risks"] == {"third-country": 1, "longer-retention": 1, "dpia": 1}
    assert report["summary"]["changes"] == len(report["changes"]) == 5
    for change in report["changes"]:
        assert set(change) == CHANGE
        assert change["change"] in ("added", "removed", "changed")
        assert isinstance(change["line"], int)
        for risk in change["risks"]:
            assert set(risk) == {"class", "reason", "references"}
            assert all(ref.startswith("GDPR ") for ref in risk["references"])
    # Findings have the shape of `ropa-check --output-format json`.
    shape = set(finding_dict(Finding("X", Severity.ERROR, "m", "f", 1, 1, "$")))
    assert report["findings"]["introduced"]
    for finding in report["findings"]["introduced"]:
        assert set(finding) == shape


def test_stable_from_run_to_run(repo: Path, run: Run) -> None:
    change_the_processing(repo)
    first = run("--output-format", "json")
    assert run("--output-format", "json") == first


def test_documented() -> None:
    """Every key of the report is described in docs/diff.md."""
    doc = (ROOT / "docs" / "diff.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"`([a-z_]+)`", doc))
    missing = (TOP | SIDE | SUMMARY | CHANGE) - documented
    assert not missing
