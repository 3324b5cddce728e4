"""Labels: both languages say the same things, and every coded value of the format has words."""

from __future__ import annotations

import typing

import pytest

from ropa_check.format import model
from ropa_check.render import labels
from ropa_check.render.labels import Labels, default_language


def test_both_languages_have_the_same_words() -> None:
    assert set(labels._EN) == set(labels._SV)
    assert all(labels._EN[k] and labels._SV[k] for k in labels._EN)
    # A placeholder in one language is in the other: no label loses the file or line it should name.
    for key, english in labels._EN.items():
        assert sorted(_placeholders(english)) == sorted(_placeholders(labels._SV[key])), key


@pytest.mark.parametrize(
    ("field", "codes"),
    [
        ("art6", model.Art6),
        ("kind", model.RecipientKind),
        ("mechanism", model.Mechanism),
        ("available", model.Right),
        ("type", model.SourceType),
        ("status", model.Dpia.model_fields["status"].annotation),
        ("residual_risk", model.Dpia.model_fields["residual_risk"].annotation),
        ("ground", model.NationalIdJustification.model_fields["ground"].annotation),
        ("art22_exception", model.AutomatedDecision.model_fields["art22_exception"].annotation),
        ("technologies", model.TerminalEquipmentAccess.model_fields["technologies"].annotation),
        ("channels", model.DirectMarketing.model_fields["channels"].annotation),
    ],
)
def test_every_code_of_the_format_has_words_in_both_languages(field: str, codes: object) -> None:
    values = _literal_values(codes)
    assert values
    assert sorted(labels._VALUES[field]) == sorted(values)
    swedish = Labels("sv")
    assert all(swedish.value(field, code) != code for code in values)  # Swedish words, never the English code


def test_every_field_of_an_activity_has_a_label_of_its_own() -> None:
    # A field added to the format is still shown (named from its key), but should get words in both languages.
    named = {"x_ropa_check", "id"}
    for cls in (model.Activity, model.DataCategory, model.Organisation, model.Retention, model.Transfer, model.Dpia):
        missing = [f for f in cls.model_fields if f not in named and f not in labels._FIELDS]
        assert missing == [], cls.__name__


@pytest.mark.parametrize(("country", "lang"), [("SE", "sv"), ("DE", "en"), ("FI", "en"), (None, "en")])
def test_default_language_from_the_controller_country(country: str | None, lang: str) -> None:
    assert default_language(country) == lang


def test_an_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language 'de'"):
        Labels("de")


def _placeholders(text: str) -> list[str]:
    import string

    return [name for _, name, _, _ in string.Formatter().parse(text) if name]


def _literal_values(annotation: object) -> list[str]:
    out: list[str] = []
    for arg in typing.get_args(annotation) or ():
        if isinstance(arg, str):
            out.append(arg)
        elif arg is not type(None):
            out.extend(_literal_values(arg))
    return out


@pytest.mark.parametrize(
    ("lang", "word", "n", "expected"),
    [
        ("en", "warning", 1, "1 warning"),
        ("en", "warning", 3, "3 warnings"),
        ("en", "info", 0, "0 notes"),
        ("en", "file", 1, "1 file"),
        ("sv", "warning", 1, "1 varning"),
        ("sv", "warning", 3, "3 varningar"),
        ("sv", "error", 2, "2 fel"),
        ("sv", "info", 1, "1 notering"),
        ("sv", "file", 13, "13 filer"),
    ],
)
def test_counted_words_take_the_number(lang: str, word: str, n: int, expected: str) -> None:
    assert Labels(lang).count(word, n) == expected


def test_every_coded_field_of_the_format_is_listed_above() -> None:
    # A Literal field without words shows its code ("secure_identification") in a Swedish document.
    import inspect

    from pydantic import BaseModel

    coded = {
        name
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if issubclass(cls, BaseModel)
        for name, info in cls.model_fields.items()
        if _literal_values(info.annotation) and name != "ropa_format"
    }
    assert coded <= set(labels._VALUES)


@pytest.mark.parametrize(
    ("field", "english", "swedish"),
    [("approx_subjects", "Approximate number of people", "Ungefärligt antal personer")],
)
def test_field_names_read_as_names(field: str, english: str, swedish: str) -> None:
    # A label names the value beside it ("Ungefärligt antal personer: 4000"), not a sentence about it.
    assert (Labels("en").field(field), Labels("sv").field(field)) == (english, swedish)
