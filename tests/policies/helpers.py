"""Shared helpers of the policy tests: a valid policy to vary, and writing policy files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from tests.helpers import ROOT

EXAMPLES = ROOT / "docs" / "policies"


def valid_policy(**changes: Any) -> dict[str, Any]:
    """A policy that loads; ``changes`` replace its keys."""
    policy: dict[str, Any] = {
        "code": "ORG100",
        "name": "owner-missing",
        "severity": "warning",
        "scope": "activity",
        "message": "activity '{activity.id}' names no owner",
        "references": ["House rule 1", "GDPR Art. 5(2)"],
        "fix": "Set `owner`.",
        "when": {"field": "owner", "exists": False},
    }
    policy.update(changes)
    return policy


def write_policies(
    folder: Path, *policies: dict[str, Any], tests: list[Any] | None = None, name: str = "policy.yaml"
) -> Path:
    data: dict[str, Any] = {"policies": list(policies)}
    if tests is not None:
        data["tests"] = tests
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
