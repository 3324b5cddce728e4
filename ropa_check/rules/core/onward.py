"""RPA615: onward transfers by a processor's sub-processors outside the EEA (format 1.1 sub-processors)."""

from __future__ import annotations

from collections.abc import Iterator

from ropa_check.adequacy import adequacy_gap, decision_for, load, third_country
from ropa_check.rule import Problem, rule
from ropa_check.types import Record, SubProcessor

#: Mechanisms that cannot carry a transfer: invalidated by the Court of Justice.
_INVALID = {"privacy_shield": "Privacy Shield (invalid since 16 July 2020)", "safe_harbour": "Safe Harbour (invalid)"}


@rule(
    code="RPA615",
    name="onward-transfer-without-mechanism",
    severity="error",
    # The record, not each recipient: an adequacy decision is judged on the record's "today" (--today).
    scope="record",
    summary="A processor's sub-processor is in a third country or is an international organisation, and the record "
    "names no valid transfer mechanism for the onward transfer.",
    references=("GDPR Art. 44", "GDPR Art. 45(1)", "GDPR Art. 46(1)", "GDPR Art. 28(4)", "GDPR Art. 30(1)(e)"),
    fix="Give the structured sub-processor its `mechanism` (an adequacy decision in force, `scc` with `scc_module`, "
    "`bcr`, ...), or move the processing into the EEA.",
)
def onward_transfer_without_mechanism(record: Record) -> Iterator[Problem]:
    """Chapter V applies to every transfer "including for onward transfers of
    personal data from the third country or an international organisation to
    another third country or to another international organisation" (Art.
    44): a processor that engages a sub-processor outside the EEA, or at an
    international organisation, transfers the controller's data, and must
    impose the same obligations on it (Art. 28(4)). Without an adequacy
    decision (Art. 45(1)), the transfer needs appropriate safeguards (Art.
    46(1)), and the controller's record identifies its transfers (Art.
    30(1)(e)). Adequacy is judged as for the controller's own transfers
    (RPA603): an international organisation by its own decision (only the
    European Patent Organisation has one), and a decision with an end date
    (the United Kingdom's, until 27 December 2031) not after that date,
    counted from the record's "today" (`--today`). Sub-processors written as
    structured entries (format 1.1: `{name, country, organisation,
    mechanism}`) are checked here; names alone say nothing about where they
    process.

    Example that fires: `sub_processors: [{name: Moln Inc., country: US}]` on a processor.
    """
    today = record.today
    for recipient in record.recipients.values():
        for i, entry in enumerate(recipient.model.sub_processors or ()):
            if not isinstance(entry, SubProcessor):
                continue
            if entry.organisation is not None:
                place = f"is the international organisation '{entry.organisation}'"
            elif third_country(entry.country):
                place = f"is in {entry.country}, outside the EEA"
            else:
                continue
            at = recipient.ref.child("sub_processors", i)
            where = f"sub-processor '{entry.name}' of '{recipient.model.id}' {place},"
            if entry.mechanism is None:
                yield Problem(f"{where} and no transfer mechanism is recorded for the onward transfer", at=at)
            elif entry.mechanism in _INVALID:
                yield Problem(
                    f"{where} and the onward transfer relies on {_INVALID[entry.mechanism]}", at=at.child("mechanism")
                )
            elif entry.mechanism == "adequacy":
                gap = adequacy_gap(entry.country, entry.organisation, today)
                if gap is not None and decision_for(entry.country, entry.organisation) is None:
                    # Name the destination once: it is already in `where`.
                    gap = f"the Commission has no adequacy decision for it (list as of {load().as_of})"
                if gap is not None:
                    yield Problem(f"{where} and relies on adequacy, but {gap}", at=at.child("mechanism"))
