"""RPA90x: cookies and other online identifiers (ePrivacy Directive Art. 5(3); GDPR recitals 26, 30).

National laws implement Art. 5(3); a national pack adds its provision to these
findings through the ``ropa_check_national_references`` hook (Sweden: LEK
(2022:482) 9 kap. 28 §) rather than reporting the same gap again.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.facts import ONLINE_IDS
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView

EPRIVACY = "Directive 2002/58/EC (ePrivacy) Art. 5(3)"
PLANET49 = "CJEU C-673/17 Planet49, 1 October 2019 (Grand Chamber)"
EDPB_8_2020 = "EDPB Guidelines 8/2020 on the targeting of social media users, v1.0 (2 September 2020), para 66"
#: Purposes for which storing or reading on a device is never strictly necessary.
NOT_NECESSARY = frozenset({"analytics", "direct_marketing", "personalisation", "profiling"})
_DEVICE_TAGS = frozenset({"cookie_id", "device_id"})
_TRACE = ONLINE_IDS | {"behavioural"}


def _device_access(activity: ActivityView) -> bool:
    """Whether the activity stores or reads information on users' devices, as the record shows or implies."""
    tea = activity.model.terminal_equipment_access
    if tea is not None and tea.used is not None:
        return tea.used
    tags = {t for c in activity.categories for t in c.tags}
    visitors = "website_visitor" in activity.subject_tags
    return bool(tags & _DEVICE_TAGS) or (visitors and bool(tags & _TRACE))


@rule(
    code="RPA901",
    name="device-access-without-consent",
    severity="error",
    scope="activity",
    summary="Cookies or similar are used for analytics, marketing or personalisation without a recorded consent "
    "mechanism.",
    references=(EPRIVACY, "Directive 2002/58/EC (ePrivacy) Art. 2(f)", "GDPR Art. 4(11)", PLANET49),
    fix="Set `terminal_equipment_access.consent_mechanism` (the consent tool: prior, informed, no pre-ticked "
    "boxes), or `used: false` if nothing is stored on or read from users' devices.",
)
def device_access_without_consent(activity: ActivityView) -> Iterator[Problem]:
    """Storing information on, or reading it from, a user's device is allowed
    only with the user's consent after clear information (ePrivacy Directive
    Art. 5(3)), unless it is needed to transmit a communication or strictly
    necessary for a service the user explicitly asked for. Analytics,
    marketing and personalisation are neither. Consent has the GDPR meaning
    (ePrivacy Art. 2(f), GDPR Art. 4(11)) and must be active: a pre-ticked box
    is not consent (Planet49, C-673/17). Per-visitor click or visit data from a
    website imply such access unless the record says
    `terminal_equipment_access.used: false`. This rule is about the access
    itself; the lawful basis of the processing of the data collected that way
    is RPA904's.

    Example that fires: a category tagged `cookie_id` for a `personalisation`
    purpose, without `terminal_equipment_access.consent_mechanism`.
    """
    tea = activity.model.terminal_equipment_access
    purposes = sorted(activity.purpose_tags & NOT_NECESSARY)
    if not purposes or not _device_access(activity) or (tea and tea.strictly_necessary):
        return
    if not (tea and tea.consent_mechanism):
        yield Problem(
            f"activity '{activity.id}' stores or reads data on users' devices for {', '.join(purposes)} without a "
            "recorded consent mechanism",
            at=activity.ref.child("terminal_equipment_access") if tea else activity.ref,
        )


@rule(
    code="RPA904",
    name="device-data-basis-not-consent",
    severity="warning",
    scope="activity",
    summary="Data read from users' devices for analytics, marketing or personalisation are processed on a basis "
    "other than consent.",
    references=("GDPR Art. 6(1)", EPRIVACY, EDPB_8_2020),
    fix="Base the purpose on consent (`art6: consent` with a `consent_record_ref`), obtained together with the "
    "consent to the device access, or document in the basis's `note` why another basis fits.",
)
def device_data_basis_not_consent(activity: ActivityView) -> Iterator[Problem]:
    """ePrivacy Art. 5(3) requires consent for storing information on, or
    reading it from, the user's device; it does not say on which GDPR basis
    the data so obtained are processed afterwards, which Art. 6(1) governs.
    Supervisory authorities expect the consent asked for the device access to
    cover the later processing: the EDPB requires the user to be informed, when
    that consent is asked, of "all the relevant purposes of the processing –
    including any subsequent processing of the personal data obtained by
    accessing information in the terminal equipment" (Guidelines 8/2020,
    para 66), so that one consent can carry both. That the later processing
    must rest on consent is regulator doctrine, not a rule of the text, and
    not every authority holds it, so this is a warning; a `note` on the basis
    explaining why another basis fits answers it.

    Example that fires: a `cookie_id` category for an `analytics` purpose on `legitimate_interests`.
    """
    tea = activity.model.terminal_equipment_access
    if not activity.purpose_tags & NOT_NECESSARY or not _device_access(activity) or (tea and tea.strictly_necessary):
        return
    for purpose, ref in activity.purposes.values():
        basis = purpose.lawful_basis or activity.model.lawful_basis
        if set(purpose.tags) & NOT_NECESSARY and basis is not None and basis.art6 not in (None, "consent"):
            if basis.note:
                continue
            yield Problem(
                f"purpose '{purpose.id}' uses data read from users' devices on the basis "
                f"{basis.art6.replace('_', ' ')}, not consent; regulators expect the consent to the device access to "
                "cover this processing",
                at=ref.child("lawful_basis") if purpose.lawful_basis else activity.ref.child("lawful_basis"),
            )


@rule(
    code="RPA902",
    name="strictly-necessary-claim-wrong",
    severity="error",
    scope="activity",
    summary="Cookies or similar are claimed to be strictly necessary for analytics, marketing or personalisation.",
    references=(EPRIVACY,),
    fix="Remove `strictly_necessary: true` and obtain consent (`consent_mechanism`), or split the strictly "
    "necessary storage into its own activity.",
)
def strictly_necessary_claim_wrong(activity: ActivityView) -> Iterator[Problem]:
    """The consent exemption of Art. 5(3) covers only storage or access needed
    to transmit a communication, or "strictly necessary" for a service the user
    explicitly requested. Measuring audiences, marketing and personalising are
    not what the user asked for, so they cannot be strictly necessary.

    Example that fires: `terminal_equipment_access: {used: true, strictly_necessary: true}` on an
    `analytics` purpose.
    """
    tea = activity.model.terminal_equipment_access
    purposes = sorted(activity.purpose_tags & NOT_NECESSARY)
    if tea and tea.strictly_necessary and purposes and tea.used is not False:
        yield Problem(
            f"device storage for {', '.join(purposes)} is not strictly necessary",
            at=activity.ref.child("terminal_equipment_access", "strictly_necessary"),
        )


@rule(
    code="RPA903",
    name="identifiable-data-called-anonymous",
    severity="error",
    summary="Data called anonymous contain IP addresses, cookie or device identifiers or per-visitor behaviour.",
    references=(
        "GDPR Art. 4(1)",
        "GDPR recital 26",
        "GDPR recital 30",
        "CJEU C-582/14 Breyer, 19 October 2016 (interpreting Directive 95/46/EC)",
        "WP29 Opinion 05/2014 on Anonymisation Techniques (WP216), 10 April 2014",
    ),
    fix="Remove `anonymous: true` and treat the data as (pseudonymous) personal data, or document the "
    "irreversible anonymisation in `anonymisation_ref`.",
)
def identifiable_data_called_anonymous(category: CategoryView) -> Iterator[Problem]:
    """Online identifiers such as "internet protocol addresses, cookie
    identifiers" can be used "to create profiles of the natural persons and
    identify them" (recital 30). Identifiability takes account of "all the
    means reasonably likely to be used, such as singling out" (recital 26), and
    pseudonymised data remain personal data. In Breyer (C-582/14, under the
    former Directive 95/46/EC) a dynamic IP address was personal data for a
    website operator with legal means to identify the person. Click streams
    and visit times per visitor single people out. Anonymisation must be
    irreversible (WP216); until that is documented the data are personal.

    Example that fires: `{tags: [behavioural], anonymous: true}`.
    """
    m = category.model
    identifying = sorted(set(m.tags) & _TRACE)
    if m.anonymous and identifying and not m.anonymisation_ref:
        yield Problem(
            f"data category '{category.id}' is called anonymous but is tagged {', '.join(identifying)}: "
            "identifiable visitors' data are personal data",
            at=category.ref.child("anonymous"),
        )
