"""The Swedish pack (codes RSE): Dataskyddslagen and other Swedish law.

Registered through the ``ropa_check`` entry-point group (``se``), like any
third-party pack. Its rules apply to a controller whose country is SE.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ropa_check.hookspecs import hookimpl
from ropa_check.record import CategoryView
from ropa_check.rule import Problem, Rule, rule

DSL_3_10 = "Dataskyddslagen (2018:218) 3 kap. 10 §"


def _applies(category: CategoryView) -> bool:
    return category.record.controller_country == "SE" and "national_id" in category.tags


def _is_child(category: CategoryView) -> bool:
    return any("child" in s.tags or (s.min_age is not None and s.min_age < 18) for s, _ in category.subjects)


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
    if _applies(category) and not _is_child(category) and not _justified(category):
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
    if not (_applies(category) and _is_child(category)):
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


@hookimpl
def ropa_check_rules() -> Sequence[Rule]:
    return [personnummer_without_justification, child_personnummer_without_justification]
