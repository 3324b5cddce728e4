"""The outcome of a check: a dumb accumulator that reporters render."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ropa_check.finding import Finding, Severity
from ropa_check.input_errors import INPUT_CODES
from ropa_check.options import SEVERITIES

if TYPE_CHECKING:
    from ropa_check.plugins import RegisteredRule
    from ropa_check.record import Record

#: The exit statuses; ``ropa-check --help`` and the README list them.
EXIT_CLEAN, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3


@dataclass
class Result:
    """Findings and what was checked."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    activities: int = 0
    rules: int = 0
    #: The rules that ran, with their metadata, for reporters that describe them (SARIF).
    rules_meta: list[RegisteredRule] = field(default_factory=list)
    #: Activity ids by the file that holds them, for reporters that list what passed (JUnit).
    file_activities: dict[str, list[str]] = field(default_factory=dict)
    #: The records checked, when asked for (``check_paths(..., keep_records=True)``): what
    #: ``render`` and ``export`` show beside the findings.
    records: list[Record] = field(default_factory=list)

    @property
    def input_failed(self) -> bool:
        """True when some input could not be read, validated or fully checked (exit status 2)."""
        return any(f.code in INPUT_CODES for f in self.findings)

    @property
    def active(self) -> list[Finding]:
        """The findings that count: not waived, not in the baseline."""
        return [f for f in self.findings if f.suppression is None]

    def counts(self) -> dict[Severity, int]:
        """Active findings by severity (suppressed ones are counted apart)."""
        counter = Counter(f.severity for f in self.active)
        return {sev: counter.get(sev, 0) for sev in (Severity.ERROR, Severity.WARNING, Severity.INFO)}


def exit_status(*, input_failed: bool, worst: int | None, fail_on: str, exit_zero: bool) -> int:
    """The one place that decides the exit status of a check (the CLI's, and each pytest item's).

    ``worst`` is the highest severity rank found (None when clean). Input that
    could not be checked is 2 whatever else is asked: it must never look clean.
    """
    if input_failed:
        return EXIT_INPUT
    if exit_zero or worst is None:
        return EXIT_CLEAN
    return EXIT_FINDINGS if worst >= SEVERITIES[::-1].index(fail_on) else EXIT_CLEAN
