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


def test_twenty_parallel_runs_write_the_same_bytes(tmp_path: Path) -> None:
    """20 processes at once on one copy of the record: stdout and every report file byte-identical.

    Nothing may depend on which run got there first: no shared cache, lock or temporary file, and the
    atomic writes of one run must not collide with another's (each writes its own files here).
    """
    inputs = copy_inputs(tmp_path / "inputs")
    out = tmp_path / "out"
    processes = []
    for n in range(20):
        folder = out / str(n)
        folder.mkdir(parents=True)
        reports = [f"{fmt}={folder / f'report.{fmt}'}" for fmt in ("sarif", "json", "junit")]
        processes.append(
            subprocess.Popen(
                [sys.executable, "-m", "ropa_check", "check", "records", *(f"-o{r}" for r in reports), "-o", "full"],
                cwd=inputs,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                env={**os.environ, "PYTHONHASHSEED": str(n), "GITHUB_ACTIONS": "", "ROPA_CHECK_TODAY": "2026-06-01"},
            )
        )
    results = [(*p.communicate(timeout=300), p.returncode) for p in processes]
    first_out, first_err, first_status = results[0]
    assert first_status == 1, first_err
    assert first_out
    assert b"Traceback" not in first_err
    for stdout, stderr, status in results[1:]:
        assert (stdout, stderr, status) == (first_out, first_err, first_status)
    for fmt in ("sarif", "json", "junit"):
        contents = {(out / str(n) / f"report.{fmt}").read_bytes() for n in range(20)}
        assert len(contents) == 1, f"{fmt} reports differ between parallel runs"
        assert len(next(iter(contents))) > 1000
    assert sorted(p.name for p in (out / "0").iterdir()) == ["report.json", "report.junit", "report.sarif"]
