"""ropa-check on the oldest pydantic that pyproject allows gives the same results as on the newest.

The record format is validated with a pydantic-core schema compiled from the
models with the pydantic of the day (``ropa_check/format/compiled_model.py``), while
users may have any pydantic from 2.6 on. This installs pydantic 2.6.4 (and its
pydantic-core 2.16) with ropa-check in a fresh virtualenv and compares every
output with this environment's: Kollektivkraft's record and every committed
hostile case, which between them hold schema errors of most kinds. Everything
else in that virtualenv, the setuptools that builds ropa-check included, is at
its pin in ``.ci/constraints.txt``, and it has only ropa-check's runtime
dependencies (no jsonschema: a check does not need it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from tests.helpers import RECORDS, ROOT

OLDEST_PYDANTIC = "2.6.4"
HOSTILE = ROOT / "tests" / "hostile"
CONSTRAINTS = ROOT / ".ci" / "constraints.txt"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def oldest_python(tmp_path_factory: pytest.TempPathFactory) -> Path:
    home = tmp_path_factory.mktemp("oldest-pydantic")
    # CI's pins but pydantic's own: pydantic 2.6.4 names the one pydantic-core it takes.
    constraints = home / "constraints.txt"
    constraints.write_text(
        "".join(
            line + "\n"
            for line in CONSTRAINTS.read_text(encoding="utf-8").splitlines()
            if not re.match(r"pydantic([-_.]core)?==", line, re.I)
        ),
        encoding="utf-8",
    )
    venv.create(home / "venv", with_pip=True)
    python = home / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    pip = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    # The environment carries the pins into ropa-check's isolated build as well: --build-constraint for
    # pip 26.2 and newer, PIP_CONSTRAINT for the older pip a new virtualenv may start with.
    env = {**os.environ, "PIP_CONSTRAINT": str(constraints), "PIP_BUILD_CONSTRAINT": str(constraints)}
    subprocess.run([*pip, f"pydantic=={OLDEST_PYDANTIC}", "pluggy", "PyYAML"], check=True, timeout=600, env=env)
    subprocess.run([*pip, "--no-deps", str(ROOT)], check=True, timeout=600, env=env)
    return python


def _run(python: Path | str, target: Path) -> tuple[int, str]:
    proc = subprocess.run(
        [str(python), "-m", "ropa_check", "check", ".", "--output-format", "json"],
        cwd=target,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "ROPA_CHECK_TODAY": "2026-11-25"},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc.returncode, proc.stdout


def test_the_oldest_pydantic_is_the_one_installed(oldest_python: Path) -> None:
    out = subprocess.run(
        [str(oldest_python), "-c", "import pydantic; print(pydantic.VERSION)"], capture_output=True, text=True
    )
    assert out.stdout.strip() == OLDEST_PYDANTIC


@pytest.mark.parametrize(
    "target",
    [RECORDS, *sorted(p / "input" for p in HOSTILE.iterdir() if (p / "input").is_dir())],
    ids=lambda p: p.parent.name if p.name == "input" else p.name,
)
def test_same_results_as_with_the_newest(oldest_python: Path, target: Path) -> None:
    assert _run(oldest_python, target) == _run(sys.executable, target)
