"""Run rules over a record and turn what they yield into located findings.

A rule that raises (``SystemExit`` too), yields something that is not a
problem, runs longer than the ``plugin-timeout`` on one item or yields more than
``max-findings-per-rule`` findings for one item is reported as that plugin's
failure (RPA011), naming the plugin and the rule, and the other rules still run.
A plugin whose ``ropa_check_national_references`` hook fails is reported once,
by its own name, and asked no more in that run. Only ``KeyboardInterrupt``
passes through: the user's interrupt stops the run.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from ropa_check import input_errors as E
from ropa_check import plugins
from ropa_check.document import Ref
from ropa_check.finding import Finding
from ropa_check.options import MAX_FINDINGS_PER_RULE, PLUGIN_TIMEOUT
from ropa_check.plugins import NationalReferences, PluginError, PluginTimeout, RegisteredRule
from ropa_check.record import ProcessorActivityView, Record
from ropa_check.rule import UNCALLED_SCOPES, Problem, Scope

if TYPE_CHECKING:
    from types import FrameType


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


def run(
    record: Record,
    rules: Sequence[RegisteredRule],
    *,
    timeout: float | None = PLUGIN_TIMEOUT,
    max_findings: int = MAX_FINDINGS_PER_RULE,
) -> list[Finding]:
    """Every finding the rules yield for ``record``, sorted by place.

    ``timeout``: seconds one rule may run on one item (None or 0: no limit; see
    :func:`ropa_check.plugins.guarded` for where it holds); ``max_findings``:
    findings one rule may yield for one item.
    """
    findings: list[Finding] = []
    by_scope: dict[Scope, list[RegisteredRule]] = {}
    for registered in rules:
        if registered.rule.scope not in UNCALLED_SCOPES:
            by_scope.setdefault(registered.rule.scope, []).append(registered)
    context = _Context(record.controller_country, max_findings)
    supersedes = {r.rule.code: r.rule.supersedes for r in rules if r.rule.supersedes}
    with plugins.guarded(timeout):
        for scope, scoped in by_scope.items():
            for item, ref, activity in targets(record, scope):
                found: list[Finding] = []
                for registered in scoped:
                    found.extend(_apply(registered, item, ref, activity, context))
                findings.extend(_drop_superseded(found, supersedes) if supersedes else found)
                if context.stopped:
                    # A rule that ran out of time once would on every item: n items, n budgets, a hung gate.
                    scoped = [r for r in scoped if r.rule.code not in context.stopped]
    findings.sort(key=Finding.sort_key)
    return findings


class _Context:
    """What one run keeps across rule calls: the national references found so far and the hooks that failed."""

    def __init__(self, country: str | None, max_findings: int) -> None:
        self.country = country
        self.max_findings = max_findings
        self.references: dict[str, str] = {}
        self.failed_hooks: set[str] = set()
        #: Codes of the rules stopped for running out of time: not called again in this run.
        self.stopped: set[str] = set()


def _drop_superseded(found: list[Finding], supersedes: dict[str, tuple[str, ...]]) -> list[Finding]:
    """Drop findings on one item whose gap a more specific rule reported too."""
    dropped = {code for f in found for code in supersedes.get(f.code, ())}
    return [f for f in found if f.code not in dropped] if dropped else found


def _apply(registered: RegisteredRule, item: Any, ref: Ref, activity: str | None, context: _Context) -> list[Finding]:
    """The findings of one rule on one item; a rule that fails is one RPA011 finding naming it.

    This frame marks a call into the rule's plugin for :func:`ropa_check.plugins.guarded`
    (the time budget, and naming what the plugin prints).
    """
    rule = registered.rule
    out: list[Finding] = []
    reference: str | None = None  # worked out at the first finding: most items yield none
    try:
        for problem in rule.check(item) or ():
            if isinstance(problem, str):
                problem = Problem(problem)
            if not isinstance(problem, Problem) or not isinstance(problem.message, str):
                return [
                    _failure(registered, ref, activity, f"yielded {_shown(problem)}, which is not a Problem or text")
                ]
            if len(out) >= context.max_findings:
                what = (
                    f"yielded more than {context.max_findings} findings for one item (the max-findings-per-rule "
                    "setting)"
                )
                return [_failure(registered, ref, activity, what)]
            at = problem.at if problem.at is not None else ref
            line, column = at.doc.position(at.path, key=True)
            if reference is None:
                reference, hook_failures = _reference(registered, context, ref, activity)
                out.extend(hook_failures)
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
        return out
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # SystemExit, PluginTimeout and whatever else a plugin raises
        what = plugins.failure(exc)
        if isinstance(exc, PluginTimeout):
            context.stopped.add(rule.code)
            what += "; it is not run on the remaining items either"
        return [*(f for f in out if f.code == E.PLUGIN_FAILURE.code), _failure(registered, ref, activity, what)]


def _describe_rule_call(frame: FrameType) -> str:
    registered = frame.f_locals["registered"]
    return f"rule {registered.rule.code} of plugin '{registered.plugin}'"


plugins.mark_calls(_apply.__code__, _describe_rule_call)


def _shown(value: object) -> str:
    try:
        text = repr(value)
    except Exception:
        text = f"a {type(value).__name__}"
    return text if len(text) <= 200 else text[:197] + "..."


def _reference(
    registered: RegisteredRule, context: _Context, ref: Ref, activity: str | None
) -> tuple[str, list[Finding]]:
    """The rule's references with the national provisions plugins cite with it for the controller's country.

    A plugin whose hook fails is reported once (RPA011 at the item where it
    first failed, naming that plugin) and not asked again in this run.
    """
    rule = registered.rule
    national = registered.national_references
    if national is None:
        return rule.reference, []
    known = context.references.get(rule.code)
    if known is not None:
        return known, []
    failures: list[tuple[str, PluginError]] = []
    if isinstance(national, NationalReferences):
        extra, failures = national.collect(rule.code, context.country, skip=context.failed_hooks)
    else:
        try:
            extra = list(national(rule.code, context.country))
        except KeyboardInterrupt:
            raise
        except BaseException as exc:
            extra, failures = [], [(f"the national references of {rule.code}", PluginError(plugins.failure(exc)))]
    extra = [r for r in extra if r not in rule.references]
    found = "; ".join((*rule.references, *dict.fromkeys(extra)))
    if not failures:
        context.references[rule.code] = found
    reported = []
    for plugin, error in failures:
        context.failed_hooks.add(plugin)
        reported.append(_hook_failure(ref, activity, error))
    return found, reported


def _hook_failure(ref: Ref, activity: str | None, error: PluginError) -> Finding:
    return _plugin_failure(
        ref,
        activity,
        f"{error}; the provisions it adds are left out of the references of this run's findings, and it is "
        "not asked again",
    )


def _failure(registered: RegisteredRule, ref: Ref, activity: str | None, what: str) -> Finding:
    message = f"rule {registered.rule.code} of plugin '{registered.plugin}' {what}; this item was not fully checked"
    return _plugin_failure(ref, activity, message)


def _plugin_failure(ref: Ref, activity: str | None, message: str) -> Finding:
    """An RPA011 finding at the item a plugin failed on."""
    line, column = ref.doc.position(ref.path, key=True)
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
