"""RPA24x: the record of processing carried out on behalf of controllers, Art. 30(2)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import normalise
from ropa_check.rule import Problem, rule
from ropa_check.types import ProcessorActivityView


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
