"""RPA4xx: how long each category of data is kept, Art. 5(1)(e) and 30(1)(f)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts import MARKETING_PURPOSES, TRACKING_TAGS, months
from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import CategoryView, Retention


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
        yield category.about(
            ref,
            f"retention of data category '{category.id}' is not a time limit: '{phrase}'",
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
    yield category.about(
        ref,
        f"retention of data category '{category.id}' is not concrete: {missing}",
    )


def _legal_rationale(category: CategoryView) -> bool:
    """The category is kept because the law says so: accounting records, or only legal-obligation bases."""
    bases = [b.basis.art6 for b in category.bases if b.basis is not None]
    return "accounting_records" in category.tags or (bool(bases) and all(a == "legal_obligation" for a in bases))


@rule(
    code="RPA404",
    name="retention-statute-missing",
    severity="error",
    summary="Data kept because of a legal obligation have a retention period that cites no statute.",
    references=("GDPR Art. 6(3)", "GDPR Art. 5(1)(e)", "GDPR Art. 30(1)(f)"),
    fix="Name the statute and section that sets the period in `retention.legal_ref`, "
    "e.g. 'Bokföringslagen (1999:1078) 7 kap. 2 §'.",
)
def retention_statute_missing(category: CategoryView) -> Iterator[Problem]:
    """Where data are processed to comply with a legal obligation (or are
    accounting records), the retention period normally comes from that law,
    which Art. 6(3) requires to be Union or Member State law. Naming it lets a
    reader check the period and tells the controller when the obligation ends.
    Vague retention text ("as required by law") is RPA402's finding; this rule
    covers a concrete period whose statute is not named.

    Example that fires: an accounting category with `retention: {duration: P7Y, start_event: ...}` and no
    `legal_ref`.
    """
    retention, ref = category.retention
    if retention is None or retention.legal_ref or _vague_phrase(retention) is not None:
        return
    if _legal_rationale(category):
        yield category.about(
            ref,
            f"data category '{category.id}' is kept under a legal obligation, and its retention cites no statute",
        )


@rule(
    code="RPA405",
    name="statutory-retention-overreach",
    severity="warning",
    summary="A statutory retention period is applied to marketing or tracking data no statute is about.",
    references=("GDPR Art. 5(1)(e)", "GDPR Art. 5(1)(b)"),
    fix="Give these data their own, shorter retention; keep only the records the statute covers for its period.",
)
def statutory_retention_overreach(category: CategoryView) -> Iterator[Problem]:
    """A statute that obliges the controller to keep certain records (for
    example accounting information) does not justify keeping other data as
    long: data are kept no longer than necessary for their own purposes (Art.
    5(1)(e)), and data kept for the statute may not be reused for other
    purposes (Art. 5(1)(b)). A `legal_ref` on online identifiers, behavioural
    data or marketing purposes, with no legal-obligation basis, suggests a
    period borrowed from another category. Whether the statute covers these
    data is a judgement, so this is a warning.

    Example that fires: cookie data with `retention: {duration: P7Y, legal_ref: Bokföringslagen ...}`.
    """
    retention, ref = category.retention
    if retention is None or not retention.legal_ref:
        return
    if any(b.basis is not None and b.basis.art6 == "legal_obligation" for b in category.bases):
        return
    what = sorted(TRACKING_TAGS.intersection(category.tags)) or sorted(MARKETING_PURPOSES & category.purpose_tags)
    if what:
        yield category.about(
            ref,
            f"data category '{category.id}' ({', '.join(what)}) has a statutory retention "
            f"('{retention.legal_ref}') but is not processed under a legal obligation",
        )


#: Usual ceilings in months, by data-category tag and data-subject tag. Policy defaults, not law.
CATEGORY_CEILINGS = {"cookie_id": 13, "online_identifier": 13, "device_id": 13, "credit_report": 12}
SUBJECT_CEILINGS = {"prospect": 36}


@rule(
    code="RPA406",
    name="retention-above-ceiling",
    severity="warning",
    summary="A retention period is longer than the usual ceiling for these data, without a justification.",
    references=("GDPR Art. 5(1)(e)", "GDPR recital 39"),
    fix="Shorten the period, or say in `retention.justification` why the longer period is necessary.",
)
def retention_above_ceiling(category: CategoryView) -> Iterator[Problem]:
    """Data are kept "for no longer than is necessary" (Art. 5(1)(e)), and the
    controller sets time limits for erasure or periodic review (recital 39).
    Some data have well-known usual periods: cookie and other online
    identifiers 13 months, credit reports 12 months, prospects 3 years. These
    ceilings are ropa-check's policy defaults, not periods set by law; a
    longer period is allowed with a justification.

    Example that fires: a category tagged `cookie_id` with `retention: {duration: P2Y, start_event: ...}`.
    """
    retention, ref = category.retention
    if retention is None or not retention.duration or retention.justification:
        return
    length = months(retention.duration)
    limits = [(CATEGORY_CEILINGS[t], f"data tagged {t}") for t in category.tags if t in CATEGORY_CEILINGS]
    limits += [
        (SUBJECT_CEILINGS[t], f"data about subjects tagged {t}")
        for s, _ in category.subjects
        for t in s.tags
        if t in SUBJECT_CEILINGS
    ]
    over = [(limit, what) for limit, what in limits if length > limit]
    if over:
        limit, what = min(over)
        yield category.about(
            ref,
            f"data category '{category.id}' is kept for {retention.duration}, longer than the usual {limit} months "
            f"for {what}",
        )
