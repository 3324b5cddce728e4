"""RPA312: the controller's own data reused for a new purpose, Art. 6(4) (format 1.1 ``further_processing``)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import Basis, CategoryView

#: The bases on which Art. 6(4) asks for no compatibility assessment: consent, or a Union or Member State law
#: (a legal obligation or public task whose law the record names).
_LAW_BASES = frozenset({"legal_obligation", "public_task"})


def _consent_or_law(basis: Basis) -> bool:
    b = basis.basis
    if b is None:
        return False
    return b.art6 == "consent" or (b.art6 in _LAW_BASES and bool(b.legal_obligation_ref))


def _basis_words(basis: Basis) -> str:
    b = basis.basis
    if b is None or b.art6 is None:
        return "no lawful basis"
    if b.art6 in _LAW_BASES:
        return f"{b.art6.replace('_', ' ')} without the law named"
    return b.art6.replace("_", " ")


@rule(
    code="RPA312",
    name="further-processing-unassessed",
    severity="error",
    scope="category",
    summary="Data collected for another activity are reused for a new purpose that rests neither on consent nor on "
    "a law, and the record references no compatibility assessment.",
    references=("GDPR Art. 6(4)", "GDPR recital 50", "GDPR Art. 5(1)(b)", "GDPR Art. 5(2)"),
    fix="Reference the Art. 6(4) assessment (for research or statistics, the Art. 89(1) safeguards) in "
    "`further_processing.compatibility_assessment_ref`, or base the new purpose on consent or on a law "
    "(`lawful_basis: {art6: consent, ...}`, or a legal obligation or public task with its `legal_obligation_ref`).",
)
def further_processing_unassessed(category: CategoryView) -> Iterator[Problem]:
    """Personal data are "collected for specified, explicit and legitimate
    purposes and not further processed in a manner that is incompatible with
    those purposes" (Art. 5(1)(b)). "Where the processing for a purpose other
    than that for which the personal data have been collected is not based on
    the data subject's consent or on a Union or Member State law which
    constitutes a necessary and proportionate measure in a democratic society
    to safeguard the objectives referred to in Article 23(1)", the
    controller ascertains whether the new purpose is compatible, taking into
    account, inter alia, the link between the purposes, the context of
    collection, the nature of the data, the possible consequences and the
    safeguards (Art. 6(4)); recital 50 adds that compatible further
    processing needs no legal basis separate from the one that allowed the
    collection. The record shows the reuse (format 1.1: `further_processing:
    {collected_for: [activity ids]}` on the data category), so a new purpose
    that rests neither on consent nor on a named law, without a referenced
    assessment, is a duty the record shows unmet. A legal obligation or
    public task whose law the record names is taken as such a law; whether
    that law meets Art. 23(1) is not checked, so the rule errs on the side of
    silence. Further processing for archiving in the public interest,
    scientific or historical research or statistical purposes "shall, in
    accordance with Article 89(1), not be considered to be incompatible"
    (Art. 5(1)(b)), that is with the safeguards of Art. 89(1): the assessment
    reference is where the record shows them. Data received from others are not further
    processing by this controller (RPA224, RPA223).

    Example that fires: member data with `further_processing: {collected_for: [medlemsregister]}` used for a
    `market_research` purpose on legitimate interests, without `compatibility_assessment_ref`.
    """
    reuse = category.model.further_processing
    if reuse is None or reuse.compatibility_assessment_ref:
        return
    open_ = [b for b in category.bases if not _consent_or_law(b)]
    if not open_:
        return
    purposes = ", ".join(
        f"'{b.purpose.id}' ({_basis_words(b)})" if b.purpose is not None else f"the activity's ({_basis_words(b)})"
        for b in open_
    )
    ids = reuse.collected_for or []
    if not ids:
        origin = "another purpose (further_processing.collected_for names no activity)"
    else:
        origin = ("activity " if len(ids) == 1 else "activities ") + ", ".join(f"'{a}'" for a in ids)
    noun = "purpose" if len(open_) == 1 else "purposes"
    yield Problem(
        f"data category '{category.id}' was collected for {origin} and is reused for {noun} {purposes}, "
        "which rest neither on consent nor on a named law, and no Art. 6(4) compatibility assessment is referenced "
        "(further_processing.compatibility_assessment_ref)",
        at=category.ref.child("further_processing"),
    )
