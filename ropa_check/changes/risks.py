"""Risk classes: the changes a data protection officer reviews before they are merged, with the legal reason.

Each class names what the change does and the provision that makes it matter;
``--fail-on-risk CLASS`` fails a pull request that has one (for CODEOWNERS to
require the DPO's review). A class is a reason to look, not a finding: whether
the new processing is lawful is for the rules (the findings introduced) and
the reviewer to say.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ropa_check.changes.compare import ADDED, CHANGED, REMOVED, Change, Risk, Value
from ropa_check.changes.snapshot import Entry, Snapshot

#: Every risk class: its name, what it is, and the provisions that make it a risk.
CLASSES: dict[str, tuple[str, tuple[str, ...]]] = {
    "third-country": (
        "personal data reach a country outside the EEA they did not reach before",
        ("GDPR Art. 44", "GDPR Art. 45", "GDPR Art. 46", "GDPR Art. 49"),
    ),
    "transfer-mechanism": (
        "the mechanism a transfer to a third country rests on changed",
        ("GDPR Art. 44", "GDPR Art. 45", "GDPR Art. 46"),
    ),
    "special-category": (
        "a new special category of personal data",
        ("GDPR Art. 9(1)", "GDPR Art. 9(2)"),
    ),
    "criminal-offence": (
        "new personal data relating to criminal convictions and offences",
        ("GDPR Art. 10",),
    ),
    "children": (
        "new personal data of children",
        ("GDPR Art. 8(1)", "GDPR recital 38"),
    ),
    "national-id": (
        "a new national identification number",
        ("GDPR Art. 87",),
    ),
    "longer-retention": (
        "personal data are kept longer",
        ("GDPR Art. 5(1)(e)",),
    ),
    "lawful-basis": (
        "a lawful basis changed to legitimate interests or consent",
        ("GDPR Art. 4(11)", "GDPR Art. 6(1)(a)", "GDPR Art. 6(1)(f)", "GDPR Art. 7", "GDPR Art. 21(1)"),
    ),
    "controller-recipient": (
        "a new recipient that is a controller",
        ("GDPR Art. 13(1)(e)", "GDPR Art. 14(1)(e)"),
    ),
    "dpia": (
        "a DPIA removed or no longer finished",
        ("GDPR Art. 35(1)", "GDPR Art. 35(11)"),
    ),
    "orphaned-data": (
        "an activity deleted while its data categories remain in other activities",
        ("GDPR Art. 5(1)(e)", "GDPR Art. 30(1)"),
    ),
}
_FINISHED = frozenset({"done", "approved"})
_CONTROLLERS = frozenset({"controller", "joint_controller"})
V = Value


def _risk(name: str, *words: str, references: tuple[str, ...] | None = None) -> Risk:
    return Risk(name, tuple(words), references or CLASSES[name][1])


def _listed(values: Iterable[str]) -> list[str]:
    """``a``, ``b`` as words: each a :class:`Value`, with commas between."""
    out: list[str] = []
    for i, value in enumerate(values):
        out += [", "] * (i > 0) + [V(value)]
    return out


def assess(changes: list[Change], old: Snapshot, new: Snapshot) -> None:
    """Set the risks of each change."""
    for change in changes:
        change.risks = list(_risks(change, old, new))


def _risks(change: Change, old: Snapshot, new: Snapshot) -> Iterator[Risk]:
    kind, before, after = change.kind, change.old, change.new
    if kind == "third_country" and change.change == ADDED and after is not None:
        yield _risk(
            "third-country",
            "activity ",
            V(change.key[1]),
            " now sends personal data to ",
            V(change.key[2]),
            ", outside the EEA (",
            *_listed(after.value["via"]),
            "): a transfer needs an adequacy decision or appropriate safeguards, or in a specific situation "
            "a derogation",
        )
    if kind == "transfer" and change.change == CHANGED and before is not None and after is not None:
        was, now = before.facts.get("mechanism"), after.facts.get("mechanism")
        if was != now:
            yield _risk(
                "transfer-mechanism",
                "the transfer's mechanism changed from ",
                V(was or "none stated"),
                " to ",
                V(now or "none stated"),
                ": it must still ensure the level of protection the GDPR guarantees",
            )
    if kind == "data_category" and after is not None:
        yield from _category_risks(change)
    if kind == "data_subject" and change.change == ADDED and after is not None and after.facts.get("child"):
        yield _risk(
            "children",
            "a new category of data subjects who are children: children merit specific protection, and their "
            "consent to an information society service needs a parent's authorisation below the national age",
        )
    if kind == "retention" and change.change == CHANGED and before is not None and after is not None:
        was, now = before.facts.get("months"), after.facts.get("months")
        if was is not None and (now is None or now > was):
            how = "no longer states a fixed period" if now is None else f"is longer ({_period(was)} -> {_period(now)})"
            yield _risk(
                "longer-retention",
                f"the retention {how}: personal data may be kept no longer than their purposes need "
                "(storage limitation)",
            )
    if kind == "lawful_basis" and change.change == CHANGED and before is not None and after is not None:
        was, now = before.facts.get("art6"), after.facts.get("art6")
        if now != was and now == "legitimate_interests":
            yield _risk(
                "lawful-basis",
                "the lawful basis changed from ",
                V(was or "none stated"),
                " to legitimate interests: it needs a balancing test showing that the data subjects' interests do "
                "not override them, and the data subjects may object",
                references=("GDPR Art. 6(1)(f)", "GDPR Art. 21(1)"),
            )
        elif now != was and now == "consent":
            yield _risk(
                "lawful-basis",
                "the lawful basis changed from ",
                V(was or "none stated"),
                " to consent: the controller must be able to show freely given, specific and informed consent, "
                "which may be withdrawn at any time",
                # Freely given, specific and informed is Art. 4(11)'s definition; shown and withdrawn, Art. 7(1), 7(3).
                references=("GDPR Art. 4(11)", "GDPR Art. 6(1)(a)", "GDPR Art. 7(1)", "GDPR Art. 7(3)"),
            )
    if change.change == ADDED and kind == "activity_recipient" and _controller(after):
        assert after is not None
        yield _risk(
            "controller-recipient",
            "personal data now go to recipient ",
            V(change.key[2]),
            f", a {str(after.facts['kind']).replace('_', ' ')} that uses them for its own purposes: the data "
            "subjects must be told of the recipients or categories of recipients",
        )
    if change.change == CHANGED and kind == "recipient" and _controller(after) and not _controller(before):
        assert after is not None
        users = sorted(k[1] for k in new.entries if k[0] == "activity_recipient" and k[2] == change.key[1])
        if users:
            yield _risk(
                "controller-recipient",
                "recipient ",
                V(change.key[1]),
                f" is now a {str(after.facts['kind']).replace('_', ' ')} and receives personal data of ",
                *_listed(users),
                ": the data subjects must be told of the recipients or categories of recipients",
            )
    if kind == "dpia":
        yield from _dpia_risks(change, new)
    if kind == "activity" and change.change == REMOVED:
        yield from _orphaned(change, old, new)


def _controller(entry: Entry | None) -> bool:
    return entry is not None and entry.facts.get("kind") in _CONTROLLERS


def _category_risks(change: Change) -> Iterator[Risk]:
    before, after = change.old, change.new
    assert after is not None
    tags = after.facts.get("tags", frozenset())
    had = before.facts.get("tags", frozenset()) if before is not None else frozenset()
    new_tags = tags - had
    what = "a new data category" if change.change == ADDED else "the data category now"
    special = sorted(t.split(":", 1)[1] for t in new_tags if t.startswith("special_category:"))
    if special:
        yield _risk(
            "special-category",
            f"{what} holds special categories of personal data (",
            *_listed(special),
            "): processing them is prohibited unless an Art. 9(2) condition applies",
        )
    if "criminal" in new_tags:
        yield _risk(
            "criminal-offence",
            f"{what} holds personal data relating to criminal convictions and offences: only under the control "
            "of official authority or where Union or Member State law authorises it",
        )
    if "national_id" in new_tags:
        yield _risk(
            "national-id",
            f"{what} holds national identification numbers: Member States may set specific conditions for "
            "processing them",
        )
    if after.facts.get("child") and not (before is not None and before.facts.get("child")):
        yield _risk(
            "children",
            f"{what} concerns children: children merit specific protection, and their consent to an information "
            "society service needs a parent's authorisation below the national age",
        )


def _dpia_risks(change: Change, new: Snapshot) -> Iterator[Risk]:
    before, after = change.old, change.new
    activity = change.key[1]
    if before is None or ("activity", activity) not in new.entries:
        return
    if after is None:
        yield _risk("dpia", "the DPIA of activity ", V(activity), " was removed from the record")
        return
    if before.facts.get("ref") and not after.facts.get("ref"):
        yield _risk(
            "dpia",
            "the reference to the DPIA of activity ",
            V(activity),
            " (",
            V(str(before.facts["ref"])),
            ") was removed",
        )
    if before.facts.get("status") in _FINISHED and after.facts.get("status") not in _FINISHED:
        yield _risk(
            "dpia",
            "the DPIA of activity ",
            V(activity),
            " is no longer finished (status ",
            V(str(before.facts["status"])),
            " -> ",
            V(str(after.facts.get("status") or "not stated")),
            ")",
        )


def _orphaned(change: Change, old: Snapshot, new: Snapshot) -> Iterator[Risk]:
    """An activity removed whose data categories (by id or name) are still held by other activities."""
    gone = change.key[1]
    categories = [e for k, e in old.entries.items() if k[0] == "data_category" and k[1] == gone]
    remaining = [e for k, e in new.entries.items() if k[0] == "data_category"]
    left: list[str] = []
    for category in categories:
        name = str(category.facts.get("name") or "").casefold()
        for other in remaining:
            same_name = bool(name) and str(other.facts.get("name") or "").casefold() == name
            if other.key[2] == category.key[2] or same_name:
                left += [", "] * bool(left) + [V(category.key[2]), " (in ", V(other.key[1]), ")"]
                break
    if left:
        yield _risk(
            "orphaned-data",
            "activity ",
            V(gone),
            " was deleted but its data categories ",
            *left,
            " remain: the purposes and time limits that governed them left the record",
        )


def _period(months: float) -> str:
    if months >= 12 and months % 12 == 0:
        return f"{int(months // 12)} years"
    if months == int(months):
        return f"{int(months)} months"
    return f"{round(months * 30.44)} days"


def parse(value: str) -> tuple[str, ...]:
    """``--fail-on-risk``'s classes; raises ValueError naming an unknown one and the nearest known."""
    from ropa_check.suggest import nearest

    names = tuple(part.strip() for part in value.split(",") if part.strip())
    for name in names:
        if name not in CLASSES and name != "any":
            close = nearest(name, list(CLASSES), cutoff=0.5)
            hint = f"; did you mean '{close}'?" if close else ""
            raise ValueError(f"unknown risk class '{name}'{hint} (known: {', '.join(CLASSES)}, or any)")
    if not names:
        raise ValueError("no risk class given")
    return names


__all__ = ["CLASSES", "assess", "parse"]
