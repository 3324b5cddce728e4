"""RSE1xx: personnummer and samordningsnummer, Dataskyddslagen 3 kap. 10 §."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.facts import category_has_children
from ropa_check.packs.se._common import DSL_3_10, IMY_PERSONNUMMER, swedish
from ropa_check.types import CategoryView


def _applies(category: CategoryView) -> bool:
    return swedish(category.record) and "national_id" in category.tags


def _justified(category: CategoryView) -> bool:
    """Consent, a documented 'klart motiverat' ground, or a statute."""
    j = category.model.national_id_justification
    consent = category.model.consent_record_ref or any(
        b.basis is not None and b.basis.art6 == "consent" and b.basis.consent_record_ref for b in category.bases
    )
    return bool(consent or (j and ((j.ground and j.text) or j.statute_ref)))


@rule(
    code="RSE101",
    name="personnummer-without-justification",
    severity="error",
    summary="Personnummer or samordningsnummer are processed without consent or a documented justification.",
    references=(DSL_3_10, "GDPR Art. 87"),
    fix="Add `national_id_justification: {ground, text, approved_by}` (or `statute_ref`), "
    "or a `consent_record_ref`, to the data category.",
)
def personnummer_without_justification(category: CategoryView) -> Iterator[Problem]:
    """Dataskyddslagen 3 kap. 10 §: personnummer and samordningsnummer "får
    behandlas utan samtycke endast när det är klart motiverat med hänsyn till
    ändamålet med behandlingen, vikten av en säker identifiering eller något
    annat beaktansvärt skäl". IMY reads "klart motiverat" as a high bar and
    advises against using personnummer as a membership number. The record must
    show either consent or which of the three grounds applies and why.

    Example that fires: a category tagged `national_id` of a Swedish controller,
    with neither `consent_record_ref` nor `national_id_justification`.
    """
    if _applies(category) and not category_has_children(category) and not _justified(category):
        yield Problem(
            f"data category '{category.id}' holds personnummer without consent or a documented "
            "'klart motiverat' justification"
        )


@rule(
    code="RSE102",
    name="child-personnummer-without-justification",
    severity="error",
    summary="Children's personnummer are processed without consent, a documented 'klart motiverat' "
    "justification or a statute.",
    references=(DSL_3_10, IMY_PERSONNUMMER, "GDPR Art. 87", "GDPR recital 38"),
    fix="Record the consent (`guardian_consent_ref`: given by whoever has parental responsibility when the child "
    "cannot consent itself), or `national_id_justification` with its ground and why the full number is needed "
    "(why a date of birth is not enough), or the `statute_ref` that requires the number.",
)
def child_personnummer_without_justification(category: CategoryView) -> Iterator[Problem]:
    """Dataskyddslagen 3 kap. 10 § applies to children as to adults:
    personnummer "får behandlas utan samtycke endast när det är klart motiverat
    med hänsyn till ändamålet med behandlingen, vikten av en säker
    identifiering eller något annat beaktansvärt skäl". Consent, or a clear
    justification on one of those grounds, is enough; so is a special statute
    (IMY: "Det kan också finnas särskilda lagar som medger att ni får behandla
    personnummer och samordningsnummer"). A child who cannot understand what it
    consents to cannot consent, so the consent must then come from whoever has
    parental responsibility. Children merit specific protection (recital 38),
    and "klart motiverat" is a high bar: the justification should say why a
    date of birth does not identify the child well enough.

    Example that fires: a category tagged `national_id` whose subjects are
    tagged `child`, with neither `guardian_consent_ref`, a consent record nor
    `national_id_justification`.
    """
    if not (_applies(category) and category_has_children(category)):
        return
    if category.model.guardian_consent_ref or _justified(category):
        return
    yield Problem(
        f"data category '{category.id}' holds children's personnummer without consent (from a guardian where the "
        "child cannot give it), a documented 'klart motiverat' justification or a statute"
    )


def _sole_trader_numbers(category: CategoryView) -> bool:
    """A Swedish category of organisation numbers, not already treated as personnummer, without justification."""
    return (
        swedish(category.record)
        and "organisation_number" in category.tags
        and "national_id" not in category.tags
        and not _justified(category)
    )


@rule(
    code="RSE103",
    name="sole-trader-org-number-is-personnummer",
    severity="error",
    summary="Organisation numbers of sole traders, which are their personnummer, are processed without consent "
    "or a documented justification.",
    references=(DSL_3_10, "GDPR Art. 87"),
    fix="Treat the category as personnummer: add `national_id_justification` (ground and reasons, or "
    "`statute_ref`) or a consent record, or keep sole traders' numbers out of it.",
)
def sole_trader_org_number(category: CategoryView) -> Iterator[Problem]:
    """The organisation number of a sole trader (enskild näringsidkare) is the
    owner's personnummer, so 3 kap. 10 § applies to it as to any personnummer:
    without consent, only when "klart motiverat" with regard to the purpose,
    the importance of a secure identification or another considerable reason.
    A category of organisation numbers whose data subjects include sole
    traders, with neither consent nor a justification recorded, shows the
    breach: an error. (Where the record does not say whose numbers they are,
    RSE105 asks.)

    Example that fires: a category tagged `organisation_number` in an activity
    whose data subjects include one tagged `sole_trader`, without
    `national_id_justification`.
    """
    if _sole_trader_numbers(category) and "sole_trader" in category.subject_tags:
        yield Problem(
            f"data category '{category.id}' holds organisation numbers of sole traders, which are their "
            "personnummer, without consent or a documented 'klart motiverat' justification"
        )


@rule(
    code="RSE105",
    name="org-number-holders-unstated",
    severity="warning",
    summary="Organisation numbers are processed and the record does not say whose they are, so they may be sole "
    "traders' personnummer.",
    references=(DSL_3_10, "GDPR Art. 87"),
    fix="Tag the category's data subjects: `sole_trader` where sole traders are among them (then justify the "
    "numbers as personnummer), or `contact_person` for representatives of legal persons.",
)
def org_number_holders_unstated(category: CategoryView) -> Iterator[Problem]:
    """A sole trader's organisation number is the owner's personnummer, which
    Dataskyddslagen 3 kap. 10 § protects; a limited company's is not personal
    data at all. When a category of organisation numbers has data subjects
    that say nothing of who they are (no tags), the record does not show
    whether 3 kap. 10 § applies: the evidence is missing, so this is a
    warning. (With sole traders among the subjects, RSE103 reports an error
    instead.)

    Example that fires: a category tagged `organisation_number` whose data
    subjects have no tags, without `national_id_justification`.
    """
    if _sole_trader_numbers(category) and not category.subject_tags:
        yield Problem(
            f"data category '{category.id}' holds organisation numbers and the record does not say whose: sole "
            "traders' numbers are their personnummer"
        )


@rule(
    code="RSE104",
    name="personnummer-as-member-id",
    severity="warning",
    summary="Personnummer are used as a member number, or the record does not say they are not.",
    references=(DSL_3_10, IMY_PERSONNUMMER, "GDPR Art. 5(1)(c)"),
    fix="Use a separate member number and set `used_as_member_id: false` on the category.",
)
def personnummer_as_member_id(category: CategoryView) -> Iterator[Problem]:
    """IMY advises that personnummer be exposed as little as possible, and
    Datainspektionen's guidance for associations said that using personnummer
    as a membership number is not appropriate ("inte lämpligt"). A member
    register should use its own member number and say so.

    Example that fires: `used_as_member_id: true` on a `national_id` category,
    or a `national_id` category of members without `used_as_member_id`.
    """
    if not _applies(category):
        return
    used = category.model.used_as_member_id
    if used:
        yield Problem(f"personnummer in data category '{category.id}' are used as member numbers")
    elif used is None and "member" in category.subject_tags:
        yield Problem(f"the record does not say whether personnummer in '{category.id}' serve as member numbers")
