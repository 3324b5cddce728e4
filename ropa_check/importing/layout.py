"""Column layouts: which header label holds which field. The shipped ones (ICO, SKR) and ``--mapping`` files.

A layout file is YAML (``layouts/ico.yaml`` is one, and the format of a
``--mapping`` file, see docs/import.md)::

    layout: my-register           # a name for the report
    header: {"Controller": controller.name, "Authority": supervisory_authority}   # optional: label, value beside
    sheet: Register               # optional: the sheet to read (default: the first with the headers)
    header_row: 3                 # optional: the row of the headers (default: found by label)
    contacts: {controller: [...], dpo: [...], representative: [...]}   # optional header-block labels
    columns: {purpose: ["Purpose", "Ändamål"], data_categories: ["Data"], ...}
    lost: {"Breach?": "why the record has no field for it"}

Labels are compared case-folded, with spaces collapsed and "(if applicable)",
"(if possible)" and a final "?" or ":" dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ropa_check.importing.draft import SourceError
from ropa_check.importing.values import load_data

#: The fields a column can fill, and what each becomes in the record (docs/import.md lists them).
FIELDS = {
    "activity_id": "the activity's id (rows with the same id are one activity)",
    "activity_name": "the activity's name (rows with the same name are one activity)",
    "category_id": "the data category's id (a row with one data category)",
    "business_function": "activity.business_function",
    "purpose": "activity.purposes (one per line): description, and a tag when the text names one",
    "joint_controller": "organisation.joint_controllers[].name",
    "data_subjects": "activity.data_subjects (one per line or ';'): name, and a tag when the text names one",
    "data_categories": "activity.data_categories (one per line or ';'): name, and a tag when the text names one",
    "recipients": "recipients.yaml entries (one per line or ';'), referred to by id from the activity or category",
    "processor_contract": "recipient.contract_ref of the row's one recipient",
    "transfer_countries": "activity.transfers[].country (names or ISO codes, one per line or ';')",
    "transfer_safeguards": "activity.transfers[].mechanism when the text names one, and safeguards_doc",
    "retention": "retention: duration and start_event when concrete (P2Y, '2 years after X'), else description",
    "security_measures": "activity.security_measures",
    "lawful_basis": "lawful_basis.art6 when the text names an Art. 6(1) basis, else lawful_basis.note",
    "art9_condition": "data_categories[].art9_condition",
    "legitimate_interest": "lawful_basis.legitimate_interest",
    "lia_ref": "lawful_basis.lia_ref",
    "rights": "activity.rights.available (the rights recognised)",
    "automated_decision": "activity.automated_decision.exists (yes/no)",
    "sources": "sources.yaml entries, referred to by id from activity.sources",
    "consent_record_ref": "lawful_basis.consent_record_ref",
    "data_location": "activity.data_location[] (a system, or a country)",
    "dpia_required": "activity.dpia.required (yes/no)",
    "dpia_status": "activity.dpia.status (not started, in progress, done, approved)",
    "dpia_ref": "activity.dpia.ref",
    "dpia_summary": "activity.dpia: 'krävs: Ja; status: pågår; ref' as ropa-check export's skr layout writes it",
    "breach_register_ref": "organisation.breach_register_ref",
    "owner": "activity.owner",
    "description": "activity.description",
    "system": "activity.data_location[].system",
    "dataset": "activity.data_location[].system",
}
CONTACT_GROUPS = ("controller", "dpo", "representative")
#: Where a header-block value (``header:``) can go: organisation fields, or contact groups written in one cell.
HEADER_TARGETS = (
    "controller.name",
    "controller.org_number",
    "controller",
    "representative",
    "dpo",
    "joint_controllers",
    "supervisory_authority",
    "record.version",
    "record.owner",
    "record.last_reviewed",
    "breach_register_ref",
    "privacy_notice_ref",
    "security_policy_ref",
)
_KEYS = ("layout", "title", "sheet", "header_row", "contacts", "header", "headings", "columns", "lost", "cannot_carry")
_DROP = re.compile(r"\((if applicable|if possible|om tillämpligt|om möjligt)\)", re.IGNORECASE)


def label(text: str) -> str:
    """A header label as compared: case-folded, qualifiers and final punctuation dropped, spaces collapsed."""
    return re.sub(r"\s+", " ", _DROP.sub("", text)).strip().casefold().rstrip("?:*").strip()


@dataclass
class Layout:
    """Which header label means which field."""

    name: str
    columns: dict[str, str] = field(default_factory=dict)
    lost: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    header: dict[str, str] = field(default_factory=dict)
    cannot_carry: list[str] = field(default_factory=list)
    #: The template's own headings above the header row (``Privacy Notices``): text that holds no value.
    headings: set[str] = field(default_factory=set)
    sheet: str | None = None
    header_row: int | None = None

    def known(self, text: str) -> bool:
        """True when ``text`` is a header of this layout."""
        folded = label(text)
        return folded in self.columns or folded in self.lost


def shipped(name: str) -> Layout:
    """A shipped layout: ``ico`` or ``skr``."""
    return _build(load_data(f"{name}.yaml"), name)


def _build(data: dict[str, Any], name: str) -> Layout:
    layout = Layout(str(data.get("layout") or name), sheet=data.get("sheet"), header_row=data.get("header_row"))
    for field_name, labels in (data.get("columns") or {}).items():
        for text in [labels] if isinstance(labels, str) else labels:
            layout.columns[label(text)] = field_name
    for text, why in (data.get("lost") or {}).items():
        layout.lost[label(text)] = str(why)
    for group, labels in (data.get("contacts") or {}).items():
        for text in [labels] if isinstance(labels, str) else labels:
            layout.contacts[label(text)] = group
    layout.cannot_carry = [str(item) for item in data.get("cannot_carry") or []]
    layout.headings = {label(str(text)) for text in data.get("headings") or []}
    for text, target in (data.get("header") or {}).items():
        layout.header[label(text)] = str(target)
    return layout


def from_mapping(path: Path, name: str) -> Layout:
    """A ``--mapping`` file, checked: an unknown key or field is an error at its line. Raises SourceError."""
    from ropa_check.loader import load
    from ropa_check.suggest import nearest

    document, errors = load(path, name)
    if document is None:
        first = errors[0]
        raise SourceError(f"{name}:{first.line}:{first.column}", first.message)
    data = document.data

    def where(*parts: str | int, key: bool = True) -> str:
        line, column = document.position(tuple(parts), key=key)
        return f"{name}:{line}:{column}"

    if not isinstance(data, dict):
        raise SourceError(where(), "a mapping file is a YAML mapping with a 'columns:' key")
    for key in data:
        if key not in _KEYS:
            close = nearest(str(key), _KEYS)
            hint = f"; did you mean '{close}'?" if close else f" (known: {', '.join(_KEYS)})"
            raise SourceError(where(key), f"unknown key '{key}'{hint}")
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise SourceError(where("columns") if "columns" in data else where(), "'columns' must map fields to labels")
    for field_name, labels in columns.items():
        if field_name not in FIELDS:
            close = nearest(str(field_name), FIELDS)
            hint = f"; did you mean '{close}'?" if close else " (docs/import.md lists the fields)"
            raise SourceError(where("columns", field_name), f"unknown field '{field_name}'{hint}")
        if not (isinstance(labels, str) or (isinstance(labels, list) and all(isinstance(x, str) for x in labels))):
            raise SourceError(where("columns", field_name, key=False), "labels must be text or a list of texts")
    for group, labels in (data.get("contacts") or {}).items():
        if group not in CONTACT_GROUPS:
            known = ", ".join(CONTACT_GROUPS)
            raise SourceError(where("contacts", group), f"unknown contact group '{group}' ({known})")
        if not (isinstance(labels, str) or (isinstance(labels, list) and all(isinstance(x, str) for x in labels))):
            raise SourceError(where("contacts", group, key=False), "labels must be text or a list of texts")
    header = data.get("header") or {}
    if not isinstance(header, dict):
        raise SourceError(where("header"), "'header' maps header-block labels to organisation fields")
    for text, target in header.items():
        if target not in HEADER_TARGETS:
            close = nearest(str(target), HEADER_TARGETS)
            hint = f"; did you mean '{close}'?" if close else f" (known: {', '.join(HEADER_TARGETS)})"
            raise SourceError(where("header", text, key=False), f"unknown organisation field '{target}'{hint}")
    lost = data.get("lost") or {}
    if not isinstance(lost, dict) or not all(isinstance(v, str) for v in lost.values()):
        raise SourceError(where("lost"), "'lost' maps labels to the reason the record cannot hold them")
    headings = data.get("headings") or []
    if not (isinstance(headings, list) and all(isinstance(x, str) for x in headings)):
        raise SourceError(where("headings", key=False), "'headings' is a list of the template's own headings")
    header_row = data.get("header_row")
    if header_row is not None and (not isinstance(header_row, int) or isinstance(header_row, bool) or header_row < 1):
        raise SourceError(where("header_row", key=False), "'header_row' is a row number (1 or more)")
    sheet = data.get("sheet")
    if sheet is not None and not isinstance(sheet, str):
        raise SourceError(where("sheet", key=False), "'sheet' is a sheet's name")
    return _build(data, path.stem)
