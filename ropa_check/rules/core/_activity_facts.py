"""Facts the RPA6xx–RPA9xx rules and the Swedish pack ask of a record: children, recipients used."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.compiled_model import DataSubject, Recipient
from ropa_check.record import ActivityView, CategoryView, Located, Ref

#: Purposes that mean evaluating people or targeting them.
MARKETING = frozenset({"direct_marketing", "personalisation", "profiling"})
#: Categories that identify a device or a visitor online.
ONLINE_IDS = frozenset({"cookie_id", "device_id", "online_identifier", "ip_address"})


def is_child(subject: DataSubject) -> bool:
    """Tagged `child`, or a category whose youngest member is under 18."""
    return "child" in subject.tags or (subject.min_age is not None and subject.min_age < 18)


def children(activity: ActivityView) -> list[tuple[DataSubject, Ref]]:
    return [(s, ref) for s, ref in activity.subjects.values() if is_child(s)]


def category_has_children(category: CategoryView) -> bool:
    return any(is_child(s) for s, _ in category.subjects)


def recipients_used(activity: ActivityView) -> Iterator[tuple[Located[Recipient], Ref]]:
    """Each recipient the activity or its categories name, with where it is named (first mention only)."""
    seen: set[str] = set()
    lists = [(activity.model.recipients, activity.ref.child("recipients"))]
    lists += [(c.model.recipients, c.ref.child("recipients")) for c in activity.categories]
    for ids, ref in lists:
        for i, rid in enumerate(ids or ()):
            located = activity.record.recipients.get(rid)
            if located is not None and rid not in seen:
                seen.add(rid)
                yield located, ref.child(i)
