"""Run rules over a record and turn what they yield into located findings.

A rule that raises, or yields something that is not a problem, is reported as
that plugin's failure (RPA011) and the other rules still run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ropa_check import input_errors as E
from ropa_check.document import Ref
from ropa_check.finding import Finding
from ropa_check.plugins import RegisteredRule
from ropa_check.record import ProcessorActivityView, Record
from ropa_check.rule import UNCALLED_SCOPES, Problem, Scope


def targets(record: Record, scope: Scope) -> Iterable[tuple[Any, Ref, str | None]]:
    """The items a rule of ``scope`` is called with: (item, its place, its activity id)."""
    if scope == "record":
        if record.documents:
            yield record, Ref(record.documents[0], ()), None
    elif scope == "organisation":
        view = record.organisation_view
        if view is not None:
            yield view, view.ref, None
    elif scope == "activity":
        for activity in record.activities:
            yield activity, activity.ref, activity.id
    elif scope == "category":
        for activity in record.activities:
            for category in activity.categories:
                yield category, category.ref, activity.id
    elif scope == "processor_activity":
        for pact in record.processor_activities:
            yield ProcessorActivityView(pact.model, pact.ref, record), pact.ref, pact.model.id
    elif scope == "recipient":
        for recipient in record.recipients.values():
            yield recipient, recipient.ref, None


def run(record: Record, rules: Sequence[RegisteredRule]) -> list[Finding]:
    """Every finding the rules yield for ``record``, sorted by place."""
    findings: list[Finding] = []
    by_scope: dict[Scope, list[RegisteredRule]] = {}
    for registered in rules:
        if registered.rule.scope not in UNCALLED_SCOPES:
            by_scope.setdefault(registered.rule.scope, []).append(registered)
    country = record.controller_country
    supersedes = {r.rule.code: r.rule.supersedes for r in rules if r.rule.supersedes}
    for scope, scoped in by_scope.items():
        for item, ref, activity in targets(record, scope):
            found: list[Finding] = []
            for registered in scoped:
                found.extend(_apply(registered, item, ref, activity, country))
            findings.extend(_drop_superseded(found, supersedes) if supersedes else found)
    findings.sort(key=Finding.sort_key)
    return findings


def _drop_superseded(found: list[Finding], supersedes: dict[str, tuple[str, ...]]) -> list[Finding]:
    """Drop findings on one item whose gap a more specific rule reported too."""
    dropped = {code for f in found for code in supersedes.get(f.code, ())}
    return [f for f in found if f.code not in dropped] if dropped else found


def _apply(
    registered: RegisteredRule, item: Any, ref: Ref, activity: str | None, country: str | None = None
) -> list[Finding]:
    rule = registered.rule
    out: list[Finding] = []
    reference: str | None = None  # worked out at the first finding: most items yield none
    try:
        for problem in rule.check(item) or ():
            if isinstance(problem, str):
                problem = Problem(problem)
            if not isinstance(problem, Problem) or not isinstance(problem.message, str):
                return [_failure(registered, ref, activity, f"yielded {problem!r}, which is not a Problem or text")]
            at = problem.at if problem.at is not None else ref
            line, column = at.doc.position(at.path, key=True)
            if reference is None:
                reference = _reference(registered, country)
            out.append(
                rule.finding(
                    problem.message,
                    file=at.doc.path,
                    line=line,
                    column=column,
                    json_path=at.json_path,
                    activity=activity,
                    reference=reference,
                    fix=problem.fix,
                    origin=problem.origin.json_path
                    if problem.origin is not None and problem.origin.doc is at.doc
                    else None,
                    entry_path=at.entry_path,
                )
            )
    except Exception as exc:
        return [_failure(registered, ref, activity, f"raised {type(exc).__name__}: {exc}")]
    return out


def _reference(registered: RegisteredRule, country: str | None) -> str:
    """The rule's references, and the national provisions plugins cite with it for ``country``."""
    rule = registered.rule
    if registered.national_references is None:
        return rule.reference
    extra = [r for r in registered.national_references(rule.code, country) if r not in rule.references]
    return "; ".join((*rule.references, *dict.fromkeys(extra)))


def _failure(registered: RegisteredRule, ref: Ref, activity: str | None, what: str) -> Finding:
    line, column = ref.doc.position(ref.path, key=True)
    message = f"rule {registered.rule.code} of plugin '{registered.plugin}' {what}; this item was not fully checked"
    return E.PLUGIN_FAILURE.finding(
        message,
        file=ref.doc.path,
        line=line,
        column=column,
        json_path=ref.json_path,
        activity=activity,
        entry_path=ref.entry_path,
    )


__all__ = ["run", "targets"]
