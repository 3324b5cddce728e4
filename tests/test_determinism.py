"""The same input gives byte-identical output in every format.

Each format runs twice through the real CLI on the same files, with different
``PYTHONHASHSEED`` values (so iteration over sets or hash-ordered dicts would
show): nothing may depend on the run, such as timestamps, durations or random
ids in a report.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_check.reporters import NAMES
from tests.helpers import COMPLIANT, RECORDS


def run(cwd: Path, fmt: str, seed: str, *paths: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "ropa_check", "check", *paths, "--output-format", fmt],
        cwd=cwd,
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONHASHSEED": seed, "GITHUB_ACTIONS": ""},
    )


def copy_inputs(where: Path) -> Path:
    shutil.copytree(RECORDS, where / "records")
    (where / "examples").mkdir()
    shutil.copy(COMPLIANT, where / "examples" / "compliant.yaml")
    (where / "broken").mkdir()
    (where / "broken" / "record.yaml").write_text("organisation:\n  a: 1\n  a: 2\nactivities: {}\n", encoding="utf-8")
    return where


@pytest.mark.parametrize("fmt", NAMES)
@pytest.mark.parametrize("paths", [("records",), ("examples/compliant.yaml",), ("broken",)], ids=lambda p: p[0])
def test_same_input_same_bytes(tmp_path: Path, fmt: str, paths: tuple[str, ...]) -> None:
    inputs = copy_inputs(tmp_path)
    a = run(inputs, fmt, "1", *paths)
    b = run(inputs, fmt, "2", *paths)
    assert b"Traceback" not in a.stderr + b.stderr
    assert a.returncode == b.returncode
    assert a.stdout or a.returncode == 0, "no output to compare"
    assert a.stdout == b.stdout
    assert a.stderr == b.stderr
