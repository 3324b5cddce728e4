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


def decision_for(country: str | None, organisation: str | None) -> Decision | None:
    """The adequacy decision a transfer can rely on: the organisation's if it goes to one, else the country's.

    A transfer to an international organisation is judged by the organisation's
    decision (Art. 45(1) names both), never by the country it sits in.
    """
    table = load()
    if organisation is not None:
        return table.organisation(organisation)
    return table.decision(country or "")


def adequacy_gap(country: str | None, organisation: str | None, today: dt.date) -> str | None:
    """Why no adequacy decision carries a transfer to ``organisation`` or ``country`` on ``today``; None if one does.

    The transfer rules (RPA603 for the controller's transfers, RPA615 for
    sub-processors' onward transfers) share this, so both read the
    international organisations and each decision's ``valid_until``.
    """
    decision = decision_for(country, organisation)
    if decision is None:
        where = f"the international organisation '{organisation}'" if organisation is not None else country
        return f"{where} has no adequacy decision (list as of {load().as_of})"
    if decision.expired(today):
        return (
            f"the adequacy decision for {decision.name} applied until {decision.valid_until}, and on {today} "
            "it no longer carries the transfer (if it was renewed, the shipped list is out of date)"
        )
    return None


def third_country(country: str | None) -> bool:
    """A known country outside the EEA ('unknown' and None are not: they are reported on their own)."""
    return country is not None and country != "unknown" and not load().in_eea(country)
