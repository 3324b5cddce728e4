"""RPA2xx: what the processing is, Art. 30(1)(b)–(c)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.record import CategoryView
from ropa_check.rule import rule


@rule(
    code="RPA201",
    name="category-purpose-missing",
    severity="error",
    summary="A data category serves no stated purpose.",
    references=("GDPR Art. 30(1)(b)", "GDPR Art. 5(1)(b)"),
    fix="Add a purpose to the activity (`purposes:`) or list the category's purposes by id (`purposes: [id]`).",
)
def category_purpose_missing(category: CategoryView) -> Iterator[str]:
    """Every category of personal data must be processed for a specified
    purpose (purpose limitation, Art. 5(1)(b)), and the record must state the
    purposes (Art. 30(1)(b)). A category inherits all its activity's purposes
    unless it names its own.

    Example that fires: an activity without `purposes`, or a category with `purposes: []`.
    """
    if not category.purposes:
        where = "the category lists none" if category.model.purposes is not None else "its activity states none"
        yield f"data category '{category.id}' serves no stated purpose ({where})"
