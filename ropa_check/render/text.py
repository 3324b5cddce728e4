"""Record text made fit for any document: the characters no document should carry, made visible."""

from __future__ import annotations

import re

from ropa_check.reporters.escape import shown

#: C0 (but tab and line feed), DEL, C1, lone surrogates, the line and paragraph separators and the
#: bidirectional controls ("Trojan Source", CVE-2021-42574): they would hide or reorder what a reader sees.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with each character no document should carry written as a visible escape (``\\x1b``).

    Not an escape for any format: each writer escapes the result for its own
    (HTML by Jinja2's autoescape, Markdown and Mermaid by their own functions).
    """
    return _UNSAFE.sub(_visible, text)


def one_line(text: str) -> str:
    """A file name, shown on one line as the text reports show it: a line break or tab as ``\\n``, ``\\t``
    (which :func:`clean` keeps in the record's text, and a document would show as a space), a byte that is not
    UTF-8 as ``\\xNN``, the rest as :func:`clean` does.
    """
    return shown(text, limit=None)


__all__ = ["clean", "one_line"]
