"""RPA80x: data protection impact assessments (Art. 35, 36), screened with WP248's criteria."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts.wp248 import art35_3, concludes_not_required, dpia_done, screening
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView

WP248 = "WP29, Guidelines on DPIA, WP248 rev.01 (4 April 2017, rev. 4 October 2017), endorsed by the EDPB"


@rule(
    code="RPA801",
    name="dpia-likely-required",
    severity="warning",
    scope="activity",
    summary="Two or more WP248 criteria hold for the activity (or may hold) and no finished DPIA is referenced, "
    "or a documented 'no DPIA' conclusion needs review.",
    references=("GDPR Art. 35(1)", WP248),
    fix="Carry out the DPIA and set `dpia: {ref, status: done, date}`; or, where the processing is exceptionally "
    "not likely to result in a high risk, set `dpia.required: false` and document why, with the DPO's view, in "
    "the screening note `dpia.screening_ref` names.",
)
def dpia_likely_required(activity: ActivityView) -> Iterator[Problem]:
    """A DPIA is required where processing "is likely to result in a high
    risk" (Art. 35(1)). WP248 gives nine criteria and says that "in most cases,
    a data controller can consider that a processing meeting two criteria would
    require a DPIA to be carried out". ropa-check computes the criteria from
    the record (scoring purposes, tracking identifiers used to observe people,
    creditworthiness data, combined sources, children...), counts each once on
    the fact that meets it, adds the criteria the record's own screening
    (`dpia.screening`) lists, and names the line behind each.

    WP248's own example of limited profiling on a shop's own website meets one
    criterion (evaluation or scoring) and needs no DPIA: data used only to
    tailor the service count for that criterion and not again as monitoring.
    Where WP248 does not settle whether a fact meets a criterion (a national
    identification number alone, financial data the record does not describe
    further), the rule says so and warns that the activity may meet two; the
    controller's documented screening decides.

    WP248 also accepts that a processing meeting two criteria may be "considered
    by the controller not to be 'likely to result in a high risk'", if the
    controller will "justify and document the reasons for not carrying out a
    DPIA, and include/record the views of the data protection officer". A
    documented screening concluding no DPIA is required (`required: false` with
    `screening_ref`) is accepted where fewer than two criteria hold; where two
    or more hold, the rule asks for that conclusion to be reviewed.

    Where a national list under Art. 35(4) makes two criteria mandatory, the
    national pack's rule reports this as an error instead and supersedes this
    one (Sweden: RSE401), so the gap is reported once; without that pack, this
    rule reports it. Art. 35(3) cases are RPA802.

    Example that fires: an activity with a `credit_assessment` purpose and
    `payment_default` data, and no `dpia.ref`.
    """
    if dpia_done(activity) or art35_3(activity) is not None:
        return
    s = screening(activity)
    counted = s.counted
    at = activity.ref.child("dpia") if activity.model.dpia else activity.ref
    listed = "; ".join(c.describe() for c in counted)
    reasoned = bool(activity.model.dpia and activity.model.dpia.not_required_reason)
    if len(counted) >= 2 and concludes_not_required(activity):
        if reasoned:
            return  # WP248: the controller has documented why the processing is not likely to be high risk
        yield Problem(
            f"activity '{activity.id}' meets {len(counted)} WP248 criteria and its documented screening concludes "
            "that no DPIA is required; WP248 accepts that only where the controller documents why the processing "
            "is nonetheless not likely to result in a high risk, with the DPO's view: review the conclusion: " + listed,
            at=activity.ref.child("dpia", "required"),
            fix="Review the conclusion: carry out the DPIA, or give the reasons and the DPO's view in "
            "`dpia.not_required_reason` (format 1.1).",
        )
    elif len(counted) >= 2:
        yield Problem(
            f"activity '{activity.id}' meets {len(counted)} WP248 criteria and no finished DPIA is referenced: "
            + listed,
            at=at,
        )
    elif len(counted) + len(s.open) >= 2 and not concludes_not_required(activity):
        shown = [c.describe() for c in counted] + ["possibly " + c.describe() for c in s.open]
        yield Problem(
            f"activity '{activity.id}' may meet two WP248 criteria and neither a finished DPIA nor a documented "
            "screening is referenced: " + "; ".join(shown),
            at=at,
            fix="Decide in a documented screening whether the unsettled criterion holds (`dpia.screening`, "
            "`dpia.screening_ref`), or carry out the DPIA.",
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
    """Art. 35(3) says a DPIA "shall in particular be required" for (a) "a
    systematic and extensive evaluation of personal aspects relating to natural
    persons which is based on automated processing, including profiling, and on
    which decisions are based that produce legal effects concerning the natural
    person or similarly significantly affect the natural person", and (b)
    large-scale processing of Art. 9 or Art. 10 data.

    Case (a) asks that the evaluation be based on automated processing, not the
    decision: unlike Art. 22(1) ("based solely on automated processing"), it
    covers a person deciding on a score or a profile. ropa-check recognises (a)
    when a scoring or profiling purpose (or `profiling.used`) meets decisions
    with legal or similar effects: declared in `automated_decision`
    (`legal_or_similar_effect: true`, solely automated or not) or shown by a
    `credit_assessment` or `eligibility` purpose (unless the record states that
    the decisions have no such effect). A declared solely automated decision
    with legal or similar effect counts with any evaluation purpose. Where the
    record does not show that the evaluation is automated (a credit assessment
    alone), RPA801 (or the national rule) reports the criteria instead.
    ropa-check recognises (b) when a large-scale activity holds special-category
    or criminal-offence data. (Case (c), large-scale monitoring of publicly
    accessible areas, has no field in the record.)

    Example that fires: a purpose tagged `scoring` and `eligibility`, with
    `automated_decision: {exists: false}` (a person decides), and no DPIA.
    """
    if dpia_done(activity):
        return
    case = art35_3(activity)
    if case is not None:
        yield Problem(
            f"activity '{activity.id}' requires a DPIA ({case}) and no finished DPIA is referenced",
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
    able to demonstrate (Art. 5(2)); WP248 says the controller "must assess
    whether a high risk is likely, even if they ultimately decide not to carry
    out a DPIA". Where fewer than two criteria hold, the record should still say
    which were considered: a screening that is missing, or that leaves out a
    criterion the record itself shows (a single one is often a sign that others
    were overlooked), is a gap. A criterion the guidelines leave unsettled (a
    national identification number alone, say) is the screening's to decide:
    leaving it out is not a gap. Activities meeting, or possibly meeting, two or
    more criteria are reported by RPA801/RPA802 (or the national rule) instead.

    Example that fires: an activity holding `location` data with no `dpia.screening`.
    """
    if dpia_done(activity):
        return
    s = screening(activity)
    if len(s.counted) >= 2:
        return
    d = activity.model.dpia
    if d is None or d.screening is None or not d.screening_ref:
        if len(s.counted) + len(s.open) >= 2 and not concludes_not_required(activity):
            return  # RPA801 reports it, and asks for the screening
        shown = "; ".join(c.describe() for c in s.held + s.open)
        yield Problem(
            f"activity '{activity.id}' has no documented DPIA screening (dpia.screening, screening_ref)"
            + (f"; the record shows {shown}" if shown else "")
        )
        return
    missing = [c for c in s.held if c.number not in d.screening]
    if missing:
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
