"""The outcome of a check: a dumb accumulator that reporters render."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ropa_check.finding import Finding, Severity
from ropa_check.input_errors import INPUT_CODES

if TYPE_CHECKING:
    from ropa_check.plugins import RegisteredRule


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
