"""RPA807–RPA808: systematic monitoring of publicly accessible areas, Art. 35(3)(c) (format 1.1)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts.wp248 import LARGE_SCALE_SUBJECTS, dpia_done
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView

_EDPB_VIDEO = "EDPB Guidelines 3/2019 on processing of personal data through video devices, v2.0, 29 January 2020"


def _large(activity: ActivityView) -> bool | None:
    """Whether the record shows the processing is on a large scale (None: it does not say)."""
    scale = activity.model.large_scale
    if scale is None or scale.approx_subjects is None:
        return None
    return scale.approx_subjects >= LARGE_SCALE_SUBJECTS


@rule(
    code="RPA807",
    name="public-area-monitoring-without-dpia",
    severity="error",
    scope="activity",
    summary="A publicly accessible area is monitored systematically on a large scale, and no finished DPIA is "
    "referenced.",
    references=("GDPR Art. 35(3)(c)", "GDPR Art. 35(1)", _EDPB_VIDEO),
    fix="Carry out the DPIA before the monitoring starts and set `dpia: {ref, status: done, date}`.",
)
def public_area_monitoring_without_dpia(activity: ActivityView) -> Iterator[Problem]:
    """A DPIA "shall in particular be required in the case of ... a
    systematic monitoring of a publicly accessible area on a large scale"
    (Art. 35(3)(c)): cameras in a shop, a station or a street. The record
    shows it with `public_area_monitoring: true` and a `large_scale` at or above
    the screening's threshold for large scale.

    Example that fires: `{public_area_monitoring: true, large_scale: {approx_subjects: 50000}}` without a DPIA.
    """
    if activity.model.public_area_monitoring and _large(activity) and not dpia_done(activity):
        yield Problem(
            f"activity '{activity.id}' monitors a publicly accessible area on a large scale "
            f"(about {activity.model.large_scale.approx_subjects if activity.model.large_scale else '?'} people) "
            "and references no finished DPIA",
            at=activity.ref.child("public_area_monitoring"),
        )


@rule(
    code="RPA808",
    name="monitoring-scope-unstated",
    severity="warning",
    scope="activity",
    summary="Camera surveillance, or monitoring of a publicly accessible area, without the facts that decide "
    "whether a DPIA is required: whether the area is publicly accessible, and on what scale.",
    references=("GDPR Art. 35(3)(c)", _EDPB_VIDEO),
    fix="Set `public_area_monitoring` (true or false) and, when true, `large_scale: {approx_subjects}`; or carry "
    "out the DPIA.",
)
def monitoring_scope_unstated(activity: ActivityView) -> Iterator[Problem]:
    """Whether Art. 35(3)(c) makes a DPIA mandatory turns on two facts: the
    monitored area is publicly accessible, and the monitoring is on a large
    scale. A record of camera surveillance (purpose `video_surveillance`) that
    does not say whether the area is public, or of public-area monitoring that
    does not say its scale, leaves the duty undecided: a warning, since the
    duty may well not apply.

    Example that fires: a purpose tagged `video_surveillance` and no `public_area_monitoring`.
    """
    if dpia_done(activity):
        return
    m = activity.model
    if m.public_area_monitoring is None and "video_surveillance" in activity.purpose_tags:
        yield Problem(
            f"activity '{activity.id}' is camera surveillance and does not say whether it covers a publicly "
            "accessible area (`public_area_monitoring`)",
        )
    elif m.public_area_monitoring and _large(activity) is None:
        yield Problem(
            f"activity '{activity.id}' monitors a publicly accessible area and does not say on what scale "
            "(`large_scale`); on a large scale a DPIA is required",
            at=activity.ref.child("public_area_monitoring"),
        )
