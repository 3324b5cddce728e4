"""RPA24x: the record of processing carried out on behalf of controllers, Art. 30(2)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import normalise
from ropa_check.rule import Problem, rule
from ropa_check.types import Controller, ControllerRef, Dpo, Party, ProcessorActivityView


@rule(
    code="RPA241",
    name="processor-controller-missing",
    severity="error",
    scope="processor_activity",
    summary="A processor activity does not name each controller it acts for, with contact details.",
    references=("GDPR Art. 30(2)(a)",),
    fix="List the controllers in `controllers: [{name, address or email or phone, contract_ref}]`.",
)
def processor_controller_missing(pact: ProcessorActivityView) -> Iterator[Problem]:
    """A processor's record contains "the name and contact details of the
    processor or processors and of each controller on behalf of which the
    processor is acting" (Art. 30(2)(a)). The processor's own details are the
    organisation block's (RPA101, RPA102).

    Example that fires: a processor activity without `controllers`.
    """
    controllers = pact.model.controllers
    if not controllers:
        yield Problem(f"processor activity '{pact.model.id}' names no controller it acts for")
        return
    for i, c in enumerate(controllers):
        missing = [w for w, ok in (("a name", c.name), ("contact details", c.address or c.email or c.phone)) if not ok]
        if missing:
            who = f"'{c.name}'" if c.name else f"number {i + 1}"
            yield Problem(f"controller {who} lacks {' and '.join(missing)}", pact.ref.child("controllers", i))


@rule(
    code="RPA242",
    name="processing-categories-missing",
    severity="error",
    scope="processor_activity",
    summary="A processor activity does not state the categories of processing carried out.",
    references=("GDPR Art. 30(2)(b)",),
    fix="Add `processing_categories: [hosting, payroll, mailing, ...]`.",
)
def processing_categories_missing(pact: ProcessorActivityView) -> Iterator[str]:
    """A processor's record contains "the categories of processing carried out
    on behalf of each controller" (Art. 30(2)(b)), such as hosting, payroll or
    mailing.

    Example that fires: a processor activity without `processing_categories`.
    """
    if not pact.model.processing_categories:
        yield f"processor activity '{pact.model.id}' does not state the categories of processing"


@rule(
    code="RPA243",
    name="processor-transfer-missing",
    severity="error",
    scope="processor_activity",
    summary="A sub-processor outside the EEA has no transfer entry in the processor activity.",
    references=("GDPR Art. 30(2)(c)", "GDPR Art. 28(4)", "GDPR Art. 44"),
    fix="Add `transfers: [{recipient: id, country, mechanism, ...}]` for each sub-processor outside the EEA.",
)
def processor_transfer_missing(pact: ProcessorActivityView) -> Iterator[Problem]:
    """A processor's record contains, where applicable, "transfers of personal
    data to a third country or an international organisation, including the
    identification of that third country" (Art. 30(2)(c)). Engaging a
    sub-processor outside the EEA is such a transfer, which must meet Chapter V
    (Art. 44), and the sub-processor takes on the processor's obligations
    (Art. 28(4)). Whether the transfer mechanism is valid is for the transfer
    rules (RPA6xx).

    Example that fires: `sub_processors: [us-cloud]` where recipient `us-cloud` has `country: US`, without a
    transfer to it.
    """
    from ropa_check.adequacy import third_country

    record_recipients = {rid: r.model for rid, r in pact.record.recipients.items()}
    transfers = pact.model.transfers or ()
    for i, rid in enumerate(pact.model.sub_processors or ()):
        recipient = record_recipients.get(rid)
        if recipient is None or not third_country(recipient.country):
            continue
        if not any(t.recipient == rid or (t.recipient is None and t.country == recipient.country) for t in transfers):
            yield Problem(
                f"sub-processor '{rid}' is in {recipient.country}, outside the EEA, and the processor activity "
                "records no transfer to it",
                pact.ref.child("sub_processors", i),
            )


@rule(
    code="RPA244",
    name="processor-security-missing",
    severity="warning",
    scope="processor_activity",
    summary="A processor activity has no description of security measures, neither its own nor the organisation's.",
    references=("GDPR Art. 30(2)(d)", "GDPR Art. 32(1)"),
    fix="Add `security_measures` or `security_policy_ref` to the processor activity or to `organisation`.",
)
def processor_security_missing(pact: ProcessorActivityView) -> Iterator[str]:
    """A processor's record contains, "where possible, a general description of
    the technical and organisational security measures referred to in Article
    32(1)" (Art. 30(2)(d)). The organisation's general measures count.

    Example that fires: a processor activity without measures, in an organisation without any.
    """
    m = pact.model
    org = pact.record.org
    if not (m.security_measures or m.security_policy_ref or org.security_measures or org.security_policy_ref):
        yield f"processor activity '{m.id}' has no security measures, and the organisation states none either"


@rule(
    code="RPA245",
    name="processor-record-merged",
    severity="warning",
    scope="processor_activity",
    summary="A processor activity is the organisation's own processing as controller.",
    references=("GDPR Art. 30(1)", "GDPR Art. 30(2)"),
    fix="Keep the organisation's own processing under `activities` (Art. 30(1)) and only processing on behalf "
    "of other controllers under `processor_activities` (Art. 30(2)).",
)
def processor_record_merged(pact: ProcessorActivityView) -> Iterator[Problem]:
    """An organisation that is both controller and processor keeps two
    records: its own processing (Art. 30(1), with purposes, data subjects and
    retention) and the processing it carries out on behalf of others (Art.
    30(2)). A processor activity whose controller is the organisation itself,
    or that shares its id with a controller activity, merges the two.

    Example that fires: a processor activity whose `controllers` names the organisation's own controller.
    """
    record = pact.record
    own = record.org.controller.name if record.org.controller else None
    for i, c in enumerate(pact.model.controllers or ()):
        if own and c.name and normalise(c.name) == normalise(own):
            yield Problem(
                f"processor activity '{pact.model.id}' acts for the organisation itself ('{c.name}')",
                pact.ref.child("controllers", i, "name"),
            )
    if any(a.id == pact.model.id for a in record.activities):
        yield Problem(f"processor activity '{pact.model.id}' has the id of a controller activity", pact.ref.child("id"))


def _contact(party: Controller | ControllerRef | Party | Dpo | None) -> bool:
    return party is not None and bool(party.email or party.phone or getattr(party, "address", None))


@rule(
    code="RPA246",
    name="processor-identity-missing",
    severity="error",
    scope="processor_activity",
    summary="The record of processing carried out for controllers does not give the processor's own name and "
    "contact details.",
    references=("GDPR Art. 30(2)(a)",),
    fix="Give `organisation.processor` (or, when it is the same, `organisation.controller`) a `name` and an "
    "`address`, `email` or `phone`.",
)
def processor_identity_missing(pact: ProcessorActivityView) -> Iterator[Problem]:
    """A processor's record contains "the name and contact details of the
    processor or processors" (Art. 30(2)(a)). The organisation's identity as a
    processor is `organisation.processor` (format 1.1) where it differs from
    its controller block, which it falls back to field by field. Where there
    is no processor block and the organisation also keeps a controller record,
    a controller block without name or contact details is RPA101's and
    RPA102's error, reported once there.

    Example that fires: `organisation.processor: {name: Exempel Drift AB}` without an address, e-mail or phone.
    """
    record = pact.record
    # One organisation block, one finding: reported with the first processor activity only.
    if record.processor_activities[0].ref != pact.ref:
        return
    own, controller = record.org.processor, record.org.controller
    if own is None and record.activities:
        return
    missing = []
    if not ((own and own.name) or (controller and controller.name)):
        missing.append("name")
    if not (_contact(own) or _contact(controller)):
        missing.append("contact details (address, email or phone)")
    if missing:
        where = record.organisation.ref if record.organisation else pact.ref
        at = where.child("processor") if own is not None else where
        count = len(record.processor_activities)
        what = f"{count} processor activities" if count > 1 else f"processor activity '{pact.model.id}'"
        yield Problem(
            f"the record of processing for controllers ({what}) gives the processor no "
            f"{' and no '.join(missing)} (organisation.processor)",
            at,
        )


@rule(
    code="RPA247",
    name="acting-for-contacts-incomplete",
    severity="error",
    scope="processor_activity",
    summary="A controller the processor acts for has a representative or a designated DPO in the record, without a "
    "name or contact details.",
    references=("GDPR Art. 30(2)(a)", "GDPR Art. 27(1)", "GDPR Art. 37(7)"),
    fix="Give the controller's `representative` and `dpo` a `name` and an `email` or `phone` (the representative "
    "may give an `address`).",
)
def acting_for_contacts_incomplete(pact: ProcessorActivityView) -> Iterator[Problem]:
    """A processor's record contains the name and contact details of each
    controller it acts for "and, where applicable, of the controller's or the
    processor's representative, and the data protection officer" (Art.
    30(2)(a)). Where the record shows that the controller has a
    representative (Art. 27(1)), or has designated a DPO (whose contact
    details the controller publishes, Art. 37(7)), it applies, and their name
    and contact details are due. Whether a controller outside the EEA needs a
    representative at all is RPA248's warning.

    Example that fires: `controllers: [{name: Kund AB, email: ..., dpo: {designated: true}}]`.
    """
    for i, c in enumerate(pact.model.controllers or ()):
        who = f"'{c.name}'" if c.name else f"number {i + 1}"
        here = pact.ref.child("controllers", i)
        rep = c.representative
        if rep is not None:
            missing = [w for w, ok in (("a name", rep.name), ("contact details", _contact(rep))) if not ok]
            if missing:
                what = " and ".join(missing)
                yield Problem(f"the representative of controller {who} lacks {what}", here.child("representative"))
        dpo = c.dpo
        if dpo is not None and (dpo.designated is True or (dpo.designated is None and dpo.name)):
            needs = (("a name", dpo.name), ("contact details (email or phone)", _contact(dpo)))
            missing = [w for w, ok in needs if not ok]
            if missing:
                yield Problem(
                    f"the data protection officer of controller {who} lacks {' and '.join(missing)}", here.child("dpo")
                )


@rule(
    code="RPA248",
    name="acting-for-representative-unstated",
    severity="warning",
    scope="processor_activity",
    summary="A controller the processor acts for is established outside the EEA, and the record names neither its "
    "representative in the Union nor why it needs none.",
    references=("GDPR Art. 30(2)(a)", "GDPR Art. 27(1)", "GDPR Art. 27(2)", "GDPR Art. 3(2)"),
    fix="Add the controller's `representative` (name and contact details), or `representative_exemption` saying why "
    "it needs none (Art. 3(2) does not apply to it, or Art. 27(2)).",
)
def acting_for_representative_unstated(pact: ProcessorActivityView) -> Iterator[Problem]:
    """A controller not established in the Union that offers goods or
    services to, or monitors, people in the Union (Art. 3(2)) designates a
    representative in the Union (Art. 27(1)), unless Art. 27(2) exempts it;
    the processor's record then holds the representative's name and contact
    details (Art. 30(2)(a), "where applicable"). Whether Art. 3(2) applies is
    the controller's matter and may not be known to the processor, so this is
    a warning: the record should say which it is.

    Example that fires: `controllers: [{name: Client Inc., country: US, email: ...}]` with no `representative`.
    """
    from ropa_check.adequacy import third_country

    for i, c in enumerate(pact.model.controllers or ()):
        if third_country(c.country) and c.representative is None and not c.representative_exemption:
            who = f"'{c.name}'" if c.name else f"number {i + 1}"
            yield Problem(
                f"controller {who} is established outside the EEA ({c.country}); the record names no representative "
                "in the Union for it and no reason why it needs none",
                pact.ref.child("controllers", i),
            )
