"""What a change does: the data changes with their risks, and the findings it introduces and fixes.

Findings are matched as ``--diff-base`` matches them, by identity and as a
multiset, but without the file: activity, entry path and code
(:meth:`ropa_check.finding.Finding.identity` less its file), so that renaming
or splitting a file neither fixes nor introduces anything. Findings suppressed
on a side (waived) do not count.

A side whose record does not load has input errors instead of data. When HEAD
does not load, its load errors are the diff (and the exit status is 2): a
comparison of what did load would show the unloaded files' entries as removed.
When only BASE does not load, its errors are listed as fixed and the data are
compared with what of BASE loaded: entries of its unloaded files show as added,
with their risks, which is the cautious reading.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field

from ropa_check.changes.compare import Change, compare
from ropa_check.changes.risks import CLASSES, assess
from ropa_check.changes.sides import Side
from ropa_check.changes.snapshot import Snapshot
from ropa_check.finding import Finding
from ropa_check.input_errors import INPUT_CODES

FindingKey = tuple[str | None, str, str]


@dataclass
class Diff:
    """The comparison of two sides."""

    base: Side
    head: Side
    changes: list[Change] = field(default_factory=list)
    introduced: list[Finding] = field(default_factory=list)
    fixed: list[Finding] = field(default_factory=list)
    base_errors: list[Finding] = field(default_factory=list)
    head_errors: list[Finding] = field(default_factory=list)

    @property
    def compared(self) -> bool:
        """Whether the data were compared (HEAD loaded)."""
        return not self.head_errors

    def risk_counts(self) -> dict[str, int]:
        """How many changes have each risk class, in the order of :data:`CLASSES`."""
        counts = Counter(r.name for c in self.changes for r in {r.name: r for r in c.risks}.values())
        return {name: counts[name] for name in CLASSES if counts[name]}


def _identity(finding: Finding) -> FindingKey:
    _, activity, entry_path, code = finding.identity()
    return (activity, entry_path, code)


def _shown(findings: Iterable[Finding], side: Side) -> list[Finding]:
    return [dataclasses.replace(f, file=side.display(f.file)) for f in findings]


def _beyond(
    these: list[Finding], those: list[Finding], identity: Callable[[Finding], Hashable] = _identity
) -> list[Finding]:
    """The findings of ``these`` that ``those`` do not have, counting each identity as often as it occurs."""
    left = Counter(identity(f) for f in those)
    out = []
    for finding in these:
        key = identity(finding)
        if left[key]:
            left[key] -= 1
        else:
            out.append(finding)
    return out


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic collection while the snapshots are made.

    Both records are in memory, millions of long-lived objects; each full
    collection would walk them all again (as in :mod:`ropa_check.pipeline`),
    which made the snapshots of two 1,000-activity records take seconds.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def diff(base: Side, head: Side) -> Diff:
    """Compare ``base`` with ``head``."""
    result = Diff(base, head)
    result.base_errors = _shown((f for f in base.result.findings if f.code in INPUT_CODES), base)
    result.head_errors = _shown((f for f in head.result.findings if f.code in INPUT_CODES), head)
    old_findings = _shown((f for f in base.result.active if f.code not in INPUT_CODES), base)
    new_findings = _shown((f for f in head.result.active if f.code not in INPUT_CODES), head)
    if result.head_errors:
        # Load errors that were there before are not the change's; a load error is about its file.
        fixed_errors = _beyond(result.base_errors, result.head_errors, Finding.identity)
        result.head_errors = _beyond(result.head_errors, result.base_errors, Finding.identity) or result.head_errors
        result.base_errors = fixed_errors
        return result
    with _gc_paused():
        old = Snapshot(base.result.records, base.display)
        new = Snapshot(head.result.records, head.display)
        result.changes = compare(old, new)
        assess(result.changes, old, new)
        result.introduced = _beyond(new_findings, old_findings)
        result.fixed = _beyond(old_findings, new_findings)
    return result


__all__ = ["Diff", "diff"]
