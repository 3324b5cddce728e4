"""RPA80x: data protection impact assessments (Art. 35, 36), screened with WP248's criteria."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts.wp248 import art35_3, dpia_done, screen
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView

WP248 = "WP29, Guidelines on DPIA, WP248 rev.01 (4 April 2017, rev. 4 October 2017), endorsed by the EDPB"


@rule(
    code="RPA801",
    name="dpia-likely-required",
    severity="warning",
    scope="activity",
    summary="Two or more WP248 criteria hold for the activity and no finished DPIA is referenced.",
    references=("GDPR Art. 35(1)", WP248),
    fix="Carry out the DPIA and set `dpia: {ref, status: done, date}`; or record in `dpia.screening_ref` "
    "why, exceptionally, no DPIA is needed.",
)
def dpia_likely_required(activity: ActivityView) -> Iterator[Problem]:
    """A DPIA is required where processing "is likely to result in a high
    risk" (Art. 35(1)). WP248 gives nine criteria and says that "in most cases,
    a data controller can consider that a processing meeting two criteria would
    require a DPIA to be carried out". ropa-check computes the criteria from
    the record (scoring purposes, tracking identifiers, financial or national
    identification data, combined sources, children...) and lists each with
    the line that makes it hold.

    Where a national list under Art. 35(4) makes two criteria mandatory, the
    national pack's rule reports this as an error instead and supersedes this
    one (Sweden: RSE401), so the gap is reported once; without that pack, this
    rule reports it. Art. 35(3) cases are RPA802.

    Example that fires: an activity with a `credit_assessment` purpose and
    `payment_default` data, and no `dpia.ref`.
    """
    if dpia_done(activity):
        return
    criteria = screen(activity)
    if len(criteria) >= 2 and art35_3(activity, criteria) is None:
        yield Problem(
            f"activity '{activity.id}' meets {len(criteria)} WP248 criteria and no finished DPIA is referenced: "
            + "; ".join(c.describe() for c in criteria),
            at=activity.ref.child("dpia") if activity.model.dpia else activity.ref,
        )


@rule(
    code="RPA802",
    name="dpia-required-art35-3",
    severity="error",
    scope="activity",
    summary="The activity is a case where Art. 35(3) requires a DPIA, and no finished DPIA is referenced.",
    references=("GDPR Art. 35(3)(a)", "GDPR Art. 35(3)(b)", "GDPR Art. 35(1)"),
    fix="Carry out the DPIA before the processing and set `dpia: {ref, status: done, date}`.",
)
def dpia_required_art35_3(activity: ActivityView) -> Iterator[Problem]:
    """Art. 35(3) says a DPIA "shall in particular be required" for (a) a
    systematic and extensive evaluation of personal aspects, including
    profiling, on which decisions with legal or similarly significant effects
    are based, and (b) large-scale processing of Art. 9 or Art. 10 data.
    ropa-check recognises (a) when a scoring purpose meets a declared automated
    decision with legal or similar effect, and (b) when a large-scale activity
    holds special-category or criminal-offence data. (Case (c), large-scale
    monitoring of publicly accessible areas, has no field in the record.)

    Example that fires: a `credit_assessment` purpose with
    `automated_decision: {exists: true, legal_or_similar_effect: true}` and no DPIA.
    """
    if dpia_done(activity):
        return
    case = art35_3(activity, screen(activity))
    if case is not None:
        yield Problem(
            f"activity '{activity.id}' requires a DPIA ({case}) and none is referenced",
            at=activity.ref.child("dpia") if activity.model.dpia else activity.ref,
        )


@rule(
    code="RPA803",
    name="dpia-screening-undocumented",
    severity="warning",
    scope="activity",
    summary="The activity's DPIA screening is not documented, or omits a criterion the record shows.",
    references=("GDPR Art. 35(1)", "GDPR Art. 5(2)", WP248),
    fix="Set `dpia.screening` to the WP248 criteria that hold (ropa-check's computed ones at least) and "
    "`dpia.screening_ref` to the screening note.",
)
def dpia_screening_undocumented(activity: ActivityView) -> Iterator[Problem]:
    """Whether a DPIA is needed is itself a decision the controller must be
    able to demonstrate (Art. 5(2)). Where fewer than two criteria hold, the
    record should still say which were considered: a screening that is missing,
    or that leaves out a criterion the record itself shows (a single one is
    often a sign that others were overlooked), is a gap. Activities meeting two
    or more criteria are reported by RPA801/RPA802 (or the national rule)
    instead.

    Example that fires: an activity holding `financial` data with no `dpia.screening`.
    """
    if dpia_done(activity):
        return
    criteria = screen(activity)
    if len(criteria) >= 2:
        return
    d = activity.model.dpia
    declared = set(d.screening) if d and d.screening is not None else None
    missing = [c for c in criteria if declared is None or c.number not in declared]
    if declared is None or not (d and d.screening_ref):
        yield Problem(f"activity '{activity.id}' has no documented DPIA screening (dpia.screening, screening_ref)")
    elif missing:
        yield Problem(
            "the DPIA screening omits " + "; ".join(c.describe() for c in missing),
            at=activity.ref.child("dpia", "screening"),
        )


@rule(
    code="RPA804",
    name="prior-consultation-missing",
    severity="error",
    scope="activity",
    summary="A DPIA found high residual risk and the supervisory authority was not consulted.",
    references=("GDPR Art. 36(1)",),
    fix="Consult the supervisory authority before processing and set `dpia.prior_consultation_ref`, "
    "or reduce the risk and update `dpia.residual_risk`.",
)
def prior_consultation_missing(activity: ActivityView) -> Iterator[Problem]:
    """ "The controller shall consult the supervisory authority prior to
    processing where a data protection impact assessment under Article 35
    indicates that the processing would result in a high risk in the absence of
    measures taken by the controller to mitigate the risk" (Art. 36(1)).

    Example that fires: `dpia: {residual_risk: high}` without `prior_consultation_ref`.
    """
    d = activity.model.dpia
    if d and d.residual_risk == "high" and not d.prior_consultation_ref:
        yield Problem(
            f"the DPIA of activity '{activity.id}' leaves a high residual risk and no prior consultation is recorded",
            at=activity.ref.child("dpia", "residual_risk"),
        )
