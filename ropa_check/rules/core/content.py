"""RPA2xx: what the processing is, Art. 30(1)(b)–(c)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.phrases import find, normalise, phrases
from ropa_check.rule import Problem, rule
from ropa_check.types import ActivityView, CategoryView


@rule(
    code="RPA201",
    name="category-purpose-missing",
    severity="error",
    summary="A data category serves no stated purpose.",
    references=("GDPR Art. 30(1)(b)", "GDPR Art. 5(1)(b)"),
    fix="Add a purpose to the activity (`purposes:`) or list the category's purposes by id (`purposes: [id]`).",
)
def category_purpose_missing(category: CategoryView) -> Iterator[str]:
    """Every category of personal data must be processed for a specified
    purpose (purpose limitation, Art. 5(1)(b)), and the record must state the
    purposes (Art. 30(1)(b)). A category inherits all its activity's purposes
    unless it names its own.

    Example that fires: an activity without `purposes`, or a category with `purposes: []`.
    """
    if not category.purposes:
        where = "the category lists none" if category.model.purposes is not None else "its activity states none"
        yield f"data category '{category.id}' serves no stated purpose ({where})"


@rule(
    code="RPA202",
    name="purpose-description-missing",
    severity="error",
    scope="activity",
    summary="A purpose has an id and tags but no description.",
    references=("GDPR Art. 30(1)(b)", "GDPR Art. 5(1)(b)"),
    fix="Describe the purpose in words in `description`: what is done with the data, and why.",
)
def purpose_description_missing(activity: ActivityView) -> Iterator[Problem]:
    """The record must state "the purposes of the processing" (Art. 30(1)(b)),
    and purposes must be "specified, explicit and legitimate" (Art. 5(1)(b)).
    An identifier and tags let ropa-check reason about a purpose; they do not
    tell a reader or a supervisory authority what it is.

    Example that fires: `purposes: [{id: p1, tags: [analytics]}]`.
    """
    for purpose, ref in activity.purposes.values():
        if not purpose.description:
            yield Problem(f"purpose '{purpose.id}' of activity '{activity.id}' has no description", ref)


@rule(
    code="RPA203",
    name="purpose-vague",
    severity="warning",
    scope="activity",
    summary='A purpose is described only in broad words ("business purposes", "improve our services").',
    references=("GDPR Art. 5(1)(b)", "GDPR Art. 30(1)(b)"),
    fix="Say specifically what is done with which data and why, and tag the purpose (`tags`).",
)
def purpose_vague(activity: ActivityView) -> Iterator[Problem]:
    """Purposes must be "specified, explicit and legitimate" (Art. 5(1)(b)).
    Phrases such as "business purposes", "to improve our services" or a
    purpose that is only the word "marketing" do not say what the data are
    used for, so a reader cannot tell which processing the purpose covers.
    Whether a text is specific enough is a judgement, so this is a warning
    asking for a specific description. The phrase list is bilingual (English and Swedish).

    Example that fires: `description: Att utveckla och förbättra vår marknadsföring och våra tjänster.`
    """
    for purpose, ref in activity.purposes.values():
        text = purpose.description
        if not text:
            continue
        phrase = find(text, "vague_purpose")
        bare = normalise(text).strip(" .!")
        if phrase is None and bare in phrases("vague_purpose_alone"):
            phrase = bare
        if phrase is not None:
            yield Problem(
                f"purpose '{purpose.id}' is described only in broad words: '{phrase}'", ref.child("description")
            )


@rule(
    code="RPA211",
    name="data-subjects-missing",
    severity="error",
    scope="activity",
    summary="An activity states no categories of data subjects.",
    references=("GDPR Art. 30(1)(c)",),
    fix="Add `data_subjects: [{id, name, tags}]` to the activity (members, customers, employees...).",
)
def data_subjects_missing(activity: ActivityView) -> Iterator[str]:
    """The record must contain "a description of the categories of data
    subjects" (Art. 30(1)(c)): whose data the activity processes. Without it
    the rules on children, employees and other vulnerable people cannot apply.

    Example that fires: an activity without `data_subjects`.
    """
    if not activity.model.data_subjects:
        yield f"activity '{activity.id}' states no categories of data subjects"


@rule(
    code="RPA212",
    name="data-categories-missing",
    severity="error",
    scope="activity",
    summary="An activity states no categories of personal data.",
    references=("GDPR Art. 30(1)(c)", "GDPR Art. 30(1)(f)"),
    fix="Add `data_categories: [{id, name, tags}]` to the activity.",
)
def data_categories_missing(activity: ActivityView) -> Iterator[str]:
    """The record must contain "a description of ... the categories of personal
    data" (Art. 30(1)(c)), and time limits for erasure are given per category
    (Art. 30(1)(f)). An activity without data categories says nothing about
    what it processes, and no category-level rule can check it.

    Example that fires: an activity without `data_categories`.
    """
    if not activity.model.data_categories:
        yield f"activity '{activity.id}' states no categories of personal data"


@rule(
    code="RPA213",
    name="data-subject-without-data",
    severity="warning",
    scope="activity",
    summary="A category of data subjects is listed, but no data category covers it.",
    references=("GDPR Art. 30(1)(c)", "GDPR Art. 5(1)(c)"),
    fix="Add the subject's id to the `subjects` of the data categories held about them, or remove the subject.",
)
def data_subject_without_data(activity: ActivityView) -> Iterator[Problem]:
    """Every data category names the data subjects it concerns (`subjects`,
    by default all of the activity's). A subject category that no data
    category covers means the record does not say which data are held about
    those people (Art. 30(1)(c)), or that they are listed without need (data
    minimisation, Art. 5(1)(c)).

    Example that fires: a subject `barn` when every data category has `subjects: [medlemmar]`.
    """
    if not activity.categories:
        return
    covered = {s.id for c in activity.categories for s, _ in c.subjects}
    for subject, ref in activity.subjects.values():
        if subject.id not in covered:
            yield Problem(f"no data category of activity '{activity.id}' covers data subjects '{subject.id}'", ref)
