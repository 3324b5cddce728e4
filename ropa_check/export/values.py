"""The text of each cell: a record's facts as a regulator's layout asks for them.

A layout names values as ``$name``: :data:`SCALARS` give one cell's text for
an activity and one of its data categories (or for the organisation),
:data:`ROW_SOURCES` give rows for the CNIL's per-activity form, and a dotted
name (``$org.controller.name``, ``$activity.dpia.ref``, ``$category.id``)
reads a field of the organisation block, the activity or the data category.

Each data category's values are its effective ones, own or inherited from its
activity (:class:`ropa_check.record.CategoryView`), as Art. 30(1) asks for them
per category. A value the record does not state is an empty cell; a list the
record states as empty (``recipients: []``) is the layout's word for "none", so
that a gap and a stated "none" stay apart. Several items in one cell are one per
line. Nothing is inferred: a cell holds what the record says, in the layout's
language where the record uses a fixed term (a lawful basis, a recipient kind,
a transfer mechanism), as written otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ropa_check.export.layout import Layout
from ropa_check.format.compiled_model import LawfulBasis, Purpose, Retention
from ropa_check.record import ActivityView, CategoryView, Located, Record

#: Data category tags of special categories (Art. 9(1)) and criminal-offence data (Art. 10).
SPECIAL_PREFIX, CRIMINAL = "special_category:", "criminal"


@dataclass(frozen=True)
class Context:
    """Where a value is read: the record, and the activity and data category of the row, if any."""

    record: Record
    layout: Layout
    activity: ActivityView | None = None
    category: CategoryView | None = None

    def word(self, name: str) -> str:
        return self.layout.words.get(name, name)

    def label(self, group: str, value: str) -> str:
        return self.layout.labels.get(group, {}).get(value, value)

    def text(self, value: Any) -> str:
        """A field's value as cell text: yes/no for booleans, dates in the layout's format, lists one per line."""
        if value is None:
            return ""
        if isinstance(value, bool):
            return self.word("yes" if value else "no")
        if isinstance(value, dt.date):
            return value.strftime(self.layout.date_format)
        if isinstance(value, list | tuple):
            return "\n".join(self.text(v) for v in value)
        return str(value)


Scalar = Callable[[Context], str]
RowSource = Callable[[Context], list[list[str]]]


def read(ctx: Context, name: str) -> str:
    """The text of ``$name`` (without the ``$``) for ``ctx``."""
    head, _, rest = name.partition(".")
    if rest:
        root: Any = {"org": ctx.record.org, "activity": _model(ctx.activity), "category": _model(ctx.category)}[head]
        for part in rest.split("."):
            root = getattr(root, part, None)
        return ctx.text(root)
    return SCALARS[name](ctx)


def is_known(name: str) -> bool:
    """True when ``$name`` is a value a layout may use in a cell."""
    head, _, rest = name.partition(".")
    return (bool(rest) and head in ("org", "activity", "category")) or name in SCALARS


def _model(view: ActivityView | CategoryView | None) -> Any:
    return None if view is None else view.model


def _lines(items: Iterable[str]) -> str:
    return "\n".join(dict.fromkeys(i for i in items if i))


def _joined(*parts: str | None, sep: str = ", ") -> str:
    return sep.join(p for p in parts if p)


# ------------------------------------------------------------------ the row's activity and category


def activity_name(ctx: Context) -> str:
    act = _activity(ctx)
    return act.model.name or act.id


def _activity(ctx: Context) -> ActivityView:
    if ctx.activity is None:  # pragma: no cover - a layout bug, caught by the layout tests
        raise LookupError("an activity value in a row that has no activity")
    return ctx.activity


def _purposes(ctx: Context) -> list[Purpose]:
    if ctx.category is not None:
        return [p for p, _ in ctx.category.purposes]
    return [p for p, _ in _activity(ctx).purposes.values()]


def purposes(ctx: Context) -> str:
    return _lines(p.description or p.id for p in _purposes(ctx))


def subjects(ctx: Context) -> str:
    found = ctx.category.subjects if ctx.category is not None else list(_activity(ctx).subjects.values())
    return _lines(s.name or s.id for s, _ in found)


def category(ctx: Context) -> str:
    return "" if ctx.category is None else (ctx.category.model.name or ctx.category.id)


def _recipients(ctx: Context) -> list[Located[Any]] | None:
    if ctx.category is not None:
        return ctx.category.recipients[0]
    ids = _activity(ctx).model.recipients
    if ids is None:
        return None
    known = ctx.record.recipients
    return [known[i] for i in ids if i in known]


def _recipient_text(ctx: Context, located: Located[Any]) -> str:
    r = located.model
    detail = _joined(ctx.label("kind", r.kind) if r.kind else None, r.country)
    return f"{r.name or r.id} ({detail})" if detail else (r.name or r.id)


def recipients(ctx: Context) -> str:
    found = _recipients(ctx)
    if found is None:
        return ""
    return _lines(_recipient_text(ctx, r) for r in found) or ctx.word("none")


def processor_contracts(ctx: Context) -> str:
    found = _recipients(ctx) or []
    return _lines(
        f"{r.model.name or r.model.id}: {r.model.contract_ref}"
        for r in found
        if r.model.kind == "processor" and r.model.contract_ref
    )


def _party(p: Any) -> str:
    return _joined(p.name, p.address, p.email, p.phone, getattr(p, "country", None))


def org_joint_controllers(ctx: Context) -> str:
    return _lines(_party(p) for p in ctx.record.org.joint_controllers or ())


def joint_controllers(ctx: Context) -> str:
    parties = [_party(p) for p in ctx.record.org.joint_controllers or ()]
    parties += [
        _joined(r.model.name or r.model.id, r.model.country)
        for r in _recipients(ctx) or ()
        if r.model.kind == "joint_controller"
    ]
    return _lines(parties)


def _destination(ctx: Context, t: Any) -> str:
    where = t.country or t.organisation or ""
    if t.recipient and t.recipient in ctx.record.recipients:
        named = ctx.record.recipients[t.recipient].model
        return f"{where} ({named.name or named.id})" if where else (named.name or named.id)
    return where


def transfer_destinations(ctx: Context) -> str:
    return _lines(_destination(ctx, t) for t in _activity(ctx).model.transfers or ())


def _safeguard(ctx: Context, t: Any) -> str:
    mechanism = ctx.label("mechanism", t.mechanism) if t.mechanism else None
    return _joined(mechanism, t.scc_module, t.art49_ground, t.decision_ref, t.safeguards_doc, t.tia_ref, sep="; ")


def transfer_safeguards(ctx: Context) -> str:
    lines = []
    for t in _activity(ctx).model.transfers or ():
        said = _safeguard(ctx, t)
        if said:
            where = _destination(ctx, t)
            lines.append(f"{where}: {said}" if where else said)
    return _lines(lines)


def retention_text(ctx: Context, r: Retention | None) -> str:
    """A retention as one cell: period and start, criteria, review, outcomes, law, words as written."""
    if r is None:
        return ""
    parts = []
    if r.duration:
        parts.append(_joined(r.duration, f"{ctx.word('from')} {r.start_event}" if r.start_event else None, sep=" "))
    elif r.start_event:
        parts.append(f"{ctx.word('from')} {r.start_event}")
    if r.criteria:
        parts.append(f"{ctx.word('criteria')}: {r.criteria}")
    if r.review_interval:
        parts.append(f"{ctx.word('review')} {r.review_interval}")
    for o in r.by_outcome or ():
        start = f"{ctx.word('from')} {o.start_event}" if o.start_event else None
        parts.append(f"{o.outcome}: {_joined(o.duration, start, sep=' ')}")
    if r.legal_ref:
        parts.append(f"{ctx.word('law')}: {r.legal_ref}")
    parts += [r.disposal_decision_ref or "", r.justification or "", r.description or ""]
    return _lines(parts)


def retention(ctx: Context) -> str:
    if ctx.category is not None:
        return retention_text(ctx, ctx.category.retention[0])
    return retention_text(ctx, _activity(ctx).model.retention)


def _measures(value: list[str] | str | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


def security_measures(ctx: Context) -> str:
    act, org = _activity(ctx).model, ctx.record.org
    measures = _measures(act.security_measures) or _measures(org.security_measures)
    return _lines([*measures, act.security_policy_ref or org.security_policy_ref or ""])


def _bases(ctx: Context) -> list[tuple[Purpose | None, LawfulBasis | None]]:
    if ctx.category is not None:
        return [(b.purpose, b.basis) for b in ctx.category.bases]
    act = _activity(ctx).model
    found: list[tuple[Purpose | None, LawfulBasis | None]] = [
        (p, p.lawful_basis or act.lawful_basis) for p in _purposes(ctx)
    ]
    return found or [(None, act.lawful_basis)]


def _per_purpose(ctx: Context, texts: Sequence[tuple[Purpose | None, str]]) -> str:
    # One value for every purpose is said once; otherwise each line says which purpose it is for, and a
    # purpose without one has no line. Said once, a basis stated for one purpose would read as the basis
    # of every purpose in the row, and the gap would be hidden behind it.
    said = [(p, t) for p, t in texts if t]
    if not said:
        return ""
    if len(said) == len(texts) and len({t for _, t in said}) == 1:
        return said[0][1]
    return _lines(f"{p.id}: {t}" if p is not None else t for p, t in said)


def art6(ctx: Context) -> str:
    texts = []
    for purpose, basis in _bases(ctx):
        if basis is None or basis.art6 is None:
            texts.append((purpose, ""))
            continue
        ref = basis.legal_obligation_ref or basis.contract_ref
        texts.append((purpose, _joined(ctx.label("art6", basis.art6), ref, sep=" – ")))
    return _per_purpose(ctx, texts)


def legitimate_interests(ctx: Context) -> str:
    return _per_purpose(ctx, [(p, b.legitimate_interest or "") if b else (p, "") for p, b in _bases(ctx)])


def lia_refs(ctx: Context) -> str:
    return _lines(b.lia_ref or "" for _, b in _bases(ctx) if b is not None)


def consent_refs(ctx: Context) -> str:
    own = ctx.category.model.consent_record_ref if ctx.category is not None else None
    return _lines([own or "", *(b.consent_record_ref or "" for _, b in _bases(ctx) if b is not None)])


def art9(ctx: Context) -> str:
    if ctx.category is None:
        return ""
    c = ctx.category.model
    return _lines([c.art9_condition or "", c.art9_law or "", c.art10_authority or ""])


def rights(ctx: Context) -> str:
    stated = _activity(ctx).model.rights or ctx.record.org.rights
    if stated is None:
        return ""
    return _lines([", ".join(ctx.label("right", r) for r in stated.available), stated.procedure_ref or ""])


def automated_decision(ctx: Context) -> str:
    act = _activity(ctx).model
    parts = []
    decision, profiling = act.automated_decision, act.profiling
    if decision is not None and decision.exists is not None:
        parts.append(_joined(ctx.text(decision.exists), decision.logic_info if decision.exists else None, sep=": "))
    if profiling is not None and profiling.used is not None:
        detail = profiling.description if profiling.used else None
        parts.append(f"{ctx.word('profiling')}: " + _joined(ctx.text(profiling.used), detail, sep=", "))
    return _lines(parts)


def sources(ctx: Context) -> str:
    if ctx.category is not None:
        found = ctx.category.sources[0]
    else:
        ids = _activity(ctx).model.sources
        found = None if ids is None else [ctx.record.sources[i] for i in ids if i in ctx.record.sources]
    if found is None:
        return ""
    return _lines(s.model.name or s.model.id for s in found) or ctx.word("none")


def data_location(ctx: Context) -> str:
    lines = []
    for loc in _activity(ctx).model.data_location or ():
        provider = ctx.record.recipients.get(loc.provider) if loc.provider else None
        shown = (provider.model.name or provider.model.id) if provider else loc.provider
        detail = _joined(loc.country, shown)
        lines.append(f"{loc.system} ({detail})" if loc.system and detail else (loc.system or detail))
    return _lines(lines)


def dpia_required(ctx: Context) -> str:
    dpia = _activity(ctx).model.dpia
    return "" if dpia is None else ctx.text(dpia.required)


def dpia_status(ctx: Context) -> str:
    dpia = _activity(ctx).model.dpia
    return ctx.label("dpia_status", dpia.status) if dpia is not None and dpia.status else ""


def dpia_summary(ctx: Context) -> str:
    dpia = _activity(ctx).model.dpia
    if dpia is None:
        return ""
    required = f"{ctx.word('required')}: {ctx.text(dpia.required)}" if dpia.required is not None else None
    status = f"{ctx.word('status')}: {dpia_status(ctx)}" if dpia.status else None
    return _joined(required, status, dpia.ref, dpia.not_required_reason, sep="; ")


def _is_sensitive(c: CategoryView) -> bool:
    return any(t.startswith(SPECIAL_PREFIX) or t == CRIMINAL for t in c.tags)


def sensitive(ctx: Context) -> str:
    categories = _activity(ctx).categories
    # No categories stated is a gap, not a "no".
    return ctx.text(any(_is_sensitive(c) for c in categories)) if categories else ""


def controller_contact(ctx: Context) -> str:
    c = ctx.record.org.controller
    return "" if c is None else _joined(c.address, c.email, c.phone, c.url)


def representative_contact(ctx: Context) -> str:
    r = ctx.record.org.representative
    return "" if r is None else _party(r)


def dpo_contact(ctx: Context) -> str:
    d = ctx.record.org.dpo
    return "" if d is None else _joined(d.name, d.email, d.phone)


SCALARS: dict[str, Scalar] = {
    f.__name__: f
    for f in (
        activity_name,
        purposes,
        subjects,
        category,
        recipients,
        processor_contracts,
        org_joint_controllers,
        joint_controllers,
        transfer_destinations,
        transfer_safeguards,
        retention,
        security_measures,
        art6,
        legitimate_interests,
        lia_refs,
        consent_refs,
        art9,
        rights,
        automated_decision,
        sources,
        data_location,
        dpia_required,
        dpia_status,
        dpia_summary,
        sensitive,
        controller_contact,
        representative_contact,
        dpo_contact,
    )
}


# ------------------------------------------------------------------ rows of the CNIL's per-activity form


def _actor(p: Any) -> list[str]:
    # Nom, Adresse, Code Postal, Ville, Pays, Téléphone, Adresse mél: the record has one address field.
    address, country = getattr(p, "address", None), getattr(p, "country", None)
    return [p.name or "", address or "", "", "", country or "", p.phone or "", p.email or ""]


def controller_actor(ctx: Context) -> list[list[str]]:
    c = ctx.record.org.controller
    return [] if c is None else [_actor(c)]


def dpo_actor(ctx: Context) -> list[list[str]]:
    d = ctx.record.org.dpo
    return [] if d is None or not (d.name or d.email or d.phone) else [_actor(d)]


def representative_actor(ctx: Context) -> list[list[str]]:
    r = ctx.record.org.representative
    return [] if r is None else [_actor(r)]


def joint_controller_actors(ctx: Context) -> list[list[str]]:
    rows = [_actor(p) for p in ctx.record.org.joint_controllers or ()]
    for c in _activity(ctx).categories:
        for r in c.recipients[0] or ():
            if r.model.kind == "joint_controller":
                rows.append([r.model.name or r.model.id, "", "", "", r.model.country or "", "", ""])
    return list({tuple(r): r for r in rows}.values())


def main_purpose(ctx: Context) -> list[list[str]]:
    found = _purposes(ctx)
    return [[found[0].description or found[0].id]] if found else []


def sub_purposes(ctx: Context) -> list[list[str]]:
    return [[p.description or p.id] for p in _purposes(ctx)[1:]]


def _category_rows(ctx: Context, wanted: bool) -> list[list[str]]:
    return [
        [c.model.name or c.id, c.model.description or "", retention_text(ctx, c.retention[0])]
        for c in _activity(ctx).categories
        if _is_sensitive(c) == wanted
    ]


def ordinary_categories(ctx: Context) -> list[list[str]]:
    return _category_rows(ctx, False)


def sensitive_categories(ctx: Context) -> list[list[str]]:
    return _category_rows(ctx, True)


def subject_rows(ctx: Context) -> list[list[str]]:
    return [[s.name or s.id, s.description or ""] for s, _ in _activity(ctx).subjects.values()]


def recipient_rows(ctx: Context) -> list[list[str]]:
    act = _activity(ctx)
    lists = [_recipients(Context(ctx.record, ctx.layout, act)), *(c.recipients[0] for c in act.categories)]
    stated = [found for found in lists if found is not None]
    unique = {r.model.id: r for found in stated for r in found}
    if not unique:
        return [["", ctx.word("none")]] if stated else []
    return [
        [ctx.label("kind", r.model.kind) if r.model.kind else "", _joined(r.model.name or r.model.id, r.model.country)]
        for r in unique.values()
    ]


def measure_rows(ctx: Context) -> list[list[str]]:
    act, org = _activity(ctx).model, ctx.record.org
    measures = _measures(act.security_measures) or _measures(org.security_measures)
    return [[ctx.word("other_measure"), m] for m in measures]


def transfer_rows(ctx: Context) -> list[list[str]]:
    rows = []
    for t in _activity(ctx).model.transfers or ():
        named = ctx.record.recipients.get(t.recipient) if t.recipient else None
        who = (named.model.name or named.model.id) if named else (t.organisation or t.recipient or "")
        mechanism = ctx.label("mechanism", t.mechanism) if t.mechanism else ""
        docs = _joined(t.scc_module, t.art49_ground, t.decision_ref, t.safeguards_doc, t.tia_ref, sep="; ")
        rows.append([who, t.country or "", mechanism, docs])
    return rows


ROW_SOURCES: dict[str, RowSource] = {
    f.__name__: f
    for f in (
        controller_actor,
        dpo_actor,
        representative_actor,
        joint_controller_actors,
        main_purpose,
        sub_purposes,
        ordinary_categories,
        sensitive_categories,
        subject_rows,
        recipient_rows,
        measure_rows,
        transfer_rows,
    )
}

__all__ = ["ROW_SOURCES", "SCALARS", "Context", "is_known", "read", "retention_text"]
