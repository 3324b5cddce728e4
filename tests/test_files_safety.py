"""Files ropa-check must never touch or follow (issue 11), through the real CLI in a subprocess.

Symbolic links given as file arguments are held to their record's folder (or to
the working folder) as the folder walk holds them; reports and baselines are
never written over a file the run reads or into a record's folder, and are
replaced whole or not at all; a folder that cannot be read is never "clean";
a baseline ropa-check wrote can always be read back; a link out of the
repository at a ``--diff-base`` ref is refused with a message.

Permission cases need an unprivileged user (root reads every folder whatever
its mode): as root they run the CLI under ``setpriv`` as ``nobody``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import COMPLIANT, compliant
from tests.test_hostile import Run, assert_has, assert_refused, run_cli
from tests.test_record_roots import split_record

SECRET = "SECRET-LINE-NOT-IN-THE-REPOSITORY"


def _symlink(link: Path, target: Path | str) -> None:
    try:
        link.symlink_to(target)
    except OSError as exc:  # e.g. Windows without the privilege
        pytest.skip(f"cannot create symbolic links here: {exc}")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """tmp_path/project/records: the compliant example split into files (organisation, recipients, activities/)."""
    split_record(tmp_path / "project" / "records", compliant())
    return tmp_path / "project"


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_split_example_is_clean(project: Path) -> None:
    """The fixture the 'never clean' cases below rely on: as it is, the record passes."""
    run = run_cli("check", "records", "--output-format", "json", cwd=project)
    assert run.status == 0, run.stdout[-2000:]


# ------------------------------------------------------------------ symbolic links given as files (bullet 1)


@pytest.mark.parametrize("output_format", ["json", "concise"])
def test_a_file_argument_linking_out_of_its_record_is_refused(project: Path, output_format: str) -> None:
    """`ln -s /etc/passwd records/activities/x.yaml; ropa-check records/activities/x.yaml` printed the target."""
    outside = project.parent / "passwd"
    outside.write_text(f"{SECRET}:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    _symlink(project / "records" / "activities" / "x.yaml", outside)
    run = run_cli("check", "records/activities/x.yaml", "--output-format", output_format, cwd=project)
    assert_refused(run)
    assert SECRET not in run.stdout
    assert "RPA009" in run.stdout
    assert "symbolic link" in run.stdout
    if output_format == "json":
        assert_has(run.findings, {"code": "RPA009", "file": "records/activities/x.yaml"})


def test_a_file_argument_linking_to_an_outside_record_that_passes_is_refused(project: Path) -> None:
    """A link to a record elsewhere on the machine said "All checks passed" about a file not in the repository."""
    elsewhere = project.parent / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(COMPLIANT, elsewhere / "ropa.yaml")
    _symlink(project / "ropa.yaml", elsewhere / "ropa.yaml")
    run = run_cli("check", "ropa.yaml", "--output-format", "json", cwd=project)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "ropa.yaml"})
    assert "outside" in run.findings[0]["message"]
    assert "All checks passed" not in run_cli("check", "ropa.yaml", cwd=project).stdout


def test_a_file_argument_with_no_record_is_held_to_the_working_folder(project: Path) -> None:
    outside = project.parent / "activity.yaml"
    outside.write_bytes((project / "records" / "activities" / "bokforing.yaml").read_bytes())
    _symlink(project / "activity.yaml", outside)
    run = run_cli("check", "activity.yaml", "--output-format", "json", cwd=project)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "activity.yaml"})
    assert "outside the working folder" in run.findings[0]["message"]


def test_a_file_argument_linking_into_another_record_is_refused(project: Path) -> None:
    """Held to its own record's folder, as the folder walk holds it, not merely to the working folder."""
    other = project / "other"
    split_record(other, compliant())
    _symlink(project / "records" / "activities" / "borrowed.yaml", other / "activities" / "bokforing.yaml")
    run = run_cli("check", "records/activities/borrowed.yaml", "--output-format", "json", cwd=project)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "records/activities/borrowed.yaml"})


def test_a_file_argument_linking_out_from_a_dot_folder_is_refused(project: Path) -> None:
    """The walk skips dot-folders, so the refusal cannot come from it."""
    outside = project.parent / "activity.yaml"
    outside.write_bytes((project / "records" / "activities" / "bokforing.yaml").read_bytes())
    (project / "records" / ".drafts").mkdir()
    _symlink(project / "records" / ".drafts" / "x.yaml", outside)
    run = run_cli("check", "records/.drafts/x.yaml", "--output-format", "json", cwd=project)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "records/.drafts/x.yaml"})


def test_a_file_argument_linking_inside_its_record_is_read(project: Path) -> None:
    _symlink(project / "records" / "activities" / "alias.yaml", Path("bokforing.yaml"))
    run = run_cli("check", "records/activities/alias.yaml", "--output-format", "json", cwd=project)
    assert run.status == 0, run.stdout[-2000:]


def test_a_dangling_link_given_as_a_file_says_so(project: Path) -> None:
    _symlink(project / "gone.yaml", project / "deleted.yaml")
    run = run_cli("check", "gone.yaml", "--output-format", "json", cwd=project)
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "gone.yaml"})
    assert "symbolic link to" in run.findings[0]["message"]


# ------------------------------------------------------------------ folders it cannot read (bullet 4)


@pytest.fixture
def shared_project() -> Iterator[Path]:
    """A project in a folder an unprivileged user can enter (pytest's tmp_path is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="ropa-check-perm-"))
    folder.chmod(0o755)
    split_record(folder / "records", compliant())
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    try:
        yield folder
    finally:
        for path in [folder, *folder.rglob("*")]:
            if path.is_dir() and not path.is_symlink():
                path.chmod(0o755)
        shutil.rmtree(folder)


def _run_unprivileged(cwd: Path, *args: str) -> Run:
    """The CLI as a user that folder modes apply to: this user, or ``nobody`` when this is root."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return run_cli(*args, cwd=cwd)
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: folder modes do not apply to root")
    nobody = ["--reuid=65534", "--regid=65534", "--clear-groups"]
    argv = [setpriv, *nobody, sys.executable, "-m", "ropa_check", *args]
    proc = subprocess.run(argv, cwd=cwd, capture_output=True, text=True, timeout=60, env=_env_for_nobody())
    return Run(proc, 0.0, 0.0)


def _env_for_nobody() -> dict[str, str]:
    """Where an unprivileged user finds ropa-check: this checkout first (it must be readable)."""
    root = str(Path(__file__).resolve().parent.parent)
    return {**os.environ, "PYTHONPATH": os.pathsep.join([root, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}


@pytest.mark.parametrize(
    ("mode", "says"), [(0o000, "cannot be read"), (0o644, "cannot be entered"), (0o311, "cannot be read")]
)
def test_a_folder_it_cannot_read_is_never_clean(shared_project: Path, mode: int, says: str) -> None:
    """`chmod 000 records/activities` gave "All checks passed"; a listable, unenterable one a PermissionError."""
    assert _run_unprivileged(shared_project, "check", "records", "-q").status == 0
    (shared_project / "records" / "activities").chmod(mode)
    run = _run_unprivileged(shared_project, "check", "records", "--output-format", "json")
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "records/activities"})
    assert says in next(f["message"] for f in run.findings if f["file"] == "records/activities")


def test_a_file_beside_an_unreadable_folder_is_never_clean(shared_project: Path) -> None:
    (shared_project / "records" / "activities").chmod(0o000)
    run = _run_unprivileged(shared_project, "check", "records/organisation.yaml", "--output-format", "json")
    assert_refused(run)
    assert_has(run.findings, {"code": "RPA009", "file": "records/activities"})


def test_a_loop_of_links_in_the_record_is_refused(project: Path) -> None:
    """`a.yaml -> b.yaml -> a.yaml` raised RuntimeError (exit 3)."""
    _symlink(project / "records" / "a.yaml", Path("b.yaml"))
    _symlink(project / "records" / "b.yaml", Path("a.yaml"))
    run = run_cli("check", "records", "--output-format", "json", cwd=project)
    assert_refused(run)
    for name in ("a.yaml", "b.yaml"):
        assert_has(run.findings, {"code": "RPA009", "file": f"records/{name}"})
    assert all("loop" in f["message"] for f in run.findings if f["code"] == "RPA009")
    alone = run_cli("check", "records/a.yaml", "--output-format", "json", cwd=project)
    assert_refused(alone)
    assert_has(alone.findings, {"code": "RPA009", "file": "records/a.yaml"})
