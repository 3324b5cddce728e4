"""Reading the values people write in spreadsheets: ids, lists, yes/no, countries, bases, retention, tags.

Every reader returns what it recognised and leaves the rest to the caller,
which keeps the text as written (in a description or note) and reports it:
nothing is guessed into a field. A retention of "as long as necessary" stays
words, so the rules report it as vague (RPA402).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from ropa_check import vocabularies

LAYOUTS = Path(__file__).with_name("layouts")
_ID_MAX = 60
_DURATION = re.compile(r"^(P(\d+[YMWD])+(T(\d+[HMS])+)?|PT(\d+[HMS])+)$")
_UNITS = {
    "year": "Y",
    "years": "Y",
    "år": "Y",
    "month": "M",
    "months": "M",
    "månad": "M",
    "månader": "M",
    "week": "W",
    "weeks": "W",
    "vecka": "W",
    "veckor": "W",
    "day": "D",
    "days": "D",
    "dag": "D",
    "dagar": "D",
}
_AMOUNT = re.compile(
    r"^(?P<n>\d{1,4})\s*(?P<unit>[a-zåäö]+)(?:\s+(?:after|from|efter|från)\s+(?P<event>.+?))?\.?$", re.IGNORECASE
)
_ISO_AMOUNT = re.compile(r"^(?P<d>P[0-9YMWDTHS]+)(?:\s*(?:,|;|after|from|efter|från)\s*(?P<event>.+?))?\.?$")


def load_data(name: str) -> Any:
    """A data file of the import, ``layouts/<name>``: our own file, read safely."""
    text = (LAYOUTS / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def words() -> dict[str, Any]:
    """The word lists of ``layouts/values.yaml``: yes/no, bases, rights, mechanisms, kinds, tag synonyms."""
    data: dict[str, Any] = load_data("values.yaml")
    return data


@functools.cache
def _countries() -> tuple[dict[str, str], dict[str, str]]:
    data = load_data("countries.yaml")
    return dict(data["names"]), dict(data["alpha_3"])


def fold(text: str) -> str:
    """Text compared as words: case-folded, spaces collapsed, trailing punctuation dropped."""
    return re.sub(r"\s+", " ", text.strip().casefold()).strip(" .:;")


def slug(text: str, fallback: str) -> str:
    """An id made from ``text`` (``Namn på barn`` -> ``namn-pa-barn``); ``fallback`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    out = re.sub(r"[^a-z0-9_.]+", "-", ascii_text).strip("-._")[:_ID_MAX].strip("-._")
    return out or fallback


def unique(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``…: the first not in ``taken``, which it is added to."""
    candidate, n = wanted, 1
    while candidate in taken:
        n += 1
        suffix = f"-{n}"
        candidate = wanted[: _ID_MAX - len(suffix)] + suffix
    taken.add(candidate)
    return candidate


def split_list(text: str) -> list[str]:
    """A cell holding several entries: one per line or separated by semicolons (commas stay inside entries)."""
    return [part.strip() for part in re.split(r"[\n;]", text) if part.strip()]


def yes_no(text: str) -> bool | None:
    """True for yes, False for no (English and Swedish), None for anything else."""
    folded = fold(text)
    if folded in words()["yes"]:
        return True
    if folded in words()["no"]:
        return False
    return None


def country(text: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written by code or by name (English or Swedish), or None."""
    stripped = text.strip()
    names, alpha_3 = _countries()
    if re.fullmatch(r"[A-Z]{2}", stripped) and stripped in names.values():
        return stripped
    if re.fullmatch(r"[A-Z]{3}", stripped) and stripped in alpha_3:
        return alpha_3[stripped]
    return names.get(fold(stripped))


def alpha_3(code: str) -> str | None:
    """The alpha-2 code of an ISO 3166-1 alpha-3 code (Fides writes ``USA``), or None."""
    return _countries()[1].get(code.strip().upper())


def _lookup(table: str, text: str) -> str | None:
    folded = fold(text)
    for value, phrases in words()[table].items():
        if folded == value or folded in phrases:
            return str(value).removesuffix("_sv")  # a second list of labels for the same value
    return None


def is_none(text: str) -> bool:
    """True for a cell that says there are none ("None", "Inga"): an empty list, not a missing one."""
    return fold(text) in words()["none"]


_PARENTHESIS = re.compile(r"^(?P<name>.+?)\s*\((?P<detail>[^()]*)\)$")


def named_detail(text: str) -> tuple[str, list[str]]:
    """``Moln AB (processor, SE)`` -> (``Moln AB``, [``processor``, ``SE``]); text without one -> (text, [])."""
    match = _PARENTHESIS.match(text.strip())
    if match is None:
        return text.strip(), []
    return match["name"].strip(), [part.strip() for part in match["detail"].split(",") if part.strip()]


def art6(text: str) -> str | None:
    """The Art. 6(1) basis a cell names as a whole (``Consent``, ``Art. 6(1)(b)``, ``avtal``), or None."""
    return _lookup("art6", text)


def mechanism(text: str) -> str | None:
    """The transfer mechanism a cell names as a whole (``SCCs``, ``adequacy decision``), or None."""
    return _lookup("mechanism", text)


def recipient_kind(text: str) -> str | None:
    """The recipient kind a cell names as a whole (``processor``, ``personuppgiftsbiträde``), or None.

    "Public" alone names none: it may be a public body (``authority``) as well as the public (``public``).
    """
    if fold(text) == "public":
        return None
    return _lookup("recipient_kind", text)


def dpia_status(text: str) -> str | None:
    """The DPIA status a cell names (``in progress``, ``done``), or None."""
    return _lookup("dpia_status", text)


def source_type(text: str) -> str | None:
    """The source type a cell names (``the data subject``, ``den registrerade``), or None."""
    return _lookup("source_type", text)


def rights(text: str) -> tuple[list[str], list[str]]:
    """The rights a cell lists (split on commas, semicolons, lines and "and"): the recognised, the rest."""
    known: list[str] = []
    rest: list[str] = []
    for part in re.split(r"[\n;,]|\band\b|\boch\b", text):
        if not part.strip():
            continue
        right = _lookup("rights", re.sub(r"^(the )?right (of|to) ", "", fold(part)))
        if right is None:
            rest.append(part.strip())
        elif right not in known:
            known.append(right)
    return known, rest


def tag(vocabulary: str, text: str) -> str | None:
    """The tag a cell names as a whole in ``vocabulary`` (the tag itself, its description or a synonym)."""
    folded = fold(text)
    shipped = vocabularies.shipped()[vocabulary]
    underscored = folded.replace(" ", "_").replace("-", "_")
    if underscored in shipped:
        return underscored
    for name, description in shipped.items():
        if folded == fold(description):
            return name
    for name, phrases in words()["tags"][vocabulary].items():
        if folded in phrases:
            return str(name)
    return None


def retention(text: str) -> dict[str, str] | None:
    """A retention written as a concrete period: ``P2Y``, ``P2Y from end of membership``, ``7 years after X``.

    Returns ``{duration, start_event?}``, or None when the text is anything else
    (it is then kept as the retention's description, as written).
    """
    stripped = " ".join(text.split())
    match = _ISO_AMOUNT.match(stripped)
    if match and _DURATION.match(match["d"]):
        out = {"duration": match["d"]}
        if match["event"]:
            out["start_event"] = match["event"].strip()
        return out
    match = _AMOUNT.match(stripped)
    if match and match["unit"].casefold() in _UNITS and int(match["n"]) > 0:
        out = {"duration": f"P{int(match['n'])}{_UNITS[match['unit'].casefold()]}"}
        if match["event"]:
            out["start_event"] = match["event"].strip()
        return out
    return None


def is_duration(text: str) -> bool:
    """True for an ISO 8601 duration the record format accepts."""
    return bool(_DURATION.match(text))


_PHONE = re.compile(r"^\+?[\d\s().-]{5,}$")
#: A telephone number has at least this many digits (a Swedish one at least seven, 08-123 45), more than any
#: postcode written apart from its town (111 22, 75007, 1010).
_PHONE_DIGITS = 7


def contact(text: str, *, named: bool) -> dict[str, str]:
    """Contact details written in one cell, ``Name, Street 1, Town, a@b.se, +46 8 1, SE`` as ropa-check export
    writes them: e-mail, telephone, web address and country by their form; with ``named``, the first other part
    is the name; the remaining parts, in order, the address."""
    out: dict[str, str] = {}
    rest: list[str] = []
    for part in (p.strip() for p in text.split(", ")):
        if not part:
            continue
        if "@" in part and " " not in part and "email" not in out:
            out["email"] = part
        elif part.startswith(("http://", "https://")) and "url" not in out:
            out["url"] = part
        elif _PHONE.match(part) and sum(c.isdigit() for c in part) >= _PHONE_DIGITS and "phone" not in out:
            out["phone"] = part
        elif re.fullmatch(r"[A-Z]{2}", part) and country(part) and "country" not in out:
            out["country"] = part
        else:
            rest.append(part)
    if named and rest:
        out["name"] = rest.pop(0)
    if rest:
        out["address"] = ", ".join(rest)
    return out
