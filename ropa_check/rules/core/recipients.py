"""RPA5xx: who receives the data, Art. 30(1)(d)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.record import CategoryView
from ropa_check.rule import rule


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
