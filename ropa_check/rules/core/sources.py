"""RPA22x: where personal data come from, Art. 14."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import find
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView, Located, Record, Source

#: Source types where the data are not obtained from the data subject (Art. 14 applies).
NOT_FROM_SUBJECT = frozenset({"guardian", "third_party", "public_register", "social_media", "partner", "credit_agency"})
#: Of those, the sources whose data are matched or combined with the controller's own (WP248 criterion 6).
EXTERNAL = NOT_FROM_SUBJECT - {"guardian"}


def used_sources(record: Record) -> list[Located[Source]]:
    """The registry's sources that some activity or data category names, in registry order."""
    used: set[str] = set()
    for activity in record.activities:
        used.update(activity.model.sources or ())
        for category in activity.categories:
            used.update(category.model.sources or ())
    return [s for sid, s in record.sources.items() if sid in used]


#: Data-category tags whose data are by definition obtained from someone other than the data subject.
FROM_THIRD_PARTY_TAGS = frozenset({"credit_report"})


def _third_party_unnamed(category: CategoryView) -> list[str]:
    """How the record shows this category's data come from someone else without naming who."""
    sources, _ = category.sources
    if sources is None:
        tags = sorted(FROM_THIRD_PARTY_TAGS.intersection(category.tags))
        return [f"it is tagged {', '.join(tags)} and names no source"] if tags else []
    return [
        f"its source '{s.model.id}' ({s.model.type}) has no name"
        for s in sources
        if s.model.type in NOT_FROM_SUBJECT and not (s.model.name and s.model.name.strip())
    ]


@rule(
    code="RPA221",
    name="sources-not-stated",
    severity="warning",
    summary="A data category does not say where its data come from.",
    references=("GDPR Art. 13(1)", "GDPR Art. 14(1)", "GDPR Art. 14(2)(f)", "GDPR Art. 5(2)"),
    fix="Add `sources: [id]` to the category or its activity, naming the data subject where the data come from them.",
)
def sources_not_stated(category: CategoryView) -> Iterator[str]:
    """Art. 30(1) does not list the sources of the data, but the duty to
    inform depends on them: Art. 13 applies to data collected from the data
    subject, Art. 14 where they "have not been obtained from the data subject",
    and then the data subject must be told "from which source the personal
    data originate, and if applicable, whether it came from publicly accessible
    sources" (Art. 14(2)(f)). A record that states no source cannot show which
    applies or that the information is given (Art. 5(2)); that is evidence
    missing, so this is a warning. A source of type `data_subject` is an
    answer. Where the record shows the data come from someone else and does
    not name the source, RPA225 reports an error instead.

    Example that fires: a category and its activity without `sources`.
    """
    sources, _ = category.sources
    if sources is None and not _third_party_unnamed(category):
        yield f"data category '{category.id}' does not state where its data come from (sources)"


@rule(
    code="RPA225",
    name="third-party-source-not-named",
    severity="error",
    summary="A data category's data come from someone other than the data subject, and the record does not name "
    "the source.",
    references=("GDPR Art. 14(2)(f)", "GDPR Art. 14(1)", "GDPR Art. 5(2)"),
    fix="Name the source in `sources:` (an entry with a `name` and `type`: the credit agency, register, partner "
    "or platform), and give the category or its activity `sources: [id]`.",
)
def third_party_source_not_named(category: CategoryView) -> Iterator[str]:
    """Where personal data "have not been obtained from the data subject",
    the controller must tell the data subject "from which source the personal
    data originate" (Art. 14(2)(f)) and be able to show that it does (Art.
    5(2)); a controller that has not recorded who the source is cannot. This
    rule fires when the record itself shows the data come from someone else
    and does not name that source: a category tagged `credit_report` (by
    definition obtained from a credit reference agency) with no sources, or a
    source of a type other than `data_subject` (a guardian, third party,
    public register, social media, partner or credit agency) that has no
    name. A source named only generically is RPA222's warning.

    Example that fires: a category tagged `credit_report` in an activity without `sources`.
    """
    for how in _third_party_unnamed(category):
        yield f"data category '{category.id}' comes from someone other than the data subject, and {how}"


@rule(
    code="RPA222",
    name="source-generic",
    severity="warning",
    scope="record",
    summary='A source is named only generically ("partners", "public databases", "social media").',
    references=("GDPR Art. 14(2)(f)",),
    fix="Name the source (the partner, register or platform), or a precise category of sources, "
    "and set `publicly_accessible`.",
)
def source_generic(record: Record) -> Iterator[Problem]:
    """Art. 14(2)(f) requires telling data subjects "from which source the
    personal data originate". "Partners", "public databases" or "social
    media" do not let a data subject find out who holds their data or check
    what the source was allowed to share. Whether a name is specific enough is
    a judgement, so this is a warning asking for the named source. The phrase
    list is bilingual. An external source with no name at all is RPA225's
    error; the data subject, or data the controller generates, need no name.

    Example that fires: `sources: [{id: partners, name: Samarbetspartners, type: partner}]`.
    """
    for source in used_sources(record):
        m = source.model
        phrase = find(m.name, "generic_party")
        if phrase is not None:
            yield Problem(f"source '{m.id}' is named only generically: '{phrase}'", source.ref.child("name"))


@rule(
    code="RPA223",
    name="source-art14-undocumented",
    severity="warning",
    scope="record",
    summary="Data come from someone other than the data subject, and the record does not say how Art. 14 is met.",
    references=("GDPR Art. 14(1)", "GDPR Art. 14(3)", "GDPR Art. 14(5)"),
    fix="Add `art14_notice` (how and when data subjects are informed) or `art14_5_exemption` "
    "(which point of Art. 14(5) applies, and why) to the source.",
)
def source_art14_undocumented(record: Record) -> Iterator[Problem]:
    """When personal data are not obtained from the data subject, the
    controller must inform them (Art. 14(1)–(2)) within a reasonable period
    and at the latest within one month, at the first communication, or before
    disclosing the data (Art. 14(3)), unless an exemption of Art. 14(5)
    applies: (a) they already have the information, (b) it is impossible or
    would involve a disproportionate effort (then with "appropriate measures",
    such as making the information public), (c) the law expressly provides for
    the obtaining or disclosure, or (d) professional secrecy. Data that a
    parent gives about a child come from a third party too; that gap is
    reported per data category by the children's rule RPA723, not again here.

    Example that fires: a source of type `partner` without `art14_notice` or `art14_5_exemption`.
    """
    for source in used_sources(record):
        m = source.model
        if m.type in EXTERNAL and not (m.art14_notice or m.art14_5_exemption):
            yield Problem(
                f"source '{m.id}' ({m.type}) is not the data subject, and the record does not say how they are "
                "informed (Art. 14) or which exemption applies",
                source.ref,
            )


@rule(
    code="RPA224",
    name="sources-combined",
    severity="warning",
    scope="activity",
    summary="An activity combines data from several external sources, or from social media, without a note on "
    "the combination.",
    references=(
        "GDPR Art. 6(1)",
        "GDPR Art. 14(1)",
        "GDPR Art. 5(1)(a)",
        "WP29 Guidelines on DPIA, WP248 rev.01, criterion 6",
    ),
    fix="Say in the activity's `source_combination_note` what is combined, on which basis, and why the "
    "combination stays within what the data subjects can reasonably expect, and count WP248 criterion 6 in the "
    "DPIA screening.",
)
def sources_combined(activity: ActivityView) -> Iterator[Problem]:
    """Data obtained from partners, registers, agencies or social media were
    collected by someone else. For the controller that receives them this is
    not "further processing" under Art. 6(4), which concerns the controller
    that collected the data for another purpose (data from a credit agency used
    for a credit assessment are used for the purpose they were obtained for):
    it is the receiving controller's own collection, which needs its own basis
    under Art. 6(1), the information of Art. 14, and fairness (Art. 5(1)(a)).
    Combining them is criterion 6 of the WP248 DPIA guidelines, "matching or
    combining datasets, for example originating from two or more data
    processing operations performed for different purposes and/or by different
    data controllers in a way that would exceed the reasonable expectations of
    the data subject". Whether it does is a judgement, so this is a warning
    asking the record to say. It fires for two or more distinct external
    sources in one activity, or any social-media source.

    Example that fires: an activity with `sources: [partners, social-media]` and no `source_combination_note`.
    """
    if activity.model.source_combination_note:
        return
    known = activity.record.sources
    ids: list[str] = list(activity.model.sources or ())
    for category in activity.categories:
        ids.extend(i for i in category.model.sources or () if i not in ids)
    external = [known[i].model for i in dict.fromkeys(ids) if i in known and known[i].model.type in EXTERNAL]
    social = [s for s in external if s.type == "social_media"]
    if len(external) >= 2 or social:
        names = ", ".join(f"'{s.id}'" for s in external)
        yield Problem(
            f"activity '{activity.id}' combines data from external sources {names}, and the record does not say "
            "why the combination stays within what the data subjects can expect (source_combination_note)",
            activity.ref.child("sources") if activity.model.sources else activity.ref,
        )
