"""A shallow clone, as CI checks out by default: a clear error saying to fetch the base, never a wrong diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.changes.conftest import Run, change_the_processing
from tests.helpers import git


@pytest.fixture
def shallow(repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Branch 'feature', one commit ahead of main, fetched at depth 1 as actions/checkout fetches a pull request."""
    change_the_processing(repo)
    git(repo, "commit", "-q", "-am", "change the processing")
    clone = tmp_path / "clone"
    clone.mkdir()
    git(clone, "init", "-q")
    git(clone, "remote", "add", "origin", f"file://{repo}")
    git(clone, "fetch", "-q", "--depth", "1", "origin", "+refs/heads/feature:refs/remotes/origin/feature")
    git(clone, "checkout", "-q", "--detach", "origin/feature")
    monkeypatch.chdir(clone)
    return clone


def test_no_base_in_a_shallow_clone(shallow: Path, run: Run) -> None:
    status, out, err = run()
    assert status == 2
    assert out == ""
    assert "shallow clone" in err
    assert "git fetch" in err
    assert "Traceback" not in err


def test_named_base_missing_from_a_shallow_clone(repo: Path, shallow: Path, run: Run) -> None:
    base = git(repo, "rev-parse", "main").strip()
    status, _, err = run(base)
    assert status == 2
    assert f"BASE '{base}' is not in this repository" in err
    assert "fetch-depth: 0" in err


def test_base_fetched_without_history(repo: Path, shallow: Path, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    git(shallow, "fetch", "-q", "--depth", "1", "origin", "+refs/heads/main:refs/remotes/origin/main")
    status, _, err = run()
    assert status == 2
    assert "merge base of HEAD and origin/main is not in this repository" in err
    git(shallow, "fetch", "-q", "--unshallow", "origin", "+refs/heads/main:refs/remotes/origin/main")
    status, report, _ = run("--output-format", "json")
    assert status == 0
    assert report["summary"]["risks"] == {"third-country": 1, "longer-retention": 1, "dpia": 1}
