"""The pre-commit configuration `init` writes runs this project's hook, with the real pre-commit.

pre-commit builds a virtualenv for the hook (about 20 s), so this is ``slow``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_pre_commit import commit_all, run, tool_repo  # noqa: F401 - tool_repo is a fixture

pytestmark = pytest.mark.slow

PRE_COMMIT = str(Path(sys.executable).parent / "pre-commit")


def test_the_written_configuration_runs_the_hook_on_the_starter(tool_repo: Path, tmp_path: Path) -> None:  # noqa: F811
    rev = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=tool_repo, capture_output=True, text=True, check=True
    ).stdout.strip()
    user = tmp_path / "user"
    user.mkdir()
    source = ["--hook-repo", tool_repo.as_uri(), "--hook-rev", rev]
    status = subprocess.run(
        [sys.executable, "-m", "ropa_check", "init", str(user), "--org", "Example Ltd", "--country", "IE", *source],
        capture_output=True,
        text=True,
        check=False,
    )
    assert status.returncode == 0, status.stderr
    commit_all(user)
    result = run(user, PRE_COMMIT, "run", "--all-files")
    output = result.stdout + result.stderr
    # The hook ran ropa-check on the starter: it fails, with the to-do list (and never an input error).
    assert result.returncode == 1, output
    assert "ropa-check" in output
    assert "records/activities/newsletter.yaml" in output
    assert "RPA911" in output
    assert "RPA0" not in output
