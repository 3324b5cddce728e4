"""A spreadsheet in a column layout, as a record: header rows to the organisation, rows to activities.

The header row is found by its labels (in the first :data:`HEADER_SEARCH_ROWS`
rows of each sheet, or where the layout says). Rows with the same activity id
or name, or else the same business function and purpose, are one activity (the
ICO's grain is one row per purpose; an export's is one row per activity and
data category); a row with none of these continues the activity above it. Each
row's data categories become the activity's categories; a value the same on
every row (retention, recipients, lawful basis) is written once on the
activity, and a value that differs between rows on each category.

Nothing is guessed: a value becomes a field or a tag only when the whole cell
says it (``Consent``, ``P2Y``, ``Sweden``); anything else is kept as written
(a description or note) or, where the format has no place for it, listed in
the import report and written as a comment next to where it belongs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ropa_check.importing import values
from ropa_check.importing.draft import Draft, SourceError
from ropa_check.importing.layout import Layout, label
from ropa_check.importing.table import Sheet

HEADER_SEARCH_ROWS = 50
_FORMULA = "a formula: never evaluated by ropa-check, so the cell is left out; write its value instead"
_CONTACT_FIELDS = {
    "name": "name",
    "namn": "name",
    "address": "address",
    "adress": "address",
    "email": "email",
    "e-mail": "email",
    "e-post": "email",
    "telephone": "phone",
    "phone": "phone",
    "telefon": "phone",
    "telefonnummer": "phone",
}
_CONTACT_KEYS = {"controller": "controller", "dpo": "dpo", "representative": "representative"}


@dataclass
class _Cell:
    where: str
    text: str


@dataclass
class _Row:
    number: int
    cells: dict[str, _Cell] = field(default_factory=dict)
    other: list[tuple[str, _Cell]] = field(default_factory=list)

    def text(self, name: str) -> str | None:
        cell = self.cells.get(name)
        return None if cell is None else cell.text


def import_sheets(sheets: list[Sheet], layout: Layout, draft: Draft, source: str) -> None:
    """Fill ``draft`` from the sheet of ``sheets`` that has the layout's headers. Raises SourceError."""
    found = _find_header(sheets, layout)
    if found is None:
        wanted = ", ".join(f"'{text}'" for text in list(layout.columns)[:4])
        where = f"sheet '{layout.sheet}'" if layout.sheet else f"the first {HEADER_SEARCH_ROWS} rows of any sheet"
        raise SourceError(source, f"no header row of the '{layout.name}' layout in {where} (looked for {wanted}, …)")
    sheet, header_number, header = found
    for where, message, value in sheet.notes:
        draft.note("warning", where, message, value)
    if layout.cannot_carry:
        draft.note("lost", source, f"the {layout.name} layout cannot carry: " + "; ".join(layout.cannot_carry))
    columns: dict[int, tuple[str, str]] = {}
    for column, text in enumerate(header):
        if text is None:
            continue
        folded = label(text)
        if folded in layout.columns:
            columns[column] = ("field", layout.columns[folded])
        elif folded in layout.lost:
            columns[column] = ("lost", text)
        else:
            columns[column] = ("unknown", text)
    used: set[tuple[int, int]] = set()
    _contacts(sheet, header_number, layout, draft, used)
    _header_fields(sheet, header_number, layout, draft, used)
    _above_header(sheet, header_number, layout, draft, used)
    formulas: dict[int, list[tuple[int, str]]] = {}
    for (formula_row, column), formula in sheet.formulas.items():
        formulas.setdefault(formula_row, []).append((column, formula))
    rows = []
    for number, cells in sheet.rows:
        if number <= header_number:
            continue
        row = _Row(number)
        for column, text in enumerate(cells):
            if text is None:
                continue
            cell = _Cell(sheet.where(number, column), text.strip())
            kind, name = columns.get(column, ("unknown", ""))
            if kind == "field" and name not in row.cells:
                row.cells[name] = cell
            elif kind == "lost":
                row.other.append((f"lost:{name}:{layout.lost[label(name)]}", cell))
            else:
                row.other.append((f"unknown:{name}", cell))
        for column, formula in formulas.get(number, ()):
            kind, name = columns.get(column, ("unknown", ""))
            row.other.append((f"formula:{name}", _Cell(sheet.where(number, column), formula)))
        rows.append(row)
    for (formula_row, column), formula in sheet.formulas.items():
        if formula_row <= header_number:
            draft.note("unplaced", sheet.where(formula_row, column), _FORMULA, formula)
    _activities(rows, draft, layout)


def has_header(sheets: list[Sheet], layout: Layout) -> bool:
    """Whether one of ``sheets`` has the layout's header row."""
    return _find_header(sheets, layout) is not None


def _find_header(sheets: list[Sheet], layout: Layout) -> tuple[Sheet, int, list[str | None]] | None:
    best: tuple[int, Sheet, int, list[str | None]] | None = None
    for sheet in sheets:
        if layout.sheet is not None and sheet.name != layout.sheet:
            continue
        for number, cells in sheet.rows:
            if layout.header_row is not None and number != layout.header_row:
                continue
            if layout.header_row is None and number > HEADER_SEARCH_ROWS:
                break
            score = len({label(c) for c in cells if c is not None and layout.known(c)})
            if score and (best is None or score > best[0]):
                best = (score, sheet, number, cells)
    if best is None or (best[0] < 2 and len(layout.columns) > 1 and layout.header_row is None):
        return None
    return best[1], best[2], best[3]


def _above_header(sheet: Sheet, header_number: int, layout: Layout, draft: Draft, used: set[tuple[int, int]]) -> None:
    """Report each cell above the header row that the header block did not read (nor is a heading of the layout)."""
    for number, cells in sheet.rows:
        if number >= header_number:
            break
        for column, text in enumerate(cells):
            if text is None or (number, column) in used or label(text) in layout.headings:
                continue
            draft.note(
                "unplaced",
                sheet.where(number, column),
                "above the header row, in no field of the header block: left out",
                text,
                file="organisation.yaml",
                path=("organisation",),
            )


def _contacts(sheet: Sheet, header_number: int, layout: Layout, draft: Draft, used: set[tuple[int, int]]) -> None:
    """The header block: each contact group's label, then label/value pairs below it (or its value beside it)."""
    above = [(n, cells) for n, cells in sheet.rows if n < header_number]
    for index, (number, cells) in enumerate(above):
        for column, text in enumerate(cells):
            group = layout.contacts.get(label(text)) if text else None
            if group is not None:
                used.add((number, column))
            if group is None or (column > 0 and cells[column - 1] == text):
                continue  # a merged label, spread over its cells, is read once
            entry: dict[str, Any] = {}
            previous = number
            for below_number, below in above[index + 1 :]:
                if below_number != previous + 1:
                    break  # a blank row ends the block
                previous = below_number
                key = below[column] if column < len(below) else None
                value = below[column + 1] if column + 1 < len(below) else None
                if key is None or layout.contacts.get(label(key)):
                    break
                used.add((below_number, column))
                name = _CONTACT_FIELDS.get(label(key))
                if name is not None and value is None:
                    continue  # a label with no value: nothing stated
                if name is None or value is None:
                    draft.note(
                        "unplaced",
                        sheet.where(below_number, column),
                        f"not a contact field of {group}",
                        key,
                        file="organisation.yaml",
                        path=("organisation", _CONTACT_KEYS[group]),
                    )
                    continue
                used.add((below_number, column + 1))
                _contact_value(draft, group, name, value, sheet.where(below_number, column + 1))
                entry[name] = value
            beside = cells[column + 1] if column + 1 < len(cells) else None
            if not entry and beside is not None and beside != text and not layout.contacts.get(label(beside)):
                used.add((number, column + 1))
                _contact_value(draft, group, "name", beside, sheet.where(number, column + 1))


def _header_fields(sheet: Sheet, header_number: int, layout: Layout, draft: Draft, used: set[tuple[int, int]]) -> None:
    """Header-block labels with their value in the next filled cell to the right (``header:`` in the layout)."""
    organisation = draft.organisation
    for number, cells in sheet.rows:
        if number >= header_number:
            break
        for column, text in enumerate(cells):
            target = layout.header.get(label(text)) if text else None
            if target is None:
                continue
            used.add((number, column))
            at = next((i for i in range(column + 1, len(cells)) if cells[i] is not None), None)
            value = None if at is None else cells[at]
            if value is None or at is None or layout.header.get(label(value)):
                continue
            used.add((number, at))
            where = sheet.where(number, column + 1)
            if target in ("controller", "representative", "dpo"):
                found = values.contact(value, named=target != "controller")
                entry = organisation.setdefault(target, {"designated": True} if target == "dpo" else {})
                if target == "dpo":
                    found.pop("country", None)
                    if found.pop("address", None) is not None:
                        message = "the record format has no address for the DPO"
                        draft.note(
                            "lost", where, message, value, file="organisation.yaml", path=("organisation", "dpo")
                        )
                for key, part in found.items():
                    entry.setdefault(key, part)
            elif target == "joint_controllers":
                joint = organisation.setdefault("joint_controllers", [])
                joint.extend(values.contact(line, named=True) for line in value.split("\n") if line.strip())
            else:
                node = organisation
                *parents, last = target.split(".")
                for part in parents:
                    node = node.setdefault(part, {})
                node.setdefault(last, value.strip())


def _contact_value(draft: Draft, group: str, name: str, value: str, where: str) -> None:
    organisation = draft.organisation
    key = _CONTACT_KEYS[group]
    if group == "dpo":
        if name == "address":
            draft.note(
                "lost",
                where,
                "the record format has no address for the DPO",
                value,
                file="organisation.yaml",
                path=("organisation", "dpo"),
            )
            return
        dpo = organisation.setdefault("dpo", {"designated": True})
        dpo.setdefault(name, value.strip())
        return
    organisation.setdefault(key, {}).setdefault(name, value.strip())


class _Activity:
    """The rows of one activity, and the activity they become."""

    def __init__(self, first: _Row, draft: Draft) -> None:
        self.rows = [first]
        name = first.text("activity_id") or first.text("activity_name") or first.text("purpose")
        self.data = draft.new_activity(name or first.text("business_function") or "activity")
        self.draft = draft

    def note(self, kind: Any, cell: _Cell, message: str, *path: str | int) -> None:
        self.draft.note(kind, cell.where, message, cell.text, activity=self.data, path=path)


def _key(row: _Row) -> tuple[str, ...] | None:
    for name in ("activity_id", "activity_name"):
        if row.text(name):
            return (name, values.fold(row.text(name) or ""))
    if row.text("purpose") or row.text("business_function"):
        return ("purpose", values.fold(row.text("business_function") or ""), values.fold(row.text("purpose") or ""))
    return None


def _activities(rows: list[_Row], draft: Draft, layout: Layout) -> None:
    groups: dict[tuple[str, ...], _Activity] = {}
    last: _Activity | None = None
    for row in rows:
        key = _key(row)
        if key is not None and last is not None and not row.text("purpose") and _continues(row, last):
            # A department merged (or written again) down the rows of an activity names no new activity: a row
            # with only its department and no purpose belongs to the activity above, as a row with neither does.
            key = None
        if key is None:
            if last is None:
                for _, cell in [*((n, c) for n, c in row.cells.items()), *row.other]:
                    draft.note("unplaced", cell.where, "a row above every activity (no purpose, name or id)", cell.text)
                continue
            last.rows.append(row)
            continue
        if key in groups:
            groups[key].rows.append(row)
        else:
            groups[key] = _Activity(row, draft)
        last = groups[key]
    for activity in groups.values():
        _build(activity, layout)


def _continues(row: _Row, last: _Activity) -> bool:
    """Whether ``row`` (no id, name or purpose) states the department of the activity above and nothing more."""
    if row.text("activity_id") or row.text("activity_name"):
        return False
    above = last.rows[0].text("business_function")
    return above is not None and values.fold(above) == values.fold(row.text("business_function") or "")


def _same(activity: _Activity, name: str) -> tuple[bool, str | None]:
    """Whether every row that states ``name`` states the same text (rows that leave it empty do not count)."""
    texts = {row.text(name) for row in activity.rows if row.text(name)}
    return len(texts) <= 1, next(iter(texts), None)


def _first(activity: _Activity, name: str) -> _Cell | None:
    for row in activity.rows:
        if name in row.cells:
            return row.cells[name]
    return None


def _build(activity: _Activity, layout: Layout) -> None:
    data = activity.data
    identity = activity.rows[0].cells.get("activity_id")
    if identity is not None and identity.text != data["id"]:
        activity.note("warning", identity, f"not an id of the record format; written as '{data['id']}'", "id")
    for name in ("activity_name", "description", "business_function", "owner"):
        cell = _first(activity, name)
        if cell is not None:
            data[{"activity_name": "name"}.get(name, name)] = cell.text
    _purposes(activity)
    _subjects_and_categories(activity)
    _transfers(activity)
    _single_texts(activity)
    for row in activity.rows:
        for kind, cell in row.other:
            if kind.startswith("formula:"):
                activity.note("unplaced", cell, _FORMULA, *_path_of(kind.split(":", 1)[1]))
            elif kind.startswith("lost:"):
                _, header, why = kind.split(":", 2)
                activity.note("lost", cell, f"column '{header}': {why}")
            else:
                header = kind.split(":", 1)[1]
                activity.note("unplaced", cell, f"column '{header}' is not in the '{layout.name}' layout")


def _path_of(name: str) -> tuple[str | int, ...]:
    """Where a field's value would have gone in an activity, for a comment about a value left out."""
    paths: dict[str, tuple[str | int, ...]] = {
        **_SINGLE,
        "purpose": ("purposes",),
        "data_subjects": ("data_subjects",),
        "data_categories": ("data_categories",),
        "recipients": ("recipients",),
        "retention": ("retention",),
        "lawful_basis": ("purposes",),
        "transfer_countries": ("transfers",),
        "transfer_safeguards": ("transfers",),
        "rights": ("rights",),
        "sources": ("sources",),
        "data_location": ("data_location",),
    }
    return paths.get(name, ())


def _lawful_basis(activity: _Activity, row: _Row | None) -> dict[str, Any]:
    """The lawful basis from one row, or from the rows when they agree (``row`` None)."""
    basis: dict[str, Any] = {}
    source = row or activity.rows[0]
    cell = source.cells.get("lawful_basis") if row else _first(activity, "lawful_basis")
    if cell is not None:
        said, _, ref = cell.text.partition(" – ")  # ropa-check export: "Contract (Art. 6(1)(b)) – the contract"
        art6 = values.art6(said) if ref and "\n" not in cell.text else values.art6(cell.text)
        if art6 is not None:
            basis["art6"] = art6
            if ref and art6 in ("contract", "legal_obligation"):
                basis[f"{art6}_ref"] = ref.strip()
        else:
            basis["note"] = cell.text
            message = "not one Art. 6(1) basis as a whole: kept as lawful_basis.note"
            activity.note("unplaced", cell, message, "lawful_basis")
    for name, key in (
        ("legitimate_interest", "legitimate_interest"),
        ("lia_ref", "lia_ref"),
        ("consent_record_ref", "consent_record_ref"),
    ):
        found = source.cells.get(name) if row else _first(activity, name)
        if found is not None:
            basis[key] = found.text
    return basis


_BASIS_FIELDS = ("lawful_basis", "legitimate_interest", "lia_ref", "consent_record_ref")


def _purposes(activity: _Activity) -> None:
    data = activity.data
    texts: list[str] = []
    for row in activity.rows:
        cell = row.cells.get("purpose")
        for text in values.split_list(cell.text) if cell is not None else []:
            if all(values.fold(text) != values.fold(t) for t in texts):
                texts.append(text)
    taken: set[str] = set()
    purposes = []
    for text in texts:
        purpose: dict[str, Any] = {"id": values.unique(values.slug(text, "purpose"), taken), "description": text}
        tag = values.tag("purpose", text)
        if tag is not None:
            purpose["tags"] = [tag]
        purposes.append(purpose)
    if purposes:
        data["purposes"] = purposes
    uniform = all(_same(activity, name)[0] for name in _BASIS_FIELDS)
    if uniform:
        basis = _lawful_basis(activity, None)
        if basis:
            if len(purposes) == 1:
                purposes[0]["lawful_basis"] = basis
            else:
                data["lawful_basis"] = basis


def _entries(activity: _Activity, row: _Row, name: str, vocabulary: str, taken: dict[str, dict[str, Any]]) -> list[str]:
    cell = row.cells.get(name)
    texts = values.split_list(cell.text) if cell is not None else []
    # A category id column names the row's one category (ropa-check export writes one row per category), so the
    # cell is that category's name whole: a ';' in it ("Namn; adress") is part of the name, not a list.
    given = row.text("category_id") if name == "data_categories" and texts else None
    if given is not None and values.slug(given, "") == given and cell is not None:
        texts = [cell.text.strip()]
    elif len(texts) != 1:
        given = None
    ids = []
    for text in texts:
        key = values.fold(given or text)
        entry = taken.get(key)
        if entry is None:
            taken_ids = {e["id"] for e in taken.values()}
            wanted = given if given and values.slug(given, "") == given else values.slug(text, name.rstrip("s"))
            entry = {"id": values.unique(wanted, taken_ids)}
            entry["name"] = text
            tag = values.tag(vocabulary, text)
            if tag is not None:
                entry["tags"] = [tag]
            taken[key] = entry
        ids.append(entry["id"])
    return ids


def _subjects_and_categories(activity: _Activity) -> None:
    data, draft = activity.data, activity.draft
    subjects: dict[str, dict[str, Any]] = {}
    categories: dict[str, dict[str, Any]] = {}
    per_category: dict[str, dict[str, Any]] = {}
    row_categories: dict[int, list[str]] = {}
    for row in activity.rows:
        subject_ids = _entries(activity, row, "data_subjects", "data_subject", subjects)
        category_ids = _entries(activity, row, "data_categories", "data_category", categories)
        row_categories[id(row)] = category_ids
        for category_id in category_ids:
            facts = per_category.setdefault(category_id, {"subjects": [], "rows": []})
            facts["subjects"].extend(s for s in subject_ids if s not in facts["subjects"])
            facts["rows"].append(row)
    if subjects:
        data["data_subjects"] = list(subjects.values())
    if categories:
        data["data_categories"] = list(categories.values())
    all_subjects = [s["id"] for s in subjects.values()]
    for entry in categories.values():
        facts = per_category[entry["id"]]
        if facts["subjects"] and sorted(facts["subjects"]) != sorted(all_subjects):
            entry["subjects"] = facts["subjects"]
    index = {entry["id"]: i for i, entry in enumerate(categories.values())}
    # Values the same on every row go on the activity; values that differ go on each category.
    for name in ("retention", "recipients"):
        same, _ = _same(activity, name)
        if same:
            cell = _first(activity, name)
            if cell is not None:
                data[name] = _value(activity, name, cell, (name,), activity.rows[0])
            continue
        for entry in categories.values():
            for row in per_category[entry["id"]]["rows"]:
                cell = row.cells.get(name)
                if cell is not None:
                    path = ("data_categories", index[entry["id"]], name)
                    entry.setdefault(name, _value(activity, name, cell, path, row))
    if not all(_same(activity, name)[0] for name in _BASIS_FIELDS):
        for entry in categories.values():
            basis = _lawful_basis(activity, per_category[entry["id"]]["rows"][0])
            if basis:
                entry["lawful_basis"] = basis
    by_id = {entry["id"]: entry for entry in categories.values()}
    for entry in categories.values():
        for row in per_category[entry["id"]]["rows"]:
            cell = row.cells.get("art9_condition")
            if cell is not None and _needs_art9(entry, [by_id[i] for i in row_categories[id(row)]]):
                entry.setdefault("art9_condition", cell.text)
    for row in activity.rows:
        if "data_categories" not in row.cells and "art9_condition" in row.cells:
            activity.note(
                "unplaced",
                row.cells["art9_condition"],
                "an Art. 9 condition on a row with no data category",
                "data_categories",
            )
    del draft


def _needs_art9(entry: dict[str, Any], row_entries: list[dict[str, Any]]) -> bool:
    """Whether a row's Art. 9 condition belongs on ``entry``, one of the row's categories ``row_entries``.

    The condition lifts the Art. 9(1) prohibition, so it belongs on the row's special-category data: where the
    row names some, only on them (a name beside health data rests on no Art. 9 condition); where it names none
    that a tag says is special, on each (which of them is special cannot be told, and the text is kept).
    """

    def special(e: dict[str, Any]) -> bool:
        return any(str(t).startswith("special_category:") for t in e.get("tags", ()))

    return special(entry) or not any(special(e) for e in row_entries)


def _value(activity: _Activity, name: str, cell: _Cell, path: tuple[str | int, ...], row: _Row) -> Any:
    if name == "retention":
        concrete = values.retention(cell.text)
        return concrete if concrete is not None else {"description": cell.text}
    draft = activity.draft
    if values.is_none(cell.text):
        return []
    ids = []
    for text in values.split_list(cell.text):
        name, detail = values.named_detail(text)
        kinds = [values.recipient_kind(part) for part in detail]
        countries = [part for part in detail if re.fullmatch(r"[A-Z]{2}|unknown", part)]
        if detail and all(k is not None or p in countries for k, p in zip(kinds, detail, strict=True)):
            kind = next((k for k in kinds if k is not None), None)
            ids.append(draft.recipient(name, kind=kind, country=countries[0] if countries else None))
        else:
            ids.append(draft.recipient(text, kind=values.recipient_kind(text)))
    contract = row.cells.get("processor_contract")
    if contract is not None:
        names = {values.fold(draft.recipients[i].get("name", "")): i for i in ids}
        for line in values.split_list(contract.text):
            who, _, ref = line.partition(": ")
            if ref and values.fold(who) in names:
                draft.recipients[names[values.fold(who)]].setdefault("contract_ref", ref.strip())
            elif len(ids) == 1:
                draft.recipients[ids[0]].setdefault("contract_ref", line)
            else:
                activity.note(
                    "unplaced", contract, "a processor contract that names none of the row's recipients", *path
                )
    return ids


def _says_no_transfer(text: str) -> bool:
    """A third-country cell that says there is none (``Inga``, ``No``); ``NO`` in capitals is Norway."""
    return values.country(text) is None and (values.is_none(text) or values.yes_no(text) is False)


def _transfers(activity: _Activity) -> None:
    transfers: list[dict[str, Any]] = []
    seen: set[str] = set()
    stated_none = False
    for row in activity.rows:
        cell = row.cells.get("transfer_countries")
        safeguards = row.cells.get("transfer_safeguards")
        if cell is not None and _says_no_transfer(cell.text):
            # Stated as none, not a transfer to an unknown country (the transfer rules would report one).
            stated_none = True
            cell = None
        if cell is None:
            if safeguards is not None:
                activity.note(
                    "unplaced", safeguards, "transfer safeguards on a row that names no third country", "transfers"
                )
            continue
        said: dict[str, str] = {}
        for line in values.split_list(safeguards.text) if safeguards is not None else []:
            destination, _, rest = line.partition(": ")
            if rest:
                said[values.fold(destination)] = rest  # ropa-check export: "US (Moln AB): safeguards"
        for text in values.split_list(cell.text):
            if values.fold(text) in seen:
                continue
            seen.add(values.fold(text))
            where_to, detail = values.named_detail(text)
            code = values.country(where_to) if len(detail) == 1 else values.country(text)
            transfer: dict[str, Any] = {"country": code or "unknown"}
            if code is not None and len(detail) == 1 and values.country(text) is None:
                transfer["recipient"] = activity.draft.recipient(detail[0])
            own = said.get(values.fold(text))
            if own is not None:
                mechanism, *more = own.split("; ")
                found = values.mechanism(mechanism)
                if found is not None:
                    transfer["mechanism"] = found
                if more or found is None:
                    transfer["safeguards_doc"] = "; ".join(more if found is not None else [own])
                transfers.append(transfer)
                continue
            if code is None:
                if "organi" in text.casefold():
                    transfer = {"organisation": text}
                else:
                    activity.note(
                        "unplaced",
                        cell,
                        f"'{text}' is no country ropa-check knows: written as unknown",
                        "transfers",
                        len(transfers),
                        "country",
                    )
            if safeguards is not None and not said:
                named = values.mechanism(safeguards.text)
                if named is not None:
                    transfer["mechanism"] = named
                else:
                    transfer["safeguards_doc"] = safeguards.text
            transfers.append(transfer)
    if transfers or stated_none:
        activity.data["transfers"] = transfers


def _single_texts(activity: _Activity) -> None:
    """Fields with one value per activity: the first row's is written, a different one on a later row reported."""
    data = activity.data
    seen: dict[str, _Cell] = {}
    texts: dict[str, set[str]] = {}
    for row in activity.rows:
        for name, cell in row.cells.items():
            if name not in seen or (name in _UNION and cell.text not in texts[name]):
                seen.setdefault(name, cell)
                texts.setdefault(name, set()).add(cell.text)
                _place(activity, name, cell)
            elif name in _SINGLE and cell.text != seen[name].text:
                activity.note("unplaced", cell, f"differs from {seen[name].where} on the same activity", *_SINGLE[name])
    if "dpia" in data and not data["dpia"]:
        del data["dpia"]


_SINGLE: dict[str, tuple[str, ...]] = {
    "security_measures": ("security_measures",),
    "dpia_required": ("dpia", "required"),
    "dpia_status": ("dpia", "status"),
    "dpia_ref": ("dpia", "ref"),
    "automated_decision": ("automated_decision",),
    "activity_name": ("name",),
    "business_function": ("business_function",),
    "description": ("description",),
    "owner": ("owner",),
}
#: Fields whose values on several rows of one activity are all kept.
_UNION = frozenset({"rights", "joint_controller", "sources", "data_location", "system", "dataset"})


def _place(activity: _Activity, name: str, cell: _Cell) -> None:
    data, draft = activity.data, activity.draft
    if name == "security_measures":
        lines = values.split_list(cell.text.replace(";", "\n")) if "\n" in cell.text else [cell.text]
        data["security_measures"] = lines[0] if len(lines) == 1 else lines
    elif name == "breach_register_ref":
        draft.organisation.setdefault("breach_register_ref", cell.text)
    elif name == "dpia_summary":
        _dpia_summary(activity, cell)
    elif name == "dpia_required":
        answer = values.yes_no(cell.text)
        if answer is None:
            activity.note("unplaced", cell, "not yes or no", "dpia", "required")
        else:
            data.setdefault("dpia", {})["required"] = answer
    elif name == "dpia_status":
        status = values.dpia_status(cell.text)
        if status is None:
            activity.note("unplaced", cell, "not a DPIA status (not started, in progress, done, approved)", "dpia")
        else:
            data.setdefault("dpia", {})["status"] = status
    elif name == "dpia_ref":
        data.setdefault("dpia", {})["ref"] = cell.text
    elif name == "automated_decision":
        _automated_decision(activity, cell)
    elif name == "rights":
        first, _, procedure = cell.text.partition("\n")
        known, rest = values.rights(first)
        rights = data.setdefault("rights", {"available": []})
        rights["available"].extend(right for right in known if right not in rights["available"])
        if procedure.strip() and not rest:
            rights.setdefault("procedure_ref", procedure.strip())
        elif procedure.strip():
            rest.append(procedure.strip())
        if rest:
            activity.note("unplaced", cell, f"not a right ropa-check knows: {'; '.join(rest)}", "rights")
    elif name == "joint_controller":
        joint = draft.organisation.setdefault("joint_controllers", [])
        for line in values.split_list(cell.text.replace(";", "\n")):
            party = values.contact(line, named=True)
            if party and all(values.fold(p.get("name", "")) != values.fold(party.get("name", "")) for p in joint):
                joint.append(party)
    elif name == "sources":
        ids = data.setdefault("sources", [])
        for text in [] if values.is_none(cell.text) else values.split_list(cell.text):
            ident = draft.source(text, type=values.source_type(text))
            if ident not in ids:
                ids.append(ident)
    elif name in ("data_location", "system", "dataset"):
        locations = data.setdefault("data_location", [])
        for text in values.split_list(cell.text):
            code = values.country(text) if name == "data_location" else None
            location: dict[str, Any] = {"country": code} if code else {"system": text}
            system, detail = values.named_detail(text)
            if name == "data_location" and not code and detail and len(detail) <= 2:
                # ropa-check export: "system (SE, provider)"
                location = {"system": system}
                for part in detail:
                    if "country" not in location and values.country(part) and re.fullmatch(r"[A-Z]{2}", part):
                        location["country"] = part
                    else:
                        location["provider"] = draft.recipient(part)
            if location not in locations:
                locations.append(location)


def _dpia_summary(activity: _Activity, cell: _Cell) -> None:
    """``krävs: Ja; status: pågår; DPIA-7`` (ropa-check export's skr layout) as activity.dpia."""
    dpia: dict[str, Any] = activity.data.setdefault("dpia", {})
    rest = []
    for part in cell.text.split("; "):
        key, _, value = part.partition(": ")
        if value and values.fold(key) in ("krävs", "required") and values.yes_no(value) is not None:
            dpia["required"] = values.yes_no(value)
        elif value and values.fold(key) == "status" and values.dpia_status(value):
            dpia["status"] = values.dpia_status(value)
        else:
            rest.append(part)
    if rest:
        dpia["ref"] = rest[0]
    if len(rest) > 1:
        activity.note("unplaced", cell, "DPIA text beyond its reference", "dpia")


def _automated_decision(activity: _Activity, cell: _Cell) -> None:
    """``No``, ``Yes: logic`` and ``profiling: Yes, description`` lines (ropa-check export) as their blocks."""
    data = activity.data
    for line in cell.text.split("\n"):
        key, _, rest = line.partition(": ")
        if values.fold(key) in ("profiling", "profilering") and rest:
            answer_text, _, description = rest.partition(", ")
            used = values.yes_no(answer_text)
            if used is None:
                activity.note("unplaced", cell, "profiling: not yes or no", "profiling")
                continue
            data["profiling"] = {"used": used, **({"description": description} if description else {})}
            continue
        answer = values.yes_no(key if rest else line)
        if answer is None:
            activity.note("unplaced", cell, "not yes or no", "automated_decision")
            continue
        data["automated_decision"] = {"exists": answer, **({"logic_info": rest} if rest else {})}
