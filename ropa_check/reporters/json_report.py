"""Findings as one JSON document (``--output-format json``)."""

from __future__ import annotations

import json
from typing import Any, TextIO

from ropa_check import __version__
from ropa_check.finding import Finding, Suppression
from ropa_check.reporters.escape import json_text
from ropa_check.result import Result


def finding_dict(f: Finding) -> dict[str, Any]:
    """A finding as JSON: location, rule, message and, when waived or baselined, its suppression."""
    return {
        "code": f.code,
        "name": f.name,
        "severity": str(f.severity),
        "message": f.message,
        "file": f.file,
        "line": f.line,
        "column": f.column,
        "json_path": f.json_path,
        "entry_path": f.entry_path,
        "activity": f.activity,
        "reference": f.reference,
        "fix": f.fix,
        "origin": f.origin,
        "covers": list(f.covers),
        "suppression": None if f.suppression is None else suppression_dict(f.suppression),
    }


def suppression_dict(s: Suppression) -> dict[str, Any]:
    return {"kind": s.kind, "reason": s.reason, "approver": s.approver, "expires": s.expires}


def render(result: Result, out: TextIO) -> None:
    counts = result.counts()
    doc = {
        "tool": {"name": "ropa-check", "version": __version__},
        "summary": {
            "files": len(result.files),
            "activities": result.activities,
            "rules": result.rules,
            "findings": len(result.findings),
            **{str(sev): n for sev, n in counts.items()},
            "suppressed": len(result.findings) - len(result.active),
            "input_failed": result.input_failed,
        },
        "findings": [finding_dict(f) for f in result.findings],
    }
    # The exact text of every message, file name and path, in JSON any reader parses (see escape.json_text).
    out.write(json_text(json.dumps(doc, indent=2, ensure_ascii=False)) + "\n")
