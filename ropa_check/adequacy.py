"""The EEA and the Commission's adequacy decisions, as a dated data file (``data/adequacy.yaml``).

Which countries are adequate changes by Commission decision, not by release of
this code, so the list is data with its source and an as-of date; rules only
look it up.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from ropa_check import data_files

# The EU writes Greece as EL; ISO 3166-1 (and the record format) as GR.
_ALIASES = {"EL": "GR", "UK": "GB"}


@dataclass(frozen=True, slots=True)
class Decision:
    """One adequacy decision: the country (or international organisation), the decision and how far it reaches."""

    country: str
    name: str
    decision: str
    scope: str
    #: The last day the decision applies, where it has an end date (the UK's, Art. 45(3) review clause).
    valid_until: dt.date | None = None

    @property
    def full(self) -> bool:
        """Whether it covers every recipient in the country, not only a sector."""
        return self.scope.startswith("full")

    def expired(self, today: dt.date) -> bool:
        """Whether ``today`` is after the decision's last day."""
        return self.valid_until is not None and today > self.valid_until


@dataclass(frozen=True, slots=True)
class Adequacy:
    """The EEA, the adequacy decisions, and where and when the list was read."""

    eea: frozenset[str]
    decisions: dict[str, Decision]
    source: str
    as_of: str
    #: International organisations with a decision, by every name they are known by (folded).
    organisations: dict[str, Decision]

    def in_eea(self, country: str) -> bool:
        return _ALIASES.get(country, country) in self.eea

    def decision(self, country: str) -> Decision | None:
        return self.decisions.get(_ALIASES.get(country, country))

    def organisation(self, name: str) -> Decision | None:
        """The decision for the international organisation called ``name`` (its id, name or an alias), if any."""
        return self.organisations.get(_fold(name))


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


def _decision(entry: dict[str, Any], key: str) -> Decision:
    until = entry.get("valid_until")
    if until is not None and not isinstance(until, dt.date):
        until = dt.date.fromisoformat(str(until))
    return Decision(entry[key], entry["name"], entry["decision"], entry["scope"], until)


@functools.cache
def load() -> Adequacy:
    """The shipped list (read once)."""
    data = data_files.load("adequacy.yaml")
    decisions = {d["country"]: _decision(d, "country") for d in data["adequacy"]}
    organisations: dict[str, Decision] = {}
    for entry in data.get("international_organisations") or ():
        decision = _decision(entry, "id")
        for name in (entry["id"], entry["name"], *(entry.get("aliases") or ())):
            organisations[_fold(name)] = decision
    return Adequacy(
        frozenset(data["eea"]), decisions, " ".join(data["source"].split()), str(data["as_of"]), organisations
    )


def third_country(country: str | None) -> bool:
    """A known country outside the EEA ('unknown' and None are not: they are reported on their own)."""
    return country is not None and country != "unknown" and not load().in_eea(country)
