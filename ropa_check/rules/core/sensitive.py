"""RPA70x special categories of data (Art. 9) and RPA71x criminal-offence data (Art. 10)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import CategoryView, OrganisationView

#: Payment remarks and enforcement debts are civil matters, never Art. 10 data.
CIVIL_DEBT = frozenset({"payment_default", "enforcement_debt"})


def special_tags(category: CategoryView) -> list[str]:
    return [t for t in category.tags if t.startswith("special_category:")]


@rule(
    code="RPA701",
    name="special-category-without-condition",
    severity="error",
    summary="Special-category data (Art. 9(1)) are processed without a recorded Art. 9(2) condition.",
    references=("GDPR Art. 9(1)", "GDPR Art. 9(2)", "Dataskyddslagen (2018:218) 3 kap."),
    fix="Set `art9_condition` on the category, e.g. 'Art. 9(2)(a) explicit consent', and for 9(2)(b), (g)–(j) "
    "the national provision too.",
)
def special_category_without_condition(category: CategoryView) -> Iterator[str]:
    """Processing data revealing racial or ethnic origin, political opinions,
    religious or philosophical beliefs, trade-union membership, genetic or
    biometric data for identification, health, sex life or sexual orientation
    "shall be prohibited" (Art. 9(1)) unless one of the conditions of Art. 9(2)
    applies, in addition to an Art. 6 basis. Conditions (b), (g), (h), (i) and
    (j) need Union or Member State law, so the record should also cite it.

    Example that fires: a category tagged `special_category:health` without `art9_condition`.
    """
    tags = special_tags(category)
    if tags and not category.model.art9_condition:
        yield f"data category '{category.id}' holds {', '.join(tags)} data without an Art. 9(2) condition"


@rule(
    code="RPA702",
    name="membership-may-reveal-special-category",
    severity="warning",
    scope="organisation",
    summary="Members are registered, and the record does not say whether membership itself reveals Art. 9 data.",
    references=("GDPR Art. 9(1)", "GDPR Art. 9(2)(d)"),
    fix="Add `organisation.membership_art9_assessment`: whether the organisation has a political, "
    "philosophical, religious or trade-union aim and, if so, the Art. 9(2) condition.",
)
def membership_may_reveal_special_category(org: OrganisationView) -> Iterator[Problem]:
    """If an organisation has a political, philosophical, religious or
    trade-union aim, the fact that someone is a member reveals that person's
    opinions or beliefs: Art. 9(1) data. Art. 9(2)(d) lets "a foundation,
    association or any other not-for-profit body" process such data about its
    members, with safeguards and without disclosure outside the body without
    consent; a company run for profit cannot rely on it. Whether this applies
    is a judgement the record must document.

    Example that fires: an activity whose data subjects are tagged `member`,
    and no `membership_art9_assessment`.
    """
    if org.model.membership_art9_assessment:
        return
    for activity in org.record.activities:
        for subject, ref in activity.subjects.values():
            if "member" in subject.tags:
                yield Problem(
                    f"activity '{activity.id}' registers members; the record does not say whether membership "
                    "reveals political, philosophical, religious or trade-union affiliation",
                    at=ref,
                )
                return


@rule(
    code="RPA711",
    name="criminal-data-without-authority",
    severity="error",
    summary="Personal data about criminal convictions or offences are processed without a recorded legal "
    "authority (Art. 10).",
    references=("GDPR Art. 10", "Dataskyddslagen (2018:218) 3 kap.", "Förordning (2018:219) 5 §"),
    fix="Set `art10_authority` to the law that authorises the processing (for a Swedish non-authority: "
    "förordning (2018:219) 5 § or IMY's regulations); consent is not enough.",
)
def criminal_data_without_authority(category: CategoryView) -> Iterator[str]:
    """Data relating to criminal convictions and offences may be processed
    "only under the control of official authority or when the processing is
    authorised by Union or Member State law providing for appropriate
    safeguards" (Art. 10). In Sweden, as a main rule only authorities may
    process them; others need a ground in förordning (2018:219) 5 § or IMY's
    regulations, and consent does not suffice. Payment remarks and debts
    registered with Kronofogden are civil matters, not Art. 10 data, and do not
    trigger this rule (RPA712 flags them if tagged `criminal`).

    Example that fires: a category tagged `criminal` without `art10_authority`.
    """
    tags = set(category.tags)
    if "criminal" in tags and not tags & CIVIL_DEBT and not category.model.art10_authority:
        yield f"data category '{category.id}' holds criminal-offence data without a recorded legal authority"


@rule(
    code="RPA712",
    name="civil-debt-tagged-criminal",
    severity="warning",
    summary="Payment remarks or enforcement debts are tagged as criminal-offence data.",
    references=("GDPR Art. 10",),
    fix="Remove the `criminal` tag: keep `payment_default` / `enforcement_debt` (and `financial`).",
)
def civil_debt_tagged_criminal(category: CategoryView) -> Iterator[str]:
    """Art. 10 covers "personal data relating to criminal convictions and
    offences or related security measures". A payment remark
    (betalningsanmärkning) or a debt registered with the enforcement authority
    (Kronofogden) records a civil obligation, not an offence. Tagging it
    `criminal` misstates the record and would demand an Art. 10 authority that
    does not exist. (Such data are still highly personal financial data: the
    DPIA screening counts them.)

    Example that fires: a category tagged `[payment_default, criminal]`.
    """
    tags = set(category.tags)
    if "criminal" in tags and tags & CIVIL_DEBT:
        yield f"data category '{category.id}' holds payment remarks or enforcement debts, which are not Art. 10 data"
