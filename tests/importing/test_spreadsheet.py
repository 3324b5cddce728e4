"""Spreadsheets in the ICO layout (the real Fides copy of it, filled in), the SKR layout, CSV and mappings."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml

from .conftest import ICO_TEMPLATE

# The ICO template's columns (Fides copy, row 9): C business function, D purpose, F individuals, G categories,
# H recipients, I processor contract, J third countries, K safeguards, L retention, M security, O Art. 6 basis,
# S rights, T automated decisions, U source, V DPIA required, W DPIA progress, X DPIA link.
ROWS: list[dict[str, str]] = [
    {
        "C": "Sales",
        "D": "Customer management",
        "F": "Customers",
        "G": "Name",
        "H": "Moln AB",
        "I": "DPA-1",
        "J": "United States",
        "K": "SCCs",
        "L": "as long as necessary",
        "M": "Encryption",
        "O": "Contract",
        "S": "Access, rectification and erasure",
        "T": "No",
        "U": "The individual",
        "V": "No",
    },
    {
        "C": "Sales",
        "D": "Customer management",
        "F": "Customers",
        "G": "E-mail\nTelefonnummer",
        "H": "Moln AB",
        "L": "as long as necessary",
        "O": "Contract",
    },
    {
        "C": "HR",
        "D": "Payroll",
        "F": "Employees; Job applicants",
        "G": "Personnummer",
        "H": "Skatteverket",
        "L": "7 years after end of employment",
        "O": "Because we must",
        "V": "Yes",
        "W": "in progress",
        "X": "DPIA-7",
    },
]


def _fill(path: Path, rows: list[dict[str, str]], contacts: bool = True) -> Path:
    book = openpyxl.load_workbook(ICO_TEMPLATE)
    sheet = book.active
    if contacts:
        for row, (label, value) in enumerate([("Name", "Exempel AB"), ("Email", "info@exempel.se")], start=3):
            sheet[f"C{row}"], sheet[f"D{row}"] = label, value
        sheet["E3"], sheet["F3"], sheet["E4"], sheet["F4"] = "Name", "Dana", "Address", "Box 1"
    for number, row in enumerate(rows, start=10):
        for column, value in row.items():
            sheet[f"{column}{number}"] = value
    book.save(path)
    return path


def _read(folder: Path, name: str) -> Any:
    return yaml.safe_load((folder / name).read_text(encoding="utf-8"))


def _activity(folder: Path, ident: str) -> dict[str, Any]:
    return _read(folder, f"activities/{ident}.yaml")["activities"][0]


@pytest.fixture
def imported(tmp_path: Path, run_import) -> tuple[Path, str, dict[str, Any]]:
    out = tmp_path / "record"
    status, _, stderr = run_import(_fill(tmp_path / "ico.xlsx", ROWS), "-o", out, "--report", tmp_path / "r.json")
    assert status == 0, stderr
    return out, stderr, json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))


def test_the_ico_template_imports_to_activities_per_purpose(imported) -> None:
    out, _, report = imported
    assert report["layout"] == "ico"
    assert sorted(p.name for p in (out / "activities").iterdir()) == ["customer-management.yaml", "payroll.yaml"]
    organisation = _read(out, "organisation.yaml")["organisation"]
    assert organisation["controller"] == {"name": "Exempel AB", "email": "info@exempel.se"}
    assert organisation["dpo"] == {"designated": True, "name": "Dana"}
    crm = _activity(out, "customer-management")
    assert crm["business_function"] == "Sales"
    assert crm["purposes"] == [
        {"id": "customer-management", "description": "Customer management", "lawful_basis": {"art6": "contract"}}
    ]
    assert [(c["name"], c.get("tags")) for c in crm["data_categories"]] == [
        ("Name", ["identity"]),
        ("E-mail", ["contact"]),
        ("Telefonnummer", ["contact"]),
    ]
    assert crm["transfers"] == [{"country": "US", "mechanism": "scc"}]
    assert crm["rights"] == {"available": ["access", "rectification", "erasure"]}
    assert crm["recipients"] == ["moln-ab"]
    recipients = {r["id"]: r for r in _read(out, "recipients.yaml")["recipients"]}
    assert recipients["moln-ab"]["contract_ref"] == "DPA-1"


def test_a_vague_retention_stays_vague_and_is_reported_by_the_rules(imported, run_check) -> None:
    out, _, _ = imported
    assert _activity(out, "customer-management")["retention"] == {"description": "as long as necessary"}
    assert _activity(out, "payroll")["retention"] == {"duration": "P7Y", "start_event": "end of employment"}
    status, text = run_check(out)
    assert status == 1
    assert "RPA402" in text
    assert "'as long as necessary'" in text


def test_what_cannot_be_placed_is_reported_with_its_cell_and_as_a_comment(imported) -> None:
    out, stderr, report = imported
    assert "sheet1!O12: unplaced: not one Art. 6(1) basis as a whole" in stderr
    assert "sheet1!F4: lost: the record format has no address for the DPO" in stderr
    payroll = (out / "activities" / "payroll.yaml").read_text(encoding="utf-8")
    assert "# import unplaced: sheet1!O12: not one Art. 6(1) basis" in payroll
    assert _activity(out, "payroll")["purposes"][0]["lawful_basis"] == {"note": "Because we must"}
    where = {n["where"]: n for n in report["notes"]}
    assert where["sheet1!O12"]["file"] == "activities/payroll.yaml"
    assert where["sheet1!O12"]["value"] == "Because we must"


def test_the_empty_template_imports_to_an_empty_record(tmp_path: Path, run_import, run_check) -> None:
    out = tmp_path / "record"
    status, stdout, _ = run_import(ICO_TEMPLATE, "-o", out, "--template", "ico")
    assert status == 0
    assert "Imported 0 activities" in stdout
    assert run_check(out)[0] in (0, 1)


def test_formulas_are_never_evaluated_and_reported(tmp_path: Path, run_import) -> None:
    rows = [dict(ROWS[0], L='=A1&"0 years"')]
    out = tmp_path / "record"
    status, _, stderr = run_import(_fill(tmp_path / "f.xlsx", rows), "-o", out)
    assert status == 0
    assert "sheet1!L10: unplaced: a formula: never evaluated" in stderr
    assert "retention" not in _activity(out, "customer-management")
    text = (out / "activities" / "customer-management.yaml").read_text(encoding="utf-8")
    assert "# import unplaced: sheet1!L10: a formula" in text


def test_merged_cells_give_their_value_to_each_row(tmp_path: Path, run_import) -> None:
    path = _fill(tmp_path / "m.xlsx", [ROWS[0], {k: v for k, v in ROWS[1].items() if k != "L"}])
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("L10:L11")
    book.save(path)
    out = tmp_path / "record"
    status, _, stderr = run_import(path, "-o", out)
    assert status == 0
    assert "sheet1!L10: warning: merged cells L10:L11" in stderr
    assert _activity(out, "customer-management")["retention"] == {"description": "as long as necessary"}


SKR_CSV = (
    "Personuppgiftsansvarig;Kommunen\n"
    "\n"
    "Behandling;Ändamål;Kategorier av registrerade;Kategorier av personuppgifter;Kategorier av mottagare;"
    "Tidsfrister för radering;Rättslig grund\n"
    "Elevregister;Skolans administration;Elever;Namn;Skolverket;P3Y från avslutad skolgång;Rättslig förpliktelse\n"
    "Elevregister;Skolans administration;Elever;Personnummer;Skolverket;P3Y från avslutad skolgång;"
    "Rättslig förpliktelse\n"
)


@pytest.mark.parametrize(
    ("encoding", "bom", "warned"),
    [
        ("utf-8", b"", False),
        ("utf-8", b"\xef\xbb\xbf", False),
        ("cp1252", b"", True),
        ("cp1252", b"\xef\xbb\xbf", True),
    ],
)
def test_skr_csv_in_any_encoding_excel_writes(tmp_path: Path, run_import, encoding, bom, warned) -> None:
    source = tmp_path / "register.csv"
    source.write_bytes(bom + SKR_CSV.encode(encoding))
    out = tmp_path / "record"
    status, _, stderr = run_import(source, "-o", out, "--template", "skr")
    assert status == 0, stderr
    assert ("read as Windows-1252" in stderr) is warned
    activity = _activity(out, "elevregister")
    assert activity["name"] == "Elevregister"
    assert activity["purposes"][0]["description"] == "Skolans administration"
    assert activity["purposes"][0]["lawful_basis"] == {"art6": "legal_obligation"}
    assert activity["retention"] == {"duration": "P3Y", "start_event": "avslutad skolgång"}
    assert [c["name"] for c in activity["data_categories"]] == ["Namn", "Personnummer"]
    assert _read(out, "organisation.yaml")["organisation"]["controller"] == {"name": "Kommunen"}


def test_a_mapping_file_reads_any_layout(tmp_path: Path, run_import) -> None:
    (tmp_path / "map.yaml").write_text(
        "layout: own\ncolumns:\n  activity_name: Process\n  purpose: [Why]\n  data_categories: Data\n"
        "lost:\n  Notes: our own notes column\n",
        encoding="utf-8",
    )
    (tmp_path / "own.csv").write_text(
        "Process,Why,Data,Notes,Colour\nBilling,Invoicing,Address,x,blue\n", encoding="utf-8"
    )
    out = tmp_path / "record"
    status, _, stderr = run_import(tmp_path / "own.csv", "-o", out, "--mapping", tmp_path / "map.yaml")
    assert status == 0, stderr
    assert _activity(out, "billing")["data_categories"] == [{"id": "address", "name": "Address", "tags": ["contact"]}]
    assert "own.csv:2 (column D): lost: column 'Notes': our own notes column: 'x'" in stderr
    assert "own.csv:2 (column E): unplaced: column 'Colour' is not in the 'own' layout: 'blue'" in stderr


@pytest.mark.parametrize(
    ("mapping", "message"),
    [
        ("colums:\n  purpose: Why\n", "map.yaml:1:1: unknown key 'colums'; did you mean 'columns'?"),
        (
            "columns:\n  purpose: Why\n  retension: Keep\n",
            "map.yaml:3:3: unknown field 'retension'; did you mean 'retention'?",
        ),
        ("columns:\n  purpose: {a: b}\n", "map.yaml:2:3: labels must be text"),
        ("columns: [a]\n", "map.yaml:1:1: 'columns' must map fields to labels"),
        ("columns:\n  purpose: Why\n  purpose: Again\n", "map.yaml:3:3"),
    ],
)
def test_a_broken_mapping_is_a_located_error(tmp_path: Path, run_import, mapping: str, message: str) -> None:
    (tmp_path / "map.yaml").write_text(mapping, encoding="utf-8")
    (tmp_path / "own.csv").write_text("Why\nx\n", encoding="utf-8")
    status, _, stderr = run_import(tmp_path / "own.csv", "-o", tmp_path / "out", "--mapping", tmp_path / "map.yaml")
    assert status == 2
    assert message in stderr
    assert not (tmp_path / "out").exists()


def test_a_csv_cell_that_looks_like_a_formula_is_text_and_reported(tmp_path: Path, run_import) -> None:
    source = tmp_path / "f.csv"
    source.write_text(
        'Processing activity,Purpose of processing,Retention schedule\nBilling,=HYPERLINK("http://x"),\'=2+5\n',
        encoding="utf-8",
    )
    out = tmp_path / "record"
    status, _, stderr = run_import(source, "-o", out)
    assert status == 0, stderr
    assert "f.csv:2 (column B): warning: starts with '=': read as text, never evaluated" in stderr
    activity = _activity(out, "billing")
    assert activity["purposes"][0]["description"] == '=HYPERLINK("http://x")'
    assert activity["retention"] == {"description": "=2+5"}  # the exporter's protective apostrophe taken off


def test_a_department_merged_down_its_rows_keeps_them_in_one_activity(tmp_path: Path, run_import) -> None:
    # A DPO merges the department over the rows of an activity and writes each further category on a row of its
    # own: the merge gives every row the department, but a row without a purpose still continues the activity.
    rows = [{"C": "HR", "D": "Payroll", "G": "Name", "O": "Legal obligation"}, {"G": "Personnummer"}, {"G": "Bank"}]
    path = _fill(tmp_path / "m.xlsx", rows)
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("C10:C12")
    book.save(path)
    out = tmp_path / "record"
    status, _, stderr = run_import(path, "-o", out)
    assert status == 0, stderr
    assert sorted(p.name for p in (out / "activities").iterdir()) == ["payroll.yaml"]
    assert [c["name"] for c in _activity(out, "payroll")["data_categories"]] == ["Name", "Personnummer", "Bank"]


def test_a_department_without_a_purpose_is_still_an_activity_of_its_own(tmp_path: Path, run_import) -> None:
    rows = [{"C": "HR", "D": "Payroll", "G": "Name"}, {"C": "IT", "G": "Logs"}]
    out = tmp_path / "record"
    status, _, stderr = run_import(_fill(tmp_path / "d.xlsx", rows), "-o", out)
    assert status == 0, stderr
    assert sorted(p.name for p in (out / "activities").iterdir()) == ["it.yaml", "payroll.yaml"]


def test_an_art9_condition_goes_on_the_special_categories_of_its_row(tmp_path: Path, run_import) -> None:
    # The condition lifts the Art. 9(1) prohibition for special-category data; a name or a bank account in the
    # same cell does not need one, and the record must not say that it rests on one.
    rows = [{"C": "HR", "D": "Sick pay", "G": "Name\nBank details\nHealth data", "P": "Art. 9(2)(b) employment law"}]
    out = tmp_path / "record"
    status, _, stderr = run_import(_fill(tmp_path / "a.xlsx", rows), "-o", out)
    assert status == 0, stderr
    categories = {c["name"]: c for c in _activity(out, "sick-pay")["data_categories"]}
    assert categories["Health data"]["art9_condition"] == "Art. 9(2)(b) employment law"
    assert "art9_condition" not in categories["Name"]
    assert "art9_condition" not in categories["Bank details"]


def test_an_art9_condition_stays_when_no_category_of_its_row_is_known_special(tmp_path: Path, run_import) -> None:
    rows = [{"C": "HR", "D": "Sick pay", "G": "Sjukintyg", "P": "Art. 9(2)(b)"}]
    out = tmp_path / "record"
    assert run_import(_fill(tmp_path / "a.xlsx", rows), "-o", out)[0] == 0
    assert _activity(out, "sick-pay")["data_categories"][0]["art9_condition"] == "Art. 9(2)(b)"


@pytest.mark.parametrize(
    ("vocabulary", "cell"),
    [
        # Applicants for a grant, a loan or a school place are no job applicants; candidates may be in an election.
        ("data_subject", "Sökande"),
        ("data_subject", "Applicants"),
        ("data_subject", "Candidates"),
        # Subscribers to a magazine or a service are no newsletter subscribers (a tag the lawful-basis rules read).
        ("data_subject", "Prenumeranter"),
    ],
)
def test_a_word_that_says_less_than_a_tag_gives_no_tag(vocabulary: str, cell: str) -> None:
    from ropa_check.importing import values

    assert values.tag(vocabulary, cell) is None


@pytest.mark.parametrize(
    ("cell", "kind"),
    [
        # "public" alone may be a public body (an authority) as well as the public, to whom data is published.
        ("public", None),
        ("Public", None),
        ("the public", "public"),
        ("allmänheten", "public"),
        ("public authority", "authority"),
    ],
)
def test_a_recipient_kind_only_where_the_words_say_it(cell: str, kind: str | None) -> None:
    from ropa_check.importing import values

    assert values.recipient_kind(cell) == kind


@pytest.mark.parametrize("cell", ["Nej", "Inga", "None", "No", "N/A"])
def test_a_third_country_cell_that_says_none_is_no_transfer(tmp_path: Path, run_import, cell: str) -> None:
    # A transfer to an unknown country would make the transfer rules (Art. 44-49) report errors about a
    # transfer the sheet says does not exist.
    source = tmp_path / "register.csv"
    source.write_text(
        "Behandling;Ändamål;Kategorier av personuppgifter;Överföring till tredjeland\n"
        f"Medlemsregister;Medlemskap;Namn;{cell}\n",
        encoding="utf-8",
    )
    out = tmp_path / "record"
    status, _, stderr = run_import(source, "-o", out, "--template", "skr")
    assert status == 0, stderr
    assert _activity(out, "medlemsregister")["transfers"] == []
    assert "no country" not in stderr


def test_a_cell_of_spaces_is_blank_not_a_formula(tmp_path: Path, run_import) -> None:
    rows = [{"C": "HR", "D": "Payroll", "G": "Name", "L": "   "}]
    out = tmp_path / "record"
    status, _, stderr = run_import(_fill(tmp_path / "s.xlsx", rows), "-o", out)
    assert status == 0, stderr
    assert "formula" not in stderr
    assert "retention" not in _activity(out, "payroll")


def test_a_cell_merged_across_columns_fills_only_its_own(tmp_path: Path, run_import) -> None:
    # A purpose merged over the next column (for room) is no joint controller: only merges down rows repeat.
    out = tmp_path / "record"
    path = _fill(tmp_path / "h.xlsx", [{"C": "Sales", "D": "Customer management", "G": "Name"}])
    book = openpyxl.load_workbook(path)
    book.active.merge_cells("D10:E10")
    book.save(path)
    status, _, stderr = run_import(path, "-o", out)
    assert status == 0, stderr
    assert "joint_controllers" not in _read(out, "organisation.yaml")["organisation"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        # A Swedish postcode written apart is part of the address, not a telephone number.
        (
            "Exempel AB, Box 1, 111 22, Stockholm",
            {"name": "Exempel AB", "address": "Box 1, 111 22, Stockholm"},
        ),
        (
            "Exempel AB, Storgatan 1, 111 22 Stockholm, +46 8 123 45 67",
            {"name": "Exempel AB", "address": "Storgatan 1, 111 22 Stockholm", "phone": "+46 8 123 45 67"},
        ),
        ("Dana, 08-123 45 67", {"name": "Dana", "phone": "08-123 45 67"}),
    ],
)
def test_contact_details_in_one_cell_are_placed_by_their_form(cell: str, expected: dict[str, str]) -> None:
    from ropa_check.importing import values

    assert values.contact(cell, named=True) == expected


def test_text_above_the_header_row_in_no_field_is_reported_with_its_cell(tmp_path: Path, run_import) -> None:
    # A label the header block does not know, with its value, and a note in a corner were left out silently.
    source = tmp_path / "register.csv"
    source.write_text(
        "Personuppgiftsansvarig;Kommunen\nInternt nummer;K-77\n;;;Fritext i hörnet\n\n"
        "Behandling;Ändamål;Kategorier av personuppgifter\nElev;Skola;Namn\n",
        encoding="utf-8",
    )
    out = tmp_path / "record"
    status, _, stderr = run_import(source, "-o", out, "--template", "skr")
    assert status == 0, stderr
    for where, value in [("2 (column A)", "Internt nummer"), ("2 (column B)", "K-77"), ("3 (column D)", "Fritext")]:
        assert f"register.csv:{where}: unplaced: above the header row" in stderr
        assert value in stderr
    assert "Kommunen" not in stderr  # read as the controller's name
    assert "# import unplaced: register.csv:2 (column A)" in (out / "organisation.yaml").read_text(encoding="utf-8")


def test_the_templates_own_headings_are_no_unplaced_values(tmp_path: Path, run_import) -> None:
    status, _, stderr = run_import(ICO_TEMPLATE, "-o", tmp_path / "record", "--template", "ico")
    assert status == 0, stderr
    assert "above the header row" not in stderr
