"""RPA92x: the data subject rights the record says are offered (Art. 20, 21)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView


@rule(
    code="RPA921",
    name="rights-inconsistent-with-basis",
    severity="warning",
    scope="activity",
    summary="The rights listed for an activity do not match its lawful bases (portability, objection).",
    references=("GDPR Art. 20(1)", "GDPR Art. 21(1)", "GDPR Art. 21(2)", "GDPR Art. 13(2)(b)"),
    fix="List `objection` in `rights.available` where a basis is legitimate interests or public task, or a "
    "purpose is direct marketing; list `portability` only where a basis is consent or contract.",
)
def rights_inconsistent_with_basis(activity: ActivityView) -> Iterator[Problem]:
    """Which rights apply depends on the basis. The right to object applies to
    processing based on Art. 6(1)(e) or (f) (Art. 21(1)) and always to direct
    marketing (Art. 21(2)); the right to data portability applies only where
    processing is based on consent or a contract and carried out by automated
    means (Art. 20(1)). A rights list that omits objection where it applies, or
    offers portability where it does not, tells data subjects the wrong thing
    (Art. 13(2)(b)). The activity's `rights` are used, else the organisation's;
    purposes without a basis are RPA301's finding. Withdrawal of consent is
    RPA305's.

    Example that fires: a purpose on legitimate interests in an activity whose rights omit `objection`.
    """
    own = activity.model.rights
    rights = own if own is not None else activity.record.org.rights
    if rights is None:
        return
    org = activity.record.organisation
    # Inherited rights are reported on the activity, which is where an own list would fix it.
    at = activity.ref.child("rights") if own is not None or org is None else activity.ref
    whose = "" if at != activity.ref else f" (the organisation's, line {org.ref.child('rights').line})" if org else ""
    bases = {b.basis.art6 for c in activity.categories for b in c.bases if b.basis is not None and b.basis.art6}
    if not bases:
        return
    available = set(rights.available)
    reasons: list[str] = sorted(bases & {"legitimate_interests", "public_task"})
    if "direct_marketing" in activity.purpose_tags:
        reasons.append("direct marketing")
    if reasons and "objection" not in available:
        yield Problem(
            f"activity '{activity.id}' rests on {', '.join(r.replace('_', ' ') for r in reasons)}, "
            f"but its rights{whose} do not include objection",
            at,
        )
    if "portability" in available and not bases & {"consent", "contract"}:
        yield Problem(
            f"activity '{activity.id}' lists portability{whose}, which applies only to consent or contract "
            f"(its bases: {', '.join(sorted(b.replace('_', ' ') for b in bases))})",
            at,
        )
