"""ropa-check never writes to the files it checks, whatever it is asked to output and however it runs.

The real CLI runs in a subprocess over a copy of Kollektivkraft's record, a
one-file record and a file with an input error, once per output format (to
stdout and, with ``-o FORMAT=FILE``, to a report file outside the record);
then with a baseline created and read, with waivers in the record, with
``--diff-base`` in a git repository, as the pytest plugin (pytester) and as the
real pre-commit hook (slow). Afterwards every checked file has the same bytes,
``st_mtime_ns``, ``st_ctime_ns`` and mode (atime is ignored: reading may update
it), and the record folders list the same entries (no caches, no reports, no
lock files, no temporary files left).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ropa_check.reporters import NAMES
from tests.helpers import COMPLIANT, RECORDS, ROOT

Snapshot = dict[str, tuple[bytes, int, int, int]]


def snapshot(folder: Path) -> Snapshot:
    """Every file and folder under ``folder``: (bytes, st_mtime_ns, st_ctime_ns, mode); folders by their listing."""
    out: Snapshot = {}
    for path in sorted(folder.rglob("*")):
        st = path.lstat()
        content = path.read_bytes() if path.is_file() else "\n".join(sorted(os.listdir(path))).encode()
        out[path.relative_to(folder).as_posix()] = (content, st.st_mtime_ns, st.st_ctime_ns, st.st_mode)
    st = folder.stat()
    out["."] = ("\n".join(sorted(os.listdir(folder))).encode(), st.st_mtime_ns, st.st_ctime_ns, st.st_mode)
    return out


def assert_unchanged(before: Snapshot, after: Snapshot) -> None:
    assert after.keys() == before.keys(), set(after) ^ set(before)
    for name, (content, mtime, ctime, mode) in before.items():
        assert after[name][0] == content, f"{name} changed"
        assert after[name][1] == mtime, f"{name} was touched (mtime)"
        assert after[name][2] == ctime, f"{name} was touched (ctime: written, renamed, linked or its mode changed)"
        assert after[name][3] == mode, f"{name} changed mode"


def age(root: Path) -> None:
    """Old mtimes on everything under ``root``, so a rewrite within the same clock tick still shows."""
    for path in [root, *root.rglob("*")]:
        os.utime(path, ns=(1_000_000_000_000_000_000, 1_000_000_000_000_000_000), follow_symlinks=False)


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "ropa_check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "GITHUB_ACTIONS": "", "ROPA_CHECK_TODAY": "2026-06-01"},
    )
    assert proc.returncode in (0, 1), (args, proc.stdout, proc.stderr)
    assert "Traceback" not in proc.stderr
    return proc


@pytest.fixture
def checked(tmp_path: Path) -> Path:
    """A folder of records to check: the real RoPA, a one-file record, and a broken file."""
    root = tmp_path / "checked"
    shutil.copytree(RECORDS, root / "records")
    (root / "single").mkdir()
    shutil.copy(COMPLIANT, root / "single" / "record.yaml")
    (root / "broken").mkdir()
    (root / "broken" / "record.yaml").write_text("organisation:\n  controller: {name: A\n", encoding="utf-8")
    age(root)
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
    assert_unchanged(before, snapshot(checked))
    assert (reports / "report.out").stat().st_size > 0


# ------------------------------------------- baselines, waivers, diff base

GIT = ["git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false"]
#: A waiver that applies (RPA803 on the activity line), one that has expired and one that suppresses nothing.
WAIVERS = {
    "  - id: nyhetsbrev\n": "  - id: nyhetsbrev  # ropa-check: ignore[RPA803] "
    'reason="screening booked" expires=2099-06-30\n',
    "    name: Nyhetsbrev\n": '    name: Nyhetsbrev  # ropa-check: ignore[RPA402] reason="old" expires=2020-01-01\n',
}


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    """A git repository holding Kollektivkraft's record with waivers, one commit behind its working tree."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    project = tmp_path / "project"
    shutil.copytree(RECORDS, project / "records")
    for command in (["init", "-q", "-b", "main"], ["add", "records"], ["commit", "-q", "-m", "base"]):
        subprocess.run([*GIT, *command], cwd=project, check=True, capture_output=True)
    newsletter = project / "records" / "activities" / "nyhetsbrev.yaml"
    text = newsletter.read_text(encoding="utf-8")
    for line, waived in WAIVERS.items():
        assert line in text
        text = text.replace(line, waived, 1)
    newsletter.write_text(text, encoding="utf-8")
    age(project / "records")
    return project


def test_no_record_file_changes_with_baselines_waivers_or_a_diff_base(repository: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    git_state = [
        subprocess.run([*GIT, *command], cwd=repository, capture_output=True, text=True, check=True).stdout
        for command in (["status", "--porcelain", "--untracked-files=all"], ["worktree", "list"], ["stash", "list"])
    ]
    before = snapshot(repository / "records")
    baseline = out / "baseline.json"
    for target in ("records", "records/activities/nyhetsbrev.yaml"):
        created = cli(repository, "check", target, "--create-baseline", str(baseline))
        assert baseline.stat().st_size > 0, created.stderr
        cli(repository, "check", target, "--baseline", str(baseline), "-o", f"sarif={out / 'ropa.sarif'}")
        waived = cli(repository, "check", target, "--output-format", "json")
        assert "RPA091" in waived.stdout  # the waivers were read: one has expired
        assert '"kind": "waiver"' in waived.stdout  # and one applies
        cli(repository, "check", target, "--no-waivers", "-o", f"junit={out / 'ropa.xml'}")
        cli(repository, "check", target, "--diff-base", "main", "--output-format", "json")
        cli(repository, "check", target, "--diff-base", "HEAD", "--baseline", str(baseline), "-o", "concise")
    assert_unchanged(before, snapshot(repository / "records"))
    assert sorted(p.name for p in repository.iterdir()) == [".git", "records"]
    assert git_state == [
        subprocess.run([*GIT, *command], cwd=repository, capture_output=True, text=True, check=True).stdout
        for command in (["status", "--porcelain", "--untracked-files=all"], ["worktree", "list"], ["stash", "list"])
    ]


# --------------------------------------------------------- the pytest plugin


def test_no_record_file_changes_through_the_pytest_plugin(pytester: pytest.Pytester) -> None:
    shutil.copytree(RECORDS, pytester.path / "records")
    pytester.makeini("[pytest]\nropa_check = true\n")
    age(pytester.path / "records")
    before = snapshot(pytester.path / "records")
    for args in ([], ["-p", "no:cacheprovider", "--junitxml", str(pytester.path / "junit.xml")], ["-rA", "-x"]):
        result = pytester.runpytest(*args)
        assert result.ret == pytest.ExitCode.TESTS_FAILED, result.stdout.str()
        outcomes = result.parseoutcomes()
        assert outcomes["failed"] >= 1  # Kollektivkraft's record has gaps: the activities were checked
    assert_unchanged(before, snapshot(pytester.path / "records"))


# ------------------------------------------------------- the pre-commit hook


@pytest.mark.slow
def test_no_record_file_changes_through_the_pre_commit_hook(tmp_path: Path) -> None:
    """The real hooks, installed by pre-commit from a repository of the working tree's package (about 20 s)."""
    from tests.test_pre_commit import TOOL_FILES, commit_all, pre_commit

    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    tool = tmp_path / "tool"
    tool.mkdir()
    for name in TOOL_FILES:
        shutil.copy2(ROOT / name, tool / name)
    shutil.copytree(ROOT / "ropa_check", tool / "ropa_check", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    commit_all(tool)
    user = tmp_path / "user"
    shutil.copytree(RECORDS, user / "records")
    commit_all(user)
    age(user / "records")
    before = snapshot(user / "records")
    files = ["records/activities/nyhetsbrev.yaml", "records/recipients.yaml"]
    for hook, selection in (("ropa-check", ["--files", *files]), ("ropa-check-all", ["--all-files"])):
        ran = pre_commit(user, "try-repo", str(tool), hook, "--color", "never", *selection)
        assert ran.returncode == 1, ran.stdout + ran.stderr  # Kollektivkraft's record has gaps: the hook fails
        assert "records/activities/nyhetsbrev.yaml:" in ran.stdout, ran.stdout
        assert "Traceback" not in ran.stdout + ran.stderr
    assert_unchanged(before, snapshot(user / "records"))
