"""The starter's template lines and the quoting that keeps command-line text data."""

from __future__ import annotations

import pytest
import yaml

from ropa_check.loader import loads
from ropa_check.starter.text import Audience, fill, quoted

SWEDISH = Audience("sv", "SE", eea=True)
IRISH = Audience("en", "IE", eea=True)
AMERICAN = Audience("en", "US", eea=False)

TEMPLATE = """\
common
sv|svenska
en|english
se|sweden
!se|not sweden
en+se|english about sweden
sv+!se|svenska, inte sverige
!eea|outside the eea
value: @ORG@
"""


@pytest.mark.parametrize(
    ("audience", "expected"),
    [
        (SWEDISH, ["common", "svenska", "sweden", "value: X"]),
        (IRISH, ["common", "english", "not sweden", "value: X"]),
        (AMERICAN, ["common", "english", "not sweden", "outside the eea", "value: X"]),
        (Audience("sv", "IE", eea=True), ["common", "svenska", "not sweden", "svenska, inte sverige", "value: X"]),
        (Audience("en", "SE", eea=True), ["common", "english", "sweden", "english about sweden", "value: X"]),
    ],
)
def test_lines_are_kept_by_their_conditions(audience: Audience, expected: list[str]) -> None:
    assert fill(TEMPLATE, audience, {"ORG": "X"}).splitlines() == expected


def test_an_unknown_condition_is_a_bug_in_the_template() -> None:
    with pytest.raises(ValueError, match="'de'"):
        fill("de|deutsch\n", SWEDISH, {})


def test_a_value_is_filled_in_once() -> None:
    """A value that holds a placeholder is not expanded again."""
    assert fill("a: @ORG@\nb: @COUNTRY@\n", SWEDISH, {"ORG": "@COUNTRY@", "COUNTRY": "SE"}) == "a: @COUNTRY@\nb: SE\n"


HOSTILE = [
    "Exempel AB",
    "Åre Fjällbyrå & Co: \"citat\" och 'apostrof'",
    "line one\nline two\r\nthree",
    "# not a comment",
    "key: value #x",
    "{{ jinja }} {% raw %} ${shell} $(cmd) `tick`",
    "*alias &anchor !!python/object:os.system [list] {map: 1}",
    "- item",
    "---\n...",
    "::error::workflow command",
    "tab\there, NUL\x00, ESC\x1b[31m, DEL\x7f, NEL\x85, LS\u2028, PS\u2029, BOM\ufeff",
    "bidi \u202eevil\u202c and \u2066isolate\u2069",
    "null",
    "true",
    "1.1",
    "2026-01-01",
    " leading and trailing ",
    "back\\slash \\n not a newline",
    "emoji 🙂 and CJK 漢字",
    "\\",
    '"',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_quoted_text_reads_back_as_the_same_text(text: str) -> None:
    line = f"name: {quoted(text)}\n"
    assert "\n" not in line[:-1]
    assert yaml.safe_load(line) == {"name": text}
    document, errors = loads(line.encode("utf-8"), "hostile.yaml")
    assert not errors
    assert document is not None
    assert document.data == {"name": text}


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ValueError, match="UTF-8"):
        quoted("bad \udcff byte")
