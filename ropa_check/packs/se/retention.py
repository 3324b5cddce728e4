"""RSE6xx: statutory retention in Swedish law, Bokföringslagen 7 kap. 2 §."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.facts import MARKETING_PURPOSES, TRACKING_TAGS, months
from ropa_check.packs.se._common import BFL_7_2, swedish
from ropa_check.phrases import find
from ropa_check.types import CategoryView


def _cites_bfl(legal_ref: str | None) -> bool:
    return find(legal_ref, "bokforingslagen") is not None


@rule(
    code="RSE601",
    name="accounting-retention-not-bfl",
    severity="warning",
    summary="Accounting records are kept for a period, or under a statute, other than Bokföringslagen's.",
    references=(BFL_7_2, "GDPR Art. 6(3)", "GDPR Art. 5(1)(e)"),
    fix="Keep räkenskapsinformation `duration: P7Y` from `start_event: the end of the calendar year in which "
    "the financial year ended`, with `legal_ref: Bokföringslagen (1999:1078) 7 kap. 2 §`.",
)
def accounting_retention_not_bfl(category: CategoryView) -> Iterator[Problem]:
    """Swedish accounting information (räkenskapsinformation) is kept "till
    och med det sjunde året efter utgången av det kalenderår då räkenskapsåret
    avslutades" (Bokföringslagen 7 kap. 2 §). A record that keeps accounting
    records for a shorter period, or cites another statute for them, is
    probably wrong about the period. (A period that cites no statute at all is
    the core rule RPA404's finding.)

    Example that fires: an `accounting_records` category with `retention: {duration: P5Y, legal_ref: ...}`.
    """
    retention, ref = category.retention
    if not swedish(category.record) or "accounting_records" not in category.tags or retention is None:
        return
    if retention.legal_ref and not _cites_bfl(retention.legal_ref):
        yield category.about(ref, f"accounting records '{category.id}' cite '{retention.legal_ref}', not {BFL_7_2}")
    elif retention.duration and months(retention.duration) < 7 * 12:
        yield category.about(
            ref,
            f"accounting records '{category.id}' are kept {retention.duration}, less than the seven years of {BFL_7_2}",
        )


@rule(
    code="RSE602",
    name="bfl-retention-beyond-accounting",
    severity="warning",
    summary="Bokföringslagen's seven years are applied to data that are not accounting records.",
    references=(BFL_7_2, "Bokföringslagen (1999:1078) 1 kap. 2 §", "GDPR Art. 5(1)(e)"),
    fix="Tag the category `accounting_records` if it is räkenskapsinformation; otherwise give it its own period.",
)
def bfl_retention_beyond_accounting(category: CategoryView) -> Iterator[Problem]:
    """Bokföringslagen's retention duty covers räkenskapsinformation
    (verifications, ledgers and the like; definitions in 1 kap. 2 §), not
    member registers or contact details in general. Citing it for other data
    keeps them longer than necessary (Art. 5(1)(e)). Marketing and tracking
    data with a borrowed statutory period are the core rule RPA405's finding;
    this rule covers the other categories.

    Example that fires: a `contact` category with `legal_ref: Bokföringslagen (1999:1078) 7 kap. 2 §`.
    """
    retention, ref = category.retention
    if not swedish(category.record) or retention is None or not _cites_bfl(retention.legal_ref):
        return
    if "accounting_records" in category.tags:
        return
    legal = any(b.basis is not None and b.basis.art6 == "legal_obligation" for b in category.bases)
    if not legal and (TRACKING_TAGS.intersection(category.tags) or MARKETING_PURPOSES & category.purpose_tags):
        return  # RPA405 reports it
    yield category.about(
        ref,
        f"data category '{category.id}' is not tagged accounting_records but is kept under {BFL_7_2}",
    )
