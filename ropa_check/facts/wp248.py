"""DPIA screening computed from the record: which WP248 criteria hold for an activity, and why.

The Article 29 Working Party's DPIA guidelines (WP248 rev.01, endorsed by the
EDPB) list nine criteria; "in most cases" processing that meets two needs a
DPIA. The mapping from record fields to criteria is deterministic, so each
criterion comes with the field (a :class:`~ropa_check.record.Ref`) that makes it
hold and a finding can cite its line.
"""

from __future__ import annotations

from dataclasses import dataclass

from ropa_check.facts import ONLINE_IDS, is_child
from ropa_check.types import ActivityView, Ref

TITLES = {
    1: "evaluation or scoring",
    2: "automated decision with legal or similar significant effect",
    3: "systematic monitoring",
    4: "sensitive or highly personal data",
    5: "large scale",
    6: "matching or combining datasets",
    7: "vulnerable data subjects",
    8: "innovative use of technology",
    9: "prevents using a service or a contract",
}
#: Criterion 5: a policy default, not a number from the law or the guidelines.
LARGE_SCALE_SUBJECTS = 10_000

_SCORING = frozenset({"credit_assessment", "scoring", "profiling", "personalisation"})
_TRACKING_PURPOSES = frozenset({"analytics", "personalisation", "direct_marketing", "profiling"})
_HIGHLY_PERSONAL = frozenset(
    {"criminal", "financial", "payment_default", "enforcement_debt", "credit_report", "national_id", "location"}
)
_VULNERABLE = frozenset({"child", "employee", "patient"})
_DECIDING = frozenset({"credit_assessment", "eligibility"})


@dataclass(frozen=True, slots=True)
class Criterion:
    """A WP248 criterion that holds, with the field that makes it hold."""

    number: int
    because: str
    ref: Ref

    @property
    def title(self) -> str:
        return TITLES[self.number]

    def describe(self) -> str:
        return f"{self.number} {self.title} (line {self.ref.line}: {self.because})"


def screen(activity: ActivityView) -> list[Criterion]:
    """Each WP248 criterion that holds for ``activity`` (at most one entry per criterion), in order."""
    # Four rules ask for the screening of each activity; work it out once.
    if "wp248" not in activity.facts:
        activity.facts["wp248"] = tuple(_screen(activity))
    return list(activity.facts["wp248"])


def _screen(activity: ActivityView) -> list[Criterion]:
    found: dict[int, Criterion] = {}

    def hold(number: int, because: str, ref: Ref) -> None:
        found.setdefault(number, Criterion(number, because, ref))

    m = activity.model
    for purpose, ref in activity.purposes.values():
        for tag in purpose.tags:
            if tag in _SCORING:
                hold(1, f"purpose '{purpose.id}' is {tag}", ref.child("tags"))
            if tag in _DECIDING:
                hold(9, f"purpose '{purpose.id}' is {tag}", ref.child("tags"))
    if m.automated_decision and m.automated_decision.legal_or_similar_effect:
        hold(2, "automated_decision.legal_or_similar_effect", activity.ref.child("automated_decision"))
    for category in activity.categories:
        tags = set(category.tags)
        tracked = "behavioural" in tags or (tags & ONLINE_IDS and category.purpose_tags & _TRACKING_PURPOSES)
        if tracked:
            hold(3, f"category '{category.id}' tracks visitors or users", category.ref.child("tags"))
        personal = sorted(t for t in tags if t in _HIGHLY_PERSONAL or t.startswith("special_category:"))
        if personal:
            hold(4, f"category '{category.id}' holds {', '.join(personal)}", category.ref.child("tags"))
    if m.large_scale and (m.large_scale.approx_subjects or 0) >= LARGE_SCALE_SUBJECTS:
        hold(5, f"about {m.large_scale.approx_subjects} data subjects", activity.ref.child("large_scale"))
    external = _external_sources(activity)
    if len(external) >= 2 or any(kind == "social_media" for _, kind, _ in external):
        names = ", ".join(sorted({name for name, _, _ in external}))
        hold(6, f"data combined from {names}", external[0][2])
    for subject, ref in activity.subjects.values():
        vulnerable = sorted(set(subject.tags) & _VULNERABLE) or (["child"] if is_child(subject) else [])
        if vulnerable:
            hold(7, f"data subjects '{subject.id}' are {', '.join(vulnerable)}", ref)
    if m.innovative_tech:
        hold(8, "innovative_tech: true", activity.ref.child("innovative_tech"))
    return [found[n] for n in sorted(found)]


def _external_sources(activity: ActivityView) -> list[tuple[str, str, Ref]]:
    """(source id, type, where it is named) for each source other than the data subject."""
    out: dict[str, tuple[str, str, Ref]] = {}
    lists = [(activity.model.sources, activity.ref.child("sources"))]
    lists += [(c.model.sources, c.ref.child("sources")) for c in activity.categories]
    for ids, ref in lists:
        for i, sid in enumerate(ids or ()):
            located = activity.record.sources.get(sid)
            kind = located.model.type if located else None
            if located is not None and kind not in (None, "data_subject"):
                out.setdefault(sid, (sid, kind or "", ref.child(i)))
    return list(out.values())


def dpia_done(activity: ActivityView) -> bool:
    """A DPIA is referenced and finished."""
    d = activity.model.dpia
    return bool(d and d.ref and d.status in ("done", "approved"))


def art35_3(activity: ActivityView, criteria: list[Criterion]) -> str | None:
    """Which Art. 35(3) case applies, if one does: there a DPIA is required outright."""
    held = {c.number for c in criteria}
    if {1, 2} <= held:
        return "Art. 35(3)(a): evaluation or scoring with automated decisions that have legal or similar effects"
    if 5 in held:
        for category in activity.categories:
            if "criminal" in category.tags or any(t.startswith("special_category:") for t in category.tags):
                return f"Art. 35(3)(b): large-scale processing of Art. 9 or Art. 10 data ('{category.id}')"
    return None
