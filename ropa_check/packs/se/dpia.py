"""RSE4xx: IMY's list under Art. 35(4): a DPIA "ska" be done when two or more criteria hold."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.facts.wp248 import art35_3, dpia_done, screen
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
    (Art. 35(4)). IMY's list turns WP248's rule of thumb into a requirement: a
    DPIA is to be done when at least two of its criteria (which follow
    WP248's nine) are present in the planned processing. For Swedish
    controllers this rule therefore reports as an error what the core rule
    RPA801 reports elsewhere as a warning, and supersedes RPA801 for them, so the
    gap is reported once. Art. 35(3) cases are RPA802. Each criterion is listed
    with the line that makes it hold.

    Example that fires: a Swedish controller's activity with a
    `credit_assessment` purpose and `payment_default` data, and no `dpia.ref`.
    """
    if not swedish(activity.record) or dpia_done(activity):
        return
    criteria = screen(activity)
    if len(criteria) >= 2 and art35_3(activity, criteria) is None:
        yield Problem(
            f"activity '{activity.id}' meets {len(criteria)} criteria of IMY's list and no finished DPIA is "
            "referenced: " + "; ".join(c.describe() for c in criteria),
            at=activity.ref.child("dpia") if activity.model.dpia else activity.ref,
        )
