"""Baselines: created from the current findings, keyed without line numbers, stale entries reported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ropa_check.cli import main
from tests.helpers import COMPLIANT

SELECT = ("--select", "RPA4,RPA09")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, object], str]:
    status = main([*args, "--output-format", "json"])
    out, err = capsys.readouterr()
    return status, (json.loads(out) if out else {}), err


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """records/record.yaml: the compliant example without the bookkeeping retention (RPA401 fires)."""
    lines = COMPLIANT.read_text(encoding="utf-8").splitlines()
    start = lines.index("    retention:", lines.index("  - id: bokforing"))
    del lines[start : start + 4]
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "record.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _active(doc: dict[str, object]) -> list[str]:
    return [f["code"] for f in doc["findings"] if f["suppression"] is None]  # type: ignore[index, union-attr]


def test_create_then_use(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, doc, err = run(capsys, "records", *SELECT, "--create-baseline", "baseline.json")
    assert status == 1  # creating a baseline reports as usual
    assert "wrote 1 findings to baseline baseline.json" in err
    saved = json.loads((project / "baseline.json").read_text(encoding="utf-8"))
    assert saved["findings"] == [
        {
            "file": "records/record.yaml",
            "activity": "bokforing",
            "entry_path": "$.activities[id=bokforing].data_categories[id=verifikationer]",
            "code": "RPA401",
            "message": saved["findings"][0]["message"],
        }
    ]
    assert "line" not in json.dumps(saved["findings"])
    status, doc, _ = run(capsys, "records", *SELECT, "--baseline", "baseline.json")
    assert status == 0
    (finding,) = doc["findings"]  # type: ignore[misc]
    assert finding["suppression"]["kind"] == "baseline"


def test_baseline_survives_lines_inserted_above(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "records", *SELECT, "--create-baseline", "baseline.json")
    record = project / "records" / "record.yaml"
    _, before, _ = run(capsys, "records", "--select", "RPA401")
    # Comments at the top and a new first activity: the finding moves down and to activities[2].
    new_activity = "\nactivities:\n  - id: ny-aktivitet\n    name: En ny aktivitet\n    # a comment\n"
    text = "# edited\n# more lines\n\n" + record.read_text(encoding="utf-8").replace("\nactivities:\n", new_activity, 1)
    record.write_text(text, encoding="utf-8")
    _, after, _ = run(capsys, "records", "--select", "RPA401", "--isolated")
    old = [f for f in before["findings"] if f["activity"] == "bokforing"]  # type: ignore[union-attr, index]
    new = [f for f in after["findings"] if f["activity"] == "bokforing"]  # type: ignore[union-attr, index]
    assert [f["line"] for f in new] == [f["line"] + 6 for f in old]
    assert new[0]["json_path"] == "$.activities[2].data_categories[0]"
    _, doc, _ = run(capsys, "records", "--select", "RPA401,RPA094", "--baseline", "baseline.json")
    moved = [f for f in doc["findings"] if f["activity"] == "bokforing"]  # type: ignore[union-attr, index]
    assert len(moved) == 1
    assert moved[0]["suppression"]["kind"] == "baseline"
    assert "RPA094" not in _active(doc)


def _drop_member_register_retention(project: Path) -> None:
    record = project / "records" / "record.yaml"
    lines = record.read_text(encoding="utf-8").splitlines()
    first = lines.index("    retention:")  # the member register's own retention
    end = next(i for i in range(first + 1, len(lines)) if not lines[i].startswith("      "))
    del lines[first:end]
    record.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_new_findings_are_not_suppressed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "records", *SELECT, "--create-baseline", "baseline.json")
    _drop_member_register_retention(project)
    status, doc, _ = run(capsys, "records", *SELECT, "--baseline", "baseline.json")
    assert status == 1
    new = [f for f in doc["findings"] if f["suppression"] is None]  # type: ignore[union-attr, index]
    assert new
    assert {f["activity"] for f in new} == {"medlemsregister"}


def test_stale_entries_are_reported_in_the_baseline_file(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "records", *SELECT, "--create-baseline", "baseline.json")
    (project / "records" / "record.yaml").write_text(COMPLIANT.read_text(encoding="utf-8"), encoding="utf-8")
    status, doc, _ = run(capsys, "records", *SELECT, "--baseline", "baseline.json")
    assert status == 0  # a warning
    (stale,) = doc["findings"]  # type: ignore[misc]
    assert stale["code"] == "RPA094"
    assert stale["file"] == "baseline.json"
    assert stale["json_path"] == "$.findings[0]"
    assert stale["line"] > 1
    assert stale["activity"] == "bokforing"
    assert run(capsys, "records", *SELECT, "--baseline", "baseline.json", "--fail-on", "warning")[0] == 1


def test_entries_for_files_not_checked_are_not_stale(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "records", *SELECT, "--create-baseline", "baseline.json")
    (project / "other").mkdir()
    (project / "other" / "record.yaml").write_text(COMPLIANT.read_text(encoding="utf-8"), encoding="utf-8")
    status, doc, _ = run(capsys, "other", *SELECT, "--baseline", "baseline.json")
    assert status == 0
    assert doc["findings"] == []


def test_baseline_works_from_another_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "ci").mkdir()
    run(capsys, "records", *SELECT, "--create-baseline", "ci/baseline.json")
    assert json.loads((project / "ci" / "baseline.json").read_text("utf-8"))["findings"][0]["file"] == (
        "../records/record.yaml"
    )
    monkeypatch.chdir(project / "records")
    assert run(capsys, ".", *SELECT, "--baseline", "../ci/baseline.json")[0] == 0


def test_create_baseline_is_sorted_and_stable(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _drop_member_register_retention(project)
    run(capsys, "records", "--create-baseline", "a.json")
    run(capsys, "records", "--create-baseline", "b.json")
    a = (project / "a.json").read_text("utf-8")
    assert a == (project / "b.json").read_text("utf-8")
    entries = json.loads(a)["findings"]
    keys = [(e["file"], e["activity"] or "", e["entry_path"], e["code"], e["message"]) for e in entries]
    assert keys == sorted(keys)
    assert len(entries) > 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read baseline"),
        ('{"findings": []}', "not a ropa-check baseline"),
        ('{"ropa-check-baseline": 2, "findings": [{"file": 1}]}', "a baseline entry needs text"),
        ('{"ropa-check-baseline": 1, "findings": []}', "recreate the baseline"),
    ],
)
def test_bad_baseline_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str], content: str, message: str) -> None:
    (project / "baseline.json").write_text(content, "utf-8")
    status, _, err = run(capsys, "records", "--baseline", "baseline.json")
    assert status == 2
    assert message in err
    assert "baseline.json" in err
    assert "Traceback" not in err


def test_missing_baseline_is_exit_2(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "records", "--baseline", "nope.json")
    assert status == 2
    assert "nope.json" in err


def test_no_baseline_written_when_input_fails(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records" / "broken.yaml").write_text("a: [\n", "utf-8")
    status, _, _ = run(capsys, "records", "--create-baseline", "baseline.json")
    assert status == 2
    assert not (project / "baseline.json").exists()


@pytest.mark.parametrize(
    "target", ["records/record.yaml", "records/baseline.json"], ids=["over-a-record", "inside-the-record-folder"]
)
def test_never_written_where_it_would_clobber_or_be_read(
    project: Path, capsys: pytest.CaptureFixture[str], target: str
) -> None:
    before = (project / "records" / "record.yaml").read_bytes()
    status, _, err = run(capsys, "records", "--create-baseline", target)
    assert status == 2
    assert target in err
    assert (project / "records" / "record.yaml").read_bytes() == before
    assert not (project / "records" / "baseline.json").exists()


def test_a_dot_folder_inside_the_records_is_fine(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "records" / ".ropa-check").mkdir()
    run(capsys, "records", *SELECT, "--create-baseline", "records/.ropa-check/baseline.json")
    assert run(capsys, "records", *SELECT, "--baseline", "records/.ropa-check/baseline.json")[0] == 0
