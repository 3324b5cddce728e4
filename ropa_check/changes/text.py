"""The diff for a terminal: one line per change, its fields and risks indented below it."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from ropa_check.changes.compare import ADDED, Value, Words
from ropa_check.changes.diff import Diff
from ropa_check.changes.words import subject, value_text
from ropa_check.finding import Finding
from ropa_check.reporters.escape import line_start, shown


def _words(words: Words) -> str:
    return "".join(f"'{shown(w, 300)}'" if isinstance(w, Value) else shown(w) for w in words)


def _findings(title: str, findings: Iterable[Finding], out: TextIO) -> None:
    listed = list(findings)
    out.write(f"\n{title} ({len(listed)}){':' if listed else ''}\n")
    for f in listed:
        where = line_start(shown(f"{f.file}:{f.line}:{f.column}"))
        out.write(f"{where}: {shown(f.code)} {f.severity} {shown(f.message)}\n")


def render(diff: Diff, out: TextIO) -> None:
    """Write ``diff`` as text."""
    out.write(f"ropa-check diff: {shown(diff.base.label)} -> {shown(diff.head.label)}\n")
    if diff.base_errors:
        _findings("BASE did not load: load errors", diff.base_errors, out)
    if not diff.compared:
        _findings(
            "HEAD does not load: load errors the change introduces; the data were not compared", diff.head_errors, out
        )
        return
    out.write(f"\nChanges ({len(diff.changes)}){':' if diff.changes else ''}\n")
    for change in diff.changes:
        where = line_start(shown(f"{change.file}:{change.line}"))
        out.write(f"{where}: {change.change} {_words(subject(change))}\n")
        for field in change.fields:
            name = shown(field.name, 200) or "value"
            was = "" if change.change == ADDED else f"{shown(value_text(field.old), 300)} -> "
            out.write(f"    {name}: {was}{shown(value_text(field.new), 300)}\n")
        for risk in change.risks:
            out.write(f"    ! {risk.name}: {_words(risk.words)} [{'; '.join(risk.references)}]\n")
    _findings("Findings introduced", diff.introduced, out)
    _findings("Findings fixed", diff.fixed, out)
    out.write(f"\n{summary(diff)}\n")


def summary(diff: Diff) -> str:
    """One line: how many changes of each sort, the risks, the findings introduced and fixed."""
    counts = {kind: sum(c.change == kind for c in diff.changes) for kind in ("added", "removed", "changed")}
    risks = diff.risk_counts()
    risky = sum(bool(c.risks) for c in diff.changes)
    said = ", ".join(f"{n} {kind}" for kind, n in counts.items())
    risk_text = f"{risky} with risks ({', '.join(f'{k} {n}' for k, n in risks.items())})" if risks else "no risks"
    return (
        f"{len(diff.changes)} change{'s' * (len(diff.changes) != 1)} ({said}), {risk_text}; "
        f"findings: {len(diff.introduced)} introduced, {len(diff.fixed)} fixed."
    )


__all__ = ["render", "summary"]
