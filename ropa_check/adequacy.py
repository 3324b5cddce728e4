"""The EEA and the Commission's adequacy decisions, as a dated data file (``data/adequacy.yaml``).

Which countries are adequate changes by Commission decision, not by release of
this code, so the list is data with its source and an as-of date; rules only
look it up.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from ropa_check import data_files

# The EU writes Greece as EL; ISO 3166-1 (and the record format) as GR.
_ALIASES = {"EL": "GR", "UK": "GB"}


@dataclass(frozen=True, slots=True)
class Decision:
    """One adequacy decision: the country, the decision and how far it reaches."""

    country: str
    name: str
    decision: str
    scope: str

    @property
    def full(self) -> bool:
        """Whether it covers every recipient in the country, not only a sector."""
        return self.scope.startswith("full")


@dataclass(frozen=True, slots=True)
class Adequacy:
    """The EEA, the adequacy decisions, and where and when the list was read."""

    eea: frozenset[str]
    decisions: dict[str, Decision]
    source: str
    as_of: str

    def in_eea(self, country: str) -> bool:
        return _ALIASES.get(country, country) in self.eea

    def decision(self, country: str) -> Decision | None:
        return self.decisions.get(_ALIASES.get(country, country))


@functools.cache
def load() -> Adequacy:
    """The shipped list (read once)."""
    data = data_files.load("adequacy.yaml")
    decisions = {d["country"]: Decision(d["country"], d["name"], d["decision"], d["scope"]) for d in data["adequacy"]}
    return Adequacy(frozenset(data["eea"]), decisions, " ".join(data["source"].split()), str(data["as_of"]))


def third_country(country: str | None) -> bool:
    """A known country outside the EEA ('unknown' and None are not: they are reported on their own)."""
    return country is not None and country != "unknown" and not load().in_eea(country)
