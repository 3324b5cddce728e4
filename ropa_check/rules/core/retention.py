"""RPA4xx: how long each category of data is kept, Art. 5(1)(e) and 30(1)(f)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts import MARKETING_PURPOSES, TRACKING_TAGS, months
from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import CategoryView, Retention


def _concrete(r: Retention) -> bool:
    """A duration with its start event, criteria with a review interval, or (1.1) a concrete period per outcome."""
    by_outcome = bool(r.by_outcome) and all(o.duration and o.start_event for o in r.by_outcome or ())
    return bool((r.duration and r.start_event) or (r.criteria and r.review_interval) or by_outcome)


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
    (`P7Y` from the end of the financial year), objective criteria with a
    review interval, or (format 1.1) `by_outcome` periods that are each a
    duration with its start event.

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


def _says_statutory(r: Retention) -> str | None:
    """The words by which the retention says that a law sets its period ("as required by law", "enligt lag")."""
    for text in (r.description, r.criteria, r.start_event, r.justification):
        phrase = find(text, "retention_by_law")
        if phrase is not None:
            return phrase
    return None


@rule(
    code="RPA404",
    name="retention-statute-missing",
    severity="warning",
    summary="A concrete retention period is said to be set by law, and the record does not name the law.",
    references=("GDPR Art. 30(1)(f)", "GDPR Art. 5(1)(e)", "GDPR Art. 5(2)"),
    fix="Name the statute and provision that sets the period in `retention.legal_ref`, or drop the claim that "
    "a law sets it if the controller chose the period.",
)
def retention_statute_missing(category: CategoryView) -> Iterator[Problem]:
    """Art. 30(1)(f) asks for "the envisaged time limits for erasure of the
    different categories of data": a concrete period (a duration with the
    event it runs from, or criteria with a review interval) meets it, whether
    the controller chose the period or a law sets it, and even where the data
    are processed under a legal obligation the controller may keep them for a
    period of its own choosing within what is necessary (Art. 5(1)(e)). So a
    missing citation is reported only where the record itself says the period
    is set by law ("as required by law", "enligt lag") and does not say which
    law: the claim cannot then be checked, and the controller cannot show it
    (Art. 5(2)). That is evidence missing, so this is a warning. An
    authority's disposal decision (`disposal_decision_ref`) names the source
    as well. A retention that is only "as required by law", with no concrete
    period, is RPA402's error. National packs check the periods their statutes
    set.

    Example that fires: `retention: {duration: P7Y, start_event: end of the financial year, description:
    as required by law}` without `legal_ref`.
    """
    retention, ref = category.retention
    if retention is None or retention.legal_ref or retention.disposal_decision_ref or not _concrete(retention):
        return
    phrase = _says_statutory(retention)
    if phrase is not None:
        yield category.about(
            ref,
            f"the retention of data category '{category.id}' says a law sets it ('{phrase}') but names no law "
            "(legal_ref)",
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

    Example that fires: cookie data with `retention: {duration: P7Y, legal_ref: <an accounting act>}`.
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
