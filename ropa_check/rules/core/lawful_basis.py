"""RPA3xx: the lawful basis of each purpose, Art. 6(1)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.record import CategoryView
from ropa_check.rule import Problem, rule


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

    Example that fires: a purpose without `lawful_basis`, in an activity without one.
    """
    missing = [b for b in category.bases if b.basis is None or b.basis.art6 is None]
    if not missing and category.bases:
        return
    names = ", ".join(f"'{b.purpose.id}'" for b in missing if b.purpose is not None)
    what = f"for purpose {names}" if names else "for any purpose"
    statement = category.record.org.lawful_basis_statement
    if statement and len(statement) > 60:
        statement = statement[:57].rstrip() + "..."
    note = f"; the organisation-wide statement '{statement}' names no basis per purpose" if statement else ""
    yield Problem(f"data category '{category.id}' has no Art. 6(1) lawful basis {what}{note}")
