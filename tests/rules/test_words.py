"""The phrase lists behind RPA214–RPA218 (data/words.yaml): each fact is found in English and Swedish,
and words that only look alike are not."""

from __future__ import annotations

import pytest

from ropa_check.phrases import _words, find_word

#: list name -> (English text, Swedish text) that must match.
FOUND = {
    "special_category:trade_union_membership": ("Trade union dues", "Fackavgifter"),
    "special_category:health": ("Sick leave", "Sjukfrånvaro och läkarintyg"),
    "special_category:religious_beliefs": ("Religious affiliation", "Trosuppfattning"),
    "special_category:political_opinions": ("Party membership", "Partitillhörighet"),
    "special_category:racial_ethnic_origin": ("Ethnic background", "Etniskt ursprung"),
    "special_category:biometric": ("Fingerprint for the door", "Fingeravtryck för passage"),
    "special_category:genetic": ("Genetic test results", "Genetisk analys"),
    "special_category:sex_life": ("Sexual orientation", "Sexuell läggning"),
    "child": ("Children of members", "Barn och ungdomar"),
    "guardian": ("Parents", "Vårdnadshavare"),
    "sole_trader": ("Sole traders", "Enskilda firmor"),
    "video_surveillance": ("CCTV at the entrance", "Kameraövervakning i butiken"),
    "anonymous": ("Anonymous statistics", "Anonym besöksstatistik"),
}
#: (list name, text) that must not match: another word that contains the phrase, or a negation.
NOT_FOUND = [
    ("special_category:trade_union_membership", "Ombudsfackets adress"),
    ("special_category:health", "Wealth management"),
    ("child", "Barnvagnsparkering"),  # a compound that only starts like "barn": listed words need a match
    ("anonymous", "Pseudonymous identifiers"),
    ("anonymous", "Not anonymous"),
    ("anonymous", "Icke anonym"),
    ("anonymous", "Non-anonymous"),
    ("video_surveillance", "Accessibility"),
]


def test_every_list_is_covered() -> None:
    assert set(FOUND) == set(_words()) - {"negation"}


@pytest.mark.parametrize(("name", "texts"), FOUND.items(), ids=list(FOUND))
def test_found_in_english_and_swedish(name: str, texts: tuple[str, str]) -> None:
    english, swedish = texts
    assert find_word(english, name) is not None, english
    assert find_word(swedish, name) is not None, swedish


@pytest.mark.parametrize(("name", "text"), NOT_FOUND)
def test_words_that_only_look_alike_are_not_found(name: str, text: str) -> None:
    assert find_word(text, name) is None


@pytest.mark.parametrize(
    ("name", "text"), [("child", "Minority shareholders"), ("child", "Childcare vouchers for staff")]
)
def test_whole_words_only_where_no_star(name: str, text: str) -> None:
    assert find_word(text, name) is None
