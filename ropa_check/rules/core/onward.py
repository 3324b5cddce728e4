"""RPA615: onward transfers by a processor's sub-processors outside the EEA (format 1.1 sub-processors)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.adequacy import load, third_country
from ropa_check.rule import Problem, rule
from ropa_check.types import Located, Recipient, SubProcessor

#: Mechanisms that cannot carry a transfer: invalidated by the Court of Justice.
_INVALID = {"privacy_shield": "Privacy Shield (invalid since 16 July 2020)", "safe_harbour": "Safe Harbour (invalid)"}


@rule(
    code="RPA615",
    name="onward-transfer-without-mechanism",
    severity="error",
    scope="recipient",
    summary="A processor's sub-processor is in a third country, and the record names no valid transfer mechanism "
    "for the onward transfer.",
    references=("GDPR Art. 44", "GDPR Art. 46(1)", "GDPR Art. 28(4)", "GDPR Art. 30(1)(e)"),
    fix="Give the structured sub-processor its `mechanism` (an adequacy decision, `scc` with `scc_module`, `bcr`, "
    "...), or move the processing into the EEA.",
)
def onward_transfer_without_mechanism(recipient: Located[Recipient]) -> Iterator[Problem]:
    """Chapter V applies to every transfer "including for onward transfers of
    personal data from the third country ... to another third country" (Art.
    44): a processor that engages a sub-processor outside the EEA transfers the
    controller's data, and must impose the same obligations on it (Art.
    28(4)). Without an adequacy decision, the transfer needs appropriate
    safeguards (Art. 46(1)), and the controller's record identifies its
    transfers (Art. 30(1)(e)). Sub-processors written as structured entries
    (format 1.1: `{name, country, mechanism}`) are checked here; names alone
    say nothing about where they process.

    Example that fires: `sub_processors: [{name: Moln Inc., country: US}]` on a processor.
    """
    adequacy = load()
    for i, entry in enumerate(recipient.model.sub_processors or ()):
        if not isinstance(entry, SubProcessor) or not third_country(entry.country):
            continue
        at = recipient.ref.child("sub_processors", i)
        where = f"sub-processor '{entry.name}' of '{recipient.model.id}' is in {entry.country}, outside the EEA,"
        if entry.mechanism is None:
            yield Problem(f"{where} and no transfer mechanism is recorded for the onward transfer", at=at)
        elif entry.mechanism in _INVALID:
            yield Problem(
                f"{where} and the onward transfer relies on {_INVALID[entry.mechanism]}", at=at.child("mechanism")
            )
        elif entry.mechanism == "adequacy" and adequacy.decision(str(entry.country)) is None:
            yield Problem(
                f"{where} and relies on adequacy, but the Commission has no adequacy decision for {entry.country}",
                at=at.child("mechanism"),
            )
