"""RPA214–RPA218: facts a record states in words but not in the tags the rules read.

Rules trigger on tags (`special_category:health`, `child`, `sole_trader`, a
purpose `video_surveillance`) and flags (`anonymous`). A record written before
its authors knew the vocabulary says these things in prose: a category named
"Fackavgift" tagged only `financial`, members described as "barn och
ungdomar". Then the rules that protect those data stay silent. These rules
notice the words (English and Swedish, ``data/words.yaml``) and ask for the tag,
at the text that says it. They are warnings: words are evidence, not proof,
and a waiver with a reason settles a false alarm.
"""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import find_word
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView, DataSubject, Ref

#: The special categories of Art. 9(1), by tag, as a reader would name them.
SPECIAL = {
    "special_category:trade_union_membership": "trade union membership",
    "special_category:health": "data concerning health",
    "special_category:religious_beliefs": "religious or philosophical beliefs",
    "special_category:political_opinions": "political opinions",
    "special_category:racial_ethnic_origin": "racial or ethnic origin",
    "special_category:biometric": "biometric data for identification",
    "special_category:genetic": "genetic data",
    "special_category:sex_life": "sex life or sexual orientation",
}
_TEXT_FIELDS = ("name", "description")


def _said(model: object, ref: Ref, words: str) -> tuple[str, Ref] | None:
    """The phrase of list ``words`` in the entry's name or description, and where it is written."""
    for field in _TEXT_FIELDS:
        found = find_word(getattr(model, field, None), words)
        if found is not None:
            return found, ref.child(field)
    return None


@rule(
    code="RPA214",
    scope="category",
    name="special-category-in-words",
    severity="warning",
    summary="A data category's name or description reads as special-category data (Art. 9(1)), but it is "
    "not tagged so.",
    references=("GDPR Art. 9(1)", "GDPR Art. 30(1)(c)"),
    fix="Tag the category with the special category it holds (e.g. `special_category:trade_union_membership`), "
    "so that the Art. 9 rules check it; or waive with a reason if the words mislead.",
)
def special_category_in_words(category: CategoryView) -> Iterator[Problem]:
    """Union dues reveal trade-union membership and sick leave concerns health:
    both are special categories of data (Art. 9(1)), which need an Art. 9(2)
    condition and care the rules check only for categories tagged
    `special_category:...`. The record describes the categories of personal data
    (Art. 30(1)(c)); when the words say a special category and the tags do not,
    the category is reported at the words.

    Example that fires: `{id: fackavgift, name: Fackavgift, tags: [financial]}`.
    """
    for tag, label in SPECIAL.items():
        if tag in category.tags:
            continue
        said = _said(category.model, category.ref, tag)
        if said is not None:
            phrase, at = said
            yield Problem(
                f"data category '{category.id}' is described as '{phrase}', which reads as {label} (Art. 9(1)), "
                f"but is not tagged `{tag}`",
                at=at,
            )


def _subjects_said(activity: ActivityView, words: str) -> Iterator[tuple[DataSubject, str, Ref]]:
    for subject, ref in activity.subjects.values():
        said = _said(subject, ref, words)
        if said is not None:
            yield subject, *said


@rule(
    code="RPA215",
    scope="activity",
    name="children-in-words",
    severity="warning",
    summary="A data subject category reads as children, but is neither tagged `child` nor given a `min_age`.",
    references=("GDPR Art. 8(1)", "GDPR recital 38", "GDPR Art. 30(1)(c)"),
    fix="Tag the data subject category `child` or give its `min_age`, so that the rules on children apply; or "
    "waive with a reason if the words mislead.",
)
def children_in_words(activity: ActivityView) -> Iterator[Problem]:
    """Children merit specific protection (recital 38), and consent for
    information society services offered to them needs a parent's
    authorisation below the age Art. 8(1) sets. The rules that check this read
    the `child` tag and `min_age`. A category described as children ("barn",
    "elever", "minors") without either is reported at the words; one that is
    about parents or guardians of children is not.

    Example that fires: `{id: juniorer, name: Barn och ungdomar, tags: [member]}`.
    """
    for subject, phrase, at in _subjects_said(activity, "child"):
        if "child" in subject.tags or "guardian" in subject.tags or subject.min_age is not None:
            continue
        if _said(subject, at, "guardian") is not None:
            continue
        yield Problem(
            f"data subject category '{subject.id}' is described as '{phrase}', but is not tagged `child` and "
            "has no `min_age`",
            at=at,
        )


@rule(
    code="RPA216",
    scope="activity",
    name="sole-traders-in-words",
    severity="warning",
    summary="A data subject or data category reads as sole traders, whose business data are personal data, but "
    "no data subject category is tagged `sole_trader`.",
    references=("GDPR Art. 4(1)", "GDPR Art. 30(1)(c)"),
    fix="Tag the data subject category `sole_trader`, so that national rules on their identifiers apply; or "
    "waive with a reason if the words mislead.",
)
def sole_traders_in_words(activity: ActivityView) -> Iterator[Problem]:
    """A sole trader is a natural person: the business's name, number and
    payments are information relating to an identified natural person (Art.
    4(1)). Where a national identifier doubles as the business's number (a
    Swedish sole trader's organisation number is the owner's personnummer),
    national rules apply to it; they read the `sole_trader` tag. Customers
    described as "enskilda firmor" or "sole traders" without it are reported at
    the words.

    Example that fires: `{id: kunder, name: Företagskunder, inklusive enskilda firmor, tags: [customer]}`.
    """
    if "sole_trader" in activity.subject_tags:
        return
    for _, phrase, at in _subjects_said(activity, "sole_trader"):
        yield Problem(
            f"activity '{activity.id}' describes its data subjects as '{phrase}', but no data subject category "
            "is tagged `sole_trader`",
            at=at,
        )
        return
    for category in activity.categories:
        said = _said(category.model, category.ref, "sole_trader")
        if said is not None:
            yield Problem(
                f"data category '{category.id}' is described as '{said[0]}', but no data subject category of "
                f"activity '{activity.id}' is tagged `sole_trader`",
                at=said[1],
            )
            return


@rule(
    code="RPA217",
    scope="activity",
    name="video-surveillance-in-words",
    severity="warning",
    summary="An activity reads as camera surveillance, but no purpose is tagged `video_surveillance`.",
    references=(
        "GDPR Art. 35(3)(c)",
        "EDPB Guidelines 3/2019 on processing of personal data through video devices, v2.0, 29 January 2020",
    ),
    fix="Tag the purpose `video_surveillance` (and the images `image`), so that the monitoring is screened for a "
    "DPIA; or waive with a reason if the words mislead.",
)
def video_surveillance_in_words(activity: ActivityView) -> Iterator[Problem]:
    """Camera surveillance is systematic monitoring; of a publicly accessible
    area on a large scale it needs a DPIA (Art. 35(3)(c)), and the EDPB's
    guidelines on video devices set out what a controller must consider. The
    DPIA screening reads the purpose tag `video_surveillance`. An activity whose
    name, description, purposes or categories speak of CCTV or
    "kameraövervakning" without it is reported at the words.

    Example that fires: `{id: butik, name: Kameraövervakning i butiken, purposes: [{id: skydd, tags: [security]}]}`.
    """
    if "video_surveillance" in activity.purpose_tags:
        return
    places: list[tuple[object, Ref]] = [(activity.model, activity.ref)]
    places += [(purpose, ref) for purpose, ref in activity.purposes.values()]
    places += [(category.model, category.ref) for category in activity.categories]
    for model, ref in places:
        said = _said(model, ref, "video_surveillance")
        if said is not None:
            yield Problem(
                f"activity '{activity.id}' speaks of '{said[0]}', but no purpose is tagged `video_surveillance`",
                at=said[1],
            )
            return


@rule(
    code="RPA218",
    scope="category",
    name="anonymity-claimed-in-words",
    severity="warning",
    summary="A data category is called anonymous in words, but `anonymous: true` is not set, so the claim is "
    "never checked.",
    references=("GDPR recital 26", "GDPR Art. 4(1)"),
    fix="Set `anonymous: true` (then RPA903 checks the claim against identifiers, and `anonymisation_ref` "
    "documents it), or describe the data as the personal data they are.",
)
def anonymity_claimed_in_words(category: CategoryView) -> Iterator[Problem]:
    """Anonymous information is outside the Regulation (recital 26), so calling
    data anonymous is a claim with consequences. RPA903 tests the claim against
    the identifiers a category holds, but only when the record makes it with
    `anonymous: true`. "Anonymous analytics" keyed by IP address, without the
    flag, is reported at the words; "not anonymous" and "pseudonymous" are not.

    Example that fires: `{id: statistik, name: Anonym besöksstatistik, tags: [ip_address]}`.
    """
    if category.model.anonymous is not None:
        return
    said = _said(category.model, category.ref, "anonymous")
    if said is not None:
        identifiers = sorted({"ip_address", "cookie_id", "device_id", "online_identifier"} & set(category.tags))
        held = f"; it holds {', '.join(identifiers)}" if identifiers else ""
        yield Problem(
            f"data category '{category.id}' is described as '{said[0]}', but `anonymous` is not set{held}",
            at=said[1],
        )
