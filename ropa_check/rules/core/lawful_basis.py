"""RPA3xx: the lawful basis of each purpose, Art. 6(1)."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from ropa_check.facts import recipients_used
from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView, DataSubject, LawfulBasis, Located, Purpose, Recipient, Ref


@rule(
    code="RPA301",
    name="lawful-basis-missing",
    severity="error",
    summary="A data category is processed for a purpose with no Art. 6(1) lawful basis.",
    references=("GDPR Art. 6(1)", "GDPR Art. 5(1)(a)", "GDPR Art. 5(2)"),
    fix="Give each purpose a `lawful_basis: {art6: ...}` (or the category or activity one that applies to all).",
)
def lawful_basis_missing(category: CategoryView) -> Iterator[Problem]:
    """Processing is lawful only on one of the six bases of Art. 6(1), and the
    controller must be able to demonstrate which (accountability, Art. 5(2)).
    Art. 30 does not list the basis, but every regulator's template records it
    per purpose. A general statement such as "legal obligations or contract" at
    organisation level does not say which basis carries which purpose, so it
    does not count.

    Compatible further processing "needs no legal basis separate from that
    which allowed the collection" (recital 50): a category reused from an
    activity the record names, with the Art. 6(4) assessment referenced
    (`further_processing`), rests on its collection's basis, which this rule
    checks where the data were collected.

    Example that fires: a purpose without `lawful_basis`, in an activity without one.
    """
    reuse = category.model.further_processing
    if reuse is not None and reuse.collected_for and reuse.compatibility_assessment_ref:
        return
    missing = [b for b in category.bases if b.basis is None or b.basis.art6 is None]
    if not missing and category.bases:
        return
    statement = category.record.org.lawful_basis_statement
    if statement and len(statement) > 60:
        statement = statement[:57].rstrip() + "..."
    note = f"; the organisation-wide statement '{statement}' names no basis per purpose" if statement else ""
    purposes = category.activity.purposes
    if not any(b.purpose is not None for b in missing):
        yield Problem(f"data category '{category.id}' has no Art. 6(1) lawful basis for any purpose{note}")
        return
    for b in missing:
        if b.purpose is None:
            continue
        # Where the basis belongs, unless the category could carry its own: the gap is written (or not) there
        # once for every category of the purpose, and is reported once (ropa_check.grouping).
        where = purposes[b.purpose.id][1].child("lawful_basis") if b.purpose.id in purposes else None
        yield Problem(
            f"data category '{category.id}' has no Art. 6(1) lawful basis for purpose '{b.purpose.id}'{note}",
            origin=where,
        )


@dataclass
class _Written:
    """A lawful basis as written once in the record, with the purposes and categories it carries."""

    basis: LawfulBasis
    ref: Ref
    purposes: dict[str, Purpose] = field(default_factory=dict)
    categories: list[CategoryView] = field(default_factory=list)


def _written(activity: ActivityView) -> list[_Written]:
    """Each lawful basis in force in the activity, once per place it is written."""
    # Several rules read this for every activity; work it out once.
    if "lawful_basis.written" not in activity.facts:
        activity.facts["lawful_basis.written"] = _collect_written(activity)
    written: list[_Written] = activity.facts["lawful_basis.written"]
    return written


def _collect_written(activity: ActivityView) -> list[_Written]:
    out: dict[tuple[object, ...], _Written] = {}
    for category in activity.categories:
        for b in category.bases:
            if b.basis is None or b.ref is None:
                continue
            w = out.setdefault((id(b.ref.doc), *b.ref.path), _Written(b.basis, b.ref))
            if b.purpose is not None:
                w.purposes.setdefault(b.purpose.id, b.purpose)
            if category not in w.categories:
                w.categories.append(category)
    return list(out.values())


@rule(
    code="RPA302",
    name="legal-obligation-without-statute",
    severity="error",
    scope="activity",
    summary="A legal obligation or public task is the basis, but the record does not cite the law.",
    references=("GDPR Art. 6(1)(c)", "GDPR Art. 6(1)(e)", "GDPR Art. 6(3)"),
    fix="Cite the Union or Member State law and its provision in `legal_obligation_ref` (act, article or section).",
)
def legal_obligation_without_statute(activity: ActivityView) -> Iterator[Problem]:
    """Art. 6(3): the basis for processing under Art. 6(1)(c) (legal
    obligation) and (e) (public task) "shall be laid down by: (a) Union law; or
    (b) Member State law to which the controller is subject". The record must
    say which law and which provision; "our legal obligations" does not. A
    citation counts when it names a provision, so it must contain a number
    (section, article or chapter).

    Example that fires: `lawful_basis: {art6: legal_obligation}` without `legal_obligation_ref`.
    """
    for w in _written(activity):
        if w.basis.art6 not in ("legal_obligation", "public_task"):
            continue
        ref = w.basis.legal_obligation_ref
        if ref is None or not any(ch.isdigit() for ch in ref):
            what = "cites no law" if ref is None else f"cites no provision ('{ref}')"
            yield Problem(f"the {w.basis.art6.replace('_', ' ')} basis {what}", w.ref)


#: Purposes that a contract with the data subject does not carry (C-252/21; EDPB Guidelines 2/2019).
NOT_CONTRACT_PURPOSES = frozenset(
    {"direct_marketing", "analytics", "profiling", "market_research", "disclosure_to_partners"}
)
#: Purposes a contract carries only where they are intrinsic to the service (EDPB Guidelines 2/2019, para 57).
SOMETIMES_CONTRACT_PURPOSES = frozenset({"personalisation"})
#: Data subjects who are, as such, not a party to the controller's contract.
NON_PARTY_SUBJECTS = frozenset({"child", "contact_person"})
#: Data subjects covered only by the pre-contract limb of Art. 6(1)(b), for steps taken at their request.
PRE_CONTRACT_SUBJECTS = frozenset({"prospect"})
PARTY_SUBJECTS = frozenset({"member", "customer", "employee", "sole_trader", "newsletter_subscriber"})
#: Purposes a legal obligation may carry, so that a statement naming it is not shown unable to.
LEGAL_PURPOSES = frozenset({"legal_compliance", "accounting", "customer_due_diligence"})
EDPB_2_2019 = "EDPB Guidelines 2/2019 on Art. 6(1)(b), v2.0"


@functools.lru_cache(maxsize=16)  # one organisation statement, asked about for every activity
def _statement_bases(statement: str | None) -> str | None:
    """'contract', 'legal obligation' or both, when a general statement names only those bases."""
    named = [
        n
        for n, key in (("contract", "basis_contract"), ("legal obligation", "basis_legal_obligation"))
        if find(statement, key)
    ]
    if named and find(statement, "basis_other") is None:
        return " or ".join(named)
    return None


def _explained(b: LawfulBasis) -> bool:
    return bool(b.contract_ref and b.note)


def _who(subject_tags: Iterable[str], kinds: frozenset[str]) -> list[str]:
    """The tags of ``kinds`` a data subject has, unless it is also tagged as a party to the contract."""
    tags = set(subject_tags)
    return [] if tags & PARTY_SUBJECTS else sorted(tags & kinds)


def _unbased(activity: ActivityView) -> Iterator[tuple[str, Purpose, Ref]]:
    """Purposes with no basis anywhere in the record (purpose, activity or any category's own)."""
    for pid, (purpose, pref) in activity.purposes.items():
        carried = any(
            b.basis is not None and b.basis.art6 is not None
            for c in activity.categories
            for b in c.bases
            if b.purpose is not None and b.purpose.id == pid
        )
        if not carried and purpose.lawful_basis is None and activity.model.lawful_basis is None:
            yield pid, purpose, pref


def _unbased_subjects(
    activity: ActivityView, kinds: frozenset[str]
) -> Iterator[tuple[DataSubject, Ref, list[str], list[str]]]:
    """Data subjects of ``kinds`` whose data serve, with no basis at all, purposes that are not legal duties.

    With each: the categories and the purposes concerned. Used where an organisation-wide statement names only
    contract and legal obligation: a contract does not cover a non-party, and a legal obligation does not cover a
    purpose that is not a legal duty.
    """
    found: dict[str, tuple[DataSubject, Ref, list[str], list[str]]] = {}
    for category in activity.categories:
        open_purposes = [
            b.purpose.id
            for b in category.bases
            if b.basis is None and b.purpose is not None and not LEGAL_PURPOSES.intersection(b.purpose.tags)
        ]
        if not open_purposes:
            continue
        for subject, sref in category.subjects:
            if _who(subject.tags, kinds):
                _, _, categories, purposes = found.setdefault(subject.id, (subject, sref, [], []))
                categories.append(category.id)
                purposes.extend(p for p in open_purposes if p not in purposes)
    yield from found.values()


@rule(
    code="RPA303",
    name="contract-basis-unfit",
    severity="error",
    scope="activity",
    summary="A contract with the data subject is the basis for a purpose or a person it cannot cover.",
    references=("GDPR Art. 6(1)(b)", "CJEU C-252/21 Meta Platforms and Others, 4 July 2023", EDPB_2_2019),
    fix="Use a basis that fits the purpose or person (consent with a consent record, or legitimate interests with "
    "an assessment), or give `contract_ref` and a `note` on why the processing is necessary for that contract.",
)
def contract_basis_unfit(activity: ActivityView) -> Iterator[Problem]:
    """Art. 6(1)(b) covers processing "necessary for the performance of a
    contract to which the data subject is party or in order to take steps at
    the request of the data subject prior to entering into a contract". In
    C-252/21 (Meta Platforms, Grand Chamber) the Court of Justice read
    "necessary" strictly and did not accept personalised advertising as
    necessary for performing the contract; EDPB Guidelines 2/2019 deal with
    the same question for online services. So a contract with the data
    subject does not carry direct marketing, analytics, profiling, market
    research or disclosure to partners, nor data about people who are not
    party to it (children, contact persons of a company customer), unless the
    record explains why the processing is necessary for that contract.
    Personalisation, which a contract sometimes carries, and prospects, whom
    the pre-contract limb covers when they asked, are RPA308's warnings.

    It also fires where no purpose-level basis exists and the only statement of
    bases is an organisation-wide one naming contract and/or legal obligation
    ("avtal", "rättslig förpliktelse"): neither carries those purposes, nor the
    data of children or contact persons for purposes that are not legal
    duties (a contract does not cover a non-party; a legal obligation carries
    only what the law requires).

    Example that fires: a purpose tagged `direct_marketing` with `lawful_basis: {art6: contract}`.
    """
    for w in _written(activity):
        b = w.basis
        if b.art6 != "contract" or _explained(b):
            continue
        for purpose in w.purposes.values():
            unfit = sorted(NOT_CONTRACT_PURPOSES.intersection(purpose.tags))
            if unfit:
                yield Problem(
                    f"a contract is the basis for purpose '{purpose.id}' ({', '.join(unfit)}), "
                    "which a contract with the data subject cannot carry",
                    w.ref,
                )
        for category in w.categories:
            for subject, _ in category.subjects:
                who = _who(subject.tags, NON_PARTY_SUBJECTS)
                if who:
                    yield Problem(
                        f"a contract is the basis for data category '{category.id}' about '{subject.id}' "
                        f"({', '.join(who)}), who are not party to it",
                        category.ref,
                    )
    named = _statement_bases(activity.record.org.lawful_basis_statement)
    if named is None:
        return
    for pid, purpose, pref in _unbased(activity):
        unfit = sorted(NOT_CONTRACT_PURPOSES.intersection(purpose.tags))
        if unfit:
            yield Problem(
                f"purpose '{pid}' ({', '.join(unfit)}) has no basis of its own, and the organisation-wide "
                f"statement names only {named}, which cannot carry it",
                pref,
            )
    for subject, sref, categories, purposes in _unbased_subjects(activity, NON_PARTY_SUBJECTS):
        kinds = ", ".join(_who(subject.tags, NON_PARTY_SUBJECTS))
        yield Problem(
            f"data about '{subject.id}' ({kinds}) in {', '.join(repr(c) for c in categories)} have no basis for "
            f"purpose {', '.join(repr(p) for p in purposes)}, and the organisation-wide statement names only "
            f"{named}: a contract does not cover people who are not party to it, and a legal obligation carries "
            "only what the law requires",
            sref,
        )


@rule(
    code="RPA308",
    name="contract-basis-doubtful",
    severity="warning",
    scope="activity",
    summary="A contract is the basis for personalisation or for prospects' data, and the record does not say why "
    "that is necessary for the contract or was requested.",
    references=("GDPR Art. 6(1)(b)", f"{EDPB_2_2019}, para 57 and section 2.7"),
    fix="Say in the basis's `note` why personalisation is intrinsic to the contracted service, or that the "
    "prospects asked for the steps taken (a quote, a trial); otherwise use consent or legitimate interests.",
)
def contract_basis_doubtful(activity: ActivityView) -> Iterator[Problem]:
    """Personalisation "may (but does not always) constitute an intrinsic and
    expected element of certain online services, and therefore may be
    regarded as necessary for the performance of the contract with the
    service user in some cases" (EDPB Guidelines 2/2019, para 57): it depends
    on the service, so a contract basis for it is not wrong as such, but the
    record should say why it is necessary. Prospects are not yet party to a
    contract; the second limb of Art. 6(1)(b) covers processing "in order to
    take steps at the request of the data subject prior to entering into a
    contract", such as a quote they asked for, but not approaching them
    unasked. Whether
    either holds is a fact the record does not show, so these are warnings. A
    `note` on the basis answers them.

    Example that fires: a purpose tagged `personalisation` with `lawful_basis: {art6: contract}` and no `note`.
    """
    for w in _written(activity):
        b = w.basis
        if b.art6 != "contract" or b.note:
            continue
        for purpose in w.purposes.values():
            if SOMETIMES_CONTRACT_PURPOSES.intersection(purpose.tags) and not NOT_CONTRACT_PURPOSES.intersection(
                purpose.tags
            ):
                yield Problem(
                    f"a contract is the basis for purpose '{purpose.id}' (personalisation), which it carries only "
                    "where personalisation is intrinsic to the contracted service; the record does not say why (note)",
                    w.ref,
                )
        for category in w.categories:
            for subject, _ in category.subjects:
                if _who(subject.tags, PRE_CONTRACT_SUBJECTS) and not _who(subject.tags, NON_PARTY_SUBJECTS):
                    yield Problem(
                        f"a contract is the basis for data category '{category.id}' about '{subject.id}' "
                        "(prospect), who are covered only for steps taken at their request before a contract; the "
                        "record does not say they asked (note)",
                        category.ref,
                    )
    named = _statement_bases(activity.record.org.lawful_basis_statement)
    if named is None:
        return
    for pid, purpose, pref in _unbased(activity):
        if SOMETIMES_CONTRACT_PURPOSES.intersection(purpose.tags) and not NOT_CONTRACT_PURPOSES.intersection(
            purpose.tags
        ):
            yield Problem(
                f"purpose '{pid}' (personalisation) has no basis of its own, and the organisation-wide statement "
                f"names only {named}: a contract carries personalisation only where it is intrinsic to the service, "
                "and the record does not say it is",
                pref,
            )


@rule(
    code="RPA304",
    name="legitimate-interest-undocumented",
    severity="error",
    scope="activity",
    summary="Legitimate interests are the basis, but the interest or its assessment is not documented.",
    references=("GDPR Art. 6(1)(f)", "GDPR Art. 13(1)(d)", "EDPB Guidelines 1/2024 on Art. 6(1)(f), v1.0"),
    fix="State the interest in `legitimate_interest` and link the legitimate interests assessment in `lia_ref`.",
)
def legitimate_interest_undocumented(activity: ActivityView) -> Iterator[Problem]:
    """Art. 6(1)(f) allows processing necessary for the legitimate interests
    pursued by the controller or a third party, "except where such interests
    are overridden by the interests or fundamental rights and freedoms of the
    data subject". The EDPB (Guidelines 1/2024) names three cumulative
    conditions: a legitimate interest that is lawful, precisely articulated and
    present; necessity; and a balancing test, which the controller documents
    in a legitimate interests assessment. The interest itself must be told to
    data subjects (Art. 13(1)(d)).

    Example that fires: `lawful_basis: {art6: legitimate_interests}` without `legitimate_interest` and `lia_ref`.
    """
    for w in _written(activity):
        b = w.basis
        if b.art6 != "legitimate_interests":
            continue
        checks = (("the interest", b.legitimate_interest), ("the assessment (lia_ref)", b.lia_ref))
        missing = [what for what, ok in checks if not ok]
        if missing:
            yield Problem(f"the legitimate interests basis does not state {' or '.join(missing)}", w.ref)


@rule(
    code="RPA305",
    name="consent-undocumented",
    severity="error",
    scope="activity",
    summary="Consent is the basis, but the record does not show how consent is recorded or withdrawn.",
    references=("GDPR Art. 7(1)", "GDPR Art. 7(3)", "GDPR Art. 6(1)(a)"),
    fix="Link where consents are recorded in `consent_record_ref` and say how to withdraw in `consent_withdrawal`.",
)
def consent_undocumented(activity: ActivityView) -> Iterator[Problem]:
    """ "Where processing is based on consent, the controller shall be able to
    demonstrate that the data subject has consented" (Art. 7(1)), and the data
    subject may withdraw it at any time: "It shall be as easy to withdraw as to
    give consent" (Art. 7(3)). The record links the consent records and says
    how consent is withdrawn. A `consent_record_ref` on every data category
    the basis covers counts too.

    Example that fires: `lawful_basis: {art6: consent}` without `consent_record_ref` and `consent_withdrawal`.
    """
    for w in _written(activity):
        b = w.basis
        if b.art6 != "consent":
            continue
        recorded = b.consent_record_ref or (w.categories and all(c.model.consent_record_ref for c in w.categories))
        checks = (("recorded (consent_record_ref)", recorded), ("withdrawn (consent_withdrawal)", b.consent_withdrawal))
        missing = [what for what, ok in checks if not ok]
        if missing:
            yield Problem(f"the consent basis does not say how consent is {' or '.join(missing)}", w.ref)


@rule(
    code="RPA306",
    name="disclosure-basis-missing",
    severity="error",
    scope="recipient",
    summary="Data are disclosed to an independent controller without a stated basis for the disclosure.",
    references=(
        "GDPR Art. 6(1)",
        "GDPR Art. 6(4)",
        "GDPR Art. 13(1)(e)",
        "CJEU C-621/22 Koninklijke Nederlandse Lawn Tennisbond, 4 October 2024",
    ),
    fix="State in the recipient's `disclosure_basis` the Art. 6(1) basis for disclosing (usually consent; "
    "legitimate interests only with an assessment that weighs the data subjects' reasonable expectations).",
)
def disclosure_basis_missing(recipient: Located[Recipient]) -> Iterator[str]:
    """Disclosing personal data to another controller, who uses them for its
    own purposes, is processing that needs its own lawful basis (Art. 6(1)),
    often for a purpose other than the one the data were collected for (Art.
    6(4)). In C-621/22 (KNLTB) the Court held that a sports federation's
    disclosure of members' data to sponsors for payment can rest on a
    legitimate interest only if strictly necessary and not overridden, taking
    the members' reasonable expectations into account; otherwise consent is
    needed.

    Example that fires: a recipient `kind: controller` without `disclosure_basis`.
    """
    m = recipient.model
    if m.kind == "controller" and not m.disclosure_basis:
        yield f"recipient '{m.id}' is an independent controller and the record states no basis for disclosing to it"


@rule(
    code="RPA309",
    name="disclosure-to-unknown-role",
    severity="warning",
    scope="activity",
    summary="Data are disclosed to partners for their own purposes, and the recipients' role is not stated, so "
    "the basis for the disclosure is never checked.",
    references=("GDPR Art. 6(1)", "GDPR Art. 4(7)", "GDPR Art. 4(8)", "GDPR Art. 13(1)(e)"),
    fix="Give each recipient its `kind` (`controller` for partners who use the data for their own purposes, "
    "with a `disclosure_basis`; `processor` with a contract otherwise).",
)
def disclosure_to_unknown_role(activity: ActivityView) -> Iterator[Problem]:
    """A partner who receives data for its own purposes is a controller (Art.
    4(7)), and the disclosure needs its own basis (Art. 6(1)), which RPA306
    checks for recipients marked `kind: controller`. A purpose of disclosing to
    partners whose recipients state no role escapes that check: a warning,
    since the partners might be processors (Art. 4(8)).

    Example that fires: a purpose tagged `disclosure_to_partners` and a recipient without `kind` or
    `disclosure_basis`.
    """
    if "disclosure_to_partners" not in activity.purpose_tags:
        return
    for located, at in recipients_used(activity):
        m = located.model
        if m.kind is None and not m.disclosure_basis:
            yield Problem(
                f"activity '{activity.id}' discloses data to partners, and recipient '{m.id}' does not say whether "
                "it is a controller (which needs a basis for the disclosure) or a processor",
                at=at,
            )


@rule(
    code="RPA307",
    name="child-legitimate-interest",
    severity="warning",
    scope="activity",
    summary="Legitimate interests are the basis for children's data, and the assessment does not weigh them.",
    references=("GDPR Art. 6(1)(f)", "GDPR recital 38"),
    fix="Say in `children_considered` how the legitimate interests assessment weighs the children's interests.",
)
def child_legitimate_interest(activity: ActivityView) -> Iterator[Problem]:
    """Art. 6(1)(f) weighs the controller's interests against those of the
    data subject, "in particular where the data subject is a child", and
    recital 38 says children "merit specific protection", in particular for
    marketing and profiles. Whether the balance holds is a judgement, so this
    is a warning asking for the assessment to show it weighed the children.

    Example that fires: a legitimate interests basis for a category whose subjects are tagged `child`.
    """
    from ropa_check.facts import is_child

    for w in _written(activity):
        if w.basis.art6 != "legitimate_interests" or w.basis.children_considered:
            continue
        children = sorted({c.id for c in w.categories for s, _ in c.subjects if is_child(s)})
        if children:
            yield Problem(
                f"the legitimate interests basis covers children's data ({', '.join(children)}) and the assessment "
                "does not say how it weighs their interests",
                w.ref,
            )
