"""The WP248 screening computed from a record: criteria, and the field (with its line) behind each."""

from __future__ import annotations

from pathlib import Path

import pytest

from ropa_check import loader, validate
from ropa_check.facts.wp248 import art35_3, screen, screening
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


def _unsettled(activity: object) -> list[int]:
    return [c.number for c in screening(activity).unsettled]  # type: ignore[arg-type]


def _counted(activity: object) -> list[int]:
    return [c.number for c in screening(activity).counted]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("activity", "expected"),
    [
        ("medlemsregister", [7]),  # children (personnummer alone is unsettled)
        ("bokforing", []),  # bookkeeping records: routine financial data
        ("nyhetsbrev", []),
        ("webbanalys", [3]),  # cookie ids and per-visit behaviour, for analytics
    ],
)
def test_compliant_example(activity: str, expected: list[int]) -> None:
    from tests.helpers import COMPLIANT

    assert _numbers(_activities(COMPLIANT)[activity]) == expected


def test_the_records_own_screening_counts_and_settles_what_the_guidelines_leave_open() -> None:
    from tests.helpers import COMPLIANT

    activity = _activities(COMPLIANT)["medlemsregister"]
    assert _unsettled(activity) == [4]  # national_id
    assert _counted(activity) == [4, 7]  # dpia.screening: [4, 7]
    declared = screening(activity).declared[0]  # type: ignore[arg-type]
    assert declared.because == "dpia.screening lists it (category 'personnummer' holds national_id)"
    assert screening(activity).open == ()  # type: ignore[arg-type]


def test_the_screening_is_worked_out_once_per_activity() -> None:
    from tests.helpers import COMPLIANT

    activity = _activities(COMPLIANT)["webbanalys"]
    first = screening(activity)  # type: ignore[arg-type]
    assert screening(activity) is first  # type: ignore[arg-type]
    assert activity.facts["wp248"] is first  # type: ignore[attr-defined]
    assert screen(activity) == list(first.held)  # type: ignore[arg-type]


def test_kollektivkraft_credit_assessment_meets_four_criteria_with_their_lines() -> None:
    activity = _activities(RECORDS)["foretagskunder"]
    criteria = screen(activity)  # type: ignore[arg-type]
    assert [c.number for c in criteria] == [1, 4, 6, 9]
    text = (RECORDS / "activities" / "foretagskunder.yaml").read_text(encoding="utf-8").splitlines()
    by_number = {c.number: c for c in criteria}
    assert "credit_assessment" in text[by_number[1].ref.line - 1]
    assert "payment_default" in text[by_number[4].ref.line - 1]
    assert by_number[4].because == "category 'betalningsanmarkningar' holds payment_default"
    assert "kreditupplysningsforetag" in text[by_number[6].ref.line - 1]


def test_kollektivkraft_on_site_personalisation_meets_one_criterion() -> None:
    """WP248's example: "An e-commerce website displaying adverts for vintage car parts involving limited
    profiling based on items viewed or purchased on its own website": evaluation or scoring only."""
    activity = _activities(RECORDS)["anpassad-upplevelse"]
    assert _numbers(activity) == [1]
    assert _unsettled(activity) == []


def test_kollektivkraft_marketing_through_partners_tracks_people() -> None:
    criteria = screen(_activities(RECORDS)["marknadsforing"])  # type: ignore[arg-type]
    assert [c.number for c in criteria] == [1, 3]
    assert criteria[1].because == (
        "category 'ip-adresser' (ip_address, online_identifier) tracks people for direct_marketing "
        "(purposes 'visa-erbjudanden', 'dela-med-partners')"
    )


def test_kollektivkraft_personnummer_of_members_and_children_is_unsettled() -> None:
    activity = _activities(RECORDS)["medlemsregister"]
    assert _numbers(activity) == [7]
    (doubt,) = screening(activity).open  # type: ignore[arg-type]
    assert doubt.number == 4
    assert doubt.because == "category 'personnummer' holds national_id"
    assert doubt.doubt is not None
    assert "Art. 87" in doubt.doubt


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


@pytest.mark.parametrize(
    ("tags", "purpose_tags", "expected"),
    [
        (["cookie_id", "behavioural"], ["personalisation"], [1]),  # evaluation only: not monitoring too
        (["ip_address"], ["personalisation"], [1]),
        (["behavioural"], ["profiling"], [1]),
        (["cookie_id"], ["personalisation", "analytics"], [1, 3]),  # also observed for analytics
        (["cookie_id"], ["direct_marketing"], [3]),
        (["behavioural"], ["service_improvement"], [3]),
        (["cookie_id"], ["service_improvement"], []),
    ],
)
def test_tracking_data_count_as_monitoring_only_where_they_observe_people(
    tmp_path: Path, tags: list[str], purpose_tags: list[str], expected: list[int]
) -> None:
    patch = [
        {"op": "replace", "path": "/activities/2/data_categories/0/tags", "value": tags},
        {"op": "replace", "path": "/activities/2/purposes/0/tags", "value": purpose_tags},
    ]
    path = write_record(tmp_path, apply_patch(compliant(), patch))
    assert _numbers(_activities(path)["nyhetsbrev"]) == expected


@pytest.mark.parametrize(
    ("tags", "held", "unsettled"),
    [
        (["national_id"], [], [4]),
        (["financial"], [], [4]),
        (["financial", "accounting_records"], [], []),  # bookkeeping: routine
        (["communication"], [], [4]),
        (["financial", "payment_default"], [4], []),
        (["national_id", "special_category:health"], [4], []),  # a settled fact wins
        (["credit_report"], [4], []),
    ],
)
def test_highly_personal_data(tmp_path: Path, tags: list[str], held: list[int], unsettled: list[int]) -> None:
    patch = [{"op": "replace", "path": "/activities/2/data_categories/0/tags", "value": tags}]
    path = write_record(tmp_path, apply_patch(compliant(), patch))
    activity = _activities(path)["nyhetsbrev"]
    assert (_numbers(activity), _unsettled(activity)) == (held, unsettled)


def _case_a(tmp_path: Path, patch: list[dict[str, object]]) -> str | None:
    path = write_record(tmp_path, apply_patch(compliant(), patch))
    return art35_3(_activities(path)["bokforing"])  # type: ignore[arg-type]


def test_art35_3_a_covers_decisions_a_person_takes_on_a_score(tmp_path: Path) -> None:
    case = _case_a(
        tmp_path,
        [
            {"op": "replace", "path": "/activities/1/purposes/0/tags", "value": ["scoring", "eligibility"]},
            {"op": "add", "path": "/activities/1/automated_decision", "value": {"exists": False}},
        ],
    )
    assert case is not None
    assert case.startswith("Art. 35(3)(a)")


def test_art35_3_a_needs_the_evaluation_to_be_automated(tmp_path: Path) -> None:
    patch: list[dict[str, object]] = [
        {"op": "replace", "path": "/activities/1/purposes/0/tags", "value": ["credit_assessment"]},
        {"op": "add", "path": "/activities/1/automated_decision", "value": {"exists": False}},
    ]
    assert _case_a(tmp_path, patch) is None


def test_art35_3_a_respects_a_declared_absence_of_significant_effects(tmp_path: Path) -> None:
    patch: list[dict[str, object]] = [
        {"op": "replace", "path": "/activities/1/purposes/0/tags", "value": ["profiling", "eligibility"]},
        {"op": "add", "path": "/activities/1/automated_decision", "value": {"legal_or_similar_effect": False}},
    ]
    assert _case_a(tmp_path, patch) is None


def test_below_the_large_scale_threshold_is_not_large(tmp_path: Path) -> None:
    patch = [{"op": "add", "path": "/activities/2/large_scale", "value": {"approx_subjects": 9999}}]
    path = write_record(tmp_path, apply_patch(compliant(), patch))
    assert _numbers(_activities(path)["nyhetsbrev"]) == []


def _messages(tmp_path: Path, patch: list[dict[str, object]], code: str) -> list[str]:
    from tests.helpers import check

    result = check(write_record(tmp_path, apply_patch(compliant(), patch)))
    return [f.message for f in result.findings if f.code == code]


def test_an_unsettled_criterion_is_a_warning_that_says_why(tmp_path: Path) -> None:
    """Personnummer and children, no screening: RPA801 warns (also for a Swedish controller); RSE401 is silent."""
    patch: list[dict[str, object]] = [{"op": "remove", "path": "/activities/0/dpia"}]
    assert _messages(tmp_path, patch, "RSE401") == []
    (message,) = _messages(tmp_path, patch, "RPA801")
    assert message.startswith("activity 'medlemsregister' may meet two WP248 criteria")
    assert "7 vulnerable data subjects" in message
    assert "possibly 4 sensitive or highly personal data" in message
    assert "unsettled: WP248 does not name national identification numbers" in message


def test_a_documented_no_dpia_conclusion_with_two_criteria_is_to_be_reviewed(tmp_path: Path) -> None:
    patch: list[dict[str, object]] = [
        {"op": "add", "path": "/activities/3/large_scale", "value": {"approx_subjects": 50000}},
        {"op": "replace", "path": "/activities/3/dpia/screening", "value": [3, 5]},
    ]
    (swedish,) = _messages(tmp_path, patch, "RSE401")
    assert "IMY's list requires one where two of its criteria are present" in swedish
    patch.append({"op": "replace", "path": "/organisation/controller/country", "value": "FI"})
    (message,) = _messages(tmp_path, patch, "RPA801")
    assert "its documented screening concludes that no DPIA is required" in message
    assert "review the conclusion" in message


def test_art35_3_a_names_the_evaluation_and_the_decision(tmp_path: Path) -> None:
    patch: list[dict[str, object]] = [
        {"op": "replace", "path": "/activities/1/purposes/0/tags", "value": ["scoring", "eligibility"]},
        {"op": "add", "path": "/activities/1/automated_decision", "value": {"exists": False}},
    ]
    (message,) = _messages(tmp_path, patch, "RPA802")
    assert message == (
        "activity 'bokforing' requires a DPIA (Art. 35(3)(a): automated evaluation of people (scoring) on which "
        "decisions with legal or similarly significant effects are based (eligibility)) and no finished DPIA is "
        "referenced"
    )
    assert _messages(tmp_path, patch, "RSE401") == []  # reported once
