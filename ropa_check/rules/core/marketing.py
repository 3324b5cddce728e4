"""RPA91x: direct marketing (Art. 21(2)–(4)) and data received from partners for it."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView

_PARTNER_USE = frozenset({"direct_marketing", "personalisation", "market_research", "profiling"})


@rule(
    code="RPA911",
    name="marketing-objection-missing",
    severity="error",
    scope="activity",
    summary="Data are processed for direct marketing and the record has no objection mechanism.",
    references=("GDPR Art. 21(2)", "GDPR Art. 21(3)", "GDPR Art. 21(4)"),
    fix="Add `direct_marketing: {used: true, channels, objection_mechanism}`: how an objection is taken and "
    "honoured (suppression list), and that the right is stated in the first communication.",
)
def marketing_objection_missing(activity: ActivityView) -> Iterator[Problem]:
    """Where data are processed for direct marketing, "the data subject shall
    have the right to object at any time", including to related profiling
    (Art. 21(2)); after an objection the data "shall no longer be processed for
    such purposes" (Art. 21(3)), and the right must be "explicitly brought to
    the attention of the data subject … at the latest at the time of the first
    communication" (Art. 21(4)). Listing `objection` among the rights says
    the right exists, not how it works: the record must show how an objection
    is taken and honoured (`direct_marketing.objection_mechanism`, such as a
    suppression list checked before each mailing).

    Example that fires: a purpose tagged `direct_marketing` without `direct_marketing.objection_mechanism`.
    """
    dm = activity.model.direct_marketing
    if "direct_marketing" not in activity.purpose_tags or (dm and dm.objection_mechanism):
        return
    own = activity.model.rights
    rights = own if own is not None else activity.record.org.rights
    listed = rights is not None and "objection" in rights.available
    also = ", and its rights include objection," if listed else ","
    field = "direct_marketing.objection_mechanism" if dm else "no direct_marketing block with an objection_mechanism"
    yield Problem(
        f"activity '{activity.id}' is direct marketing{also} but the record does not say how an objection is taken "
        f"and honoured ({field})",
        at=activity.ref.child("direct_marketing") if dm else activity.ref,
    )


@rule(
    code="RPA912",
    name="partner-data-consent-unverified",
    severity="warning",
    scope="activity",
    summary="Data received from partners are used for marketing or profiling, and the record does not show "
    "that the partner's consent or notice covers this controller.",
    references=("GDPR Art. 14(1)", "GDPR Art. 7(1)", "EDPB Guidelines 05/2020 on consent, paras 64–65"),
    fix="Name the partner, and set the source's `partner_consent_ref` to where its consent or notice names "
    "this controller; and document the Art. 14 notice (`art14_notice`).",
)
def partner_data_consent_unverified(activity: ActivityView) -> Iterator[Problem]:
    """Consent relied on by several controllers is valid only if they "should
    all be named" when it is asked for (EDPB Guidelines 05/2020 on consent,
    paras 64–65), and a controller relying on consent must be able to
    demonstrate it (Art. 7(1)). Data bought or received from marketing partners
    also trigger the controller's own duty to inform (Art. 14). The record
    should show that the partner's consent or notice covers this controller.

    Example that fires: a `direct_marketing` activity with a source of `type: partner` without
    `partner_consent_ref`.
    """
    if not activity.purpose_tags & _PARTNER_USE:
        return
    known = activity.record.sources
    for i, sid in enumerate(activity.model.sources or ()):
        source = known.get(sid)
        if source is not None and source.model.type == "partner" and not source.model.partner_consent_ref:
            yield Problem(
                f"source '{sid}' is a partner; the record does not show that its consent or notice covers "
                "this controller",
                at=activity.ref.child("sources", i),
            )
