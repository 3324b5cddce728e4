"""What a check does with findings once the rules have run: severities, ignores, waivers, baselines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from ropa_check.finding import Severity


class OptionsError(Exception):
    """A baseline or a ``--diff-base`` ref cannot be used (exit status 2); the message names the file or ref."""


@dataclass(frozen=True)
class CheckOptions:
    """Options of one check, resolved from configuration and the command line (see ``ropa_check.config``)."""

    #: Code or prefix -> severity; the longest matching prefix wins.
    severity: Mapping[str, Severity] = field(default_factory=dict)
    #: (glob, codes): findings with one of ``codes`` in a file matching ``glob`` are dropped.
    per_file_ignores: Sequence[tuple[str, tuple[str, ...]]] = ()
    #: The folder ``per_file_ignores`` globs are relative to (the config file's).
    root: str = "."
    #: Apply waivers written in the record (``--no-waivers`` turns them off).
    waivers: bool = True
    #: The date rules and waiver expiry are judged against (``--today``); None is the real today.
    today: dt.date | None = None
    #: A baseline file whose findings are suppressed (``--baseline``).
    baseline: str | None = None
    #: A git ref whose findings are suppressed (``--diff-base``).
    diff_base: str | None = None
