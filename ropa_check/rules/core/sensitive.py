"""RPA70x special categories of data (Art. 9) and RPA71x criminal-offence data (Art. 10).

EU-wide: messages, fixes and references name no national statute. Where Art. 9
or Art. 10 leaves a condition to national law, a national pack cites its
provisions with these findings through the ``ropa_check_national_references``
hook (the Swedish pack: Dataskyddslagen 3 kap.; förordning (2018:219) 5 §).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ropa_check.rule import Problem, rule
from ropa_check.types import CategoryView, OrganisationView


class _Lazy:
    """A regular expression compiled when first used: most records have no Art. 9 condition to read, and
    compiling these at import cost every run about 2 ms."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern, self._flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def _re(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return self._compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self._re.search(text)

    def match(self, text: str) -> re.Match[str] | None:
        return self._re.match(text)

    def findall(self, text: str) -> list[str]:
        return self._re.findall(text)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._re.finditer(text)

    def sub(self, replacement: str, text: str) -> str:
        return self._re.sub(replacement, text)


#: Payment remarks and enforcement debts are civil matters, never Art. 10 data.
CIVIL_DEBT = frozenset({"payment_default", "enforcement_debt"})


def special_tags(category: CategoryView) -> list[str]:
    return [t for t in category.tags if t.startswith("special_category:")]


@rule(
    code="RPA701",
    name="special-category-without-condition",
    severity="error",
    summary="Special-category data (Art. 9(1)) are processed without a recorded Art. 9(2) condition.",
    references=("GDPR Art. 9(1)", "GDPR Art. 9(2)"),
    fix="Set `art9_condition` on the category, e.g. 'Art. 9(2)(a) explicit consent'; for 9(2)(b) and (g)–(j) "
    "name the Union or Member State law in `art9_law` as well.",
)
def special_category_without_condition(category: CategoryView) -> Iterator[str]:
    """Processing data revealing racial or ethnic origin, political opinions,
    religious or philosophical beliefs, trade-union membership, genetic or
    biometric data for identification, health, sex life or sexual orientation
    "shall be prohibited" (Art. 9(1)) unless one of the conditions of Art. 9(2)
    applies, in addition to an Art. 6 basis. Conditions (b), (g), (h), (i) and
    (j) need Union or Member State law, so the record should also cite it
    (RPA703 checks that it does).

    Example that fires: a category tagged `special_category:health` without `art9_condition`.
    """
    tags = special_tags(category)
    if tags and not category.model.art9_condition:
        yield f"data category '{category.id}' holds {', '.join(tags)} data without an Art. 9(2) condition"


#: An Art. 9(2) point as records write it: "Art. 9(2)(h)", "artikel 9.2 h", "9.2.h".
_ART9_POINT = _Lazy(r"(?<!\d)(?<!\d\.)9\s*(?:\(\s*2\s*\)|\.\s*2)\s*\.?\s*\(?\s*([a-j])(?![a-zåäö])", re.IGNORECASE)
#: What each point that needs a legal basis outside the GDPR needs (Art. 9(2)(b), (g)–(j)).
_NEEDS_LAW = {
    "b": "Union or Member State law, or a collective agreement under Member State law, that authorises it",
    "g": "a basis in Union or Member State law",
    "h": "a basis in Union or Member State law, or a contract with a health professional bound by secrecy (Art. 9(3))",
    "i": "a basis in Union or Member State law",
    "j": "a basis in Union or Member State law",
}
#: Marks of a named law: an SFS number, a section sign, a chapter, an EU act's number, a numbered section.
_LAW_NUMBER = _Lazy(
    r"\b(?:19|20)\d{2}\s*:\s*\d+|§|\b\d+\s*kap\b|\b(?:19|20)\d{2}\s*/\s*\d+|\b\d{2}\s*/\s*\d+\s*/\s*E[CEGU]|"
    r"\b(?:section|sec\.)\s*\d+",
    re.IGNORECASE,
)
#: The GDPR's own number, which names no other law.
_GDPR_NUMBER = _Lazy(r"\b2016\s*/\s*679\b")
#: A statute's name: Swedish compounds (Patientdatalagen, Socialförsäkringsbalken) or an English Act, Code, Directive.
_STATUTE_WORD = _Lazy(r"\b[a-zåäö]{3,}(?:lagen|lag|balken|balk|förordningen|förordning)\b", re.IGNORECASE)
_ENGLISH_STATUTE = _Lazy(r"\b(?:Act|Code|Directive|Ordinance|Statute)\b")
#: Swedish words ending in "lag" or "förordning" that are no statute, and the GDPR's own Swedish name.
_NOT_A_STATUTE = _Lazy(
    r"^(?:\w*(?:för|av|an|in|ut|på|till)slag(?:en)?|\w*underlag|\w*upplag|dataskyddsförordning(?:en)?)$", re.IGNORECASE
)
#: What stands in for a law under (b) (a collective agreement) and (h) (a contract with a health professional).
_ALTERNATIVE = {
    "b": _Lazy(r"kollektivavtal|collective agreement", re.IGNORECASE),
    "h": _Lazy(r"avtal|contract", re.IGNORECASE),
}


def art9_points(condition: str | None) -> list[str]:
    """The Art. 9(2) points a condition names, in order, e.g. ``['h']`` for 'Art. 9(2)(h) hälso- och sjukvård'."""
    return list(dict.fromkeys(m.lower() for m in _ART9_POINT.findall(condition or "")))


def names_a_law(text: str) -> bool:
    """Whether ``text`` names a law beside the GDPR: by its number or section, or by a statute's name."""
    stripped = _ART9_POINT.sub(" ", _GDPR_NUMBER.sub(" ", text))
    if _LAW_NUMBER.search(stripped) or _ENGLISH_STATUTE.search(stripped):
        return True
    return any(not _NOT_A_STATUTE.match(m.group(0)) for m in _STATUTE_WORD.finditer(stripped))


@rule(
    code="RPA703",
    name="art9-condition-without-law",
    severity="warning",
    summary="The Art. 9(2) condition is (b) or (g)–(j), which rest on Union or Member State law, and the record "
    "names no law.",
    references=(
        "GDPR Art. 9(2)(b)",
        "GDPR Art. 9(2)(g)",
        "GDPR Art. 9(2)(h)",
        "GDPR Art. 9(2)(i)",
        "GDPR Art. 9(2)(j)",
        "GDPR Art. 9(3)",
    ),
    fix="Set `art9_law` on the category to the law the condition rests on, with its provision (for 9(2)(b) a "
    "collective agreement may stand in for the law; for 9(2)(h) a contract with a health professional bound by "
    "secrecy).",
)
def art9_condition_without_law(category: CategoryView) -> Iterator[Problem]:
    """Some Art. 9(2) conditions lift the prohibition only together with a law
    outside the GDPR: (b) employment and social-security law "in so far as it is
    authorised by Union or Member State law or a collective agreement pursuant
    to Member State law"; (g) substantial public interest "on the basis of
    Union or Member State law"; (h) health and social care "on the basis of
    Union or Member State law or pursuant to contract with a health
    professional and subject to the conditions and safeguards referred to in
    paragraph 3"; (i) public health and (j) archiving, research and statistics,
    each "on the basis of" (or "based on") Union or Member State law. A record
    that names one of these points and no law does not show that the condition
    is met. The law may be unclear to the record's author, so this is a
    warning. The law belongs in `art9_law` (format 1.1); in a record without
    it, a law counts as named when `art9_condition` gives its number or
    section (an SFS number, §, an EU act's number) or its name; the GDPR itself
    does not count.

    Example that fires: `art9_condition: 'Art. 9(2)(g) viktigt allmänt intresse'`.
    """
    condition = category.model.art9_condition
    if not (condition and special_tags(category)) or category.model.art9_law:
        return
    needing = [p for p in art9_points(condition) if p in _NEEDS_LAW]
    if not needing or names_a_law(condition):
        return
    if any(p in _ALTERNATIVE and _ALTERNATIVE[p].search(condition) for p in needing):
        return
    needs = "; ".join(f"9(2)({p}) needs {_NEEDS_LAW[p]}" for p in needing)
    yield Problem(
        f"data category '{category.id}' relies on Art. {', '.join(f'9(2)({p})' for p in needing)} and names no "
        f"law: {needs}",
        at=category.ref.child("art9_condition"),
    )


#: A company's legal form in its name: it is run for profit, so it is no Art. 9(2)(d) body.
_FOR_PROFIT = _Lazy(
    r"\b(?:AB|HB|KB|Ltd|plc|Inc|LLC|GmbH|AG|Oyj?|A/S|ApS|ASA|AS|BV|B\.V\.|NV|N\.V\.|SA|S\.A\.|SAS|SARL|SpA|"
    r"S\.p\.A\.|Srl|S\.r\.l\.)(?![\w/])|(?i:\b(?:aktiebolag|handelsbolag|kommanditbolag)(?:et)?\b|\blimited\b)",
)
#: A body whose membership itself reveals Art. 9(1) data: a trade union, a political party, a religious or
#: philosophical community.
_REVEALING = _Lazy(
    r"fackförbund|fackförening|\bfacket\b|trade[ -]union|labou?r union|"
    r"partiet\b|\bparti\b|\bpolitical party\b|"
    r"kyrka|kyrkan\b|\bchurch\b|församling|samfund|moské|mosque|synagog|\btempel\b|\btemple\b|congregation|"
    r"humanist|fritänkar|freethinker",
    re.IGNORECASE,
)
#: A foundation, association or other not-for-profit body (Art. 9(2)(d)); economic associations excepted.
_NOT_FOR_PROFIT = _Lazy(
    r"\bideell\b|(?<!ekonomisk )(?<!bostadsrätts)förening(?:en)?\b|\bstiftelse(?:n)?\b|förbund(?:et)?\b|"
    r"\bfoundation\b|\bassociation\b|\bnon-?profit\b|\bnot-for-profit\b|\bcharity\b|\be\.\s?V\.|\bverein\b",
    re.IGNORECASE,
)


def membership_body(name: str | None) -> str | None:
    """What a controller's name says its membership is: 'revealing', 'not_for_profit', or None.

    A trade union, a party or a religious community is 'revealing' (membership
    itself is Art. 9(1) data); a foundation or association is 'not_for_profit'
    (Art. 9(2)(d) may apply); a company's legal form (AB, Ltd, GmbH, ...) is
    neither, whatever else the name says.
    """
    if not name or _FOR_PROFIT.search(name):
        return None
    if _REVEALING.search(name):
        return "revealing"
    if _NOT_FOR_PROFIT.search(name):
        return "not_for_profit"
    return None


@rule(
    code="RPA702",
    name="membership-may-reveal-special-category",
    severity="warning",
    scope="organisation",
    summary="A trade union, party, religious community or other not-for-profit body registers members, and the "
    "record does not say whether membership itself reveals Art. 9 data.",
    references=("GDPR Art. 9(1)", "GDPR Art. 9(2)(d)"),
    fix="Add `organisation.membership_art9_assessment`: whether the organisation has a political, "
    "philosophical, religious or trade-union aim and, if so, the Art. 9(2) condition relied on.",
)
def membership_may_reveal_special_category(org: OrganisationView) -> Iterator[Problem]:
    """If an organisation has a political, philosophical, religious or
    trade-union aim, the fact that someone is a member reveals that person's
    opinions or beliefs: Art. 9(1) data. Art. 9(2)(d) lets "a foundation,
    association or any other not-for-profit body with a political,
    philosophical, religious or trade union aim" process such data about its
    members and former members, with appropriate safeguards, and without
    disclosure outside the body without consent. Whether this applies is a
    judgement the record must document, but only where it can arise: where
    membership itself reveals such data (a trade union, a political party, a
    church or other religious or philosophical community) or where the
    controller is a foundation or association that 9(2)(d) could cover. A
    company run for profit (a gym or shop with "members") is neither: its
    membership reveals nothing of the kind, and 9(2)(d) is not open to it.
    The record has no field for the controller's legal form or aim, so the
    rule reads the controller's name (legal forms such as AB, Ltd or GmbH;
    words such as fackförbund, parti, kyrka, förening, stiftelse, trade union,
    church, association, foundation), and names no body it cannot recognise.
    The finding is reported at the organisation, where the assessment belongs.

    Example that fires: `controller: {name: Fackförbundet Exempel}`, an activity
    whose data subjects are tagged `member`, and no `membership_art9_assessment`.
    """
    if org.model.membership_art9_assessment:
        return
    controller = org.model.controller
    body = membership_body(controller.name if controller else None)
    if body is None:
        return
    registers = [a.id for a in org.record.activities if any("member" in s.tags for s, _ in a.subjects.values())]
    if not registers:
        return
    name = controller.name if controller else ""
    shown = ", ".join(f"'{a}'" for a in registers[:3]) + (", ..." if len(registers) > 3 else "")
    if body == "revealing":
        message = (
            f"'{name}' looks like a trade union, party or religious or philosophical community, whose membership "
            f"itself reveals Art. 9(1) data; it registers members ({shown}) and the record does not say so or "
            "name the Art. 9(2) condition"
        )
    else:
        message = (
            f"'{name}' looks like a foundation or association, for which Art. 9(2)(d) may apply; it registers "
            f"members ({shown}) and the record does not say whether it has a political, philosophical, religious "
            "or trade-union aim"
        )
    yield Problem(message)


@rule(
    code="RPA711",
    name="criminal-data-without-authority",
    severity="error",
    summary="Personal data about criminal convictions or offences are processed without a recorded legal "
    "authority (Art. 10).",
    references=("GDPR Art. 10",),
    fix="Set `art10_authority` to the official authority's control, or to the Union or Member State law that "
    "authorises the processing with safeguards; consent is not such a law.",
)
def criminal_data_without_authority(category: CategoryView) -> Iterator[str]:
    """Data relating to criminal convictions and offences may be processed
    "only under the control of official authority or when the processing is
    authorised by Union or Member State law providing for appropriate
    safeguards for the rights and freedoms of data subjects" (Art. 10). The
    record must say which; a data subject's consent is not a law that
    authorises the processing. Payment defaults and debts under civil
    enforcement are civil matters, not Art. 10 data, and do not trigger this
    rule (RPA712 flags them if tagged `criminal`).

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
