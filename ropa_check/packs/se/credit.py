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
    references=(f"{KUL} 9 §", f"{KUL} 11 §", "GDPR Art. 5(1)(c)", "GDPR Art. 5(1)(e)"),
    fix="Add `credit_report_handling`: the legitimate need (for private persons), that the person receives "
    "a copy of the report, and how long reports are kept.",
)
def credit_reports_handling_undocumented(activity: ActivityView) -> Iterator[Problem]:
    """A credit report on a natural person who is not a trader may not be
    provided if there is reason to believe that it will be used by someone
    other than one who "på grund av ett ingånget eller ifrågasatt kreditavtal
    eller av någon liknande anledning har behov av upplysningen" (KuL 9 §: the
    legitimate need, "legitimt behov"). When a report on a natural person is
    provided, the person is sent, at the same time and free of charge, a
    written notice of what it contains and who asked for it (KuL 11 §: the
    kreditupplysningskopia), which holds for sole traders too. Both bind the
    credit agency; the controller that orders reports should record its need,
    expect the copy to reach the person, and keep reports no longer than
    necessary (Art. 5(1)(c), (e)). The legitimate-need test does not apply to
    reports on traders, including sole traders.

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


#: Sources whose payment remarks and debts come under Kreditupplysningslagen's limits or an authority's register.
_LICENSED = frozenset({"credit_agency", "public_register"})


@rule(
    code="RSE503",
    name="payment-remarks-accuracy-undocumented",
    severity="warning",
    summary="Payment remarks or enforcement debts come from no recorded source, or from one that is neither a "
    "credit agency nor a public register, and the record does not say how their accuracy is kept.",
    references=("GDPR Art. 5(1)(d)", "GDPR Art. 5(1)(e)", "GDPR Art. 14(2)(f)"),
    fix="Name the source in `sources` (a licensed credit agency or a public register), or add `accuracy_note`: "
    "how the data are checked and when they are deleted.",
)
def payment_remarks_accuracy_undocumented(category: CategoryView) -> Iterator[Problem]:
    """Payment remarks and debts registered with Kronofogden are highly
    personal financial data, which the controller must keep accurate (Art.
    5(1)(d)) and no longer than necessary (Art. 5(1)(e)), and whose source it
    must be able to name (Art. 14(2)(f)). Kreditupplysningslagen's limits on
    which payment defaults about private persons may be reported (7 §) and on
    how long data are kept (8 §) bind the credit-information business, not its
    customer: a controller that takes such data from a licensed credit agency
    or from an authority's public register relies on those limits and needs to
    document nothing more here. Data from another source (the person, a
    partner) or from none recorded come with no such assurance, so the record
    should say how their accuracy is checked and when they are deleted.

    Example that fires: a category tagged `payment_default`, whose source is
    the data subject, without `accuracy_note`.
    """
    if not swedish(category.record) or not set(category.tags) & {"payment_default", "enforcement_debt"}:
        return
    if category.model.accuracy_note:
        return
    sources, _ = category.sources
    other = [s.model.id for s in sources or () if s.model.type not in _LICENSED]
    if not sources:
        yield Problem(
            f"data category '{category.id}' holds payment remarks or enforcement debts from no recorded source, "
            "and the record does not say how their accuracy is kept"
        )
    elif other:
        yield Problem(
            f"payment remarks or debts in '{category.id}' come from {', '.join(other)}, not a credit agency or "
            "public register, and the record does not say how their accuracy is checked or when they are deleted"
        )
