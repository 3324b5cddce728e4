"""RSE8xx: electronic direct marketing under Marknadsföringslagen (2008:486)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.packs.se._common import swedish
from ropa_check.types import ActivityView

_ELECTRONIC = ("email", "sms")


@rule(
    code="RSE801",
    name="electronic-marketing-without-consent",
    severity="warning",
    scope="activity",
    summary="Marketing is sent by e-mail or SMS to natural persons without a recorded consent or "
    "existing-customer exception.",
    references=("Marknadsföringslagen (2008:486) 19 §",),
    fix="Set `direct_marketing.marketing_consent_ref` (where consents are kept), or `soft_opt_in` explaining "
    "why the existing-customer exception applies.",
)
def electronic_marketing_without_consent(activity: ActivityView) -> Iterator[Problem]:
    """Marknadsföringslagen 19 § lets a trader market by e-mail, SMS and
    similar to a natural person only with that person's prior consent. The
    exception for existing customers requires that the address was obtained in
    a sale, that the marketing concerns the trader's own similar products, and
    that the person can object easily and free of charge, at collection and in
    each message. Sole traders count as natural persons.

    Example that fires: `direct_marketing: {used: true, channels: [email]}`
    without `marketing_consent_ref` or `soft_opt_in`.
    """
    dm = activity.model.direct_marketing
    if not (swedish(activity.record) and dm and dm.used is not False):
        return
    channels = [c for c in dm.channels or () if c in _ELECTRONIC]
    if channels and not (dm.marketing_consent_ref or dm.soft_opt_in):
        yield Problem(
            f"activity '{activity.id}' markets by {' and '.join(channels)} without a recorded consent or "
            "existing-customer exception",
            at=activity.ref.child("direct_marketing"),
        )
