"""Values from a record made safe for a spreadsheet cell.

Everything in a record is untrusted: a spreadsheet program runs a cell that
starts with ``=``, ``+``, ``-`` or ``@`` as a formula (OWASP, "CSV Injection"),
and tab and carriage return are the other starts OWASP lists. Such a cell is
written as text: in XLSX as an explicit string cell with Excel's quote prefix,
in CSV behind a single quote, which Excel and LibreOffice read as "text".
Characters XML 1.0 cannot hold would make openpyxl raise, or Excel refuse the
file; they, and the controls that drive a terminal or reorder text, are written
as visible escapes (``\\x1b``), as ropa-check's text reports do.
"""

from __future__ import annotations

import re

#: The first characters that make a spreadsheet program read a cell as a formula (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: Excel's limit on the characters of one cell; longer text is cut, saying so.
MAX_CELL = 32767
_CUT = "…(cut: Excel holds at most 32,767 characters in a cell)"

#: C0 controls other than tab, line feed and carriage return (XML 1.0 cannot hold them), DEL and C1,
#: the line and paragraph separators, bidirectional controls, lone surrogates and U+FFFE/U+FFFF.
_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ud800-\udfff\ufffe\uffff]"
)


def _visible(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str) -> str:
    """``text`` with no character a spreadsheet file cannot hold or a terminal would act on, within Excel's limit.

    Line ends become ``\\n``: XML reads a raw carriage return as a line feed, so a CR would not survive XLSX,
    and CSV and XLSX are to hold the same text.
    """
    # Only the start can be kept, so only the start is cleaned: a value repeated in every row (a purpose each
    # data category inherits) would otherwise be scanned whole in each. Twice the cell is enough: line ends
    # shrink at most by half ("\r\n" -> "\n"), so what is left out would not have fitted in any case.
    whole = len(text) <= 2 * MAX_CELL
    text = text if whole else text[: 2 * MAX_CELL]
    text = _UNSAFE.sub(lambda m: _visible(m.group()), text.replace("\r\n", "\n").replace("\r", "\n"))
    if len(text) > MAX_CELL or not whole:
        text = text[: MAX_CELL - len(_CUT)] + _CUT
    return text


def is_formula_like(text: str) -> bool:
    """True when a spreadsheet program could read ``text`` as a formula unless told it is text.

    Beyond OWASP's first characters, a formula start behind leading white space counts too
    (``" =1+1"``, ``"\\n=1+1"``): some programs trim before they look, and text costs nothing.
    """
    return text.startswith(FORMULA_STARTS) or text.lstrip(" \t\r\n").startswith(FORMULA_STARTS)


def _quoted(text: str) -> bool:
    # A value that is already quotes before a formula start gets one more, so that reading strips one
    # quote from every field that has them and the value "'=x" comes back as it was.
    return is_formula_like(text.lstrip("'"))


def csv_cell(text: str | None) -> str:
    """The CSV field for a cleaned value: a formula-like one behind a single quote (OWASP)."""
    if not text:
        return ""
    return "'" + text if _quoted(text) else text


def from_csv(field: str) -> str:
    """The value a CSV field written by :func:`csv_cell` holds (for readers of our CSV: import, tests)."""
    if field.startswith("'") and _quoted(field):
        return field[1:]
    return field


__all__ = ["FORMULA_STARTS", "MAX_CELL", "clean", "csv_cell", "from_csv", "is_formula_like"]
