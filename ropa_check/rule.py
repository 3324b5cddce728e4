"""Rules and their metadata: what a rule pack author writes.

A rule is a plain function decorated with :func:`rule`. The decorator keeps the
metadata beside the code, and the function's docstring is the rule's
explanation, from which ``ropa-check rule CODE`` and ``docs/rules.md`` are made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from ropa_check.finding import Finding, Severity

if TYPE_CHECKING:
    from ropa_check.document import Ref

Scope = Literal[
    "input", "suppression", "record", "organisation", "activity", "category", "processor_activity", "recipient"
]
SCOPES: tuple[Scope, ...] = (
    "input",
    "suppression",
    "record",
    "organisation",
    "activity",
    "category",
    "processor_activity",
    "recipient",
)

#: Scopes whose codes other parts of ropa-check report (the loader, the waiver and
#: baseline code); the engine never calls their check functions.
UNCALLED_SCOPES: frozenset[Scope] = frozenset({"input", "suppression"})

#: Where docs/rules.md is published: in the project's repository ([project.urls] in pyproject.toml).
#: The rules built into ropa-check link to their anchor there; a pack gives its own with ``url=``.
HOME_URL = "https://github.com/ropa-check/ropa-check"
RULES_DOC_URL = f"{HOME_URL}/blob/main/docs/rules.md"

CODE_RE = re.compile(r"^[A-Z]{1,6}[0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule yields: a message, and where it is when not the checked item itself."""

    message: str
    at: Ref | None = None
    fix: str | None = None
    #: Where the value the problem is about is written, when that is not ``at``
    #: (an inherited value): waivers there cover the finding too.
    origin: Ref | None = None


CheckResult = Iterable["Problem | str"]
CheckFunction = Callable[[Any], CheckResult]


@dataclass(frozen=True)
class Rule:
    """A rule with its metadata. Create it with the :func:`rule` decorator."""

    code: str
    name: str
    severity: Severity
    summary: str
    references: tuple[str, ...]
    explanation: str
    fix: str
    scope: Scope
    check: CheckFunction
    supersedes: tuple[str, ...] = ()
    #: The rule's documentation page (None: the pack gives none).
    url: str | None = None

    @property
    def reference(self) -> str:
        return "; ".join(self.references)

    def finding(
        self,
        message: str,
        *,
        file: str,
        line: int,
        column: int,
        json_path: str,
        activity: str | None = None,
        reference: str | None = None,
        fix: str | None = None,
        origin: str | None = None,
        entry_path: str | None = None,
    ) -> Finding:
        """A finding of this rule at a place, with its metadata (reference and fix unless given).

        ``entry_path`` is the place named by entry ids (see :mod:`ropa_check.document`);
        without it, the finding is identified by ``json_path``.
        """
        return Finding(
            code=self.code,
            severity=self.severity,
            message=message,
            file=file,
            line=line,
            column=column,
            json_path=json_path,
            activity=activity,
            reference=self.reference if reference is None else reference,
            fix=fix or self.fix,
            name=self.name,
            origin=origin,
            entry_path=entry_path or json_path,
        )


class RuleDefinitionError(ValueError):
    """A rule's metadata is malformed."""


def rule(
    *,
    code: str,
    name: str,
    severity: Severity | str,
    summary: str,
    references: Iterable[str],
    fix: str,
    scope: Scope = "category",
    supersedes: Iterable[str] = (),
    url: str | None = None,
) -> Callable[[CheckFunction], Rule]:
    """Turn a check function into a :class:`Rule`.

    :param code: a pack prefix and three digits, e.g. ``RPA401``.
    :param name: a kebab-case name, e.g. ``retention-missing``.
    :param severity: ``error``, ``warning`` or ``info``.
    :param summary: one line: what is wrong when the rule fires.
    :param references: the provisions that say what the rule says.
    :param fix: how to satisfy the rule, naming the field.
    :param supersedes: codes of more general rules that report the same gap;
        when this rule reports on an item, their findings on that item are
        dropped (a national pack's stricter rule replaces a core rule where the
        national law applies, and the core rule still runs where it does not).
    :param url: the rule's documentation page; SARIF's ``helpUri`` and
        ``ropa-check rule CODE`` show it. Rules built into ropa-check link to
        their anchor in docs/rules.md.
    :param scope: what the function is called with, once per item: ``record``,
        ``organisation``, ``activity``, ``category`` (a data category with its
        effective purposes, lawful basis, retention and recipients),
        ``processor_activity`` or ``recipient``; ``input`` marks the codes
        that the loader and validator report, ``suppression`` the codes about
        waivers and baselines (for both, the function is never called).

    The function's docstring is the explanation (Markdown). The function yields
    :class:`Problem` objects, or plain strings for a problem at the item itself.
    """
    sev = Severity(severity)
    refs = tuple(references)

    def decorate(func: CheckFunction) -> Rule:
        if not CODE_RE.match(code):
            raise RuleDefinitionError(f"rule code {code!r} is not a prefix of capitals and three digits")
        if not NAME_RE.match(name):
            raise RuleDefinitionError(f"rule {code}: name {name!r} is not kebab-case")
        if scope not in SCOPES:
            raise RuleDefinitionError(f"rule {code}: scope {scope!r} is not one of {', '.join(SCOPES)}")
        if not refs:
            raise RuleDefinitionError(f"rule {code}: at least one legal reference is required")
        explanation = _dedent(func.__doc__ or "")
        return Rule(code, name, sev, summary, refs, explanation, fix, scope, func, tuple(supersedes), url)

    return decorate


def _dedent(doc: str) -> str:
    import inspect

    return inspect.cleandoc(doc)


def reported_elsewhere(_: object) -> Iterator[str]:
    """The body of a rule in an uncalled scope: its findings come from elsewhere."""
    return iter(())
