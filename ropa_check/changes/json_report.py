"""The diff as one JSON document; its shape is documented in docs/diff.md and held by a test.

``format`` is 1; fields are only ever added to a version. Texts are exact (a
reader parses them; nothing is cut or shown as escapes); findings have the
shape of ``ropa-check --output-format json``.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ropa_check import __version__
from ropa_check.changes.compare import Change
from ropa_check.changes.diff import Diff
from ropa_check.changes.sides import Side
from ropa_check.changes.words import subject
from ropa_check.finding import Finding
from ropa_check.reporters.escape import json_text
from ropa_check.reporters.json_report import finding_dict

FORMAT = 1


def _side(side: Side, errors: list[Finding]) -> dict[str, Any]:
    return {
        "label": side.label,
        "files": sorted(side.display(f) for f in side.result.files),
        "load_errors": [finding_dict(f) for f in errors],
    }


def change_dict(change: Change) -> dict[str, Any]:
    """One change as JSON."""
    return {
        "change": change.change,
        "kind": change.kind,
        "key": list(change.key[1:]),
        "also": [list(k[1:]) for k in change.also],
        "activity": change.activity,
        "description": "".join(subject(change)),
        "file": change.file,
        "line": change.line,
        "fields": [{"field": f.name, "old": f.old, "new": f.new} for f in change.fields],
        "old": change.old.value if change.old is not None else None,
        "new": change.new.value if change.new is not None else None,
        "risks": [{"class": r.name, "reason": r.reason, "references": list(r.references)} for r in change.risks],
    }


def document(diff: Diff) -> dict[str, Any]:
    """The whole diff as JSON-ready data."""
    return {
        "tool": {"name": "ropa-check", "version": __version__},
        "format": FORMAT,
        "base": _side(diff.base, diff.base_errors),
        "head": _side(diff.head, diff.head_errors),
        "compared": diff.compared,
        "summary": {
            "changes": len(diff.changes),
            **{kind: sum(c.change == kind for c in diff.changes) for kind in ("added", "removed", "changed")},
            "risks": diff.risk_counts(),
            "introduced": len(diff.introduced),
            "fixed": len(diff.fixed),
        },
        "changes": [change_dict(c) for c in diff.changes],
        "findings": {
            "introduced": [finding_dict(f) for f in diff.introduced],
            "fixed": [finding_dict(f) for f in diff.fixed],
        },
    }


def render(diff: Diff, out: TextIO) -> None:
    """Write ``diff`` as JSON."""
    out.write(json_text(json.dumps(document(diff), indent=2, ensure_ascii=False, default=str)) + "\n")


__all__ = ["FORMAT", "change_dict", "document", "render"]
