"""Shared test helpers: the compliant example, JSON-patch edits, and running a check."""

from __future__ import annotations

import copy
import datetime as dt
import os
import subprocess
from pathlib import Path
from typing import Any

import yaml

from ropa_check import plugins
from ropa_check.options import Options
from ropa_check.pipeline import check_paths
from ropa_check.plugins import RegisteredRule
from ropa_check.result import Result

ROOT = Path(__file__).resolve().parent.parent
COMPLIANT = ROOT / "docs" / "examples" / "compliant.yaml"
RECORDS = ROOT / "records"

_LOADED = plugins.load()
ALL_RULES: list[RegisteredRule] = _LOADED.rules
VOCABULARIES = _LOADED.vocabularies


def compliant() -> dict[str, Any]:
    with COMPLIANT.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _pointer(path: str) -> list[str | int]:
    parts: list[str | int] = []
    for raw in path.lstrip("/").split("/") if path != "/" else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        parts.append(int(part) if part.isdigit() else part)
    return parts


def apply_patch(data: dict[str, Any], ops: list[dict[str, Any]]) -> dict[str, Any]:
    """Apply RFC 6902 add/replace/remove operations to a copy of ``data``."""
    data = copy.deepcopy(data)
    for op in ops:
        *parents, last = _pointer(op["path"])
        node: Any = data
        for part in parents:
            node = node[part]
        if op["op"] == "remove":
            del node[last]
        elif op["op"] == "replace":
            node[last] = copy.deepcopy(op["value"])
        elif op["op"] == "add":
            if isinstance(node, list):
                node.insert(len(node) if last == "-" else int(last), copy.deepcopy(op["value"]))
            else:
                node[last] = copy.deepcopy(op["value"])
        else:
            raise ValueError(f"unsupported op {op['op']}")
    return data


def write_record(tmp_path: Path, data: dict[str, Any], name: str = "record.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def check(*paths: Path | str, rules: list[RegisteredRule] | None = None, options: Options | None = None) -> Result:
    if options is None:
        options = Options(today=dt.date.fromisoformat(os.environ["ROPA_CHECK_TODAY"]))
    return check_paths([str(p) for p in paths], ALL_RULES if rules is None else rules, VOCABULARIES, options)


def git(repo: Path, *args: str) -> str:
    """Run git in ``repo`` with a fixed identity; fail the test when git fails."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout
