"""RSE4xx: IMY's list under Art. 35(4): a DPIA "ska" be done when two or more criteria hold."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.facts.wp248 import art35_3, dpia_done, screening
from ropa_check.packs.se._common import IMY_DPIA_LIST, swedish
from ropa_check.types import ActivityView


@rule(
    code="RSE401",
    name="dpia-required-imy-list",
    severity="error",
    scope="activity",
    summary="Two or more criteria of IMY's Art. 35(4) list hold and no finished DPIA is referenced.",
    references=(IMY_DPIA_LIST, "GDPR Art. 35(1)", "GDPR Art. 35(4)"),
    fix="Carry out the DPIA before the processing and set `dpia: {ref, status: done, date}`.",
    supersedes=("RPA801",),
)
def dpia_required_imy_list(activity: ActivityView) -> Iterator[Problem]:
    """Each supervisory authority lists the processing that requires a DPIA
    (Art. 35(4)). IMY's list turns WP248's rule of thumb into a requirement: "En
    konsekvensbedömning ska göras om minst två av de nedanstående punkterna
    finns med i den planerade behandlingen", and the list "återger de kriterier
    som EDPB tagit fram i sina riktlinjer", WP248's nine. Each criterion counts
    once, on the fact that meets it, as in the core screening; the criteria the
    record's own screening (`dpia.screening`) lists count too. For Swedish
    controllers this rule therefore reports as an error what the core rule
    RPA801 reports elsewhere as a warning, and supersedes RPA801 for them, so the
    gap is reported once. A documented conclusion that no DPIA is required does
    not displace the list's "ska" where two criteria are present.

    Where WP248 leaves open whether a fact meets a criterion (a personnummer
    alone as data of a highly personal nature, say) and the record's screening
    has not decided it, this rule does not report an error: RPA801 warns that the
    activity may meet two criteria and says why. Art. 35(3) cases are RPA802.
    Each criterion is listed with the line that makes it hold.

    Example that fires: a Swedish controller's activity with a
    `credit_assessment` purpose and `payment_default` data, and no `dpia.ref`.
    """
    if not swedish(activity.record) or dpia_done(activity) or art35_3(activity) is not None:
        return
    counted = screening(activity).counted
    if len(counted) < 2:
        return
    d = activity.model.dpia
    concluded = (
        "; the record concludes that no DPIA is required (dpia.required: false), but IMY's list requires one "
        "where two of its criteria are present"
        if d and d.required is False
        else ""
    )
    yield Problem(
        f"activity '{activity.id}' meets {len(counted)} criteria of IMY's list and no finished DPIA is referenced: "
        + "; ".join(c.describe() for c in counted)
        + concluded,
        at=activity.ref.child("dpia") if d else activity.ref,
    )
