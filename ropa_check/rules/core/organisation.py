"""RPA1xx: who the controller is, Art. 30(1)(a)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.record import OrganisationView
from ropa_check.rule import Problem, rule


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

    Example that fires: an `organisation:` block without `controller.name`.
    """
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

    Example that fires: `controller: {name: Acme AB}` with no address, e-mail or phone.
    """
    c = org.model.controller
    if c is None or not (c.address or c.email or c.phone):
        yield Problem(
            "the record gives no contact details for the controller (address, email or phone)",
            org.ref.child("controller"),
        )
