"""RSE5xx: credit information, Kreditupplysningslagen (1973:1173)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.packs.se._common import KUL, swedish
from ropa_check.types import ActivityView, CategoryView

_CREDIT_DATA = frozenset({"credit_report", "payment_default", "enforcement_debt"})
#: Data subjects who are not private persons for KuL 9 § (the legitimate-need rule).
_TRADERS = frozenset({"sole_trader", "contact_person", "supplier_contact"})


@rule(
    code="RSE501",
    name="credit-information-without-permit",
    severity="error",
    scope="activity",
    summary="The activity provides credit information to others and no IMY permit is recorded.",
    references=(f"{KUL} 1 §", f"{KUL} 3 §"),
    fix="Set `permit_ref` to IMY's permit under Kreditupplysningslagen 3 §, or stop providing credit information.",
)
def credit_information_without_permit(activity: ActivityView) -> Iterator[Problem]:
    """Kreditupplysningslagen applies to credit-information activity in which
    someone, "utom i enstaka fall", provides credit information for payment or
    as part of a business (1 §). Such activity needs a permit from
    Integritetsskyddsmyndigheten (3 §). Ordering reports from a licensed agency
    is not providing them; compiling and passing them on is.

    Example that fires: a purpose tagged `provide_credit_information` without `permit_ref`.
    """
    if (
        swedish(activity.record)
        and "provide_credit_information" in activity.purpose_tags
        and not (activity.model.permit_ref)
    ):
        yield Problem(f"activity '{activity.id}' provides credit information without a recorded IMY permit")


@rule(
    code="RSE502",
    name="credit-reports-handling-undocumented",
    severity="warning",
    scope="activity",
    summary="Credit reports on natural persons are obtained and the record does not document the legitimate "
    "need, the copy to the person, or how long reports are kept.",
    references=(
        f"{KUL} 9 §",
        "Kreditupplysningslagen (kreditupplysningskopia)",
        "GDPR Art. 5(1)(c)",
        "GDPR Art. 5(1)(e)",
    ),
    fix="Add `credit_report_handling`: the legitimate need (for private persons), that the person receives "
    "a copy of the report, and how long reports are kept.",
)
def credit_reports_handling_undocumented(activity: ActivityView) -> Iterator[Problem]:
    """A credit report on a private person may be provided only to someone
    with a legitimate need for it (KuL 9 §, "legitimt behov"), and the person
    receives a copy of the report (kreditupplysningskopia), which also holds
    for sole traders and partnerships. A controller that orders reports should
    record its need, expect the copy to reach the person, and keep reports no
    longer than necessary. The legitimate-need test does not apply to reports
    on businesses, including sole traders.

    Example that fires: a `credit_assessment` purpose with `payment_default`
    data from a `credit_agency` source, without `credit_report_handling`.
    """
    if not swedish(activity.record) or activity.model.credit_report_handling:
        return
    if "credit_assessment" not in activity.purpose_tags:
        return
    credit = [c for c in activity.categories if set(c.tags) & _CREDIT_DATA or _from_agency(c)]
    if credit:
        private = bool(activity.subject_tags - _TRADERS)
        need = "the legitimate need, " if private else ""
        yield Problem(
            f"activity '{activity.id}' obtains credit information on natural persons and does not document "
            f"{need}the copy to the person or how long reports are kept",
            at=credit[0].ref,
        )


def _from_agency(category: CategoryView) -> bool:
    sources, _ = category.sources
    return any(s.model.type == "credit_agency" for s in sources or ())


@rule(
    code="RSE503",
    name="payment-remarks-accuracy-undocumented",
    severity="warning",
    summary="Payment remarks or enforcement debts are held without a documented source, accuracy and deletion limits.",
    references=(f"{KUL} 7 §", f"{KUL} 8 §", "GDPR Art. 5(1)(d)", "GDPR Art. 14(2)(f)"),
    fix="Source the data from a licensed credit agency or a public register (`sources`), and add "
    "`accuracy_note`: how accuracy and the deletion limits are kept.",
)
def payment_remarks_accuracy_undocumented(category: CategoryView) -> Iterator[Problem]:
    """Payment remarks and debts registered with Kronofogden are highly
    personal financial data. Kreditupplysningslagen limits which payment
    defaults about private persons may be reported (7 §: those established by
    a court's or another authority's decision, among others) and sets deletion
    limits (8 §: for private persons at the latest three years after the
    circumstance; enquiry data after one year). A controller holding such data
    must keep them accurate (Art. 5(1)(d)) and know where they came from
    (Art. 14(2)(f)): a licensed agency or a public register, and a note on how
    accuracy and the limits are kept. The figures were checked in amending
    texts up to 2017; later amendments were not.

    Example that fires: a category tagged `payment_default` without `accuracy_note`.
    """
    if not swedish(category.record) or not set(category.tags) & {"payment_default", "enforcement_debt"}:
        return
    sources, _ = category.sources
    unlicensed = [s.model.id for s in sources or () if s.model.type not in ("credit_agency", "public_register")]
    if unlicensed:
        yield Problem(
            f"payment remarks or debts in '{category.id}' come from {', '.join(unlicensed)}, not a credit agency or "
            "public register"
        )
    elif not sources or not category.model.accuracy_note:
        yield Problem(
            f"data category '{category.id}' holds payment remarks or enforcement debts without a documented "
            "source and accuracy"
        )
