"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers (``--output-format sarif``).

One run (GitHub stopped merging runs in 2025), rules described from their own
metadata, repo-relative percent-encoded URIs under ``%SRCROOT%``, line-free
fingerprints, and suppressed findings kept with their justification.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from ropa_check import __version__
from ropa_check.finding import Finding, Severity
from ropa_check.input_errors import INPUT_ERRORS
from ropa_check.plugins import RegisteredRule
from ropa_check.reporters.escape import json_text, utf8
from ropa_check.reporters.fingerprint import fingerprints
from ropa_check.result import Result
from ropa_check.rule import HOME_URL, Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "ropaCheck/v2"
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_PROBLEM_SEVERITY = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "recommendation"}
_SUPPRESSION_KIND = {"waiver": "inSource", "baseline": "external"}
_MAX_DESCRIPTION = 1024


def information_uri() -> str:
    """The project's home page (pyproject's Repository URL; a test holds the two together).

    A constant, not the installed metadata: reading that imports ``importlib.metadata``
    (about 15 ms) on every SARIF run.
    """
    return HOME_URL


def _catalogue(result: Result) -> list[RegisteredRule]:
    """Every rule the run may report: the rules that ran, the input codes, then codes only findings know."""
    rules: dict[str, RegisteredRule] = {}
    for registered in result.rules_meta:
        rules.setdefault(registered.rule.code, registered)
    for kind in INPUT_ERRORS:
        rules.setdefault(kind.code, RegisteredRule(kind, "ropa_check.input_plugin", built_in=True))
    for f in result.findings:
        if f.code not in rules:
            # A code reported outside the rule catalogue (e.g. a meta finding): describe it from the finding.
            name = f.name or f.code.lower()
            stub = Rule(f.code, name, f.severity, f.message, (f.reference,), "", f.fix or "", "record", _none)
            rules[f.code] = RegisteredRule(stub, "ropa-check")
    return [rules[code] for code in sorted(rules)]


def _none(_: object) -> tuple[()]:
    return ()


def _first_paragraph(text: str) -> str:
    return text.strip().split("\n\n")[0].replace("\n", " ")


def _truncate(text: str) -> str:
    return text if len(text) <= _MAX_DESCRIPTION else text[: _MAX_DESCRIPTION - 1] + "…"


def rule_descriptor(registered: RegisteredRule) -> dict[str, Any]:
    """A SARIF reportingDescriptor made from the rule's metadata."""
    rule, plugin = registered.rule, registered.plugin
    references = "; ".join(r for r in rule.references if r)
    parts = (rule.explanation, f"References: {references}", f"Fix: {rule.fix}")
    help_text = "\n\n".join(part for part in parts if part)
    refs_md = "\n".join(f"- {r}" for r in rule.references if r)
    help_md = (
        f"**{rule.code} {rule.name}** ({rule.severity})\n\n{rule.summary}\n\n{rule.explanation}\n\n"
        f"**Legal references**\n\n{refs_md}\n\n**How to fix**\n\n{rule.fix}\n"
    )
    tags = ["gdpr", "art30", "input" if rule.scope == "input" else rule.scope, plugin]
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": _truncate(rule.summary or rule.name)},
        "fullDescription": {"text": _truncate(_first_paragraph(rule.explanation) or rule.summary or rule.name)},
        "help": {"text": help_text or rule.summary or rule.name, "markdown": help_md},
        "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        "properties": {
            "tags": tags,
            "precision": "high",
            "problem.severity": _PROBLEM_SEVERITY[rule.severity],
        },
    }
    if registered.url:
        descriptor["helpUri"] = registered.url
    return descriptor


def artifact_location(file: str) -> dict[str, Any]:
    """A repo-relative, forward-slash, percent-encoded URI under ``%SRCROOT%`` (absolute only outside it)."""
    path = Path(file)
    # Quote the name's bytes: one that is not UTF-8 becomes %XX, as a URI must have it.
    uri = quote(utf8(path.as_posix()), safe="/")
    if path.is_absolute():
        return {"uri": path.as_uri() if path.drive else f"file://{uri}"}
    return {"uri": uri, "uriBaseId": "%SRCROOT%"}


def _result(f: Finding, rule_index: dict[str, int], fingerprint: str) -> dict[str, Any]:
    properties: dict[str, Any] = {"jsonPath": f.json_path, "entryPath": f.entry_path}
    if f.activity:
        properties["activity"] = f.activity
    if f.reference:
        properties["reference"] = f.reference
    logical = [{"fullyQualifiedName": f.json_path, "kind": "element"}]
    if f.activity:
        logical.insert(0, {"name": f.activity, "kind": "object"})
    out: dict[str, Any] = {
        "ruleId": f.code,
        "ruleIndex": rule_index[f.code],
        "level": _LEVEL[f.severity],
        "message": {"text": f.message if f.message.endswith(".") else f.message + "."},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(f.file),
                    "region": {"startLine": max(1, f.line), "startColumn": max(1, f.column)},
                },
                "logicalLocations": logical,
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
        "properties": properties,
    }
    if f.suppression is not None:
        s = f.suppression
        suppression: dict[str, Any] = {
            "kind": _SUPPRESSION_KIND.get(s.kind, "external"),
            "status": "accepted",
            "justification": s.reason,
        }
        extra = {k: v for k, v in (("approver", s.approver), ("expires", s.expires)) if v}
        if extra:
            suppression["properties"] = extra
        out["suppressions"] = [suppression]
    return out


def document(result: Result) -> dict[str, Any]:
    """The SARIF log as a dict."""
    catalogue = _catalogue(result)
    rule_index = {r.rule.code: i for i, r in enumerate(catalogue)}
    return {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ropa-check",
                        "semanticVersion": __version__,
                        "informationUri": information_uri(),
                        "rules": [rule_descriptor(r) for r in catalogue],
                    }
                },
                "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
                "invocations": [{"executionSuccessful": not result.input_failed}],
                "results": [
                    _result(f, rule_index, print_)
                    for f, print_ in zip(result.findings, fingerprints(result.findings), strict=True)
                ],
            }
        ],
    }


def render(result: Result, out: TextIO) -> None:
    out.write(json_text(json.dumps(document(result), indent=2, ensure_ascii=False)) + "\n")
