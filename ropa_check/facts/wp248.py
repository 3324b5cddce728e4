"""DPIA screening computed from the record: which WP248 criteria hold for an activity, and why.

The Article 29 Working Party's DPIA guidelines (WP248 rev.01, endorsed by the
EDPB) list nine criteria; "in most cases" processing that meets two needs a
DPIA. The mapping from record fields to criteria is deterministic, so each
criterion comes with the field (a :class:`~ropa_check.record.Ref`) that makes it
hold and a finding can cite its line.

Each criterion counts once per activity, on the fact that meets it. Where the
guidelines do not settle whether a fact meets a criterion (a national
identification number, financial data the record does not describe further),
the fact is *unsettled*: it is reported with the reason, and the controller's
own documented screening (``dpia.screening``) decides it. The criteria that
screening lists count too: they are the controller's own finding.
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

#: Criterion 1: purposes that evaluate or score people, including profiling. Limited profiling to tailor
#: one's own website (WP248's e-commerce example) meets this criterion and no other.
EVALUATING = frozenset({"credit_assessment", "scoring", "profiling", "personalisation"})
#: Criterion 3: uses of online identifiers or behaviour that observe people, beyond evaluating them.
_OBSERVING = frozenset({"analytics", "direct_marketing"})
#: Criterion 3: purposes that are monitoring in themselves.
_MONITORING = frozenset({"video_surveillance"})
_TRACKING = ONLINE_IDS | {"behavioural"}
#: Criterion 4: data WP248 names (Art. 9 and 10 data, location data) and data on a person's
#: creditworthiness (WP248 counts a credit-rating database under this criterion).
_HIGHLY_PERSONAL = frozenset({"criminal", "location", "payment_default", "enforcement_debt", "credit_report"})
#: Criterion 4: data whose status the guidelines leave open, and why.
_UNSETTLED = {
    "national_id": "WP248 does not name national identification numbers among data of a highly personal "
    "nature, and Art. 87 leaves the conditions for processing them to Member State law",
    "financial": "WP248 names financial data that might be used for payment fraud; the record does not show "
    "whether these are such data or routine payment records",
    "communication": "WP248 names communications whose confidentiality should be protected, e-mails and "
    "personal documents; whether these messages are such depends on what they hold",
}
#: Bookkeeping records: routine financial data, not of a highly personal nature.
_ROUTINE = frozenset({"accounting_records"})
_VULNERABLE = frozenset({"child", "employee", "patient"})
_DECIDING = frozenset({"credit_assessment", "eligibility"})
#: Art. 35(3)(a): evaluation that is "based on automated processing, including profiling".
_AUTOMATED_EVALUATION = frozenset({"scoring", "profiling"})


@dataclass(frozen=True, slots=True)
class Criterion:
    """A WP248 criterion that holds (or may hold), with the field that makes it hold."""

    number: int
    because: str
    ref: Ref
    #: Why the guidelines leave open whether this fact meets the criterion; None when it does.
    doubt: str | None = None

    @property
    def title(self) -> str:
        return TITLES[self.number]

    def describe(self) -> str:
        unsettled = f"; unsettled: {self.doubt}" if self.doubt else ""
        return f"{self.number} {self.title} (line {self.ref.line}: {self.because}{unsettled})"


@dataclass(frozen=True, slots=True)
class Screening:
    """An activity's screening: what the record's facts show, and what its own screening (dpia.screening) says."""

    #: Criteria the record's facts meet, one per number, in order.
    held: tuple[Criterion, ...]
    #: Facts that may meet a criterion none of ``held`` meets, with the reason it is unsettled.
    unsettled: tuple[Criterion, ...]
    #: Criteria the record's own screening lists and ``held`` does not.
    declared: tuple[Criterion, ...]
    #: The record gives its own screening (``dpia.screening``), which decides the unsettled criteria.
    documented: bool

    @property
    def counted(self) -> tuple[Criterion, ...]:
        """The criteria that hold: those the facts meet and those the record's screening lists."""
        return tuple(sorted(self.held + self.declared, key=lambda c: c.number))

    @property
    def open(self) -> tuple[Criterion, ...]:
        """Unsettled criteria that no screening of the record has decided."""
        return () if self.documented else self.unsettled


def screening(activity: ActivityView) -> Screening:
    """The screening of ``activity``, worked out once and kept in ``activity.facts``."""
    # Four rules ask for the screening of each activity; work it out once.
    cached = activity.facts.get("wp248")
    if not isinstance(cached, Screening):
        cached = activity.facts["wp248"] = _screening(activity)
    return cached


def screen(activity: ActivityView) -> list[Criterion]:
    """Each WP248 criterion the record's facts meet for ``activity`` (at most one entry per criterion), in order.

    Unsettled facts and the record's own screening are in :func:`screening`.
    """
    return list(screening(activity).held)


def _screening(activity: ActivityView) -> Screening:
    held: dict[int, Criterion] = {}
    unsettled: dict[int, Criterion] = {}

    def hold(number: int, because: str, ref: Ref, doubt: str | None = None) -> None:
        (unsettled if doubt else held).setdefault(number, Criterion(number, because, ref, doubt))

    m = activity.model
    for purpose, ref in activity.purposes.values():
        for tag in purpose.tags:
            if tag in EVALUATING:
                hold(1, f"purpose '{purpose.id}' is {tag}", ref.child("tags"))
            if tag in _MONITORING:
                hold(3, f"purpose '{purpose.id}' is {tag}", ref.child("tags"))
            if tag in _DECIDING:
                hold(9, f"purpose '{purpose.id}' is {tag}", ref.child("tags"))
    if m.profiling and m.profiling.used:
        hold(1, "profiling.used: true", activity.ref.child("profiling", "used"))
    if m.automated_decision and m.automated_decision.legal_or_similar_effect:
        hold(2, "automated_decision.legal_or_similar_effect", activity.ref.child("automated_decision"))
    for category in activity.categories:
        tags = set(category.tags)
        at = category.ref.child("tags")
        tracking = sorted(tags & _TRACKING)
        observing = sorted(category.purpose_tags & _OBSERVING)
        if tracking and observing:
            uses = [f"'{p.id}'" for p, _ in category.purposes if set(p.tags) & _OBSERVING]
            because = f"category '{category.id}' ({', '.join(tracking)}) tracks people for {', '.join(observing)}"
            hold(3, f"{because} (purpose{'s' if len(uses) > 1 else ''} {', '.join(uses)})", at)
        elif "behavioural" in tags and not (category.purpose_tags and category.purpose_tags <= EVALUATING):
            # Behaviour used only to evaluate the person (criterion 1) is not counted again here.
            hold(3, f"category '{category.id}' records people's behaviour", at)
        personal = sorted(t for t in tags if t in _HIGHLY_PERSONAL or t.startswith("special_category:"))
        if personal:
            hold(4, f"category '{category.id}' holds {', '.join(personal)}", at)
        for tag, doubt in _UNSETTLED.items():
            if tag in tags and not (tag == "financial" and tags & _ROUTINE):
                hold(4, f"category '{category.id}' holds {tag}", at, doubt)
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
    doubtful = {n: c for n, c in unsettled.items() if n not in held}
    declared, documented = _declared(activity, held, doubtful)
    return Screening(
        held=tuple(held[n] for n in sorted(held)),
        unsettled=tuple(doubtful[n] for n in sorted(doubtful)),
        declared=declared,
        documented=documented,
    )


def _declared(
    activity: ActivityView, held: dict[int, Criterion], doubtful: dict[int, Criterion]
) -> tuple[tuple[Criterion, ...], bool]:
    """The criteria the record's own screening lists that the facts do not settle, and whether it has one."""
    d = activity.model.dpia
    if d is None or d.screening is None:
        return (), False
    at = activity.ref.child("dpia", "screening")
    out: dict[int, Criterion] = {}
    for i, number in enumerate(d.screening):
        if number in TITLES and number not in held and number not in out:
            fact = doubtful.get(number)
            because = "dpia.screening lists it" + (f" ({fact.because})" if fact else "")
            out[number] = Criterion(number, because, at.child(i))
    return tuple(out[n] for n in sorted(out)), True


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


def concludes_not_required(activity: ActivityView) -> bool:
    """The record documents a screening that concludes no DPIA is required (``required: false``, ``screening_ref``)."""
    d = activity.model.dpia
    return bool(d and d.required is False and d.screening_ref)


def art35_3(activity: ActivityView, criteria: list[Criterion] | None = None) -> str | None:
    """Which Art. 35(3) case applies, if one does: there a DPIA is required outright.

    ``criteria`` defaults to the criteria the activity's screening counts (:attr:`Screening.counted`).
    """
    case_a = _art35_3_a(activity)
    if case_a is not None:
        return case_a
    held = {c.number for c in (screening(activity).counted if criteria is None else criteria)}
    if 5 in held:
        for category in activity.categories:
            if "criminal" in category.tags or any(t.startswith("special_category:") for t in category.tags):
                return f"Art. 35(3)(b): large-scale processing of Art. 9 or Art. 10 data ('{category.id}')"
    return None


def _art35_3_a(activity: ActivityView) -> str | None:
    """Art. 35(3)(a): automated evaluation of people on which decisions with legal or similar effects are based.

    Unlike Art. 22(1) ("solely"), the decisions need not be solely automated: a
    person deciding on a score or a profile is included.
    """
    m = activity.model
    ad = m.automated_decision
    tags = activity.purpose_tags
    solely = bool(ad and ad.exists and ad.legal_or_similar_effect)
    # A solely automated decision rests on automated processing by definition; otherwise the evaluation must be
    # declared automated: scoring, profiling (Art. 4(4)).
    evaluation = sorted(tags & (EVALUATING if solely else _AUTOMATED_EVALUATION))
    if m.profiling and m.profiling.used:
        evaluation.append("profiling.used")
    decisions = []
    if ad and ad.legal_or_similar_effect:
        how = "solely automated" if ad.exists else "not declared solely automated"
        decisions.append(f"automated_decision.legal_or_similar_effect, {how}")
    if not (ad and ad.legal_or_similar_effect is False):
        # Decisions on credit, or on whether someone gets a service, contract or benefit, unless the record
        # states that its decisions have no legal or similarly significant effect.
        decisions += sorted(tags & _DECIDING)
    if not (evaluation and decisions):
        return None
    return (
        f"Art. 35(3)(a): automated evaluation of people ({', '.join(evaluation)}) on which decisions with legal "
        f"or similarly significant effects are based ({'; '.join(decisions)})"
    )
