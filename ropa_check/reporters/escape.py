"""Text that came from input, made safe for a report: no control character, line break or CI command gets through.

Reports show file names, messages, JSON paths, activity ids, waiver reasons and
source lines that came from the records checked, and so from whoever wrote
them. In a text report a line break in any of them would start a line of the
writer's choosing (``::add-mask::``, ``::set-output`` in GitHub Actions), and
ESC or BEL would drive the terminal.

- :func:`shown` (text formats) writes each such character as a visible escape,
  ``\\n``, ``\\t``, ``\\x1b``, ``\\u2028`` (a file name's byte that is not UTF-8
  as ``\\xNN``), breaks GitHub's legacy ``##[command]`` marker, which the runner
  obeys anywhere in a line, and cuts a value longer than :data:`LIMIT` in the
  middle, saying how many characters were left out. It is a display escape,
  not an encoding: a backslash in the input is shown as it is, and the
  machine-readable formats keep the exact text.
- :func:`line_start` keeps a value that begins a line (a file name) from
  beginning it with ``::``, the GitHub Actions command marker.
- :func:`json_text` and :func:`xml_text` keep the machine-readable formats
  valid and exact for any input: the JSON escapes (``\\u009b``) and XML
  character references (``&#x9b;``) they write decode to the very same text.
  Only the characters XML 1.0 cannot hold at all (most of C0, lone surrogates,
  U+FFFE/U+FFFF) are written as visible escapes, by :func:`xml_safe`.
"""

from __future__ import annotations

import re

#: The most characters of one value (a message, a file name, a JSON path...) a text report shows.
LIMIT = 2000

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
#: Characters that reorder or break lines when shown: C0, DEL, C1, the Unicode line and paragraph
#: separators, and the bidirectional controls ("Trojan Source", CVE-2021-42574).
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
#: GitHub's legacy workflow-command marker, obeyed anywhere in a line (actions/runner ActionCommand.TryParse).
_LEGACY_COMMAND = "##["


def _visible(char: str) -> str:
    code = ord(char)
    if char in _NAMED:
        return _NAMED[char]
    if code < 0x100:
        return f"\\x{code:02x}"
    if 0xDC80 <= code <= 0xDCFF:  # a byte that is not UTF-8, kept by Python as a surrogate (PEP 383)
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}"


def _escape(text: str) -> str:
    return _UNSAFE.sub(lambda m: _visible(m.group()), text).replace(_LEGACY_COMMAND, "##\\[")


def shown(text: str, limit: int | None = LIMIT) -> str:
    """``text`` as a text report shows it: on one line, with no control character, at most ``limit`` long."""
    if limit is not None and len(text) > limit:
        head = limit * 2 // 3
        tail = limit - head
        return f"{_escape(text[:head])}…({len(text) - head - tail} characters left out)…{_escape(text[-tail:])}"
    return _escape(text)


def line_start(text: str) -> str:
    """A shown path that begins a line, kept from beginning it with ``::`` (``./::x.yaml`` is the same file)."""
    return "./" + text if text.lstrip().startswith("::") else text


def is_safe(text: str) -> bool:
    """True when ``text`` has nothing :func:`shown` would escape."""
    return _UNSAFE.search(text) is None and _LEGACY_COMMAND not in text


# ------------------------------------------------------------------ machine-readable formats


def utf8(text: str) -> bytes:
    """``text`` as UTF-8 bytes, never an error: a file name's bytes that are not UTF-8 (kept by Python
    as surrogates, PEP 383) as those bytes; any other lone surrogate (no file name holds one) as such."""
    try:
        return text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogatepass")


#: Characters JSON allows raw in a string that a terminal or an editor would act on; JSON's
#: serialiser already escapes C0, so these are the ones left (all outside ASCII, so inside strings).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(serialised: str) -> str:
    """JSON text from ``json.dumps(..., ensure_ascii=False)`` with DEL, C1, line separators, bidi
    controls and lone surrogates written as ``\\uXXXX``: the same values, and always encodable as UTF-8.

    Safe on the whole document: JSON's structure is ASCII, so every such character is inside a string.
    """
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", serialised)


#: What XML 1.0 cannot hold, not even as a character reference (XML 1.0 section 2.2, Char).
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
#: What XML 1.0 holds but a terminal would act on: written as character references.
_XML_REFERENCED = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def xml_safe(text: str) -> str:
    """``text`` with the characters XML 1.0 cannot hold written as visible escapes (``\\x01``, ``\\udc80``)."""
    return _XML_FORBIDDEN.sub(lambda m: _visible(m.group()), text)


def xml_text(serialised: str) -> str:
    """Serialised XML with DEL, C1, line separators and bidi controls as character references (``&#x9b;``).

    Safe on the whole document when its markup is ASCII: every such character is in text or an attribute value.
    """
    return _XML_REFERENCED.sub(lambda m: f"&#x{ord(m.group()):x};", serialised)
