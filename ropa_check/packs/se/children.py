"""RSE2xx: the Swedish age for a child's own consent to information-society services (13)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.facts import children
from ropa_check.packs.se._common import DSL, swedish
from ropa_check.types import ActivityView

AGE = 13


@rule(
    code="RSE201",
    name="child-consent-online-service",
    severity="error",
    scope="activity",
    summary="An online service offered to children relies on consent, without an age check and a parental "
    "consent flow for children under 13.",
    references=(f"{DSL} 2 kap. 4 §", "GDPR Art. 8(1)", "GDPR Art. 8(2)"),
    supersedes=("RPA724",),
    fix="Add `children.age_verification` and `children.guardian_consent_flow` (consent given or authorised by "
    "a parent for children under 13).",
)
def child_consent_online_service(activity: ActivityView) -> Iterator[Problem]:
    """Where an information-society service is offered directly to a child on
    the basis of consent, GDPR Art. 8(1) lets Member States set the age from
    which the child's own consent suffices. Sweden chose 13: "Vid erbjudande av
    informationssamhällets tjänster direkt till ett barn som bor i Sverige ska
    behandling av personuppgifter vara tillåten med stöd av barnets samtycke,
    om barnet är minst 13 år. Om barnet är under 13 år, ska sådan behandling
    vara tillåten endast om samtycke ges eller godkänns av den som har
    föräldraansvar för barnet." The controller must make reasonable efforts to
    verify this (Art. 8(2)).

    Example that fires: `children: {information_society_service: true}` with
    child data subjects and a consent basis, without `age_verification` or
    `guardian_consent_flow`.
    """
    ch = activity.model.children
    found = children(activity)
    if not (swedish(activity.record) and ch and ch.information_society_service and found):
        return
    if not any(b.basis and b.basis.art6 == "consent" for c in activity.categories for b in c.bases):
        return
    young = any(s.min_age is None or s.min_age < AGE for s, _ in found)
    missing = [] if ch.age_verification else ["an age check (age_verification)"]
    if young and not ch.guardian_consent_flow:
        missing.append(f"a parental consent flow for children under {AGE} (guardian_consent_flow)")
    if missing:
        yield Problem(
            f"activity '{activity.id}' offers an online service to children on consent without "
            + " and ".join(missing),
            at=activity.ref.child("children"),
        )
