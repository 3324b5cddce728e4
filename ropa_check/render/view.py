"""The record as a document: sections, rows and cells of text, in one language, ready for any output format.

:func:`document` turns a checked record and its findings into plain data
(:class:`RecordDoc`) that the HTML and Markdown writers only lay out: every
Art. 30 field of each data category with its effective value and, where that
value is inherited, where it is written; each activity's findings, waivers,
DPIA status and transfers; the register of recipients and sources; counts.
Nothing here escapes for a format: the text is the record's own, with only the
characters that no document should carry (control characters, bidirectional
overrides) made visible. Each writer escapes for its own format.

The view is format-neutral on purpose, so that other writers of the record
(spreadsheet export) can take the same rows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ropa_check.adequacy import third_country
from ropa_check.document import Ref
from ropa_check.finding import Finding, Severity
from ropa_check.format.immutable import Data
from ropa_check.render.flow import Graph, activity_graph, record_graph
from ropa_check.render.labels import Labels
from ropa_check.render.text import clean, one_line

if TYPE_CHECKING:
    from ropa_check.record import Record

_DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T.*)?$")
_UNITS = {
    "en": (("year", "years"), ("month", "months"), ("week", "weeks"), ("day", "days")),
    "sv": (("år", "år"), ("månad", "månader"), ("vecka", "veckor"), ("dag", "dagar")),
}
#: Fields shown in a column or section of their own, not again under "further details".
_ACTIVITY_OWN = frozenset(
    {
        "id",
        "name",
        "description",
        "business_function",
        "owner",
        "last_reviewed",
        "security_policy_ref",
        "purposes",
        "lawful_basis",
        "data_subjects",
        "data_categories",
        "sources",
        "recipients",
        "retention",
        "transfers",
        "security_measures",
        "dpia",
        "x_ropa_check",
    }
)
#: The most characters of a value shown in each data category's row when it is written elsewhere (an
#: inherited retention, a purpose's description): each category repeats it, so a long one would make the
#: document as many times longer (a 5 MB record ran out of memory). In full where it is written.
REPEATED = 2000
_CATEGORY_OWN = frozenset(
    {"id", "name", "tags", "subjects", "purposes", "lawful_basis", "retention", "recipients", "sources", "x_ropa_check"}
)


@dataclass(frozen=True, slots=True)
class Cell:
    """One value as shown: its text (lines), and where it is written when it is inherited.

    ``state`` is ``own`` (written here), ``inherited`` (from the activity or the
    organisation: ``note`` says where), ``missing`` (not stated: a gap) or
    ``none`` (stated to be none, ``recipients: []``).
    """

    lines: tuple[str, ...]
    state: str = "own"
    note: str = ""

    @property
    def text(self) -> str:
        return "; ".join(self.lines)


@dataclass(frozen=True, slots=True)
class Row:
    """A labelled value."""

    label: str
    cell: Cell
    key: str = ""


@dataclass(frozen=True, slots=True)
class FindingView:
    """A finding as the document shows it."""

    severity: str  # error, warning, info
    severity_label: str
    code: str
    name: str
    message: str
    reference: str
    fix: str
    location: str
    waived_as: str = ""  # "waiver" or "baseline" (in words), when waived
    reason: str = ""
    approver: str = ""
    expires: str = ""


@dataclass(frozen=True, slots=True)
class CategoryDoc:
    """One data category of an activity with every Art. 30 field's effective value."""

    id: str
    name: str
    tags: tuple[str, ...]
    subjects: Cell
    purposes: Cell
    lawful_basis: Cell
    retention: Cell
    recipients: Cell
    sources: Cell
    special: Cell


@dataclass(frozen=True, slots=True)
class TransferDoc:
    """A transfer to a third country or international organisation, Art. 30(1)(e)."""

    destination: str
    third_country: bool
    recipient: str
    mechanism: str
    details: str


@dataclass
class ActivityDoc:
    """One processing activity."""

    id: str
    anchor: str
    name: str
    location: str
    overview: list[Row]
    purposes: list[Row]
    data_subjects: list[Row]
    categories: list[CategoryDoc]
    recipients: Cell
    retention: Cell
    security: Cell
    transfers: list[TransferDoc]
    #: What to say when there are no transfers: "none (stated)" for ``transfers: []``, else "not stated".
    no_transfers: str
    dpia_status: str
    dpia: list[Row]
    other: list[Row]
    graph: Graph
    findings: list[FindingView] = field(default_factory=list)
    waived: list[FindingView] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(f.severity for f in self.findings)
        return {sev: counter.get(sev, 0) for sev in ("error", "warning", "info")}


@dataclass
class RecordDoc:
    """The whole record as a document."""

    lang: str
    labels: Labels
    title: str
    as_of: str
    version: str
    files: int
    organisation: list[Row]
    activities: list[ActivityDoc]
    recipients: list[list[str]]
    sources: list[list[str]]
    processor_activities: list[tuple[str, list[Row]]]
    summary: list[tuple[str, int]]
    graph: Graph
    show_findings: bool
    record_findings: list[FindingView] = field(default_factory=list)
    record_waived: list[FindingView] = field(default_factory=list)


class _Writer:
    """Formats the record's values in one language."""

    def __init__(self, labels: Labels) -> None:
        self.t = labels
        # Values every category of an activity repeats, made once: (the value, its text), by id().
        self._made: dict[int, tuple[Any, Any]] = {}

    def once(self, obj: Any, make: Any) -> Any:
        """``make()``, made once for ``obj`` (held, so that its id is not reused) however often it is asked for."""
        hit = self._made.get(id(obj))
        if hit is None or hit[0] is not obj:
            hit = self._made[id(obj)] = (obj, make())
        return hit[1]

    def short(self, text: str) -> str:
        """``text`` as a data category's row repeats it: cut at :data:`REPEATED` characters, saying how many more."""
        if len(text) <= REPEATED:
            return text
        return text[:REPEATED] + self.t["cut"].format(n=len(text) - REPEATED)

    def shortened(self, cell: Cell) -> Cell:
        """``cell`` with each line :meth:`short`."""
        if all(len(line) <= REPEATED for line in cell.lines):
            return cell
        return Cell(tuple(self.short(line) for line in cell.lines), cell.state, cell.note)

    def missing(self) -> Cell:
        return Cell((self.t["not_stated"],), "missing")

    def value(self, key: str, value: Any) -> str:
        """One value in words: a code in the language, a date in ISO, a nested mapping as "Field: value; ..."."""
        if value is None:
            return self.t["not_stated"]
        if isinstance(value, bool):
            return self.t["yes"] if value else self.t["no"]
        if isinstance(value, Data):
            return "; ".join(f"{self.t.field(k)}: {self.value(k, v)}" for k, v in self.fields(value))
        if isinstance(value, list | tuple):
            return ", ".join(self.value(key, v) for v in value)
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            if self.t.coded(key):
                return self.t.value(key, value)
            if key in ("duration", "review_interval"):
                return self.duration(value)
            return clean(value)
        return clean(str(value))

    @staticmethod
    def fields(obj: Data) -> list[tuple[str, Any]]:
        """The fields ``obj`` states, in the format's order (waivers are shown with the findings)."""
        stated = obj.__pydantic_fields_set__  # not fields_set: a new frozenset each time, for every value shown
        return [(k, v) for k, v in obj.__dict__.items() if v is not None and k in stated and k != "x_ropa_check"]

    def rows(self, obj: Data | None, skip: Iterable[str] = ()) -> list[Row]:
        if obj is None:
            return []
        left_out = frozenset(skip)
        return [
            Row(self.t.field(k), Cell(tuple(self.lines(k, v))), k) for k, v in self.fields(obj) if k not in left_out
        ]

    def lines(self, key: str, value: Any) -> list[str]:
        """A list as one line per entry; anything else as one line."""
        if isinstance(value, list) and value and isinstance(value[0], Data):
            return [self.value(key, v) for v in value]
        return [self.value(key, value)]

    def duration(self, iso: str) -> str:
        match = _DURATION.match(iso)
        if match is None or not any(match.groups()):
            return iso
        units = _UNITS[self.t.lang]
        parts = [f"{n} {units[i][int(n) != 1]}" for i, n in enumerate(match.groups()) if n is not None]
        return f"{iso} ({', '.join(parts)})"

    def where(self, ref: Ref) -> str:
        return f"{one_line(ref.doc.path)}:{ref.line}"

    def inherited(self, here: Ref, ref: Ref | None, cell: Cell) -> Cell:
        """``cell``, marked as inherited from the activity with the line it is written on, when ``ref`` is not
        under ``here`` (a data category). The activity is in the same file as its categories, which the
        overview names once.
        """
        if ref is None or (ref.path[: len(here.path)] == here.path and ref.doc is here.doc):
            return cell
        return Cell(cell.lines, "inherited", self.t["inherited_activity"].format(line=ref.line))


def document(
    record: Record,
    findings: Sequence[Finding],
    labels: Labels,
    *,
    as_of: dt.date,
    version: str,
    show_findings: bool = True,
) -> RecordDoc:
    """The record (a :class:`ropa_check.record.Record`) and its findings as a document in ``labels``' language."""
    w = _Writer(labels)
    t = labels
    org = record.org
    org_ref: Ref | None = record.organisation.ref if record.organisation is not None else None
    by_activity: dict[str, list[Finding]] = {}
    for f in findings:
        by_activity.setdefault(f.activity or "", []).append(f)
    activities = [_activity(a, w, org, org_ref, by_activity.get(a.id, ()), show_findings) for a in record.activities]
    controller = org.controller
    name = clean(controller.name) if controller is not None and controller.name else t["not_stated"]
    doc = RecordDoc(
        lang=t.lang,
        labels=t,
        title=f"{t['title']} – {name}",
        as_of=as_of.isoformat(),
        version=version,
        files=len(record.documents),
        organisation=_organisation(org, w),
        activities=activities,
        recipients=[_recipient_row(r.model, w) for r in record.recipients.values()],
        sources=[_source_row(s.model, w) for s in record.sources.values()],
        processor_activities=[
            (clean(p.model.name or p.model.id), w.rows(p.model, skip=("id",))) for p in record.processor_activities
        ],
        summary=[],
        graph=record_graph(record, t),
        show_findings=show_findings,
    )
    if show_findings:
        known = {a.id for a in record.activities}
        rest = [f for key, group in by_activity.items() if key not in known for f in group]
        doc.record_findings, doc.record_waived = _findings(rest, w)
    doc.summary = _summary(doc, findings if show_findings else ())
    return doc


def _summary(doc: RecordDoc, findings: Sequence[Finding]) -> list[tuple[str, int]]:
    t = doc.labels
    out = [
        (t["count_activities"], len(doc.activities)),
        (t["count_categories"], sum(len(a.categories) for a in doc.activities)),
        (t["count_recipients"], len(doc.recipients)),
        (t["count_third_country"], sum(1 for a in doc.activities for tr in a.transfers if tr.third_country)),
    ]
    if doc.show_findings:
        active = Counter(f.severity for f in findings if f.suppression is None)
        out += [
            (t["count_errors"], active[Severity.ERROR]),
            (t["count_warnings"], active[Severity.WARNING]),
            (t["count_info"], active[Severity.INFO]),
            (t["count_waived"], sum(1 for f in findings if f.suppression is not None)),
        ]
    return out


def _organisation(org: Any, w: _Writer) -> list[Row]:
    """Every field of the organisation block; the controller's details one row each."""
    rows: list[Row] = []
    if org.controller is not None:
        for key, value in w.fields(org.controller):
            label = f"{w.t.field('controller')}: {w.t.field(key).lower()}"
            rows.append(Row(label, Cell((w.value(key, value),)), key))
        if not {"address", "email", "phone"} & org.controller.fields_set:  # Art. 30(1)(a): "contact details"
            rows.append(Row(f"{w.t.field('controller')}: {w.t['contact'].lower()}", w.missing(), "contact"))
    else:
        rows.append(Row(w.t.field("controller"), w.missing(), "controller"))
    country = org.controller.country if org.controller is not None else None
    for key in ("representative", "dpo", "supervisory_authority"):
        if key not in org.fields_set or getattr(org, key) is None:
            if key == "representative" and country not in (None, "unknown") and not third_country(country):
                # Art. 27(1) binds only controllers not established in the Union (RPA104 checks the others):
                # no gap to show the authority.
                rows.append(Row(w.t.field(key), Cell((w.t["representative_not_required"],), "none"), key))
            else:
                rows.append(Row(w.t.field(key), w.missing(), key))
    rows.extend(w.rows(org, skip=("controller", "record")))
    # The record's own version, owner and last review: a living document (Art. 5(2)), said even when missing.
    meta = org.record
    stated = dict(w.fields(meta)) if meta is not None else {}
    for key in ("version", "owner", "last_reviewed", "created", "language"):
        label = f"{w.t.field('record')}: {w.t.field(key).lower()}"
        if key in stated:
            rows.append(Row(label, Cell((w.value(key, stated[key]),)), key))
        elif key in ("version", "owner", "last_reviewed"):
            rows.append(Row(label, w.missing(), key))
    return rows


def _recipient_row(r: Any, w: _Writer) -> list[str]:
    country = r.country or ""
    where = f"{country} ({w.t['third_country']})" if third_country(country) else country
    details = "; ".join(
        f"{w.t.field(k)}: {w.value(k, v)}" for k, v in w.fields(r) if k not in ("id", "name", "kind", "country")
    )
    return [clean(r.id), w.value("name", r.name), w.value("kind", r.kind), where or w.t["not_stated"], details]


def _source_row(s: Any, w: _Writer) -> list[str]:
    details = "; ".join(f"{w.t.field(k)}: {w.value(k, v)}" for k, v in w.fields(s) if k not in ("id", "name", "type"))
    return [clean(s.id), w.value("name", s.name), w.value("type", s.type), details]


def _finding(f: Finding, w: _Writer) -> FindingView:
    s = f.suppression
    return FindingView(
        severity=f.severity.value,
        severity_label=w.t[f"severity_{f.severity.value}"],
        code=clean(f.code),
        name=clean(f.name),
        message=clean(f.message),
        reference=clean(f.reference),
        fix=clean(f.fix or ""),
        location=f"{one_line(f.file)}:{f.line}",
        waived_as="" if s is None else w.t[s.kind] if s.kind in ("waiver", "baseline") else clean(s.kind),
        reason="" if s is None else clean(s.reason),
        approver="" if s is None or s.approver is None else clean(s.approver),
        expires="" if s is None or s.expires is None else clean(s.expires),
    )


def _findings(found: Iterable[Finding], w: _Writer) -> tuple[list[FindingView], list[FindingView]]:
    ordered = sorted(found, key=lambda f: (-f.severity.rank, f.code, f.file, f.line, f.message))
    return (
        [_finding(f, w) for f in ordered if f.suppression is None],
        [_finding(f, w) for f in ordered if f.suppression is not None],
    )


def _category(c: Any, w: _Writer) -> CategoryDoc:
    t, m, here = w.t, c.model, c.ref
    activity = c.activity
    # Subjects, purposes, recipients and sources are written elsewhere (the category names them by id).
    subjects = Cell(tuple(clean(w.short(s.name or s.id)) for s, _ in c.subjects) or (t["not_stated"],))
    if m.subjects is None and c.subjects:
        subjects = w.inherited(here, activity.ref.child("data_subjects"), subjects)
    purposes = Cell(tuple(clean(w.short(p.description or p.id)) for p, _ in c.purposes) or (t["not_stated"],))
    if m.purposes is None and c.purposes:
        purposes = w.inherited(here, activity.ref.child("purposes"), purposes)
    if not c.purposes:
        purposes = w.missing()
    lawful = _bases(c, w)
    retention, rref = c.retention
    retention_cell = (
        w.missing() if retention is None else Cell(w.once(retention, lambda: _retention_lines(retention, w)))
    )
    retention_cell = w.inherited(here, rref, retention_cell)
    if retention_cell.state == "inherited":
        retention_cell = w.shortened(retention_cell)
    recipients, pref = c.recipients
    if recipients is None:
        recipients_cell = w.missing()
    elif not recipients:
        recipients_cell = Cell((t["none_stated"],), "none")
    else:
        recipients_cell = w.shortened(
            Cell(tuple(w.once(r.model, lambda r=r: _recipient_text(r.model, w)) for r in recipients))
        )
    recipients_cell = w.inherited(here, pref, recipients_cell)
    sources, sref = c.sources
    if sources is None:
        sources_cell = Cell((t["not_stated"],), "missing")
    else:
        sources_cell = w.inherited(here, sref, Cell(tuple(clean(w.short(s.model.name or s.model.id)) for s in sources)))
    special = tuple(
        f"{t.field(k)}: {w.value(k, v)}" for k, v in w.fields(m) if k not in _CATEGORY_OWN and k != "description"
    )
    return CategoryDoc(
        id=clean(m.id),
        name=clean(m.name or m.id) + (f" – {clean(m.description)}" if m.description else ""),
        tags=tuple(clean(tag) for tag in m.tags),
        subjects=subjects,
        purposes=purposes,
        lawful_basis=lawful,
        retention=retention_cell,
        recipients=recipients_cell,
        sources=sources_cell,
        special=Cell(special or ("–",), "own" if special else "none"),
    )


def _bases(c: Any, w: _Writer) -> Cell:
    lines: list[str] = []
    notes: list[str] = []
    missing = False
    for basis in c.bases:
        purpose = f"{clean(basis.purpose.id)}: " if basis.purpose is not None else ""
        if basis.basis is None:
            lines.append(purpose + w.t["not_stated"])
            missing = True
            continue
        marked = w.inherited(c.ref, basis.ref, Cell(()))
        text = w.once(basis.basis, lambda basis=basis: w.value("", basis.basis))
        lines.append(purpose + (w.short(text) if marked.note else text))
        if marked.note and marked.note not in notes:
            notes.append(marked.note)
    if not lines:
        return w.missing()
    return Cell(tuple(lines), "missing" if missing else "inherited" if notes else "own", "; ".join(notes))


def _retention_lines(retention: Any, w: _Writer) -> tuple[str, ...]:
    return tuple(f"{w.t.field(k)}: {w.value(k, v)}" for k, v in w.fields(retention))


def _recipient_text(r: Any, w: _Writer) -> str:
    parts = [w.value("kind", r.kind)] if r.kind else []
    if r.country:
        parts.append(f"{r.country}, {w.t['third_country']}" if third_country(r.country) else r.country)
    return clean(r.name or r.id) + (f" ({'; '.join(parts)})" if parts else "")


def _activity(
    a: Any, w: _Writer, org: Any, org_ref: Ref | None, found: Iterable[Finding], show_findings: bool
) -> ActivityDoc:
    t, m = w.t, a.model
    overview = [Row(t.field("name"), Cell((clean(m.name),)) if m.name else w.missing(), "name")]
    stated = dict(w.fields(m))
    overview += [
        Row(t.field(k), Cell((w.value(k, stated[k]),)), k)
        for k in ("description", "business_function", "owner", "last_reviewed")
        if k in stated
    ]
    overview.append(Row(t["file"], Cell((w.where(a.ref),)), "file"))
    purposes = []
    for p in m.purposes or ():
        lines = [clean(p.description)] if p.description else []
        if p.tags:
            lines.append(f"{t['tags']}: {', '.join(clean(x) for x in p.tags)}")
        basis = p.lawful_basis or m.lawful_basis
        basis_text = w.value("", basis) if basis is not None else t["not_stated"]
        lines.append(f"{t['lawful_basis']} ({t['lawful_basis_art']}): {basis_text}")
        purposes.append(Row(clean(p.id), Cell(tuple(lines)), "purpose"))
    subjects = []
    for s in m.data_subjects or ():
        lines = [clean(s.name or s.id)]
        lines += [f"{t.field(k)}: {w.value(k, v)}" for k, v in w.fields(s) if k not in ("id", "name")]
        subjects.append(Row(clean(s.id), Cell(tuple(lines)), "subject"))
    if m.recipients is None:
        recipients = w.missing()
    elif not m.recipients:
        recipients = Cell((t["none_stated"],), "none")
    else:
        known = a.record.recipients
        recipients = Cell(tuple(_recipient_text(known[r].model, w) if r in known else clean(r) for r in m.recipients))
    retention = w.missing() if m.retention is None else Cell(tuple(_retention_lines(m.retention, w)))
    if m.security_measures is not None:
        security = Cell(tuple(w.lines("security_measures", m.security_measures)))
    elif org.security_measures is not None and org_ref is not None:
        security = Cell(
            tuple(w.lines("security_measures", org.security_measures)),
            "inherited",
            t["inherited_organisation"].format(
                file=one_line(org_ref.doc.path), line=org_ref.child("security_measures").line
            ),
        )
    else:
        security = w.missing()
    if m.security_policy_ref is not None:
        policy = f"{t.field('security_policy_ref')}: {clean(m.security_policy_ref)}"
        security = Cell((*security.lines, policy), security.state, security.note)
    known = a.record.recipients
    transfers = []
    for tr in m.transfers or ():
        recipient = known[tr.recipient].model if tr.recipient in known else None
        destination = tr.country or (clean(tr.organisation) if tr.organisation else t["not_stated"])
        details = "; ".join(
            f"{t.field(k)}: {w.value(k, v)}" for k, v in w.fields(tr) if k not in ("country", "recipient", "mechanism")
        )
        transfers.append(
            TransferDoc(
                destination=clean(destination),
                third_country=third_country(tr.country),
                recipient=clean(recipient.name or recipient.id) if recipient is not None else clean(tr.recipient or ""),
                mechanism=w.value("mechanism", tr.mechanism) if tr.mechanism else t["not_stated"],
                details=details,
            )
        )
    dpia = m.dpia
    if dpia is None:
        status = t["dpia_unknown"]
    else:
        parts = []
        if dpia.required is not None:
            parts.append(t["required_dpia"] if dpia.required else t["not_required_dpia"])
        if dpia.status is not None:
            parts.append(w.value("status", dpia.status))
        status = ", ".join(parts) or t["dpia_unknown"]
    doc = ActivityDoc(
        id=clean(m.id),
        anchor=f"activity-{m.id}",
        name=clean(m.name or m.id),
        location=w.where(a.ref),
        overview=overview,
        purposes=purposes,
        data_subjects=subjects,
        categories=[_category(c, w) for c in a.categories],
        recipients=recipients,
        retention=retention,
        security=security,
        transfers=transfers,
        no_transfers=t["none_stated"] if m.transfers is not None else t["not_stated"],
        dpia_status=status,
        dpia=w.rows(dpia),
        other=w.rows(m, skip=_ACTIVITY_OWN),
        graph=activity_graph(a, t),
    )
    if show_findings:
        doc.findings, doc.waived = _findings(found, w)
    return doc


__all__ = ["ActivityDoc", "CategoryDoc", "Cell", "FindingView", "RecordDoc", "Row", "TransferDoc", "document"]
