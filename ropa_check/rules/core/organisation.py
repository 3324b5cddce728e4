"""RPA1xx: who the controller is, Art. 30(1)(a)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import OrganisationView


def _processor_only(org: OrganisationView) -> bool:
    """Whether the record holds only an Art. 30(2) record: processing for controllers, none of its own."""
    return not org.record.activities and bool(org.record.processor_activities)


@rule(
    code="RPA101",
    name="controller-name-missing",
    severity="error",
    scope="organisation",
    summary="The record does not name the controller.",
    references=("GDPR Art. 30(1)(a)",),
    fix="Set `organisation.controller.name` to the controller's legal name.",
)
def controller_name_missing(org: OrganisationView) -> Iterator[Problem]:
    """Art. 30(1)(a) requires the record to contain "the name and contact details
    of the controller". Without a name the record does not say whose it is.

    A record that holds only processing carried out for others (Art. 30(2))
    has no controller record to name; the processor's name is RPA246's.

    Example that fires: an `organisation:` block without `controller.name`.
    """
    if _processor_only(org):
        return
    controller = org.model.controller
    if controller is None or not controller.name:
        yield Problem(
            "the record does not name the controller (organisation.controller.name)", org.ref.child("controller")
        )


@rule(
    code="RPA102",
    name="controller-contact-missing",
    severity="error",
    scope="organisation",
    summary="The record gives no contact details for the controller.",
    references=("GDPR Art. 30(1)(a)",),
    fix="Give `organisation.controller` an `address`, `email` or `phone`.",
)
def controller_contact_missing(org: OrganisationView) -> Iterator[Problem]:
    """Art. 30(1)(a) requires the controller's contact details: at least one way
    (postal address, e-mail or telephone) for data subjects and the supervisory
    authority to reach the controller.

    A record that holds only processing carried out for others (Art. 30(2))
    leaves the processor's contact details to RPA246.

    Example that fires: `controller: {name: Acme AB}` with no address, e-mail or phone.
    """
    if _processor_only(org):
        return
    c = org.model.controller
    if c is None or not (c.address or c.email or c.phone):
        yield Problem(
            "the record gives no contact details for the controller (address, email or phone)",
            org.ref.child("controller"),
        )


@rule(
    code="RPA103",
    name="joint-controller-incomplete",
    severity="error",
    scope="organisation",
    summary="A joint controller lacks a name, contact details or the Art. 26 arrangement.",
    references=("GDPR Art. 30(1)(a)", "GDPR Art. 26(1)", "GDPR Art. 26(2)"),
    fix="Give each `organisation.joint_controllers` entry a `name`, an `address`, `email` or `phone`, "
    "and the `arrangement_ref` of the Art. 26 arrangement.",
)
def joint_controller_incomplete(org: OrganisationView) -> Iterator[Problem]:
    """Art. 30(1)(a) requires the name and contact details of "the joint
    controller" where there is one, and Art. 26(1) requires joint controllers
    to determine their respective responsibilities "by means of an arrangement
    between them" (unless Union or Member State law determines them; name that
    law in `arrangement_ref`), whose essence is made available to data subjects
    (Art. 26(2)).

    Example that fires: `joint_controllers: [{name: Partner AB}]` without contact or arrangement.
    """
    for i, party in enumerate(org.model.joint_controllers or ()):
        missing = []
        if not party.name:
            missing.append("a name")
        if not (party.address or party.email or party.phone):
            missing.append("contact details")
        if not party.arrangement_ref:
            missing.append("the Art. 26 arrangement (arrangement_ref)")
        if missing:
            who = f"'{party.name}'" if party.name else f"number {i + 1}"
            yield Problem(f"joint controller {who} lacks {', '.join(missing)}", org.ref.child("joint_controllers", i))


@rule(
    code="RPA104",
    name="representative-missing",
    severity="error",
    scope="organisation",
    summary="A controller established outside the EEA names no EU representative and no reason why none is needed.",
    references=("GDPR Art. 27(1)", "GDPR Art. 27(2)", "GDPR Art. 3(2)", "GDPR Art. 30(1)(a)", "GDPR Art. 30(2)(a)"),
    fix="Add `organisation.representative` (name and contact details), or state in "
    "`organisation.representative_exemption` why none is needed (Art. 3(2) does not apply, or Art. 27(2)).",
)
def representative_missing(org: OrganisationView) -> Iterator[Problem]:
    """Where Art. 3(2) applies (a controller not established in the Union offers
    goods or services to, or monitors, people in the Union), Art. 27(1) requires
    it to "designate in writing a representative in the Union", and Art.
    30(1)(a) puts the representative's name and contact details in the record.
    Art. 27(2) exempts occasional, low-risk processing that does not include
    large-scale Art. 9 or Art. 10 data (cumulative conditions), and public
    authorities. Whether Art. 3(2) applies is a judgement, so the record must
    either name the representative or say why none is needed. Art. 27(1)
    binds processors too, and a processor's record holds "the processor's
    representative" (Art. 30(2)(a)): the organisation's processor block
    (format 1.1) outside the EEA counts like its controller block.

    Example that fires: `controller: {country: US}` without `representative` or `representative_exemption`.
    """
    from ropa_check.adequacy import third_country

    m = org.model
    outside = [(role, block) for role, block in (("controller", m.controller), ("processor", m.processor)) if block]
    outside = [(role, block) for role, block in outside if third_country(block.country)]
    if not outside or m.representative_exemption:
        return
    rep = m.representative
    if rep is None:
        role, block = outside[0]
        yield Problem(
            f"the {role} is established outside the EEA ({block.country}) and the record names no EU "
            "representative and no reason why none is needed",
            org.ref.child(role, "country"),
        )
    elif not rep.name or not (rep.address or rep.email or rep.phone):
        yield Problem("the EU representative lacks a name or contact details", org.ref.child("representative"))


@rule(
    code="RPA121",
    name="supervisory-authority-missing",
    severity="warning",
    scope="organisation",
    summary="The record does not name the supervisory authority it is kept available for.",
    references=("GDPR Art. 30(4)", "GDPR Art. 31"),
    fix="Set `organisation.supervisory_authority`, e.g. 'Integritetsskyddsmyndigheten (IMY)'.",
)
def supervisory_authority_missing(org: OrganisationView) -> Iterator[Problem]:
    """The controller "shall make the record available to the supervisory
    authority on request" (Art. 30(4)) and cooperate with it (Art. 31). Naming
    the lead authority in the record says to whom, and lets ropa-check compare
    it with the authority named in the privacy notice.

    Example that fires: an `organisation:` block without `supervisory_authority`.
    """
    if not org.model.supervisory_authority:
        yield Problem("the record does not name the supervisory authority (organisation.supervisory_authority)")


@rule(
    code="RPA122",
    name="record-metadata-missing",
    severity="warning",
    scope="organisation",
    summary="The record does not say its version, who owns it or when it was last reviewed.",
    references=("GDPR Art. 5(2)", "GDPR Art. 24(1)"),
    fix="Add `organisation.record` with `version`, `owner` and `last_reviewed` (an ISO date).",
)
def record_metadata_missing(org: OrganisationView) -> Iterator[Problem]:
    """The record is part of the controller's evidence of compliance
    (accountability, Art. 5(2)), and the measures to ensure and demonstrate
    compliance "shall be reviewed and updated where necessary" (Art. 24(1));
    regulators (ICO, CNIL) expect it to be a living document with a date of
    last update. Without a version, an owner and a review date no one can tell
    whether it is current.

    Example that fires: `record: {version: "1"}` without `owner` and `last_reviewed`.
    """
    meta = org.model.record
    missing = [f for f in ("version", "owner", "last_reviewed") if meta is None or getattr(meta, f) is None]
    if missing:
        at = org.ref.child("record") if meta is not None else org.ref
        yield Problem(f"the record does not state its {', '.join(missing)} (organisation.record)", at)


#: A review older than this many months is overdue (a policy default, not a legal period).
REVIEW_MONTHS = 12


@rule(
    code="RPA123",
    name="record-review-overdue",
    severity="warning",
    scope="organisation",
    summary=f"The record was last reviewed more than {REVIEW_MONTHS} months ago.",
    references=("GDPR Art. 5(2)", "GDPR Art. 24(1)"),
    fix="Review the record against the actual processing and update `organisation.record.last_reviewed`.",
)
def record_review_overdue(org: OrganisationView) -> Iterator[Problem]:
    """The controller must implement measures to ensure and be able to
    demonstrate compliance, "reviewed and updated where necessary" (Art.
    24(1)), and be able to demonstrate it (Art. 5(2)). A record that has not
    been reviewed for a year probably no longer matches the processing. The
    12-month interval is a policy default, not a period set by law.

    Example that fires: `record: {last_reviewed: 2020-01-01}`.
    """
    meta = org.model.record
    if meta is None or meta.last_reviewed is None:
        return
    now = org.record.today
    months = (now.year - meta.last_reviewed.year) * 12 + now.month - meta.last_reviewed.month
    if now.day < meta.last_reviewed.day:
        months -= 1
    if months >= REVIEW_MONTHS:
        yield Problem(
            f"the record was last reviewed on {meta.last_reviewed.isoformat()}, {months} months ago",
            org.ref.child("record", "last_reviewed"),
        )


#: Art. 30(5): the exemption is for organisations employing fewer than this many persons.
EXEMPTION_HEADCOUNT = 250


@rule(
    code="RPA124",
    name="art30-5-exemption-unavailable",
    severity="error",
    scope="organisation",
    summary="The Art. 30(5) exemption is claimed although one of its exceptions applies.",
    references=("GDPR Art. 30(5)", "WP29 position paper on Art. 30(5), 19 April 2018"),
    fix="Set `organisation.art30_5_exemption_claimed: false` and keep the record, or record only the "
    "processing that is occasional, unlikely to result in a risk and free of Art. 9 and 10 data.",
)
def art30_5_exemption_unavailable(org: OrganisationView) -> Iterator[Problem]:
    """Art. 30(5) frees an organisation "employing fewer than 250 persons"
    from keeping a record "unless the processing it carries out is likely to
    result in a risk to the rights and freedoms of data subjects, the
    processing is not occasional, or the processing includes special categories
    of data ... or personal data relating to criminal convictions and offences".
    The three exceptions are alternatives: any one is enough (WP29 position
    paper of 19 April 2018, endorsed by the EDPB), and "occasional" means not
    carried out regularly and outside the regular course of business.

    Example that fires: `art30_5_exemption_claimed: true` with an activity that is not `occasional: true`.
    """
    from ropa_check.rules.core.dpo import is_special_or_criminal

    m = org.model
    if not m.art30_5_exemption_claimed:
        return
    reasons = []
    if m.headcount is None:
        reasons.append("the headcount is not stated")
    elif m.headcount >= EXEMPTION_HEADCOUNT:
        reasons.append(f"the headcount is {m.headcount}")
    for activity in org.record.activities:
        where = f"activity '{activity.id}' (line {activity.ref.line})"
        if activity.model.occasional is not True:
            reasons.append(f"{where} is not occasional")
        if any(is_special_or_criminal(c.tags) for c in activity.categories):
            reasons.append(f"{where} includes Art. 9 or Art. 10 data")
        dpia = activity.model.dpia
        if dpia is not None and (dpia.required or dpia.screening):
            reasons.append(f"{where} has risk criteria in its DPIA screening")
    if reasons:
        shown = "; ".join(reasons[:5]) + ("; ..." if len(reasons) > 5 else "")
        yield Problem(
            f"the Art. 30(5) exemption is claimed but cannot apply: {shown}",
            org.ref.child("art30_5_exemption_claimed"),
        )
