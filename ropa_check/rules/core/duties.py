"""Duties the record can show unmet that the other families did not check (issue 10):
RPA311 (Art. 6(1) second subparagraph), RPA522 (Art. 26(2)), RPA809 (the scale the DPO and DPIA rules need)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts import ONLINE_IDS
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView, Located, Recipient


@rule(
    code="RPA311",
    name="legitimate-interests-public-authority",
    severity="warning",
    scope="category",
    summary="A public authority relies on legitimate interests, which cannot be the basis for processing in the "
    "performance of its tasks.",
    references=("GDPR Art. 6(1) second subparagraph", "GDPR recital 47"),
    fix="Base processing for the authority's tasks on Art. 6(1)(e) (public task) or (c) (legal obligation), "
    "citing the law; keep legitimate interests only for processing outside its tasks, and say so in a `note`.",
)
def legitimate_interests_public_authority(category: CategoryView) -> Iterator[Problem]:
    """ "Point (f) of the first subparagraph shall not apply to processing
    carried out by public authorities in the performance of their tasks" (Art.
    6(1) second subparagraph): the legislator provides their legal basis
    (recital 47). Whether a given purpose is one of the authority's tasks is
    not in the record, so this is a warning, which a `note` on the basis
    explaining that the processing is outside its tasks settles.

    Example that fires: `organisation: {public_authority: true}` and a purpose with `art6: legitimate_interests`.
    """
    if not category.record.org.public_authority:
        return
    for b in category.bases:
        if b.basis is not None and b.basis.art6 == "legitimate_interests" and not b.basis.note:
            what = f"purpose '{b.purpose.id}'" if b.purpose is not None else "its purposes"
            yield category.about(
                b.ref,
                f"data category '{category.id}' is processed by a public authority on legitimate interests for "
                f"{what}; that basis does not apply to processing in the performance of its tasks",
            )


def _essence(recipient: Located[Recipient]) -> Iterator[Problem]:
    m = recipient.model
    if m.kind == "joint_controller" and m.arrangement_ref and not m.arrangement_essence_ref:
        yield Problem(
            f"joint controller '{m.id}' has an arrangement, and the record does not say where its essence is made "
            "available to data subjects",
            at=recipient.ref.child("arrangement_ref"),
        )


@rule(
    code="RPA522",
    name="joint-arrangement-essence-unpublished",
    severity="warning",
    scope="recipient",
    summary="A joint controllers' arrangement is recorded, but not where its essence is made available to data "
    "subjects.",
    references=("GDPR Art. 26(2)", "GDPR Art. 5(2)"),
    fix="Set `arrangement_essence_ref` to where data subjects can read the essence of the arrangement (e.g. the "
    "privacy notice's section on joint controllers).",
)
def joint_arrangement_essence_unpublished(recipient: Located[Recipient]) -> Iterator[Problem]:
    """ "The essence of the arrangement shall be made available to the data
    subject" (Art. 26(2)). The record need not hold it, but a controller must
    be able to show that it did (Art. 5(2)): a warning where the arrangement is
    recorded and its publication is not.

    Example that fires: `{kind: joint_controller, arrangement_ref: JC-2025-1}` without `arrangement_essence_ref`.
    """
    return _essence(recipient)


#: What makes the scale of an activity decide a duty: special-category or criminal data (Art. 37(1)(c),
#: 35(3)(b)), and systematic monitoring or profiling (Art. 37(1)(b), 35(3)(a)).
_MONITORING_PURPOSES = frozenset({"profiling", "analytics", "personalisation", "scoring", "video_surveillance"})


def _why_scale_matters(activity: ActivityView) -> str | None:
    tags = {t for c in activity.categories for t in c.tags}
    if any(t.startswith("special_category:") for t in tags) or "criminal" in tags:
        return "special-category or criminal-offence data (Art. 37(1)(c), 35(3)(b))"
    if activity.purpose_tags & _MONITORING_PURPOSES or tags & ONLINE_IDS or activity.model.public_area_monitoring:
        return "monitoring or profiling of people (Art. 37(1)(b), 35(3))"
    return None


@rule(
    code="RPA809",
    name="scale-unstated",
    severity="info",
    scope="activity",
    summary="The activity's scale decides whether a DPO or a DPIA is required, and the record does not state it.",
    references=("GDPR Art. 37(1)(b)", "GDPR Art. 37(1)(c)", "GDPR Art. 35(3)", "GDPR recital 91"),
    fix="State the scale: `large_scale: {approx_subjects, geographic_scope}`.",
)
def scale_unstated(activity: ActivityView) -> Iterator[Problem]:
    """A DPO is mandatory where core activities consist of monitoring on a
    "large scale" or of special-category or criminal-offence data on a "large
    scale" (Art. 37(1)(b), (c)), and a DPIA where such processing is on a large
    scale (Art. 35(3); recital 91 on what large scale means). The rules can only
    weigh this when the record states the scale; an activity where it matters
    and is not stated gets this note (information, not a gap: the record need
    not hold the number).

    Example that fires: an activity with `special_category:health` data and no `large_scale`.
    """
    if activity.model.large_scale is not None:
        return
    why = _why_scale_matters(activity)
    if why is not None:
        yield Problem(f"activity '{activity.id}' involves {why} and does not state its scale")
