"""Files checked alone (as pre-commit passes them) are checked within their whole record."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ropa_check.files.record_roots import has_organisation, record_root
from ropa_check.finding import Finding
from tests.helpers import apply_patch, check, compliant, write_record


def split_record(root: Path, data: dict[str, Any]) -> dict[str, Path]:
    """Write ``data`` as a multi-file record: organisation, recipients and sources, one file per activity."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "activities").mkdir()
    files = {
        "organisation": write_record(
            root, {"ropa_format": 1, "organisation": data["organisation"]}, "organisation.yaml"
        ),
        "recipients": write_record(root, {"recipients": data["recipients"]}, "recipients.yaml"),
        "sources": write_record(root, {"sources": data["sources"]}, "sources.yaml"),
    }
    for activity in data["activities"]:
        files[activity["id"]] = write_record(root / "activities", {"activities": [activity]}, f"{activity['id']}.yaml")
    return files


@pytest.fixture
def record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    """The compliant example split into files, with a gap in 'nyhetsbrev' only."""
    monkeypatch.chdir(tmp_path)
    data = apply_patch(compliant(), [{"op": "remove", "path": "/activities/2/retention"}])
    assert data["activities"][2]["id"] == "nyhetsbrev"
    return split_record(tmp_path / "records", data)


def test_the_record_root_is_the_folder_with_the_organisation_block(record: dict[str, Path]) -> None:
    root = record["organisation"].parent.resolve()
    assert record_root(record["medlemsregister"]) == root
    assert record_root(record["recipients"]) == root
    assert record_root(record["organisation"]) == root


def in_file(findings: list[Finding], path: Path) -> list[Finding]:
    return [f for f in findings if f.file == path.relative_to(Path.cwd()).as_posix()]


def test_a_changed_file_alone_resolves_references_to_other_files(record: dict[str, Path]) -> None:
    whole = check("records")
    assert not whole.input_failed, whole.findings
    result = check(record["medlemsregister"])
    assert not result.input_failed, result.findings
    assert result.findings == in_file(whole.findings, record["medlemsregister"])
    assert result.files == ["records/activities/medlemsregister.yaml"]
    assert result.activities == 1


def test_only_the_given_files_findings_are_reported(record: dict[str, Path]) -> None:
    whole = check("records")
    assert [f.file for f in whole.findings if f.code == "RPA401"] == ["records/activities/nyhetsbrev.yaml"]
    quiet = check(record["bokforing"], record["recipients"])
    assert not quiet.input_failed, quiet.findings
    assert quiet.findings == in_file(whole.findings, record["bokforing"]) + in_file(
        whole.findings, record["recipients"]
    )
    assert "RPA401" not in {f.code for f in quiet.findings}
    alone = check(record["nyhetsbrev"])
    assert not alone.input_failed, alone.findings
    assert alone.findings == in_file(whole.findings, record["nyhetsbrev"])
    assert "RPA401" in {f.code for f in alone.findings}


def test_a_broken_sibling_still_blocks(record: dict[str, Path]) -> None:
    record["sources"].write_text("sources: [unclosed\n", encoding="utf-8")
    result = check(record["medlemsregister"])
    assert result.input_failed
    assert any(f.file == "records/sources.yaml" and f.code == "RPA001" for f in result.findings)


def test_files_of_two_records_are_checked_apart(record: dict[str, Path], tmp_path: Path) -> None:
    other = split_record(tmp_path / "other", compliant())
    result = check(record["nyhetsbrev"], other["bokforing"])
    assert not result.input_failed, result.findings
    assert sorted(result.files) == ["other/activities/bokforing.yaml", "records/activities/nyhetsbrev.yaml"]
    assert {f.file for f in result.findings if f.code == "RPA401"} == {"records/activities/nyhetsbrev.yaml"}


def test_a_folder_of_one_file_records_is_not_one_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    first = write_record(tmp_path, compliant(), "first.yaml")
    second = write_record(tmp_path, apply_patch(compliant(), [{"op": "remove", "path": "/activities/0/retention"}]))
    assert record_root(first) is None
    assert not check(first).input_failed
    assert "RPA401" not in {f.code for f in check(first).findings}
    gaps = check(second)
    assert not gaps.input_failed, gaps.findings
    assert "RPA401" in {f.code for f in gaps.findings}


def test_a_file_outside_any_record_is_checked_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".git").mkdir()  # the walk stops at the top of the work tree
    monkeypatch.chdir(tmp_path)
    lone = write_record(tmp_path, {"activities": compliant()["activities"][:1]}, "lone.yaml")
    assert record_root(lone) is None
    assert "RPA010" in {f.code for f in check(lone).findings}


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.yaml", "ropa_format: 1\norganisation:\n  controller: {}\n", True),
        ("a.yaml", '"organisation": {}\n', True),
        ("a.yaml", "activities:\n  - organisation: x\n", False),
        ("a.yaml", "# organisation: in a comment\n", False),
        ("a.json", '{"organisation": {}}', True),
        ("a.json", '{"activities": [{"organisation": {}}]}', False),
        ("a.json", "{not json", False),
    ],
)
def test_has_organisation(tmp_path: Path, name: str, text: str, expected: bool) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert has_organisation(path) is expected


def test_files_beside_a_one_file_record_that_are_not_record_files_stay_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record kept as one file at a repository's top must not pull in the repository's other YAML."""
    (tmp_path / ".git").mkdir()
    monkeypatch.chdir(tmp_path)
    ropa = write_record(tmp_path, compliant(), "ropa.yaml")
    (tmp_path / "docker-compose.yml").write_text("services:\n  web: {image: nginx}\n", encoding="utf-8")
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "values.yaml").write_text("replicas: 2\nactivities: many\n", encoding="utf-8")
    result = check(ropa)
    assert not result.input_failed, result.findings
    assert result.files == ["ropa.yaml"]
    assert result.findings == []


def test_a_record_in_a_subfolder_is_not_part_of_the_one_above(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    outer = split_record(tmp_path / "records", compliant())
    split_record(tmp_path / "records" / "archive" / "2023", compliant())  # an old record kept below
    result = check(outer["nyhetsbrev"])
    assert not result.input_failed, result.findings  # no second organisation block, no duplicate ids


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("# yaml-language-server: $schema=x\nropa_format: 1\norganisation: {}\n", True),
        ("---\nactivities:\n  - id: a\n", True),
        ('"recipients": []\n', True),
        ("services:\n  web: {}\n", False),
        ("activities: []\nreplicas: 2\n", False),
        ("# only a comment\n", False),
    ],
)
def test_looks_like_record(tmp_path: Path, text: str, expected: bool) -> None:
    from ropa_check.files.record_roots import looks_like_record

    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    assert looks_like_record(path) is expected


def test_the_walk_stays_inside_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file outside where ropa-check runs is checked as given, not merged with whatever lies above it."""
    data = compliant()
    write_record(tmp_path, {"organisation": data["organisation"]}, "organisation.yaml")
    (tmp_path / "sub").mkdir()
    lone = write_record(tmp_path / "sub", {"activities": data["activities"][:1]}, "activities.yaml")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    assert record_root(lone) is None
    monkeypatch.chdir(tmp_path)
    assert record_root(lone) == tmp_path.resolve()
