"""--diff-base REF against a real git repository in tmp_path."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.helpers import COMPLIANT, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
SELECT = ("--select", "RPA4,RPA09")


def _without_retention(text: str, activity: str) -> str:
    lines = text.splitlines()
    start = lines.index("    retention:", lines.index(f"  - id: {activity}"))
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("      "))
    del lines[start:end]
    return "\n".join(lines) + "\n"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main: a record where RPA401 fires for 'bokforing'; checked out on branch 'feature'."""
    monkeypatch.delenv("GITHUB_BASE_REF", raising=False)
    git(tmp_path, "init", "-q", "-b", "main")
    (tmp_path / "records").mkdir()
    record = tmp_path / "records" / "record.yaml"
    record.write_text(_without_retention(COMPLIANT.read_text(encoding="utf-8"), "bokforing"), encoding="utf-8")
    git(tmp_path, "add", "records")
    git(tmp_path, "commit", "-q", "-m", "base")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[dict[str, object]], str]:
    status = main([*args, "--output-format", "json"])
    out, err = capsys.readouterr()
    return status, (json.loads(out)["findings"] if out else []), err


def _active(findings: list[dict[str, object]]) -> list[tuple[object, object]]:
    return [(f["code"], f["activity"]) for f in findings if f["suppression"] is None]


def test_unchanged_record_has_no_new_findings(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "records", *SELECT)[0] == 1
    status, findings, _ = run(capsys, "records", *SELECT, "--diff-base", "main")
    assert status == 0
    (old,) = findings
    assert old["suppression"] == {"kind": "baseline", "reason": "present at main", "approver": None, "expires": None}


def test_only_new_findings_count(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = repo / "records" / "record.yaml"
    # Lines above move, and a new gap opens in another activity (uncommitted, as in a pre-commit run).
    text = "# a new comment\n# and another\n" + record.read_text(encoding="utf-8")
    record.write_text(_without_retention(text, "medlemsregister"), encoding="utf-8")
    status, findings, _ = run(capsys, "records", *SELECT, "--diff-base", "main")
    assert status == 1
    assert {a for _, a in _active(findings)} == {"medlemsregister"}
    assert [f["suppression"] is not None for f in findings if f["activity"] == "bokforing"] == [True]
    # Committed on the branch, compared with main: the same.
    git(repo, "commit", "-q", "-am", "change")
    assert _active(run(capsys, "records", *SELECT, "--diff-base", "main")[1]) == _active(findings)
    # Compared with the branch itself: nothing is new.
    assert run(capsys, "records", *SELECT, "--diff-base", "HEAD")[0] == 0


def test_files_passed_one_by_one(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, _ = run(capsys, "records/record.yaml", *SELECT, "--diff-base", "main")
    assert status == 0


def test_a_file_new_since_the_ref_is_all_new(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "more").mkdir()
    shutil.copy(repo / "records" / "record.yaml", repo / "more" / "record.yaml")
    status, findings, _ = run(capsys, "more", *SELECT, "--diff-base", "main")
    assert status == 1
    assert _active(findings) == [("RPA401", "bokforing")]


def test_auto_uses_github_base_ref(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Not a pull request: nothing to compare with, so every finding counts.
    assert run(capsys, "records", *SELECT, "--diff-base", "auto")[0] == 1
    monkeypatch.setenv("GITHUB_BASE_REF", "main")
    assert run(capsys, "records", *SELECT, "--diff-base", "auto")[0] == 0
    status, out, _ = main(["--diff-base", "auto", "--show-settings"]), *capsys.readouterr()
    assert status == 0
    assert re.search(r'^diff-base +=  ?"main"  # command line \(auto: GITHUB_BASE_REF=main\)$', out, re.M), out


def test_auto_falls_back_to_the_remote_branch(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Actions checkouts often have origin/<base> but no local branch of that name.
    git(repo, "update-ref", "refs/remotes/origin/release", "main")
    monkeypatch.setenv("GITHUB_BASE_REF", "release")
    assert run(capsys, "records", *SELECT, "--diff-base", "auto")[0] == 0


def test_unknown_ref_is_exit_2(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "records", *SELECT, "--diff-base", "no-such-branch")
    assert status == 2
    assert "'no-such-branch' is not a commit, branch or tag" in err


def test_outside_a_repository_is_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    (tmp_path / "r").mkdir()
    shutil.copy(COMPLIANT, tmp_path / "r" / "record.yaml")
    monkeypatch.chdir(tmp_path / "r")
    status, _, err = run(capsys, ".", "--diff-base", "main")
    assert status == 2
    assert "only inside a git repository" in err


def test_nothing_in_the_repository_is_written(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    record = repo / "records" / "record.yaml"
    record.write_text(_without_retention(record.read_text(encoding="utf-8"), "medlemsregister"), encoding="utf-8")
    before = (git(repo, "status", "--porcelain"), git(repo, "worktree", "list"), record.read_bytes())
    run(capsys, "records", *SELECT, "--diff-base", "main")
    assert (git(repo, "status", "--porcelain"), git(repo, "worktree", "list"), record.read_bytes()) == before
