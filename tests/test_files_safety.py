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

import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from ropa_check.cli import main
from ropa_check.finding import Finding, Severity
from ropa_check.reporters import outputs
from ropa_check.suppress import baseline
from tests.helpers import COMPLIANT, apply_patch, compliant, write_record
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


# ------------------------------------------------------------------ outputs over files it reads (bullet 2)


@pytest.mark.parametrize(
    "option",
    [
        ("-o", "sarif=records/organisation.yaml"),
        ("--create-baseline", "records/organisation.yaml"),
        ("-o", "json=records/report.json"),
        ("--create-baseline", "records/baseline.json"),
        ("-o", "json-lines=records/activities/new.yaml"),
        ("-o", "json=linked.json"),  # a link to a record file
    ],
    ids=["sarif-over-a-sibling", "baseline-over-a-sibling", "report-in-the-record", "baseline-in-the-record",
         "report-in-a-subfolder", "through-a-link"],
)  # fmt: skip
def test_file_mode_never_writes_into_the_record(project: Path, option: tuple[str, str]) -> None:
    """`ropa-check records/activities/x.yaml -o sarif=records/organisation.yaml` replaced organisation.yaml."""
    _symlink(project / "linked.json", project / "records" / "recipients.yaml")
    before = _snapshot(project / "records")
    run = run_cli("check", "records/activities/nyhetsbrev.yaml", *option, cwd=project)
    assert_refused(run)
    assert option[1].split("=", 1)[-1] in run.stderr
    assert _snapshot(project / "records") == before


@pytest.mark.parametrize(
    "option",
    [
        ("-o", "sarif=records/ropa.sarif"),  # never read as a record file
        ("-o", "json=records/.ropa-check/report.json"),  # a dot-folder is never walked
        ("--create-baseline", "records/.ropa-check/baseline.json"),
        ("-o", "json=report.json"),
    ],
)
def test_outputs_the_next_run_does_not_read_are_written(project: Path, option: tuple[str, str]) -> None:
    (project / "records" / ".ropa-check").mkdir()
    run = run_cli("check", "records/activities/nyhetsbrev.yaml", *option, "-q", cwd=project)
    assert run.status == 0, run.stderr
    assert (project / option[1].split("=", 1)[-1]).is_file()
    assert run_cli("check", "records", cwd=project).status == 0


def test_a_record_at_the_top_of_the_working_folder_keeps_its_files(tmp_path: Path) -> None:
    """Its folder is the whole working tree: only its own files are refused, not every JSON file in the tree."""
    shutil.copy(COMPLIANT, tmp_path / "ropa.yaml")
    (tmp_path / "reports").mkdir()
    before = (tmp_path / "ropa.yaml").read_bytes()
    for option in (["-o", "json=reports/ropa.json"], ["--create-baseline", "baseline.json"]):
        assert run_cli("check", "ropa.yaml", *option, cwd=tmp_path).status == 0
    for option in (["-o", "sarif=ropa.yaml"], ["--create-baseline", "ropa.yaml"]):
        assert_refused(run_cli("check", "ropa.yaml", *option, cwd=tmp_path))
    assert (tmp_path / "ropa.yaml").read_bytes() == before


# ------------------------------------------------------------------ reports written whole (bullet 3)


def _limited_file_size(limit: int, *, ignore_signal: bool) -> None:
    """In the child: files may grow to ``limit`` bytes; past it a write fails (EFBIG) or SIGXFSZ kills."""
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    if ignore_signal:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)


def _run_with_file_size_limit(cwd: Path, *args: str, ignore_signal: bool) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ropa_check", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
        preexec_fn=lambda: _limited_file_size(2048, ignore_signal=ignore_signal),
    )


needs_rlimit = pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file size limit here")


@needs_rlimit
@pytest.mark.parametrize("ignore_signal", [True, False], ids=["write-fails", "killed-while-writing"])
@pytest.mark.parametrize("option", ["-o", "--create-baseline"])
def test_an_interrupted_write_leaves_the_previous_file(project: Path, ignore_signal: bool, option: str) -> None:
    """A run stopped while writing (here by the file size limit) kept a truncated report in place of the old one."""
    (project / "out").mkdir()
    previous = project / "out" / "report.json"
    previous.write_text('{"previous": "report"}\n', encoding="utf-8")
    target = "json=out/report.json" if option == "-o" else "out/report.json"
    # Findings enough for a report and a baseline of more than 2 KiB: no retention anywhere.
    data = compliant()
    for activity in data["activities"]:
        activity.pop("retention", None)
        for category in activity["data_categories"]:
            category.pop("retention", None)
    shutil.rmtree(project / "records")
    split_record(project / "records", data)
    done = _run_with_file_size_limit(project, "check", "records", option, target, "-q", ignore_signal=ignore_signal)
    assert "Traceback" not in done.stderr
    assert done.returncode != 0
    assert previous.read_text(encoding="utf-8") == '{"previous": "report"}\n'
    if ignore_signal:  # the write failed and was cleaned up; killed, the process leaves a dot-file at most
        assert done.returncode == 2, done.stderr
        assert "out/report.json" in done.stderr
        assert sorted(p.name for p in (project / "out").iterdir()) == ["report.json"]


def test_ctrl_c_while_writing_leaves_the_previous_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    previous = tmp_path / "ropa.sarif"
    previous.write_text("previous\n", encoding="utf-8")

    def interrupted(result: object, out: object) -> None:
        out.write("partial")  # type: ignore[attr-defined]
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "get", lambda name: interrupted)
    with pytest.raises(KeyboardInterrupt):
        outputs.write(object(), [outputs.Output("sarif", str(previous))])  # type: ignore[arg-type]
    assert previous.read_text(encoding="utf-8") == "previous\n"
    assert [p.name for p in tmp_path.iterdir()] == ["ropa.sarif"]


def test_a_replaced_report_keeps_its_mode_and_a_stream_is_written_through(project: Path) -> None:
    report = project / "ropa.json"
    report.write_text("{}", encoding="utf-8")
    report.chmod(0o640)
    run = run_cli("check", "records", "-o", "json=ropa.json", "-o", "json-lines=/dev/stdout", cwd=project)
    assert run.status == 0, run.stderr
    assert stat.S_IMODE(report.stat().st_mode) == 0o640
    assert json.loads(report.read_text(encoding="utf-8"))["findings"] == []
    assert "Traceback" not in run.stderr


def test_a_missing_folder_is_named(project: Path) -> None:
    for option in (["-o", "json=nowhere/report.json"], ["--create-baseline", "nowhere/baseline.json"]):
        run = run_cli("check", "records", *option, cwd=project)
        assert_refused(run)
        assert "folder 'nowhere' does not exist" in run.stderr, run.stderr


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


# ------------------------------------------------------------------ baselines at scale (bullet 5)


def _findings(count: int, file: str = "elsewhere/activities.yaml") -> list[Finding]:
    return [
        Finding(
            code="RPA401",
            severity=Severity.ERROR,
            message=f"finding number {n} with a message of a realistic length, naming a category and what it lacks",
            file=file,
            line=1,
            column=1,
            json_path=f"$.activities[{n}].data_categories[0]",
            entry_path=f"$.activities[id=a{n}].data_categories[id=c{n}]",
            activity=f"a{n}",
        )
        for n in range(count)
    ]


def test_a_baseline_of_20000_entries_reads_back(project: Path) -> None:
    """19,500 entries (13,000 activities) passed the record node budget, so `--baseline` refused its own file."""
    path = project / "baseline.json"
    path.write_text(baseline.render(_findings(20_000), str(path)), encoding="utf-8")
    run = run_cli("check", "records", "--baseline", "baseline.json", "--output-format", "json", cwd=project)
    assert run.status == 0, run.stderr
    assert "Traceback" not in run.stderr


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ('{"ropa-check-baseline": 2,\n "findings": [\n  {"file": 1},]}', "baseline.json:3:15: Expecting value"),
        ('{"ropa-check-baseline": 2,\n "findings": [\n  {"file": 1}]}', "baseline.json:3:3: a baseline entry"),
        ('{"ropa-check-baseline": 2, "findings": ["\udcff"]}', "baseline.json:1:42: not UTF-8"),
        ("[" * 100_000 + "]" * 100_000, "baseline.json:1:1: nested too deeply"),
    ],
    ids=["syntax", "entry", "not-utf8", "deep"],
)
def test_a_malformed_baseline_is_located(project: Path, content: str, where: str) -> None:
    (project / "baseline.json").write_bytes(content.encode("utf-8", errors="surrogateescape"))
    run = run_cli("check", "records", "--baseline", "baseline.json", cwd=project)
    assert_refused(run)
    assert where in run.stderr


def test_a_baseline_too_large_to_read_is_never_written(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The limit on reading is the limit on writing: what ropa-check writes, it can read."""
    monkeypatch.chdir(project)
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/retention"}])
    write_record(project / "records" / "activities", {"activities": [data["activities"][0]]}, "medlemsregister.yaml")
    monkeypatch.setattr(baseline, "MAX_BASELINE_BYTES", 300)
    assert main(["records", "--create-baseline", "baseline.json", "-q"]) == 2
    assert "more than" in capsys.readouterr().err
    assert not (project / "baseline.json").exists()


def test_stale_entries_keep_their_position(project: Path) -> None:
    path = project / "baseline.json"
    path.write_text(
        baseline.render(_findings(3, str(project / "records" / "organisation.yaml")), str(path)), encoding="utf-8"
    )
    run = run_cli("check", "records", "--baseline", "baseline.json", "--output-format", "json", cwd=project)
    stale = sorted((f["line"], f["column"], f["json_path"]) for f in run.findings if f["code"] == "RPA094")
    assert stale == [(5, 5, "$.findings[0]"), (12, 5, "$.findings[1]"), (19, 5, "$.findings[2]")]


# ------------------------------------------------------------------ links out of the repository at a ref (bullet 6)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("target", ["/etc/passwd", "../../../outside.yaml"], ids=["absolute", "dot-dot"])
def test_a_link_out_of_the_repository_at_the_diff_base_is_refused(project: Path, target: str) -> None:
    def git(*args: str) -> None:
        subprocess.run(
            ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false", *args],
            cwd=project,
            check=True,
            capture_output=True,
        )

    git("init", "-q")
    _symlink(project / "records" / "activities" / "x.yaml", target)
    git("add", "-A")
    git("commit", "-q", "-m", "a link out")
    (project / "records" / "activities" / "x.yaml").unlink()
    run = run_cli("check", "records", "--diff-base", "HEAD", cwd=project)
    assert_refused(run)
    assert "records/activities/x.yaml" in run.stderr
    assert "link out of the repository" in run.stderr


def test_a_report_is_synced_before_its_rename_and_its_folder_after(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A machine crash just after the rename must not leave the name on an empty file (no fsync: ext4, XFS can)."""
    from ropa_check.files import writing

    report = tmp_path / "ropa.sarif"
    report.write_text("previous\n", encoding="utf-8")
    events: list[tuple[str, object]] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        info = os.fstat(fd)
        events.append(("fsync-folder" if stat.S_ISDIR(info.st_mode) else "fsync-file", (info.st_ino, info.st_size)))
        real_fsync(fd)

    def replace(src: str, dst: str) -> None:
        events.append(("replace", os.stat(src).st_ino))
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    writing.write_whole(str(report), lambda fh: fh.write("new report\n"))
    assert [kind for kind, _ in events] == ["fsync-file", "replace", "fsync-folder"], events
    synced_inode, synced_size = events[0][1]  # type: ignore[misc]
    assert synced_inode == events[1][1] == report.stat().st_ino  # the temporary file, synced with its data
    assert synced_size == len("new report\n")
    assert events[2][1][0] == tmp_path.stat().st_ino  # type: ignore[index]
    assert report.read_text(encoding="utf-8") == "new report\n"
