"""Installing a plugin the way a pack is installed, for the tests of issue 11's environment cases."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

from tests.helpers import COMPLIANT


def install(site: Path, name: str, source: str) -> dict[str, str]:
    """Install ``source`` as the plugin ``name`` in ``site``; the environment that finds it."""
    site.mkdir(exist_ok=True)
    (site / f"{name}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    dist = site / f"{name}-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n", encoding="utf-8")
    (dist / "entry_points.txt").write_text(f"[ropa_check]\n{name} = {name}\n", encoding="utf-8")
    return {"PYTHONPATH": os.pathsep.join([str(site), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


def record(tmp_path: Path) -> Path:
    folder = tmp_path / "input"
    folder.mkdir(exist_ok=True)
    (folder / "record.yaml").write_bytes(COMPLIANT.read_bytes())
    return folder


def rule_source(code: str, body: str, scope: str = "activity", extra: str = "") -> str:
    """A plugin with one rule ``code`` whose check function is ``body``."""
    return f'''
import sys, time
from ropa_check import hookimpl, rule
{extra}

@rule(code="{code}", name="misbehaves", severity="warning", summary="s", references=("test",), fix="-",
      scope="{scope}")
def check(item):
    """Misbehaves."""
{textwrap.indent(textwrap.dedent(body), "    ")}

@hookimpl
def ropa_check_rules():
    return [check]
'''
