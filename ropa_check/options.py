"""The options of a run, in one frozen object that the CLI, the pytest plugin and the fixtures share.

:func:`ropa_check.config.resolve` builds it from defaults, the configuration
file and overrides (the command line, pytest's ini options); tests may build
one directly. Nothing downstream reads an argparse namespace or a settings
dict: every step of the pipeline takes this object.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from ropa_check.finding import Severity

SEVERITIES = ("error", "warning", "info")
#: Seconds one call into a plugin may run (an import, a hook, a rule on one item); no honest one comes near.
PLUGIN_TIMEOUT = 10.0
#: Findings one rule may yield for one item; no honest rule comes near.
MAX_FINDINGS_PER_RULE = 10_000


class UsageError(Exception):
    """The run cannot start as asked (exit status 2): a bad option, configuration, selector or file.

    The message names where the bad value was given (a file and line, or the
    command line) and, for a typo, the nearest known value.
    """


@dataclass(frozen=True)
class Options:
    """Everything a check needs to know besides the record, resolved and immutable.

    Field names are the configuration keys with ``-`` written ``_``.
    """

    #: Record files and folders to check.
    paths: tuple[str, ...] = ("records",)
    #: Codes or prefixes to run (``ALL``: every rule), plus ``extend_select``.
    select: tuple[str, ...] = ("ALL",)
    extend_select: tuple[str, ...] = ()
    #: Codes or prefixes not to run.
    ignore: tuple[str, ...] = ()
    #: (glob, codes): findings with one of ``codes`` in a file matching ``glob`` are dropped.
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    #: Code or prefix -> severity; the longest matching prefix wins.
    severity: Mapping[str, Severity] = field(default_factory=lambda: MappingProxyType({}))
    #: The lowest severity that makes the exit status 1.
    fail_on: Severity = Severity.ERROR
    #: Exit 0 even with findings (input errors still exit 2).
    exit_zero: bool = False
    #: The entry-point packs to load (None: every installed one).
    packs: tuple[str, ...] | None = None
    #: Plugins not to load.
    plugins: tuple[str, ...] = ()
    #: Organisation policy files and folders (YAML house rules, run as a rule pack).
    policies: tuple[str, ...] = ()
    #: The date rules and waiver expiry are judged against; None is the real today.
    today: dt.date | None = None
    #: Apply waivers written in the record.
    waivers: bool = True
    #: A baseline file whose findings are suppressed.
    baseline: str | None = None
    #: Where to write the current findings as a baseline.
    create_baseline: str | None = None
    #: A git ref whose findings are suppressed.
    diff_base: str | None = None
    #: Seconds one call into a plugin may run before it is stopped as a plugin failure (0: no limit).
    plugin_timeout: float = PLUGIN_TIMEOUT
    #: Findings one rule may yield for one item before it is stopped as a plugin failure.
    max_findings_per_rule: int = MAX_FINDINGS_PER_RULE
    #: Keep only the given files that lie under ``paths`` (pre-commit passes every changed YAML and JSON file).
    only_record_files: bool = False
    #: The folder ``per_file_ignores`` globs are relative to (the configuration file's).
    root: str = "."
    #: The configuration file read, if any.
    config_file: str | None = None
    #: Where each field's value came from: ``default``, ``file:line`` or ``command line``.
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}), compare=False)

    @property
    def selectors(self) -> tuple[str, ...]:
        """``select`` plus ``extend_select``."""
        return (*self.select, *self.extend_select)

    def source(self, name: str) -> str:
        """Where the value of ``name`` came from, for messages that must say where to fix it."""
        return self.sources.get(name, "default")

    def replace(self, **changes: Any) -> Options:
        """A copy with ``changes`` (field names), as :func:`dataclasses.replace`."""
        return dataclasses.replace(self, **changes)


__all__ = ["MAX_FINDINGS_PER_RULE", "PLUGIN_TIMEOUT", "SEVERITIES", "Options", "UsageError"]
