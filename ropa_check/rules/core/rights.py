"""RPA92x: the data subject rights the record says are offered (Art. 20, 21)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView, OrganisationView

#: The Art. 6(1) bases on which Art. 20(1)(a) gives the right to data portability.
PORTABLE_BASES = frozenset({"consent", "contract"})


def _automated(activity: ActivityView) -> str | None:
    """What in the record says the activity's processing is carried out by automated means, if anything."""
    m = activity.model
    systems = [loc.system or loc.provider for loc in m.data_location or () if loc.system or loc.provider]
    if systems:
        return f"its data are kept in {', '.join(repr(s) for s in systems)} (data_location)"
    if m.automated_decision is not None and m.automated_decision.exists:
        return "it makes automated decisions"
    if m.profiling is not None and m.profiling.used:
        return "it profiles people"
    return None


def _provided(category: CategoryView) -> bool:
    """Whether the record says the category's data come from the data subject (Art. 20(1): data "provided")."""
    sources, _ = category.sources
    return any(s.model.type == "data_subject" for s in sources or ())


@rule(
    code="RPA921",
    name="rights-inconsistent-with-basis",
    severity="warning",
    scope="activity",
    summary="The rights listed for an activity omit objection or portability where its bases and the record "
    "show the right applies.",
    references=("GDPR Art. 20(1)", "GDPR Art. 21(1)", "GDPR Art. 21(2)", "GDPR Art. 13(2)(b)"),
    fix="List `objection` in `rights.available` where a basis is legitimate interests or public task, or a "
    "purpose is direct marketing; list `portability` where data the data subjects provided are processed by "
    "automated means on consent or contract.",
)
def rights_inconsistent_with_basis(activity: ActivityView) -> Iterator[Problem]:
    """Which rights apply depends on the basis. The right to object applies to
    processing based on Art. 6(1)(e) or (f) (Art. 21(1)) and always to direct
    marketing (Art. 21(2)). The right to data portability applies to data the
    data subject "has provided to a controller" where "(a) the processing is
    based on consent ... or on a contract ...; and (b) the processing is
    carried out by automated means" (Art. 20(1)). A rights list that omits a
    right that applies tells data subjects the wrong thing (Art. 13(2)(b)).
    Portability is checked only where the record shows both conditions: a
    consent or contract basis for data from a source of type `data_subject`,
    and automated means (the data are kept in a named system, or the activity
    profiles people or makes automated decisions). Offering a right where the
    law does not require it is not reported: more rights are not unlawful. The
    activity's `rights` are used, else the organisation's; purposes without a
    basis are RPA301's finding. Withdrawal of consent is RPA305's.

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
    if "portability" in available:
        return
    portable = sorted(
        {
            b.basis.art6
            for c in activity.categories
            if _provided(c)
            for b in c.bases
            if b.basis is not None and b.basis.art6 in PORTABLE_BASES
        }
    )
    automated = _automated(activity) if portable else None
    if automated:
        yield Problem(
            f"activity '{activity.id}' processes data the data subjects provided on {' and '.join(portable)}, and "
            f"{automated}, so the right to data portability applies (Art. 20(1)), but its rights{whose} do not "
            "include portability",
            at,
        )


#: Rights that apply whatever the basis (Art. 15, 16, 18). Erasure is left out: Art. 17(3)(b) excludes it
#: for processing necessary for a legal obligation or a public task.
ALWAYS = ("access", "rectification", "restriction")


@rule(
    code="RPA922",
    name="rights-list-incomplete",
    severity="warning",
    scope="organisation",
    summary="The organisation's list of the rights offered leaves out access, rectification or restriction, "
    "which data subjects have whatever the basis.",
    references=("GDPR Art. 13(2)(b)", "GDPR Art. 14(2)(c)", "GDPR Art. 15", "GDPR Art. 16", "GDPR Art. 18"),
    fix="Add the missing rights to `organisation.rights.available` (and to the privacy notice it reflects).",
)
def rights_list_incomplete(organisation: OrganisationView) -> Iterator[Problem]:
    """Data subjects must be told of "the existence of the right to request
    from the controller access to and rectification or erasure of personal
    data or restriction of processing" (Art. 13(2)(b), 14(2)(c)). Access,
    rectification and restriction (Art. 15, 16, 18) apply whatever the lawful
    basis; erasure does not where processing is necessary for a legal
    obligation or a public task (Art. 17(3)(b)), and objection and portability
    depend on the basis (RPA921). Only the organisation-wide list is checked:
    an activity's own list may rightly say less (e.g. Art. 11(2), where the
    controller cannot identify the data subject). A warning: the duty lies in
    the notice the list reflects.

    Example that fires: `organisation: {rights: {available: [access, rectification, erasure]}}`.
    """
    rights = organisation.model.rights
    if rights is None:
        return
    missing = [r for r in ALWAYS if r not in rights.available]
    if missing:
        yield Problem(
            f"the organisation's rights list leaves out {', '.join(missing)}",
            at=organisation.ref.child("rights", "available"),
        )
