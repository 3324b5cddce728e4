"""RPA11x: the data protection officer, Art. 37 and 30(1)(a)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import OrganisationView

#: Purposes that amount to regular and systematic monitoring when done on a large scale.
MONITORING_PURPOSES = frozenset({"profiling", "scoring", "credit_assessment", "analytics", "personalisation"})
WP243 = "WP29 Guidelines on Data Protection Officers, WP243 rev.01"


def is_special_or_criminal(tags: Iterable[str]) -> bool:
    """Tags that mark Art. 9(1) special-category or Art. 10 criminal-offence data."""
    return any(t.startswith("special_category:") or t == "criminal" for t in tags)


def _dpo_indicators(org: OrganisationView) -> list[str]:
    """The Art. 37(1)(b) and (c) conditions the record suggests may hold, each with where."""
    from ropa_check.facts.wp248 import LARGE_SCALE_SUBJECTS

    out = []
    for activity in org.record.activities:
        scale = activity.model.large_scale
        if scale is None or scale.approx_subjects is None or scale.approx_subjects < LARGE_SCALE_SUBJECTS:
            continue
        where = f"activity '{activity.id}' (line {activity.ref.line}, about {scale.approx_subjects} data subjects)"
        monitoring = sorted(activity.purpose_tags & MONITORING_PURPOSES)
        if monitoring or (activity.model.profiling and activity.model.profiling.used):
            what = ", ".join(monitoring) or "profiling"
            out.append(f"{where} monitors people on a large scale ({what}; Art. 37(1)(b))")
        if any(is_special_or_criminal(c.tags) for c in activity.categories):
            out.append(f"{where} processes Art. 9 or Art. 10 data on a large scale (Art. 37(1)(c))")
    return out


def _decided(org: OrganisationView) -> bool:
    dpo = org.model.dpo
    return dpo is not None and (dpo.designated is True or bool(dpo.assessment_ref))


@rule(
    code="RPA111",
    name="dpo-contact-missing",
    severity="error",
    scope="organisation",
    summary="A data protection officer is designated but the record gives no contact details.",
    references=("GDPR Art. 30(1)(a)", "GDPR Art. 37(7)"),
    fix="Give `organisation.dpo` an `email` or `phone` (and a `name` or function).",
)
def dpo_contact_missing(org: OrganisationView) -> Iterator[Problem]:
    """Where a DPO is designated, Art. 30(1)(a) puts "the data protection
    officer" among the contact details the record must hold, and Art. 37(7)
    requires the controller to publish the DPO's contact details and
    communicate them to the supervisory authority.

    Example that fires: `dpo: {designated: true}` without `email` or `phone`.
    """
    dpo = org.model.dpo
    if dpo is not None and dpo.designated is True and not (dpo.email or dpo.phone):
        yield Problem("a data protection officer is designated but has no e-mail or phone", org.ref.child("dpo"))


@rule(
    code="RPA112",
    name="dpo-decision-undocumented",
    severity="warning",
    scope="organisation",
    summary="No DPO is designated and no documented assessment says why none is required.",
    references=("GDPR Art. 37(1)", "GDPR Art. 5(2)", WP243),
    fix="Set `organisation.dpo.designated: true` with contact details, or link the documented "
    "Art. 37(1) assessment in `organisation.dpo.assessment_ref`.",
)
def dpo_decision_undocumented(org: OrganisationView) -> Iterator[Problem]:
    """Whether a DPO is mandatory (Art. 37(1): public authority; core
    activities of regular and systematic monitoring on a large scale; core
    activities of large-scale Art. 9 and Art. 10 data) depends on what the
    organisation's core activities are, which a record alone cannot settle.
    The controller must be able to demonstrate its decision (Art. 5(2)), so
    when no DPO is designated the record should link the assessment. When the
    record itself shows an Art. 37(1) condition, RPA113 reports it instead.

    Example that fires: an organisation without `dpo`, or `dpo: {designated: false}` without `assessment_ref`.
    """
    if _decided(org) or org.model.public_authority or _dpo_indicators(org):
        return
    dpo = org.model.dpo
    state = "the record says nothing about a DPO" if dpo is None or dpo.designated is None else "none is designated"
    yield Problem(
        f"{state}, and no documented assessment says why none is required (dpo.assessment_ref)",
        org.ref.child("dpo") if dpo is not None else org.ref,
    )


@rule(
    code="RPA113",
    name="dpo-likely-required",
    severity="warning",
    scope="organisation",
    summary="The record suggests an Art. 37(1)(b) or (c) condition for a mandatory DPO (large-scale monitoring "
    "or large-scale Art. 9/10 data), but no DPO is designated or assessed.",
    references=("GDPR Art. 37(1)(b)", "GDPR Art. 37(1)(c)", "GDPR Art. 5(2)", WP243),
    fix="Designate a DPO (`organisation.dpo: {designated: true, email: ...}`), or link in "
    "`dpo.assessment_ref` the assessment showing that these are not core activities or not on a large scale.",
)
def dpo_likely_required(org: OrganisationView) -> Iterator[Problem]:
    """A DPO must be designated where (b) the core activities "consist of
    processing operations which ... require regular and systematic monitoring
    of data subjects on a large scale", or (c) they consist of "processing on
    a large scale" of Art. 9 and Art. 10 data (Art. 37(1); this rule applies
    (c) to either kind, the common reading). Both turn on whether the
    processing is among the controller's "core activities" and on "large
    scale", which the GDPR does not quantify and a record may not show, so
    this is a warning: the controller should designate a DPO or document why
    none is required (Art. 5(2)). It fires when an activity with
    `large_scale.approx_subjects` at or above the large-scale threshold
    (10 000, a policy default: the GDPR sets no figure) profiles, scores or
    analyses people, or processes Art. 9 or Art. 10 data. A public authority
    (Art. 37(1)(a)) is RPA114's error.

    Example that fires: an activity with `large_scale: {approx_subjects: 50000}` and an `analytics` purpose,
    and `dpo: {designated: false}` without `assessment_ref`.
    """
    if _decided(org) or org.model.public_authority:
        return
    indicators = _dpo_indicators(org)
    if indicators:
        yield Problem(
            "no DPO is designated or assessed although " + "; ".join(indicators),
            org.ref.child("dpo") if org.model.dpo is not None else org.ref,
        )


@rule(
    code="RPA114",
    name="dpo-missing-public-authority",
    severity="error",
    scope="organisation",
    summary="The controller is a public authority or body and has no DPO.",
    references=("GDPR Art. 37(1)(a)", WP243),
    fix="Designate a DPO (`organisation.dpo: {designated: true, email: ...}`); a court acting in its judicial "
    "capacity links in `dpo.assessment_ref` why the exception applies.",
)
def dpo_missing_public_authority(org: OrganisationView) -> Iterator[Problem]:
    """A DPO must be designated "in any case where ... the processing is
    carried out by a public authority or body, except for courts acting in
    their judicial capacity" (Art. 37(1)(a)). This does not depend on core
    activities or scale: a record marked `public_authority: true` with no DPO
    designated shows the duty unmet. An assessment in `dpo.assessment_ref`
    (for a court acting in its judicial capacity) is accepted.

    Example that fires: `public_authority: true` and `dpo: {designated: false}` without `assessment_ref`.
    """
    if org.model.public_authority and not _decided(org):
        yield Problem(
            "the controller is a public authority or body (Art. 37(1)(a)) and no DPO is designated",
            org.ref.child("dpo") if org.model.dpo is not None else org.ref,
        )
