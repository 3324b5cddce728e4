"""RPA4xx: how long each category of data is kept, Art. 5(1)(e) and 30(1)(f)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.model import Retention
from ropa_check.phrases import find
from ropa_check.record import CategoryView
from ropa_check.rule import Problem, rule


def _concrete(r: Retention) -> bool:
    return bool((r.duration and r.start_event) or (r.criteria and r.review_interval))


def _vague_phrase(r: Retention) -> str | None:
    for text in (r.description, r.criteria, r.start_event):
        phrase = find(text, "vague_retention")
        if phrase is None and not r.legal_ref:
            phrase = find(text, "retention_by_law")
        if phrase is not None:
            return phrase
    return None


@rule(
    code="RPA401",
    name="retention-missing",
    severity="error",
    summary="A data category has no retention period, neither its own nor its activity's.",
    references=("GDPR Art. 30(1)(f)", "GDPR Art. 5(1)(e)"),
    fix="Add `retention: {duration: P2Y, start_event: ...}` (or `criteria` and `review_interval`) "
    "to the category or its activity.",
)
def retention_missing(category: CategoryView) -> Iterator[str]:
    """Personal data may be kept no longer than necessary (storage limitation,
    Art. 5(1)(e)), and the record states, where possible, "the envisaged time
    limits for erasure of the different categories of data" (Art. 30(1)(f)).

    Example that fires: a category without `retention` in an activity without `retention`.
    """
    retention, _ = category.retention
    if retention is None:
        yield f"data category '{category.id}' has no retention period (neither on the category nor its activity)"


@rule(
    code="RPA402",
    name="retention-vague",
    severity="error",
    summary='Retention is stated only in vague words ("as long as necessary", "tills vidare").',
    references=("GDPR Art. 5(1)(e)", "GDPR Art. 13(2)(a)", "GDPR Art. 30(1)(f)", "WP260 rev.01 (Transparency)"),
    fix="Replace the phrase with a duration and the event it runs from (`duration: P2Y`, "
    "`start_event: end of membership`), or objective criteria with a `review_interval`.",
)
def retention_vague(category: CategoryView) -> Iterator[Problem]:
    """ "As long as necessary" restates the storage-limitation principle; it is
    not a time limit. Art. 13(2)(a) asks for "the period for which the personal
    data will be stored, or if that is not possible, the criteria used to
    determine that period", and the Article 29 Working Party's transparency
    guidelines (WP260 rev.01) ask that it be phrased so that data subjects can
    assess what the period will be for their data. "As required by law" is
    vague unless `legal_ref` names the statute. The phrase list is bilingual
    (English and Swedish).

    Example that fires: `retention: {description: så länge det är nödvändigt}`.
    """
    retention, ref = category.retention
    if retention is None or _concrete(retention):
        return
    phrase = _vague_phrase(retention)
    if phrase is not None:
        yield Problem(
            f"retention of data category '{category.id}' is not a time limit: '{phrase}'{category.inherited(ref)}",
            at=ref if ref is not None and category.inherited(ref) == "" else None,
        )


@rule(
    code="RPA403",
    name="retention-not-concrete",
    severity="error",
    summary="Retention has neither a duration with its start event nor criteria with a review interval.",
    references=("GDPR Art. 5(1)(e)", "GDPR Art. 30(1)(f)"),
    fix="State `duration` together with `start_event`, or `criteria` together with `review_interval`.",
)
def retention_not_concrete(category: CategoryView) -> Iterator[Problem]:
    """A period without the event it runs from ("2 years", but from when?) or
    criteria that are never reviewed cannot be applied to a given record. A
    concrete retention is either an ISO 8601 duration with its start event
    (`P7Y` from the end of the financial year) or objective criteria with a
    review interval.

    Example that fires: `retention: {duration: P2Y}` without `start_event`.
    """
    retention, ref = category.retention
    if retention is None or _concrete(retention) or _vague_phrase(retention) is not None:
        return
    if retention.duration:
        missing = "a duration without the event it runs from (start_event)"
    elif retention.criteria:
        missing = "criteria without a review_interval"
    else:
        missing = "no duration and no criteria"
    yield Problem(
        f"retention of data category '{category.id}' is not concrete: {missing}{category.inherited(ref)}",
        at=ref if ref is not None and category.inherited(ref) == "" else None,
    )
