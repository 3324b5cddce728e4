"""RPA72x: children's personal data (recital 38; Art. 12(1), 14)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts import MARKETING, category_has_children, children
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView


@rule(
    code="RPA721",
    name="children-without-safeguards",
    severity="warning",
    scope="activity",
    summary="Children's data are processed and the record does not describe how they are specifically protected.",
    references=("GDPR recital 38", "GDPR Art. 12(1)", "WP29, Guidelines on DPIA, WP248 rev.01"),
    fix="Add `children: {safeguards: ...}` to the activity: what is done differently because the data "
    "subjects are children (access, minimisation, no marketing, shorter retention...).",
)
def children_without_safeguards(activity: ActivityView) -> Iterator[Problem]:
    """ "Children merit specific protection with regard to their personal data,
    as they may be less aware of the risks, consequences and safeguards
    concerned and their rights" (recital 38). Information addressed to a child
    must be in language the child can understand (Art. 12(1)), and WP248 counts
    children as vulnerable data subjects (criterion 7) in the DPIA screening.
    The record should say what that protection is.

    Example that fires: a data subject category tagged `child` (or `min_age`
    under 18) in an activity without `children.safeguards`.
    """
    found = children(activity)
    if found and not (activity.model.children and activity.model.children.safeguards):
        subject, ref = found[0]
        yield Problem(
            f"activity '{activity.id}' processes children's data ('{subject.id}') without recorded safeguards",
            at=ref,
        )


@rule(
    code="RPA722",
    name="children-marketing-or-profiling",
    severity="warning",
    scope="activity",
    summary="Children's data are used for direct marketing, profiling or personalisation without a "
    "documented justification.",
    references=("GDPR recital 38", "GDPR recital 71", "GDPR Art. 22"),
    fix="Exclude children's categories from those purposes (category `purposes:`), or add "
    "`children.profiling_justification`.",
)
def children_marketing_or_profiling(activity: ActivityView) -> Iterator[Problem]:
    """Recital 38 says the specific protection of children "should, in
    particular, apply to the use of personal data of children for the purposes
    of marketing or creating personality or user profiles". For solely
    automated decisions recital 71 adds: "Such measure should not concern a
    child." Using children's data for these purposes needs a recorded
    justification; usually they should be left out.

    Example that fires: a category whose subjects are children and whose
    purposes include `direct_marketing`.
    """
    ch = activity.model.children
    if ch and ch.profiling_justification:
        return
    for category in activity.categories:
        used = sorted(category.purpose_tags & MARKETING)
        if used and category_has_children(category):
            yield Problem(
                f"children's data in category '{category.id}' are used for {', '.join(used)}",
                at=category.ref,
            )


@rule(
    code="RPA723",
    name="children-not-informed",
    severity="warning",
    scope="activity",
    summary="Children's data come from a parent or member, and the record does not say how the children are informed.",
    references=("GDPR Art. 14(1)", "GDPR Art. 14(3)", "GDPR Art. 12(1)", "GDPR recital 38"),
    fix="Add `children.notice_ref`: how and when the children are informed, in words they understand "
    "(or the Art. 14(5) exemption relied on).",
)
def children_not_informed(activity: ActivityView) -> Iterator[Problem]:
    """When a parent registers a child, the child's data are "not obtained from
    the data subject", so Art. 14 applies: the child is a data subject in their
    own right and must be informed within a reasonable period (Art. 14(3)), in
    clear and plain language "in particular for any information addressed
    specifically to a child" (Art. 12(1)).

    Example that fires: a category of children's data whose source has
    `type: guardian`, in an activity without `children.notice_ref`.
    """
    ch = activity.model.children
    if ch and ch.notice_ref:
        return
    for category in activity.categories:
        sources, ref = category.sources
        if not category_has_children(category) or not sources:
            continue
        if any(s.model.type == "guardian" for s in sources):
            yield Problem(
                f"children's data in category '{category.id}' come from a parent; the record does not say how "
                "the children are informed",
                at=ref or category.ref,
            )
            return  # one finding per activity: the notice is the activity's


#: Art. 8(1): Member States may lower the age of a child's own consent, "provided that such lower age is not
#: below 13 years". Below 13, parental consent is needed in every Member State; above it, national packs say.
LOWEST_AGE = 13


@rule(
    code="RPA724",
    name="child-consent-online-service",
    severity="error",
    scope="activity",
    summary="An online service offered directly to children relies on their consent, without an age check, or "
    "without a parental consent flow where children under 13 may use it.",
    references=("GDPR Art. 8(1)", "GDPR Art. 8(2)", "GDPR recital 38"),
    fix="Add `children.age_verification` (the reasonable efforts to verify age) and, where children under 13 may "
    "use the service, `children.guardian_consent_flow` (consent given or authorised by a parent).",
)
def child_consent_online_service(activity: ActivityView) -> Iterator[Problem]:
    """Where an information society service is offered directly to a child
    and the basis is consent, the child's own consent suffices only from the
    age of 16, or the lower age a Member State sets, which may not be below 13
    (Art. 8(1)); below it, consent must be given or authorised by the holder of
    parental responsibility, and the controller must make reasonable efforts
    to verify that (Art. 8(2)). So in every Member State such a service needs an
    age check, and a parental consent flow where children under 13 may use it.
    Where a Member State's age is higher than 13, its national pack adds that
    (the Swedish pack's RSE201, for Sweden's 13, replaces this rule there).

    Example that fires: `children: {information_society_service: true}` with child data subjects and a consent
    basis, without `age_verification`.
    """
    ch = activity.model.children
    found = children(activity)
    if not (ch and ch.information_society_service and found):
        return
    if not any(b.basis and b.basis.art6 == "consent" for c in activity.categories for b in c.bases):
        return
    missing = [] if ch.age_verification else ["an age check (age_verification)"]
    if any(s.min_age is None or s.min_age < LOWEST_AGE for s, _ in found) and not ch.guardian_consent_flow:
        missing.append(f"a parental consent flow for children under {LOWEST_AGE} (guardian_consent_flow)")
    if missing:
        yield Problem(
            f"activity '{activity.id}' offers an online service to children on their consent without "
            + " and ".join(missing),
            at=activity.ref.child("children"),
        )
