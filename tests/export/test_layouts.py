"""The layout data files: each loads, names only values that exist, and quotes its template's headers exactly."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from ropa_check.export import values
from ropa_check.export.layout import NAMES, Expand, Fixed, Table, column_index, column_letters, load

from .conftest import ROOT

# Fides' copy of the ICO template (Apache-2.0, with its licence and source beside it), kept with the import tests.
FIDES_TEMPLATE = ROOT / "tests" / "importing" / "data" / "fides-ico-shaped-ropa-template" / "template_cells.csv"


@pytest.mark.parametrize("name", NAMES)
def test_every_value_a_layout_names_exists(name: str) -> None:
    layout = load(name)
    assert layout.name == name
    for sheet in layout.sheets:
        for row in sheet.rows:
            if isinstance(row, Fixed):
                texts = [t for _, t in row.cells]
            elif isinstance(row, Table):
                texts = [v for _, _, v in row.columns]
            else:
                assert isinstance(row, Expand)
                assert row.source[1:] in values.ROW_SOURCES, row.source
                texts = []
            for text in texts:
                if text.startswith("$"):
                    assert values.is_known(text[1:]), f"{name}: unknown value {text}"


def test_columns_are_letters() -> None:
    for index in (0, 25, 26, 29, 701, 702):
        assert column_index(column_letters(index)) == index
    assert column_letters(29) == "AD"


def _headers(name: str) -> dict[str, str]:
    (table,) = [r for s in load(name).sheets for r in s.rows if isinstance(r, Table) and not s.per_activity]
    return {column_letters(c): h for c, h, _ in table.columns}


# ICO column -> the Fides copy's column (read first-hand), where the Fides copy keeps the ICO's text.
ICO_IN_FIDES = {
    "B": "D", "C": "E", "D": "F", "F": "H", "G": "I", "H": "J", "I": "K", "J": "L", "K": "M",
    "L": "O", "M": "P", "N": "Q", "O": "R", "P": "S", "Q": "T", "R": "U", "U": "V", "V": "W", "W": "X",
}  # fmt: skip


def test_the_ico_headers_are_those_of_the_fides_copy_of_the_template() -> None:
    with FIDES_TEMPLATE.open(encoding="utf-8") as fh:
        fides = {row["cell"]: row["value"] for row in csv.DictReader(fh)}
    headers = _headers("ico")
    for ico, fides_column in ICO_IN_FIDES.items():
        assert headers[ico] == fides[f"{fides_column}9"], ico
    # The two the Fides copy renamed, and the organisation block's labels.
    assert fides["C9"] == "Department or Business function"
    assert headers["A"] == "Business function"
    assert fides["G9"] == "Categories of personal data (Fides taxonomy)"
    assert headers["E"] == "Categories of personal data"
    first, second = (dict(r.cells) for r in load("ico").sheets[0].rows[:2] if isinstance(r, Fixed))
    assert first[column_index("C")] == fides["C1"]
    for column in "CEG":
        assert second[column_index(column)] == fides[f"{column}2"]


def test_the_cnil_list_headers_are_the_templates() -> None:
    # Quoted from registre-traitement-simplifie.ods, sheet 2_-_Liste_des_traitements, row 8 (docs/export.md).
    assert _headers("cnil") == {
        "A": "Nom du traitement",
        "B": "N° / RÉF",
        "C": "Date de création de la fiche",
        "D": "Dernière mise à jour de la fiche",
        "E": "",
        "H": "Oui/non",
    }


def test_the_skr_layout_covers_every_item_of_art_30_1() -> None:
    headers = set(_headers("skr").values())
    # Art. 30(1)(b)-(g) in the regulation's Swedish wording; (a) is in the header rows.
    for item in (
        "Ändamål",
        "Kategorier av registrerade",
        "Kategorier av personuppgifter",
        "Kategorier av mottagare",
        "Överföring till tredjeland",
        "Tidsfrister för radering",
        "Tekniska och organisatoriska säkerhetsåtgärder",
    ):
        assert item in headers


def test_a_layout_file_that_says_yes_unquoted_is_refused(tmp_path: Path) -> None:
    from ropa_check.export.layout import LayoutError, _layout

    with pytest.raises(LayoutError, match="is not text"):
        _layout(
            {
                "name": "x",
                "title": "x",
                "language": "en",
                "date_format": "%Y",
                "sheets": [],
                "words": {"yes": True},
                "labels": {},
            }
        )
