"""A record from several files: references across files, ids, tags, one organisation."""

from __future__ import annotations

import gc
from pathlib import Path

from ropa_check.record import ActivityView, CategoryView, Record
from tests.helpers import RECORDS, check


def write(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "rec"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


ORG = "organisation:\n  controller: {name: A AB, country: SE, email: a@a.se}\n"
RECIPIENTS = "recipients:\n  - id: moln\n    kind: processor\n"


def test_references_resolve_across_files(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "organisation.yaml": ORG,
            "recipients.yaml": RECIPIENTS,
            "activities/a.yaml": "activities:\n  - id: a\n    recipients: [moln]\n",
        },
    )
    result = check(root)
    assert not result.input_failed, result.findings
    assert result.activities == 1


def test_unknown_reference_is_reported_at_the_reference(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "organisation.yaml": ORG,
            "recipients.yaml": RECIPIENTS,
            "activities/a.yaml": "activities:\n  - id: a\n    recipients: [molnet]\n",
        },
    )
    (err,) = check(root).findings
    assert (err.code, err.file.endswith("activities/a.yaml"), err.line, err.column) == ("RPA005", True, 3, 18)
    assert err.json_path == "$.activities[0].recipients[0]"
    assert "did you mean 'moln'?" in err.message


def test_category_references_its_activity_subjects_and_purposes(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "r.yaml": ORG
            + "activities:\n  - id: a\n    purposes: [{id: p}]\n    data_subjects: [{id: s}]\n"
            + "    data_categories:\n      - id: c\n        subjects: [s, t]\n        purposes: [q]\n",
        },
    )
    errors = {(f.code, f.json_path) for f in check(root).findings}
    assert errors == {
        ("RPA005", "$.activities[0].data_categories[0].subjects[1]"),
        ("RPA005", "$.activities[0].data_categories[0].purposes[0]"),
    }


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        {
            "organisation.yaml": ORG,
            "a.yaml": "activities:\n  - id: a\n",
            "b.yaml": "activities:\n  - id: a\n",
        },
    )
    (err,) = check(root).findings
    assert err.code == "RPA007"
    assert err.file.endswith("b.yaml")
    assert "a.yaml, line 2" in err.message


def test_unknown_tag_suggests_and_project_vocabulary_extends(tmp_path: Path) -> None:
    body = "activities:\n  - id: a\n    data_categories:\n      - id: c\n        tags: [nationl_id, lojalitetspoang]\n"
    root = write(tmp_path, {"r.yaml": ORG + body})
    errors = check(root).findings
    assert [(e.code, e.json_path) for e in errors] == [
        ("RPA004", "$.activities[0].data_categories[0].tags[0]"),
        ("RPA004", "$.activities[0].data_categories[0].tags[1]"),
    ]
    assert "did you mean 'national_id'?" in errors[0].message
    vocab = "vocabularies:\n  data_category:\n    lojalitetspoang: Poäng i lojalitetsprogrammet.\n"
    root = write(tmp_path / "2", {"r.yaml": ORG + body.replace("nationl_id", "national_id"), "v.yaml": vocab})
    assert not check(root).input_failed


def test_exactly_one_organisation_block(tmp_path: Path) -> None:
    root = write(tmp_path, {"a.yaml": "activities:\n  - id: a\n"})
    (err,) = check(root).findings
    assert err.code == "RPA010"
    root = write(tmp_path / "2", {"a.yaml": ORG, "b.yaml": ORG})
    (err,) = check(root).findings
    assert (err.code, err.file.endswith("b.yaml"), err.line) == ("RPA010", True, 1)


def test_errors_in_all_files_are_reported_together(tmp_path: Path) -> None:
    root = write(tmp_path, {"a.yaml": ORG + "headcount: x\n", "b.yaml": "activities: [{id: A}]\n", "c.yaml": "x: [\n"})
    codes = sorted((Path(f.file).name, f.code) for f in check(root).findings)
    assert codes == [("a.yaml", "RPA003"), ("b.yaml", "RPA002"), ("c.yaml", "RPA001")]


def test_a_checked_record_is_freed_by_reference_counting() -> None:
    # Views link back to their record; unreleased, a large record waits for the cyclic
    # collector, which then walks millions of objects (seconds at 10,000 activities).
    gc.collect()
    gc.disable()
    try:
        result = check(RECORDS)
        assert result.activities == 10
        leftovers = [o for o in gc.get_objects() if isinstance(o, (ActivityView, CategoryView, Record))]
        assert leftovers == []
    finally:
        gc.enable()
