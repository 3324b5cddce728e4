"""RPA5xx: who receives the data, Art. 30(1)(d): recipients (50x), processors (51x), joint controllers (52x)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import CategoryView, Located, Recipient


@rule(
    code="RPA501",
    name="recipients-not-stated",
    severity="error",
    summary="A data category does not state its recipients (an explicit empty list means none).",
    references=("GDPR Art. 30(1)(d)",),
    fix="Add `recipients: [id, ...]` to the category or its activity, or `recipients: []` if there are none.",
)
def recipients_not_stated(category: CategoryView) -> Iterator[str]:
    """The record must state "the categories of recipients to whom the personal
    data have been or will be disclosed" (Art. 30(1)(d)). A missing list is a
    gap; `recipients: []` states that no one receives the data, which is an
    answer.

    Example that fires: a category and its activity without `recipients`.
    """
    recipients, _ = category.recipients
    if recipients is None:
        yield f"data category '{category.id}' does not state its recipients (use [] if there are none)"


@rule(
    code="RPA502",
    name="recipient-kind-missing",
    severity="error",
    scope="recipient",
    summary="A recipient does not say whether it is internal, a processor, a controller, a joint controller or "
    "an authority.",
    references=("GDPR Art. 30(1)(d)", "GDPR Art. 28(3)", "GDPR Art. 26(1)"),
    fix="Set the recipient's `kind`: internal, processor, controller, joint_controller or authority.",
)
def recipient_kind_missing(recipient: Located[Recipient]) -> Iterator[Problem]:
    """What the law requires depends on the recipient's role: a processor acts
    under an Art. 28(3) contract, joint controllers under an Art. 26
    arrangement, and disclosure to an independent controller needs its own
    basis. CNIL's register splits recipients into internal, external and
    processors for this reason. A recipient without a kind cannot be checked.

    Example that fires: `recipients: [{id: partners, name: Partners}]` without `kind`.
    """
    if recipient.model.kind is None:
        yield Problem(f"recipient '{recipient.model.id}' does not state its kind", recipient.ref)


@rule(
    code="RPA503",
    name="recipient-vague",
    severity="warning",
    scope="recipient",
    summary='A recipient is named only generically ("suppliers", "partners", "third parties").',
    references=("GDPR Art. 30(1)(d)", "GDPR Art. 13(1)(e)"),
    fix="Name the recipient, or describe the category precisely (sector, function, country).",
)
def recipient_vague(recipient: Located[Recipient]) -> Iterator[Problem]:
    """The record lists "the categories of recipients" (Art. 30(1)(d)) and data
    subjects are told "the recipients or categories of recipients" (Art.
    13(1)(e)). "Suppliers" or "partners" do not let a reader tell who gets the
    data or for what. Whether a name is specific enough is a judgement, so
    this is a warning. The phrase list is bilingual.

    Example that fires: `name: Relevanta leverantörer`.
    """
    m = recipient.model
    text = " ".join(t for t in (m.name, m.description) if t)
    phrase = find(text, "generic_party") if text else "no name"
    if phrase is not None:
        yield Problem(f"recipient '{m.id}' is named only generically: '{phrase}'", recipient.ref.child("name"))


@rule(
    code="RPA511",
    name="processor-contract-missing",
    severity="error",
    scope="recipient",
    summary="A processor has no Art. 28(3) contract in the record.",
    references=("GDPR Art. 28(3)", "GDPR Art. 28(9)"),
    fix="Link the data processing agreement in the recipient's `contract_ref`.",
)
def processor_contract_missing(recipient: Located[Recipient]) -> Iterator[Problem]:
    """ "Processing by a processor shall be governed by a contract or other
    legal act" that sets out the subject-matter, duration, nature and purpose
    of the processing and the processor's obligations (Art. 28(3)(a)–(h)),
    "in writing, including in electronic form" (Art. 28(9)). A processor
    without a linked contract is one the controller cannot show it instructed.

    Example that fires: a recipient `kind: processor` without `contract_ref`.
    """
    m = recipient.model
    if m.kind == "processor" and not m.contract_ref:
        yield Problem(f"processor '{m.id}' has no data processing agreement (contract_ref)", recipient.ref)


@rule(
    code="RPA512",
    name="sub-processors-not-stated",
    severity="warning",
    scope="recipient",
    summary="A processor's sub-processors are not stated, or stated without the controller's authorisation.",
    references=("GDPR Art. 28(2)", "GDPR Art. 28(4)"),
    fix="List the processor's `sub_processors` (`[]` if none) and link the written authorisation in "
    "`sub_processor_authorisation`.",
)
def sub_processors_not_stated(recipient: Located[Recipient]) -> Iterator[Problem]:
    """ "The processor shall not engage another processor without prior specific
    or general written authorisation of the controller" (Art. 28(2)), and the
    sub-processor is bound by the same obligations (Art. 28(4)). The record
    should list who the sub-processors are (`[]` states there are none) and
    where the authorisation is.

    Example that fires: a recipient `kind: processor` without `sub_processors`.
    """
    m = recipient.model
    if m.kind != "processor":
        return
    if m.sub_processors is None:
        yield Problem(f"processor '{m.id}' does not state its sub-processors (use [] if there are none)", recipient.ref)
    elif m.sub_processors and not m.sub_processor_authorisation:
        yield Problem(
            f"processor '{m.id}' uses sub-processors without a recorded authorisation (sub_processor_authorisation)",
            recipient.ref.child("sub_processors"),
        )


@rule(
    code="RPA521",
    name="joint-controller-arrangement-missing",
    severity="error",
    scope="recipient",
    summary="A joint controller has no Art. 26 arrangement in the record.",
    references=("GDPR Art. 26(1)", "GDPR Art. 26(2)"),
    fix="Link the arrangement in the recipient's `arrangement_ref` (or name the law that sets the responsibilities).",
)
def joint_controller_arrangement_missing(recipient: Located[Recipient]) -> Iterator[Problem]:
    """Joint controllers "shall in a transparent manner determine their
    respective responsibilities ... by means of an arrangement between them
    unless, and in so far as, the respective responsibilities of the
    controllers are determined by Union or Member State law" (Art. 26(1)), and
    "the essence of the arrangement shall be made available to the data
    subject" (Art. 26(2)).

    Example that fires: a recipient `kind: joint_controller` without `arrangement_ref`.
    """
    m = recipient.model
    if m.kind == "joint_controller" and not m.arrangement_ref:
        yield Problem(f"joint controller '{m.id}' has no Art. 26 arrangement (arrangement_ref)", recipient.ref)
