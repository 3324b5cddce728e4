"""Facts rules ask of a record: public API for rule packs, used by the core rules and the Swedish pack alike.

Children among the data subjects, the recipients an activity uses, retention
lengths, the tags that mean tracking or marketing, and (in
:mod:`ropa_check.facts.wp248`) the WP248 DPIA screening. A third-party pack
imports these, :mod:`ropa_check.types` and :mod:`ropa_check.phrases`, and can
do what the Swedish pack does.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa_check.types import ActivityView, CategoryView, DataSubject, Located, Recipient, Ref

#: Purposes that mean evaluating people or targeting them.
MARKETING = frozenset({"direct_marketing", "personalisation", "profiling"})
#: Categories that identify a device or a visitor online.
ONLINE_IDS = frozenset({"cookie_id", "device_id", "online_identifier", "ip_address"})
#: Data category tags that mean tracking a visitor or user.
TRACKING_TAGS = frozenset({"cookie_id", "online_identifier", "device_id", "behavioural", "ip_address"})
#: Purposes that no retention statute is about.
MARKETING_PURPOSES = frozenset({"direct_marketing", "personalisation", "analytics", "profiling", "market_research"})

_DURATION = re.compile(r"(\d+)([YMWD])")


def months(duration: str) -> float:
    """The length of an ISO 8601 duration's date part in months (weeks and days approximated)."""
    date_part = duration.split("T", 1)[0]
    per = {"Y": 12.0, "M": 1.0, "W": 7 / 30.44, "D": 1 / 30.44}
    return sum(int(n) * per[unit] for n, unit in _DURATION.findall(date_part))


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


__all__ = [
    "MARKETING",
    "MARKETING_PURPOSES",
    "ONLINE_IDS",
    "TRACKING_TAGS",
    "category_has_children",
    "children",
    "is_child",
    "months",
    "recipients_used",
]
