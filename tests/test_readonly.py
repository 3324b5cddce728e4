"""ropa-check never writes to the files it checks, whatever it is asked to output.

The real CLI runs in a subprocess over a copy of Kollektivkraft's record, a
one-file record and a file with an input error, once per output format (to
stdout and, with ``-o FORMAT=FILE``, to a report file outside the record).
Afterwards every checked file has the same bytes and the same ``st_mtime_ns``
(atime is ignored: reading may update it), and the record folders hold no
new files (no caches, no reports, no lock files).
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

Snapshot = dict[str, tuple[bytes, int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file and folder under ``folder``: (bytes, st_mtime_ns, mode); folders by their listing."""
    out: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        content = path.read_bytes() if path.is_file() else "\n".join(sorted(os.listdir(path))).encode()
        out[path.relative_to(folder).as_posix()] = (content, st.st_mtime_ns, st.st_mode)
    st = folder.stat()
    out["."] = ("\n".join(sorted(os.listdir(folder))).encode(), st.st_mtime_ns, st.st_mode)
    return out


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """A folder of records to check: the real RoPA, a one-file record, and a broken file."""
    root = tmp_path / "checked"
    shutil.copytree(RECORDS, root / "records")
    (root / "single").mkdir()
    shutil.copy(COMPLIANT, root / "single" / "record.yaml")
    (root / "broken").mkdir()
    (root / "broken" / "record.yaml").write_text("organisation:\n  controller: {name: A\n", encoding="utf-8")
    # Old mtimes, so a rewrite within the same clock tick still shows.
    for path in root.rglob("*"):
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000))
    return root


@pytest.mark.parametrize("fmt", NAMES)
def test_no_checked_file_changes(checked: Path, tmp_path: Path, fmt: str) -> None:
    before = snapshot(checked)
    reports = tmp_path / "reports"
    reports.mkdir()
    for target in ("records", "single", "single/record.yaml", "broken", "records/activities/nyhetsbrev.yaml"):
        for output in (["--output-format", fmt], ["-o", f"{fmt}={reports / 'report.out'}", "-o", "concise"]):
            proc = subprocess.run(
                [sys.executable, "-m", "ropa_check", "check", target, *output],
                cwd=checked,
                capture_output=True,
                text=True,
                timeout=60,
                env={**os.environ, "GITHUB_ACTIONS": ""},
            )
            assert proc.returncode in (0, 1, 2), proc.stderr
            assert "Traceback" not in proc.stderr
    after = snapshot(checked)
    assert after.keys() == before.keys(), set(after) ^ set(before)
    for name, (content, mtime, mode) in before.items():
        assert after[name][0] == content, f"{name} changed"
        assert after[name][1] == mtime, f"{name} was touched (mtime)"
        assert after[name][2] == mode, f"{name} changed mode"
    assert (reports / "report.out").stat().st_size > 0
