"""RPA81x: automated decisions and profiling (Art. 22, 21)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, Located, Source

SCHUFA = "CJEU C-634/21 SCHUFA Holding (Scoring), 7 December 2023, ECLI:EU:C:2023:957"
_DECIDING = frozenset({"credit_assessment", "scoring", "eligibility"})
_PROFILING = frozenset({"personalisation", "profiling"})


def _deciding(activity: ActivityView) -> list[str]:
    return sorted(activity.purpose_tags & _DECIDING)


#: The Art. 22(3) minimum, as format 1.1 rights, with what each is in the words of the Article.
ART22_3 = (
    ("human_intervention", "human intervention"),
    ("express_view", "expressing a point of view"),
    ("contest_decision", "contesting the decision"),
)


def _art22_3_lacking(activity: ActivityView) -> list[str]:
    """The Art. 22(3) safeguards the rights listed for the activity (else the organisation's) leave out."""
    rights = activity.model.rights or activity.record.org.rights
    available = set(rights.available) if rights is not None else set()
    return [words for right, words in ART22_3 if right not in available]


@rule(
    code="RPA811",
    name="automated-decision-undeclared",
    severity="error",
    scope="activity",
    summary="The activity scores or assesses people and the record does not say whether decisions are automated, "
    "or it records solely automated decisions without saying whether they have legal or similarly significant "
    "effects.",
    references=("GDPR Art. 22(1)", "GDPR Art. 13(2)(f)", "GDPR Art. 14(2)(g)", "GDPR Art. 5(2)"),
    fix="Add `automated_decision: {exists, legal_or_similar_effect}` (and, if it exists, the exception, "
    "safeguards and logic information).",
)
def automated_decision_undeclared(activity: ActivityView) -> Iterator[Problem]:
    """Data subjects have "the right not to be subject to a decision based
    solely on automated processing, including profiling, which produces legal
    effects … or similarly significantly affects" them (Art. 22(1)), and must
    be told of such decision-making (Art. 13(2)(f), 14(2)(g)). A credit
    assessment or eligibility check may be exactly that; in SCHUFA (C-634/21)
    even a score made by a credit agency was a decision where the recipient
    draws strongly on it. The record must say which it is. Whatever the
    purpose (recruitment screening, fraud checks, dynamic pricing…), a record
    that declares solely automated decisions (`exists: true`) must also say
    whether they have legal or similarly significant effects, because that is
    what brings them under Art. 22 and its exceptions and safeguards (RPA812).

    Example that fires: a purpose tagged `credit_assessment` without `automated_decision.exists`, or
    `automated_decision: {exists: true}` without `legal_or_similar_effect` on any activity.
    """
    tags = _deciding(activity)
    ad = activity.model.automated_decision
    if tags and (ad is None or ad.exists is None):
        yield Problem(
            f"activity '{activity.id}' has a {', '.join(tags)} purpose but does not declare whether decisions "
            "are automated (automated_decision)",
            at=activity.ref.child("automated_decision") if ad else activity.ref,
        )
    elif ad is not None and ad.exists and ad.legal_or_similar_effect is None:
        yield Problem(
            f"activity '{activity.id}' records solely automated decisions but not whether they have legal or "
            "similarly significant effects (automated_decision.legal_or_similar_effect), so whether Art. 22 "
            "applies cannot be told",
            at=activity.ref.child("automated_decision"),
        )


@rule(
    code="RPA812",
    name="automated-decision-without-exception",
    severity="error",
    scope="activity",
    summary="A solely automated decision with legal or similar effect lacks an Art. 22(2) exception, its "
    "safeguards, or information about its logic.",
    references=("GDPR Art. 22(2)", "GDPR Art. 22(3)", "GDPR Art. 22(4)", "GDPR Art. 13(2)(f)", SCHUFA),
    fix="Set `art22_exception` (contract, law or explicit_consent); for contract and explicit consent the Art. "
    "22(3) safeguards, in `safeguards` or as the rights `human_intervention`, `express_view` and "
    "`contest_decision`; for law its `legal_ref`; and `logic_info`.",
)
def automated_decision_without_exception(activity: ActivityView) -> Iterator[Problem]:
    """Art. 22(1) does not apply only if the decision is necessary for a
    contract with the data subject, authorised by law "which also lays down
    suitable measures", or based on explicit consent (Art. 22(2)). For the
    contract and consent exceptions the controller must itself provide "at
    least the right to obtain human intervention …, to express his or her point
    of view and to contest the decision" (Art. 22(3)); under the law exception
    the safeguards are those of that law. Decisions may not rest on Art. 9 data
    unless Art. 9(2)(a) or (g) applies (Art. 22(4)). The notice must give
    "meaningful information about the logic involved" (Art. 13(2)(f)). This
    holds for every decision the record declares solely automated with legal
    or similarly significant effects, whatever its purpose is tagged. The
    Art. 22(3) minimum may be described in `safeguards` or listed as the
    rights (format 1.1) `human_intervention`, `express_view` and
    `contest_decision`, of the activity or, where it lists none, of the
    organisation; a list that leaves one out is named.

    Example that fires: `automated_decision: {exists: true, legal_or_similar_effect: true}` with nothing else.
    """
    ad = activity.model.automated_decision
    if not (ad and ad.exists and ad.legal_or_similar_effect):
        return
    at = activity.ref.child("automated_decision")
    missing = []
    lacking = _art22_3_lacking(activity)
    if ad.art22_exception is None:
        missing.append("an Art. 22(2) exception (art22_exception)")
        if not (ad.safeguards or ad.legal_ref or not lacking):
            missing.append("safeguards (safeguards: the Art. 22(3) minimum, or the measures of an authorising law)")
    elif ad.art22_exception == "law" and not ad.legal_ref:
        missing.append("the authorising law that lays down the safeguards (legal_ref)")
    elif ad.art22_exception in ("contract", "explicit_consent") and not ad.safeguards and lacking:
        missing.append(f"the Art. 22(3) safeguards: {', '.join(lacking)} (safeguards, or the rights listed)")
    if not ad.logic_info:
        missing.append("information about the logic involved (logic_info)")
    if missing:
        listed = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
        yield Problem(f"the automated decision of activity '{activity.id}' is recorded without {listed}", at=at)
    for category in activity.categories:
        special = [t for t in category.tags if t.startswith("special_category:")]
        condition = category.model.art9_condition or ""
        if special and "9(2)(a)" not in condition and "9(2)(g)" not in condition:
            yield Problem(
                f"the automated decision uses special-category data ('{category.id}') without Art. 9(2)(a) or (g)",
                at=category.ref,
            )


@rule(
    code="RPA813",
    name="third-party-score-unassessed",
    severity="warning",
    scope="activity",
    summary="A credit assessment relies on data or a score from a credit agency, and the record does not say "
    "whether that score is decisive.",
    references=(SCHUFA, "GDPR Art. 22(1)"),
    fix="Add `automated_decision.third_party_score`: whether the agency's score is relied on decisively "
    "(then an Art. 22 decision, C-634/21) and the safeguards applied.",
)
def third_party_score_unassessed(activity: ActivityView) -> Iterator[Problem]:
    """In SCHUFA (C-634/21) the Court held that a credit agency's automated
    score is itself a decision under Art. 22(1) where a third party "draws
    strongly" on it to establish, implement or terminate a contract. A
    controller that buys scores or reports must record whether it relies on
    them decisively and what safeguards it applies. (When the activity does not
    declare its automated decisions at all, RPA811 reports that first.)

    Example that fires: a `credit_assessment` activity with a source of type
    `credit_agency` and `automated_decision: {exists: false}`.
    """
    ad = activity.model.automated_decision
    if ad is None or ad.exists is None or ad.third_party_score or not _deciding(activity):
        return
    agency = [s for s in _sources(activity) if s.model.type == "credit_agency"]
    reports = [c for c in activity.categories if "credit_report" in c.tags]
    if agency or reports:
        yield Problem(
            f"activity '{activity.id}' uses credit-agency data and does not say whether the agency's score is decisive",
            at=activity.ref.child("automated_decision"),
        )


def _sources(activity: ActivityView) -> list[Located[Source]]:
    known = activity.record.sources
    ids = set(activity.model.sources or ())
    for c in activity.categories:
        ids.update(c.model.sources or ())
    return [known[i] for i in sorted(ids) if i in known]


#: The Art. 6(1) bases whose processing, including profiling, data subjects may object to (Art. 21(1)).
OBJECTABLE = frozenset({"legitimate_interests", "public_task"})


def _profiles(activity: ActivityView) -> str | None:
    """What shows the activity profiles people outside direct marketing, when it does and has no way to object."""
    m = activity.model
    tags = activity.purpose_tags
    if "direct_marketing" in tags or (m.profiling and m.profiling.objection_mechanism):
        return None
    declared = m.profiling.used if m.profiling else None
    if declared is False or not (tags & _PROFILING or declared):
        return None
    return ", ".join(sorted(tags & _PROFILING)) or "profiling.used"


def _bases(activity: ActivityView) -> tuple[set[str], bool]:
    """The Art. 6(1) bases of the activity's categories, and whether some purpose has none."""
    bases = [b.basis.art6 if b.basis is not None else None for c in activity.categories for b in c.bases]
    return {b for b in bases if b is not None}, not bases or None in bases


@rule(
    code="RPA814",
    name="profiling-objection-missing",
    severity="error",
    scope="activity",
    summary="The activity profiles or personalises on legitimate interests or a public task, and the record has "
    "no way to object.",
    references=("GDPR Art. 21(1)", "GDPR Art. 21(4)", "GDPR Art. 13(2)(b)"),
    fix="Add `profiling: {used: true, description, objection_mechanism}`: how an objection is taken and the "
    "profiling stopped for that person.",
)
def profiling_objection_missing(activity: ActivityView) -> Iterator[Problem]:
    """The data subject may object "at any time to processing of personal
    data concerning him or her which is based on point (e) or (f) of Article
    6(1), including profiling based on those provisions" (Art. 21(1)); the
    right must be brought to their attention at the latest at the first
    communication (Art. 21(4)) and stated in the notice (Art. 13(2)(b)).
    Personalised content and offers built from browsing data are profiling.
    Art. 21(1) does not apply to processing on consent (withdrawal plays that
    role, checked by the lawful-basis rules), contract, legal obligation or
    vital interests, so this rule fires only where a basis of the activity is
    public task or legitimate interests. Where the record gives no basis, RPA815
    warns instead. Direct marketing, including profiling for it, is RPA911's.

    Example that fires: a purpose tagged `personalisation` on `legitimate_interests` without
    `profiling.objection_mechanism`.
    """
    what = _profiles(activity)
    if what is None:
        return
    bases, _ = _bases(activity)
    objectable = sorted(bases & OBJECTABLE)
    if objectable:
        m = activity.model
        on = " and ".join(b.replace("_", " ") for b in objectable)
        yield Problem(
            f"activity '{activity.id}' profiles people ({what}) on {on}, which they may object to (Art. 21(1)), "
            "and the record has no way to object (profiling.objection_mechanism)",
            at=activity.ref.child("profiling") if m.profiling else activity.ref,
        )


@rule(
    code="RPA815",
    name="profiling-basis-unknown",
    severity="warning",
    scope="activity",
    summary="The activity profiles or personalises, the record gives no lawful basis for it, and it has no way to "
    "object, so whether Art. 21(1) applies cannot be told.",
    references=("GDPR Art. 21(1)", "GDPR Art. 6(1)", "GDPR Art. 5(2)"),
    fix="State the Art. 6(1) basis of each purpose (`lawful_basis.art6`); on legitimate interests or a public task "
    "add `profiling.objection_mechanism`.",
)
def profiling_basis_unknown(activity: ActivityView) -> Iterator[Problem]:
    """Whether data subjects may object to profiling depends on its basis:
    Art. 21(1) covers processing "based on point (e) or (f) of Article 6(1),
    including profiling based on those provisions". When a purpose of a
    profiling activity has no basis in the record, the right may or may not
    apply, so this is a warning; the missing basis itself is RPA301's error.
    Where a stated basis is public task or legitimate interests, RPA814
    reports the missing objection mechanism instead.

    Example that fires: a purpose tagged `personalisation` with no lawful basis and no
    `profiling.objection_mechanism`.
    """
    what = _profiles(activity)
    if what is None:
        return
    bases, unknown = _bases(activity)
    if unknown and not bases & OBJECTABLE:
        m = activity.model
        yield Problem(
            f"activity '{activity.id}' profiles people ({what}) and records no way to object; the record gives no "
            "lawful basis for some of its purposes, so whether they may object (Art. 21(1)) cannot be told",
            at=activity.ref.child("profiling") if m.profiling else activity.ref,
        )
