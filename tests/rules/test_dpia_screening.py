"""The WP248 screening computed from a record: criteria, and the field (with its line) behind each."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_check import loader, validate
from ropa_check.facts.wp248 import screen
from ropa_check.files.discover import discover
from ropa_check.record import build
from tests.helpers import RECORDS, VOCABULARIES, apply_patch, compliant, write_record


def _activities(*paths: Path) -> dict[str, object]:
    files, _ = discover([str(p) for p in paths])
    valid = []
    for path in files:
        doc, problems = loader.load(path)
        assert doc is not None
        assert not problems
        model, problems = validate.validate(doc)
        assert model is not None
        assert not problems
        valid.append((doc, model))
    record, problems = build(valid, VOCABULARIES)
    assert not problems
    return {a.id: a for a in record.activities}


def _numbers(activity: object) -> list[int]:
    return [c.number for c in screen(activity)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        ("medlemsregister", [4, 7]),  # personnummer; children
        ("bokforing", [4]),  # financial data
        ("nyhetsbrev", []),
        ("webbanalys", [3]),  # cookie ids and per-visit behaviour
    ],
)
def test_compliant_example(activity: str, expected: list[int]) -> None:
    from tests.helpers import COMPLIANT

    assert _numbers(_activities(COMPLIANT)[activity]) == expected


def test_kollektivkraft_credit_assessment_meets_four_criteria_with_their_lines() -> None:
    activity = _activities(RECORDS)["foretagskunder"]
    criteria = screen(activity)  # type: ignore[arg-type]
    assert [c.number for c in criteria] == [1, 4, 6, 9]
    text = (RECORDS / "activities" / "foretagskunder.yaml").read_text(encoding="utf-8").splitlines()
    by_number = {c.number: c for c in criteria}
    assert "credit_assessment" in text[by_number[1].ref.line - 1]
    assert "payment_default" in text[by_number[4].ref.line - 1]
    assert "kreditupplysningsforetag" in text[by_number[6].ref.line - 1]


@pytest.mark.parametrize(
    ("patch", "criterion"),
    [
        ([{"op": "add", "path": "/activities/2/purposes/0/tags/-", "value": "scoring"}], 1),
        (
            [
                {
                    "op": "add",
                    "path": "/activities/2/automated_decision",
                    "value": {"exists": True, "legal_or_similar_effect": True},
                }
            ],
            2,
        ),
        ([{"op": "add", "path": "/activities/2/data_categories/0/tags/-", "value": "behavioural"}], 3),
        ([{"op": "add", "path": "/activities/2/data_categories/0/tags/-", "value": "location"}], 4),
        ([{"op": "add", "path": "/activities/2/large_scale", "value": {"approx_subjects": 10000}}], 5),
        (
            [
                {
                    "op": "add",
                    "path": "/sources/-",
                    "value": {"id": "sm", "name": "Sociala medier", "type": "social_media"},
                },
                {"op": "add", "path": "/activities/2/sources/-", "value": "sm"},
            ],
            6,
        ),
        ([{"op": "add", "path": "/activities/2/data_subjects/0/tags/-", "value": "employee"}], 7),
        ([{"op": "add", "path": "/activities/2/innovative_tech", "value": True}], 8),
        ([{"op": "add", "path": "/activities/2/purposes/0/tags/-", "value": "eligibility"}], 9),
    ],
)
def test_each_criterion_has_a_trigger(tmp_path: Path, patch: list[dict[str, object]], criterion: int) -> None:
    path = write_record(tmp_path, apply_patch(compliant(), patch))
    assert _numbers(_activities(path)["nyhetsbrev"]) == [criterion]


def test_below_the_large_scale_threshold_is_not_large(tmp_path: Path) -> None:
    patch = [{"op": "add", "path": "/activities/2/large_scale", "value": {"approx_subjects": 9999}}]
    path = write_record(tmp_path, apply_patch(compliant(), patch))
    assert _numbers(_activities(path)["nyhetsbrev"]) == []
