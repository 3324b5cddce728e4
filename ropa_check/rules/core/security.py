"""RPA13x and RPA23x: security measures (Art. 30(1)(g), 32(1)) and the breach register (Art. 33(5))."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, OrganisationView, Ref


def _texts(measures: list[str] | str | None) -> list[str]:
    if measures is None:
        return []
    return [measures] if isinstance(measures, str) else list(measures)


def _only_vague(measures: list[str] | str | None) -> str | None:
    """The phrase that makes the measures vague, when every text only restates the duty."""
    texts = _texts(measures)
    phrases = [find(t, "vague_security") for t in texts]
    if texts and all(phrases):
        return phrases[0]
    return None


@rule(
    code="RPA131",
    name="organisation-security-vague",
    severity="warning",
    scope="organisation",
    summary="The organisation's security measures only restate the duty to protect data.",
    references=("GDPR Art. 30(1)(g)", "GDPR Art. 32(1)"),
    fix="Describe the measures in `organisation.security_measures` (access control, encryption, logging, "
    "backups, testing...), or link the security policy in `organisation.security_policy_ref`.",
)
def organisation_security_vague(org: OrganisationView) -> Iterator[Problem]:
    """Art. 30(1)(g) asks, where possible, for "a general description of the
    technical and organisational security measures referred to in Article
    32(1)": pseudonymisation and encryption, confidentiality, integrity,
    availability and resilience, restoring access, regular testing. A sentence
    such as "we take measures to protect personal data" restates the duty and
    describes no measure. Whether a text describes measures is a judgement, so
    this is a warning asking for the description. The phrase list is bilingual.

    Example that fires: `security_measures: Vi vidtar åtgärder för att skydda personuppgifter.`
    """
    m = org.model
    phrase = _only_vague(m.security_measures)
    if phrase is not None and not m.security_policy_ref:
        yield Problem(
            f"the organisation's security measures describe no measure ('{phrase}')",
            org.ref.child("security_measures"),
        )


@rule(
    code="RPA132",
    name="breach-register-missing",
    severity="warning",
    scope="organisation",
    summary="The record does not say where personal data breaches are documented.",
    references=("GDPR Art. 33(5)",),
    fix="Link the breach register in `organisation.breach_register_ref`.",
)
def breach_register_missing(org: OrganisationView) -> Iterator[Problem]:
    """Art. 33(5): "The controller shall document any personal data breaches,
    comprising the facts relating to the personal data breach, its effects and
    the remedial action taken." The ICO template links the breach record from
    the record of processing; a missing link suggests there is no register.

    Example that fires: an `organisation:` block without `breach_register_ref`.
    """
    if not org.model.breach_register_ref:
        yield Problem("the record does not link a register of personal data breaches (breach_register_ref)")


@rule(
    code="RPA231",
    name="security-measures-missing",
    severity="error",
    scope="activity",
    summary="An activity has no description of security measures, neither its own nor the organisation's.",
    references=("GDPR Art. 30(1)(g)", "GDPR Art. 32(1)"),
    fix="Add `security_measures` or `security_policy_ref` to the activity, or general ones to `organisation`.",
)
def security_measures_missing(activity: ActivityView) -> Iterator[str]:
    """The record contains, "where possible, a general description of the
    technical and organisational security measures referred to in Article
    32(1)" (Art. 30(1)(g)). It is almost always possible. Supervisory
    authorities have fined controllers whose records lacked it (Garante,
    Foodinho, 2021; LfD Niedersachsen, Volkswagen, 2022). Measures stated on
    the organisation apply to every activity.

    Example that fires: an activity without `security_measures` or `security_policy_ref`, in an
    organisation without either.
    """
    a, o = activity.model, activity.record.org
    if not (
        _texts(a.security_measures) or a.security_policy_ref or _texts(o.security_measures) or o.security_policy_ref
    ):
        yield f"activity '{activity.id}' has no security measures, and the organisation states none either"


@rule(
    code="RPA232",
    name="security-measures-vague",
    severity="warning",
    scope="activity",
    summary="An activity's security measures only restate the duty to protect data.",
    references=("GDPR Art. 30(1)(g)", "GDPR Art. 32(1)"),
    fix="Describe the activity's measures in `security_measures`, or link its policy in `security_policy_ref`.",
)
def security_measures_vague(activity: ActivityView) -> Iterator[Problem]:
    """Like RPA131 for the measures an activity states itself: "appropriate
    technical and organisational measures" is the wording of Art. 32(1), not a
    description of what is done (Art. 30(1)(g)). Whether a text describes
    measures is a judgement, so this is a warning asking for the description.

    Example that fires: `security_measures: [appropriate technical and organisational measures]`.
    """
    a = activity.model
    phrase = _only_vague(a.security_measures)
    if phrase is not None and not a.security_policy_ref:
        at: Ref = activity.ref.child("security_measures")
        yield Problem(f"activity '{activity.id}' security measures describe no measure ('{phrase}')", at)
