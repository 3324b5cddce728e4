"""RPA6xx: transfers to third countries and international organisations, GDPR Chapter V and Art. 30(1)(e).

Which countries are in the EEA and which have an adequacy decision is data
(``data/adequacy.yaml``, dated, with its source), read through
:mod:`ropa_check.adequacy`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa_check.adequacy import adequacy_gap, decision_for, third_country
from ropa_check.facts import recipients_used
from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, Located, Recipient, Ref, Transfer

SCC = "Commission Implementing Decision (EU) 2021/914 of 4 June 2021 (standard contractual clauses, Art. 46(2)(c))"
DPF = "Commission Implementing Decision (EU) 2023/1795 of 10 July 2023 (EU–US Data Privacy Framework), OJ L 231, p. 118"
EDPB_49 = "EDPB Guidelines 2/2018 on derogations of Article 49 under Regulation 2016/679 (25 May 2018)"


def _transfers(activity: ActivityView) -> Iterator[tuple[Transfer, Ref, str | None, Recipient | None]]:
    """Each transfer with its place, its country (own or its recipient's) and its recipient."""
    known = activity.record.recipients
    for i, t in enumerate(activity.model.transfers or ()):
        located = known.get(t.recipient) if t.recipient else None
        recipient = located.model if located else None
        country = t.country or (recipient.country if recipient else None)
        yield t, activity.ref.child("transfers", i), country, recipient


def _outside(country: str | None, t: Transfer) -> bool:
    """Whether Chapter V applies: a third country, or an international organisation wherever it sits (Art. 44)."""
    return third_country(country) or t.organisation is not None


def _covered(activity: ActivityView, country: str, recipient: str | None) -> bool:
    return any(
        (recipient is not None and t.recipient == recipient) or t.country == country
        for t in activity.model.transfers or ()
    )


@rule(
    code="RPA601",
    name="third-country-transfer-unrecorded",
    severity="error",
    scope="activity",
    summary="A recipient or data location outside the EEA has no entry in the activity's `transfers`.",
    references=("GDPR Art. 30(1)(e)", "GDPR Art. 44"),
    fix="Add a `transfers:` entry naming the country (and `recipient`), with its `mechanism`.",
)
def third_country_transfer_unrecorded(activity: ActivityView) -> Iterator[Problem]:
    """Art. 30(1)(e) asks the record for "transfers of personal data to a third
    country or an international organisation, including the identification of
    that third country". A recipient located outside the EEA, or a system hosted
    there, means personal data go there, and Art. 44 allows that only under
    the conditions of Chapter V. The record must list the transfer so that its
    mechanism can be checked.

    Example that fires: the activity sends data to a recipient with
    `country: US` and has no `transfers:` entry for it.
    """
    for located, ref in recipients_used(activity):
        r = located.model
        if third_country(r.country) and not _covered(activity, r.country or "", r.id):
            yield Problem(
                f"recipient '{r.id}' is in {r.country}, outside the EEA, but activity '{activity.id}' records no "
                "transfer to it",
                at=ref,
            )
    for i, loc in enumerate(activity.model.data_location or ()):
        provider = activity.record.recipients.get(loc.provider) if loc.provider else None
        country = loc.country or (provider.model.country if provider else None)
        if third_country(country) and not _covered(activity, country or "", loc.provider):
            yield Problem(
                f"data are stored in {country}, outside the EEA ({loc.system or 'data_location'}), but activity "
                f"'{activity.id}' records no transfer there",
                at=activity.ref.child("data_location", i),
            )


@rule(
    code="RPA602",
    name="transfer-mechanism-missing",
    severity="error",
    scope="activity",
    summary="A transfer outside the EEA names no transfer mechanism (Art. 45, 46 or 49).",
    references=("GDPR Art. 44", "GDPR Art. 45(1)", "GDPR Art. 46(2)", "GDPR Art. 49(1)", "GDPR Art. 30(1)(e)"),
    fix="Set the transfer's `mechanism` (adequacy, dpf, scc, bcr, art46_other or art49_derogation) "
    "and its `decision_ref` or contract.",
)
def transfer_mechanism_missing(activity: ActivityView) -> Iterator[Problem]:
    """Art. 44 allows a transfer only "if … the conditions laid down in this
    Chapter are complied with": an adequacy decision (Art. 45), appropriate
    safeguards such as standard contractual clauses or binding corporate rules
    (Art. 46), or a derogation for a specific situation (Art. 49). A transfer
    without a mechanism is not shown to be lawful.

    Example that fires: `transfers: [{country: US, recipient: crm}]` without `mechanism`.
    """
    for t, ref, country, _ in _transfers(activity):
        if t.mechanism is None and _outside(country, t):
            where = country or t.organisation
            yield Problem(f"the transfer to {where} names no transfer mechanism", at=ref)


@rule(
    code="RPA603",
    name="adequacy-decision-missing",
    severity="error",
    scope="activity",
    summary="A transfer relies on an adequacy decision the country or international organisation does not have, "
    "or one that is no longer in force.",
    references=("GDPR Art. 45(1)", "GDPR Art. 45(3)", "GDPR Art. 45(8)"),
    fix="Use the mechanism that actually applies (usually `scc` with a `tia_ref`), or correct the country or "
    "organisation.",
)
def adequacy_decision_missing(activity: ActivityView) -> Iterator[Problem]:
    """A transfer "may take place where the Commission has decided that the
    third country, a territory or one or more specified sectors within that
    third country, or the international organisation in question ensures an
    adequate level of protection" (Art. 45(1)); the Commission publishes the
    list (Art. 45(8)). ropa-check ships that list as dated data
    (`ropa_check/data/adequacy.yaml`, with its source and as-of date). A
    country or an international organisation not on it has no adequacy
    decision: of international organisations only the European Patent
    Organisation has one (Implementing Decision (EU) 2025/1382). A transfer to
    an organisation is judged by the organisation's decision, not by the
    country it sits in. A decision with an end date (the United Kingdom's,
    renewed until 27 December 2031) no longer carries a transfer after that
    date, counted from the record's "today" (`--today`). Each such transfer
    needs another mechanism.

    Example that fires: `{country: IN, mechanism: adequacy}`, or `{organisation: WHO, mechanism: adequacy}`.
    """
    today = activity.record.today
    for t, ref, country, _ in _transfers(activity):
        if t.mechanism != "adequacy" or not _outside(country, t):
            continue
        gap = adequacy_gap(country, t.organisation, today)
        if gap is not None:
            # Where there never was a decision, say what to do; an expired one says it itself.
            advice = "; the transfer needs another mechanism" if decision_for(country, t.organisation) is None else ""
            yield Problem(gap + advice, at=ref.child("mechanism"))


@rule(
    code="RPA604",
    name="adequacy-scope-unconfirmed",
    severity="warning",
    scope="activity",
    summary="The country's adequacy decision covers only some recipients, and the record does not say this one "
    "is covered.",
    references=("GDPR Art. 45(1)", "GDPR Art. 45(3)"),
    fix="Add `adequacy_scope_note` saying why the recipient is within the decision (e.g. a Canadian company "
    "subject to PIPEDA), or use another mechanism; for the US use `mechanism: dpf`.",
)
def adequacy_scope_unconfirmed(activity: ActivityView) -> Iterator[Problem]:
    """Adequacy may cover "a territory or one or more specified sectors within
    that third country" (Art. 45(1)), and each decision specifies "its
    territorial and sectoral application" (Art. 45(3)). Canada's covers
    commercial organisations subject to PIPEDA; Japan's the private-sector
    business operators under the APPI; Korea's (Implementing Decision (EU)
    2022/254) commercial operators and public authorities subject to the
    Personal Information Protection Act, except some processing excluded from
    it (credit information supervised by the Financial Services Commission,
    religious organisations' missionary activities, political parties'
    nominations); the United States' only organisations certified under the
    Data Privacy Framework. Whether a recipient is within that scope is a fact
    the record must state.

    Example that fires: `{country: CA, mechanism: adequacy}` without `adequacy_scope_note`.
    """
    for t, ref, country, recipient in _transfers(activity):
        decision = decision_for(country, t.organisation) if t.mechanism == "adequacy" else None
        if decision is None or decision.full or t.adequacy_scope_note:
            continue
        if decision.country == "US" and recipient is not None and recipient.dpf_certified:
            continue
        yield Problem(
            f"the adequacy decision for {decision.name} covers only {decision.scope}; the record does not say "
            "the recipient is within it",
            at=ref.child("mechanism"),
        )


@rule(
    code="RPA605",
    name="dpf-recipient-not-certified",
    severity="error",
    scope="activity",
    summary="A transfer relies on the EU–US Data Privacy Framework, but the recipient is not shown to be "
    "certified (or is not in the US).",
    references=("GDPR Art. 45(1)", DPF, "General Court T-553/23 Latombe v Commission, 3 September 2025"),
    fix="Set `dpf_certified: true` on the recipient once its active entry on the DPF List is checked, "
    "or transfer under SCCs (`mechanism: scc`).",
)
def dpf_recipient_not_certified(activity: ActivityView) -> Iterator[Problem]:
    """The EU–US adequacy decision (Implementing Decision (EU) 2023/1795)
    covers only US organisations with an active certification on the Data
    Privacy Framework List. A transfer to an uncertified US company, or to any
    other country, cannot rely on it. The General Court upheld the decision
    (T-553/23, 3 September 2025); an appeal (C-703/25 P) is pending, so keeping
    SCCs as a fallback is prudent.

    Example that fires: `{country: US, recipient: crm, mechanism: dpf}` where
    recipient `crm` has no `dpf_certified: true`.
    """
    for t, ref, country, recipient in _transfers(activity):
        if t.mechanism != "dpf":
            continue
        if country != "US":
            yield Problem(f"the Data Privacy Framework covers only the United States, not {country}", at=ref)
        elif recipient is None:
            yield Problem("the DPF transfer names no `recipient`, so its certification cannot be shown", at=ref)
        elif not recipient.dpf_certified:
            yield Problem(f"recipient '{recipient.id}' is not recorded as DPF-certified", at=ref.child("mechanism"))


@rule(
    code="RPA606",
    name="transfer-mechanism-invalidated",
    severity="error",
    scope="activity",
    summary="A transfer relies on Safe Harbour or the EU–US Privacy Shield, both declared invalid.",
    references=(
        "CJEU C-362/14 Schrems, 6 October 2015, ECLI:EU:C:2015:650",
        "CJEU C-311/18 Facebook Ireland and Schrems (Schrems II), 16 July 2020, ECLI:EU:C:2020:559",
        "GDPR Art. 44",
    ),
    fix="Replace the mechanism: `dpf` for a DPF-certified US recipient, otherwise `scc` with a `tia_ref`.",
)
def transfer_mechanism_invalidated(activity: ActivityView) -> Iterator[Problem]:
    """The Court of Justice declared the Safe Harbour decision invalid in
    Schrems (C-362/14, 6 October 2015) and the Privacy Shield decision invalid
    in Schrems II (C-311/18, 16 July 2020). Neither can carry a transfer today.

    Example that fires: `{country: US, mechanism: privacy_shield}`.
    """
    names = {
        "privacy_shield": "the EU–US Privacy Shield, which the Court of Justice declared invalid on 16 July 2020 "
        "(C-311/18)",
        "safe_harbour": "Safe Harbour, which the Court of Justice declared invalid on 6 October 2015 (C-362/14)",
    }
    for t, ref, _, _ in _transfers(activity):
        if t.mechanism in names:
            yield Problem(f"the transfer relies on {names[t.mechanism]}", at=ref.child("mechanism"))


@rule(
    code="RPA607",
    name="scc-without-assessment",
    severity="warning",
    scope="activity",
    summary="A transfer under standard contractual clauses has no transfer impact assessment or no SCC module.",
    references=(
        "GDPR Art. 46(2)(c)",
        SCC,
        "CJEU C-311/18 Facebook Ireland and Schrems (Schrems II), 16 July 2020, ECLI:EU:C:2020:559",
        "EDPB Recommendations 01/2020 on measures that supplement transfer tools, v2.0 (18 June 2021)",
    ),
    fix="Add `tia_ref` (the transfer impact assessment) and `scc_module` (e.g. 'Module 2: controller to processor').",
)
def scc_without_assessment(activity: ActivityView) -> Iterator[Problem]:
    """Standard contractual clauses are valid, but in Schrems II the Court
    required exporters to verify, case by case, whether the law of the third
    country undermines them and to add supplementary measures where it does.
    The EDPB's Recommendations 01/2020 describe that assessment. The record
    should point at it and say which module of the 2021 clauses is used.

    Example that fires: `{country: US, mechanism: scc}` without `tia_ref`.
    """
    for t, ref, _, _ in _transfers(activity):
        if t.mechanism == "scc":
            missing = [name for name, value in (("tia_ref", t.tia_ref), ("scc_module", t.scc_module)) if not value]
            if missing:
                yield Problem(f"the SCC transfer has no {' and no '.join(missing)}", at=ref)


#: "Art. 49(1)(b)", "art. 49.1 b", "49(1) (e)": the point of Art. 49(1) a ground names.
_ART49_POINT = re.compile(r"49\s*(?:\(\s*1\s*\)|\.\s*1)\s*(?:\(\s*([a-g])\s*\)|[.\s]\s*([a-g])\b)", re.IGNORECASE)
#: The points that recital 111 limits to occasional transfers (contract and legal claims).
OCCASIONAL_POINTS = frozenset({"b", "c", "e"})
SECOND_SUBPARAGRAPH = "second subparagraph"


def art49_ground(text: str | None) -> str | None:
    """The Art. 49(1) point a ground names ('a'–'g'), 'second subparagraph', or None when it names neither."""
    if not text:
        return None
    if find(text, "art49_second_subparagraph"):
        return SECOND_SUBPARAGRAPH
    m = _ART49_POINT.search(text)
    return (m.group(1) or m.group(2)).lower() if m else None


def _limited(ground: str) -> str:
    if ground == SECOND_SUBPARAGRAPH:
        return 'the second subparagraph of Art. 49(1) applies only if the transfer "is not repetitive"'
    return f"Art. 49(1)({ground}) covers only occasional transfers (recital 111; EDPB Guidelines 2/2018)"


@rule(
    code="RPA608",
    name="derogation-misused",
    severity="error",
    scope="activity",
    summary="An Art. 49 derogation names no ground, is used for a regular transfer on a ground limited to "
    "occasional ones, or (second subparagraph) lacks documented safeguards.",
    references=(
        "GDPR Art. 49(1)",
        "GDPR Art. 49(1), second subparagraph",
        "GDPR Art. 49(6)",
        "GDPR recital 111",
        EDPB_49,
        "GDPR Art. 30(1)(e)",
    ),
    fix="Name the ground in `art49_ground` (e.g. 'Art. 49(1)(b)'); use an Art. 46 mechanism for regular "
    "transfers on points (b), (c), (e) or the second subparagraph; for compelling legitimate interests add "
    "`safeguards_doc` and `sa_informed_ref`.",
)
def derogation_misused(activity: ActivityView) -> Iterator[Problem]:
    """Art. 49 derogations are "for specific situations", each on a ground of
    Art. 49(1)(a)–(g). Only some are limited to occasional transfers: recital
    111 allows transfers "where the transfer is occasional and necessary in
    relation to a contract or a legal claim", so points (b), (c) and (e); the
    EDPB (Guidelines 2/2018) reads the other points as not limited to
    occasional transfers, though still to be interpreted restrictively, so a
    regular transfer on important reasons of public interest (d) is not
    reported here. The residual ground in the second subparagraph of Art.
    49(1) (compelling legitimate interests) applies only if the transfer "is
    not repetitive" and the controller has assessed the circumstances and
    "provided suitable safeguards"; the controller informs the supervisory
    authority, and Art. 49(6) requires the assessment and safeguards to be
    documented in the record (Art. 30(1)(e)). When the record does not say
    whether a transfer on a limited ground is regular, RPA610 asks.

    Example that fires: `{mechanism: art49_derogation, art49_ground: "Art. 49(1)(b)", regular: true}`.
    """
    for t, ref, _, _ in _transfers(activity):
        if t.mechanism != "art49_derogation":
            continue
        if not t.art49_ground:
            yield Problem("the Art. 49 derogation names no ground (Art. 49(1)(a)–(g) or second subparagraph)", at=ref)
            continue
        ground = art49_ground(t.art49_ground)
        if t.regular is True and (ground in OCCASIONAL_POINTS or ground == SECOND_SUBPARAGRAPH):
            yield Problem(f"the transfer is recorded as regular, but {_limited(ground)}", at=ref.child("regular"))
        if ground == SECOND_SUBPARAGRAPH and not (t.safeguards_doc and t.sa_informed_ref):
            yield Problem(
                "a compelling-legitimate-interests transfer needs its assessment and safeguards documented "
                "(safeguards_doc) and the supervisory authority informed (sa_informed_ref)",
                at=ref.child("art49_ground"),
            )


@rule(
    code="RPA609",
    name="recipient-country-unknown",
    severity="warning",
    scope="recipient",
    summary="A recipient's country is not stated, so a third-country transfer cannot be ruled out.",
    references=("GDPR Art. 30(1)(e)", "GDPR Art. 13(1)(f)"),
    fix="Set the recipient's `country` (ISO code); for processors, where the data are processed.",
)
def recipient_country_unknown(recipient: Located[Recipient]) -> Iterator[Problem]:
    """Whether personal data leave the EEA depends on where recipients are.
    Without a country the record can neither identify a transfer (Art.
    30(1)(e)) nor support the notice's statement on transfers (Art. 13(1)(f)).
    Internal recipients are exempt, and so is publication to the public.

    Example that fires: a processor with no `country` or `country: unknown`.
    """
    r = recipient.model
    # Publication (format 1.1 kind `public`) has no country; putting data on a website is not a transfer
    # to every country that can read it (CJEU C-101/01 Lindqvist).
    if r.kind not in ("internal", "public") and r.country in (None, "unknown"):
        yield Problem(f"recipient '{r.id}' has no known country", at=recipient.ref)


@rule(
    code="RPA610",
    name="derogation-frequency-unstated",
    severity="warning",
    scope="activity",
    summary="An Art. 49 derogation limited to occasional transfers is used, and the record does not say whether "
    "the transfer is occasional (or names its ground so that this can be told).",
    references=("GDPR Art. 49(1)", "GDPR recital 111", EDPB_49, "GDPR Art. 5(2)"),
    fix="Set the transfer's `regular` (false for an occasional transfer), and name the point of Art. 49(1) in "
    "`art49_ground` (e.g. 'Art. 49(1)(b)').",
)
def derogation_frequency_unstated(activity: ActivityView) -> Iterator[Problem]:
    """Points (b), (c) and (e) of Art. 49(1) cover only occasional transfers
    (recital 111; EDPB Guidelines 2/2018), and the second subparagraph only a
    transfer that "is not repetitive". Whether a transfer is occasional is a
    fact the controller must be able to show (Art. 5(2)); the record that does
    not state it leaves the derogation unchecked, so this is a warning. A
    regular transfer whose ground does not name a point of Art. 49(1) cannot
    be checked either. A regular transfer on a limited ground is RPA608's
    error.

    Example that fires: `{mechanism: art49_derogation, art49_ground: "Art. 49(1)(b)"}` without `regular`.
    """
    for t, ref, _, _ in _transfers(activity):
        if t.mechanism != "art49_derogation" or not t.art49_ground:
            continue
        ground = art49_ground(t.art49_ground)
        if ground is None and t.regular is True:
            yield Problem(
                f"a regular transfer relies on an Art. 49 ground that names no point of Art. 49(1) "
                f"('{t.art49_ground}'); points (b), (c) and (e) and the second subparagraph cover only occasional "
                "transfers",
                at=ref.child("art49_ground"),
            )
        elif t.regular is None and (ground in OCCASIONAL_POINTS or ground == SECOND_SUBPARAGRAPH):
            yield Problem(f"{_limited(ground)}, and the record does not say whether this transfer is regular", at=ref)
