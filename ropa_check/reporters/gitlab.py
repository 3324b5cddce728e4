"""GitLab Code Quality JSON (``--output-format gitlab``), for ``artifacts:reports:codequality``.

Suppressed findings are left out: GitLab would show them as open issues.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ropa_check.finding import Finding, Severity
from ropa_check.reporters.escape import json_text
from ropa_check.reporters.fingerprint import fingerprints
from ropa_check.result import Result

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(f: Finding, fingerprint_: str) -> dict[str, Any]:
    where = f" (activity '{f.activity}', {f.json_path})" if f.activity else f" ({f.json_path})"
    return {
        "type": "issue",
        "check_name": f"{f.code} {f.name}".strip(),
        "description": f"{f.code} {f.message}{where}",
        "categories": ["Compliance"],
        "severity": _SEVERITY[f.severity],
        "fingerprint": fingerprint_,
        "location": {
            "path": f.file,
            "positions": {"begin": {"line": max(1, f.line), "column": max(1, f.column)}},
        },
    }


def render(result: Result, out: TextIO) -> None:
    active = result.active
    issues = [issue(f, print_) for f, print_ in zip(active, fingerprints(active), strict=True)]
    out.write(json_text(json.dumps(issues, indent=2, ensure_ascii=False)) + "\n")
