"""RSE1xx: personnummer and samordningsnummer, Dataskyddslagen 3 kap. 10 §."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check import Problem, rule
from ropa_check.facts import category_has_children
from ropa_check.packs.se._common import DSL_3_10, swedish
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
    summary="Children's personnummer are processed without a guardian's consent or statute, "
    "a justification, and a necessity note.",
    references=(DSL_3_10, "GDPR Art. 87", "GDPR Art. 5(1)(c)", "GDPR recital 38"),
    fix="Record the guardian's consent (`guardian_consent_ref`) or the statute that requires the number "
    "(`national_id_justification.statute_ref`), the justification, and a `necessity_note` saying why a date "
    "of birth is not enough.",
)
def child_personnummer_without_justification(category: CategoryView) -> Iterator[Problem]:
    """Dataskyddslagen 3 kap. 10 § applies to children as to adults, and
    children merit specific protection (recital 38). A child usually cannot
    consent for itself, so consent must come from whoever has parental
    responsibility, or a statute must require the number. Because a date of
    birth usually identifies a child well enough, the record must also say why
    the full number is necessary (data minimisation, Art. 5(1)(c)).

    Example that fires: a category tagged `national_id` whose subjects are
    tagged `child`, without `guardian_consent_ref` and `necessity_note`.
    """
    if not (_applies(category) and category_has_children(category)):
        return
    m = category.model
    j = m.national_id_justification
    missing = []
    if not (m.guardian_consent_ref or (j and j.statute_ref)):
        missing.append("a guardian's consent or a statute")
    if not _justified(category):
        missing.append("a documented justification")
    if not m.necessity_note:
        missing.append("a necessity note (why a date of birth is not enough)")
    if missing:
        yield Problem(f"data category '{category.id}' holds children's personnummer without " + ", ".join(missing))


@rule(
    code="RSE103",
    name="sole-trader-org-number-is-personnummer",
    severity="warning",
    summary="Organisation numbers of sole traders are personnummer, and no justification is recorded.",
    references=(DSL_3_10, "GDPR Art. 87"),
    fix="Treat the category as personnummer: add `national_id_justification` (or a consent record), "
    "or restrict its `subjects` to legal persons' representatives.",
)
def sole_trader_org_number(category: CategoryView) -> Iterator[Problem]:
    """The organisation number of a sole trader (enskild näringsidkare) is the
    owner's personnummer, so 3 kap. 10 § applies to it as to any personnummer:
    without consent, only when "klart motiverat". A category of organisation
    numbers whose data subjects include sole traders (or are not stated) needs
    the same justification as a personnummer category.

    Example that fires: a category tagged `organisation_number` in an activity
    whose data subjects include one tagged `sole_trader`, without
    `national_id_justification`.
    """
    if not (swedish(category.record) and "organisation_number" in category.tags) or "national_id" in category.tags:
        return
    subjects = category.subject_tags
    if (not subjects or "sole_trader" in subjects) and not _justified(category):
        yield Problem(
            f"data category '{category.id}' holds organisation numbers of sole traders, which are personnummer, "
            "without a documented justification"
        )


@rule(
    code="RSE104",
    name="personnummer-as-member-id",
    severity="warning",
    summary="Personnummer are used as a member number, or the record does not say they are not.",
    references=(DSL_3_10, "IMY, Personnummer och samordningsnummer", "GDPR Art. 5(1)(c)"),
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
