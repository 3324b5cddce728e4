"""The pre-commit hooks, run by the real pre-commit against a real git repository.

pre-commit installs a hook repository from a git commit, so the current code
and hook manifest are committed to a temporary repository first. ``try-repo``
and ``pre-commit install`` each build a virtualenv (about 20 s each), so this
module is marked ``slow``; it still runs by default (``-m "not slow"`` skips it
locally).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import ROOT, apply_patch, compliant
from tests.test_record_roots import split_record

pytestmark = pytest.mark.slow

GIT_ENV = {
    "GIT_AUTHOR_NAME": "ropa-check tests",
    "GIT_AUTHOR_EMAIL": "tests@example.invalid",
    "GIT_COMMITTER_NAME": "ropa-check tests",
    "GIT_COMMITTER_EMAIL": "tests@example.invalid",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}
#: What a hook repository needs to install ropa-check.
TOOL_FILES = ("pyproject.toml", "README.md", ".pre-commit-hooks.yaml")


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, env={**os.environ, **GIT_ENV})


def commit_all(repo: Path) -> None:
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "commit.gpgsign=false", "commit", "-q", "-m", "snapshot")


@pytest.fixture(scope="module")
def tool_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working tree's package and hook manifest, committed to a repository of their own."""
    repo = tmp_path_factory.mktemp("tool")
    for name in TOOL_FILES:
        shutil.copy2(ROOT / name, repo / name)
    shutil.copytree(ROOT / "ropa_check", repo / "ropa_check", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    commit_all(repo)
    return repo


@pytest.fixture(scope="module")
def user_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project whose record is split over files; only activity 'nyhetsbrev' has a gap."""
    repo = tmp_path_factory.mktemp("user")
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/2/retention"}])
    assert data["activities"][2]["id"] == "nyhetsbrev"
    split_record(repo / "records", data)
    commit_all(repo)
    return repo


def pre_commit_env(user: Path) -> dict[str, str]:
    env = {**os.environ, **GIT_ENV, "PRE_COMMIT_HOME": str(user.parent / "pre-commit-home"), "NO_COLOR": "1"}
    env.pop("GITHUB_ACTIONS", None)  # the hook's text must not depend on where the tests run
    env.pop("ROPA_CHECK_OUTPUT_FORMAT", None)
    return env


def run(user: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=user, capture_output=True, text=True, env=pre_commit_env(user), timeout=600)


def pre_commit(user: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return run(user, sys.executable, "-m", "pre_commit", *args)


def test_try_repo_passes_changed_files_whose_references_are_in_other_files(tool_repo: Path, user_repo: Path) -> None:
    # An activity whose recipients and sources live in other files, and a registry; the record's gap is elsewhere.
    files = ["records/activities/medlemsregister.yaml", "records/recipients.yaml"]
    clean = pre_commit(user_repo, "try-repo", str(tool_repo), "ropa-check", "--color", "never", "--files", *files)
    assert clean.returncode == 0, clean.stdout + clean.stderr
    assert re.search(r"^ropa-check\.+Passed$", clean.stdout, re.M), clean.stdout
    assert "RPA005" not in clean.stdout


def test_the_installed_hook_blocks_only_commits_that_touch_a_gap(tool_repo: Path, user_repo: Path) -> None:
    rev = subprocess.run(["git", "rev-parse", "HEAD"], cwd=tool_repo, capture_output=True, text=True, check=True)
    (user_repo / ".pre-commit-config.yaml").write_text(
        f"""repos:
  - repo: {tool_repo.as_posix()}
    rev: {rev.stdout.strip()}
    hooks:
      - id: ropa-check
      - id: ropa-check-all
        stages: [manual]
""",
        encoding="utf-8",
    )
    git(user_repo, "add", ".pre-commit-config.yaml")
    installed = pre_commit(user_repo, "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr

    def commit(path: str) -> subprocess.CompletedProcess[str]:
        with (user_repo / path).open("a", encoding="utf-8") as fh:
            fh.write("# reviewed\n")
        git(user_repo, "add", path)
        return run(user_repo, "git", "-c", "commit.gpgsign=false", "commit", "-m", f"edit {path}")

    unrelated = commit("records/activities/bokforing.yaml")
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    assert re.search(r"^ropa-check\.+Passed$", unrelated.stdout + unrelated.stderr, re.M)

    gap = commit("records/activities/nyhetsbrev.yaml")
    output = gap.stdout + gap.stderr
    assert gap.returncode != 0, output
    assert re.search(r"^ropa-check\.+Failed$", output, re.M), output
    assert re.search(r"^records/activities/nyhetsbrev\.yaml:\d+:\d+: RPA401 ", output, re.M), output
    assert "Traceback" not in output

    whole = pre_commit(user_repo, "run", "ropa-check-all", "--hook-stage", "manual", "--color", "never")
    assert whole.returncode == 1, whole.stdout + whole.stderr
    assert re.search(r"^ropa-check \(whole record\)\.+Failed$", whole.stdout, re.M), whole.stdout
    assert "records/activities/nyhetsbrev.yaml:" in whole.stdout


def test_the_hook_follows_the_configured_record_paths(tool_repo: Path, tmp_path: Path) -> None:
    """A record in privacy/records, named in ropa-check.toml: changes there are checked, other YAML is not."""
    user = tmp_path / "user"
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/2/retention"}])
    split_record(user / "privacy" / "records", data)
    (user / "ropa-check.toml").write_text('paths = ["privacy/records"]\n', encoding="utf-8")
    (user / "deploy").mkdir()
    (user / "deploy" / "app.yaml").write_text("replicas: 2\n", encoding="utf-8")
    commit_all(user)

    def try_repo(*files: str) -> subprocess.CompletedProcess[str]:
        return pre_commit(user, "try-repo", str(tool_repo), "ropa-check", "--color", "never", "--files", *files)

    gap = try_repo("privacy/records/activities/nyhetsbrev.yaml", "deploy/app.yaml")
    output = gap.stdout + gap.stderr
    assert gap.returncode == 1, output
    assert re.search(r"^ropa-check\.+Failed$", output, re.M), output
    assert re.search(r"^privacy/records/activities/nyhetsbrev\.yaml:\d+:\d+: RPA401 ", output, re.M), output
    assert "deploy/app.yaml" not in output  # not a record file: never read as one (no RPA003)

    unrelated = try_repo("deploy/app.yaml", "privacy/records/activities/bokforing.yaml")
    assert unrelated.returncode == 0, unrelated.stdout + unrelated.stderr
    assert re.search(r"^ropa-check\.+Passed$", unrelated.stdout, re.M), unrelated.stdout

    outside = try_repo("deploy/app.yaml")
    assert outside.returncode == 0, outside.stdout + outside.stderr
    assert re.search(r"^ropa-check\.+Passed$", outside.stdout, re.M), outside.stdout
