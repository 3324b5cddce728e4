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
    """The Art. 37(1) conditions the record shows to hold, each with where."""
    from ropa_check.facts.wp248 import LARGE_SCALE_SUBJECTS

    out = []
    if org.model.public_authority:
        out.append("the controller is a public authority (Art. 37(1)(a))")
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
    if _decided(org) or _dpo_indicators(org):
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
    severity="error",
    scope="organisation",
    summary="The record shows an Art. 37(1) condition for a mandatory DPO, but none is designated or assessed.",
    references=("GDPR Art. 37(1)(a)", "GDPR Art. 37(1)(b)", "GDPR Art. 37(1)(c)", WP243),
    fix="Designate a DPO (`organisation.dpo: {designated: true, email: ...}`), or link in "
    "`dpo.assessment_ref` the assessment showing that these activities are not core activities.",
)
def dpo_likely_required(org: OrganisationView) -> Iterator[Problem]:
    """A DPO must be designated where (a) the processing is carried out by a
    public authority or body, (b) the core activities "consist of processing
    operations which ... require regular and systematic monitoring of data
    subjects on a large scale", or (c) they consist of "processing on a large
    scale" of Art. 9 and Art. 10 data (Art. 37(1); this rule applies (c) to either
    kind, the common reading).
    This rule fires when the record itself shows one of these: the controller
    is marked `public_authority`, or an activity with `large_scale.approx_subjects`
    at or above the large-scale threshold (10 000, a policy default: the GDPR
    sets no figure) profiles, scores or analyses people, or processes Art. 9 or
    Art. 10 data.

    Example that fires: `public_authority: true` and `dpo: {designated: false}` without `assessment_ref`.
    """
    if _decided(org):
        return
    indicators = _dpo_indicators(org)
    if indicators:
        yield Problem(
            "no DPO is designated or assessed although " + "; ".join(indicators),
            org.ref.child("dpo") if org.model.dpo is not None else org.ref,
        )
