"""The starter files' text: one template per file, its lines chosen by language and country.

A template is YAML with comments, written once for every language and
country, so that the keys cannot drift apart between the Swedish and the
English record. A line that starts with conditions and a bar is kept only when
they all hold: ``sv|`` (Swedish text), ``en|`` (English), ``se|`` (a Swedish
controller: the Swedish pack's fields and Swedish law), ``eea|`` (a controller
in the EEA); ``!`` negates one, ``+`` joins them (``en+se|``, ``sv+!se|``).
Other lines are kept as they are. ``@NAME@`` is replaced by a value that the
caller has already made safe YAML (:func:`quoted`), in one pass, so that a value
holding ``@COUNTRY@`` is never expanded again.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

_CONDITIONAL = re.compile(r"^(!?[a-z]+(?:\+!?[a-z]+)*)\|(.*)$", re.DOTALL)
_PLACEHOLDER = re.compile(r"@([A-Z_]+)@")
FLAGS = frozenset({"sv", "en", "se", "eea"})


@dataclass(frozen=True)
class Audience:
    """Whom the starter is written for: the comments' language, and the controller's country."""

    lang: str
    country: str
    eea: bool

    def holds(self, flag: str) -> bool:
        """Whether one condition of a template line holds for this audience."""
        if flag not in FLAGS:
            raise ValueError(f"unknown template condition {flag!r}")
        if flag in ("sv", "en"):
            return self.lang == flag
        if flag == "se":
            return self.country == "SE"
        return self.eea


def fill(template: str, audience: Audience, values: Mapping[str, str]) -> str:
    """The text of ``template`` for ``audience``, its placeholders replaced by ``values`` (already YAML-safe)."""
    kept = []
    for line in template.splitlines():
        match = _CONDITIONAL.match(line)
        if match is None:
            kept.append(line)
            continue
        conditions, rest = match.groups()
        if all(_holds(audience, condition) for condition in conditions.split("+")):
            kept.append(rest)

    def value(found: re.Match[str]) -> str:
        return values[found.group(1)]

    return _PLACEHOLDER.sub(value, "\n".join(kept)) + "\n"


def _holds(audience: Audience, condition: str) -> bool:
    return not audience.holds(condition[1:]) if condition.startswith("!") else audience.holds(condition)


# YAML 1.2's printable characters (PyYAML's reader refuses the others), less those PyYAML reads
# as line breaks (NEL, LS, PS), the byte-order mark and the bidirectional controls, which would
# make the file read differently from what it holds: each is written as an escape instead.
_PLAIN = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_BIDI = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NAMED = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}


def quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``, on one line.

    Quoting every character that is not plainly printable keeps text from the
    command line (an organisation's name with a newline, ``#``, ``: ``, ``{{``
    or ``*alias``) from ever becoming YAML structure or a comment. Lone
    surrogates cannot be written in UTF-8: :class:`ValueError`.
    """
    out = ['"']
    for char in text:
        if char in _NAMED:
            out.append(_NAMED[char])
        elif _PLAIN.fullmatch(char) and not _BIDI.fullmatch(char):
            out.append(char)
        elif 0xD800 <= ord(char) <= 0xDFFF:
            raise ValueError("the text holds bytes that are not UTF-8")
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:  # pragma: no cover - every character above U+FFFF is printable in YAML 1.2
            out.append(f"\\U{ord(char):08x}")
    out.append('"')
    return "".join(out)


__all__ = ["Audience", "fill", "quoted"]
