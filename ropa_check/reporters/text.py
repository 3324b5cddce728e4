"""Human-readable text: ``full`` (with the source line and details) and ``concise``.

Everything shown that came from input (file names, messages, JSON paths,
activity ids, waiver reasons, source lines) goes through
:func:`~ropa_check.reporters.escape.shown`: one line each, no control
character, capped in length. The colour codes are ropa-check's own, added
around text already escaped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ropa_check.files.regular_file import read_regular_file
from ropa_check.finding import Finding, Severity
from ropa_check.input_errors import INPUT_CODES, UNREADABLE
from ropa_check.reporters.escape import line_start, shown
from ropa_check.result import Result

_SGR = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "blue": "34", "green": "32", "cyan": "36"}
_SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def _paint(text: str, *styles: str, color: bool) -> str:
    """``text`` in ANSI colour when ``color`` (a terminal, or FORCE_COLOR), else as it is."""
    if not color or not styles:
        return text
    return f"\x1b[{';'.join(_SGR[s] for s in styles)}m{text}\x1b[0m"


def _head(f: Finding, color: bool = False) -> str:
    # The file name begins the line: never with "::", which GitHub Actions would read as a command.
    where = _paint(f"{line_start(shown(f.file))}:{f.line}:{f.column}:", "bold", color=color)
    code = _paint(shown(f.code), "bold", _SEVERITY_COLOUR[f.severity], color=color and f.suppression is None)
    return f"{where} {code} {shown(f.message)}{suppressed_note(f, shown)}"


def _as_is(text: str) -> str:
    return text


def suppressed_note(f: Finding, show: Callable[[str], str] = _as_is) -> str:
    """`` (suppressed: reason)`` for a waived or baselined finding, so it stays visible; else empty.

    ``show`` renders the reason, approver and date, which come from the record or the baseline.
    """
    if f.suppression is None:
        return ""
    s = f.suppression
    reason = show(s.reason) if s.reason else ("in the baseline" if s.kind == "baseline" else "waived")
    extra = "".join(
        f"; {label} {show(value)}" for label, value in (("approved by", s.approver), ("expires", s.expires)) if value
    )
    return f" (suppressed: {reason}{extra})"


def concise(result: Result, out: TextIO, *, color: bool = False) -> None:
    for f in result.findings:
        out.write(_head(f, color) + "\n")
    summary_only(result, out, color=color)


def full(result: Result, out: TextIO, *, color: bool = False) -> None:
    sources: dict[str, list[str]] = {}
    for f in result.findings:
        write_full_finding(f, out, sources, color=color)
    summary_only(result, out, color=color)


def summary_only(result: Result, out: TextIO, *, color: bool = False) -> None:
    """The summary line alone (``--quiet``)."""
    ok = not result.active
    out.write(_paint(summary(result), "bold", "green" if ok else "red", color=color) + "\n")


def write_full_finding(f: Finding, out: TextIO, sources: dict[str, list[str]], *, color: bool = False) -> None:
    """One finding as ``full`` shows it: the head line, the source line with a caret, and details."""
    out.write(_head(f, color) + "\n")
    line = _source_line(sources, f)
    gutter_colour = ("cyan",) if color else ()
    if line is not None:
        excerpt, caret = source_window(line, f.column)
        # A tab or ESC in the line is shown escaped; the caret moves past what the escapes add before it.
        # (A caret past the end of the line, at a missing value, stays past it.)
        offset = len(shown(excerpt[: caret - 1], limit=None)) + max(0, caret - 1 - len(excerpt))
        excerpt = shown(excerpt, limit=None)
        gutter = str(f.line)
        bar = _paint("|", *gutter_colour, color=color)
        out.write(f"  {_paint(gutter, *gutter_colour, color=color)} {bar} {excerpt}\n")
        pointer = _paint("^", "bold", _SEVERITY_COLOUR[f.severity], color=color)
        out.write(f"  {' ' * len(gutter)} {bar} {' ' * offset}{pointer}\n")
    where = f"activity '{shown(f.activity)}', " if f.activity else ""
    severity = _paint(str(f.severity), "bold", _SEVERITY_COLOUR[f.severity], color=color)
    out.write(f"  = {severity}: {where}{shown(f.json_path)} ({shown(f.name)})\n")
    if f.reference:
        out.write(f"  = reference: {shown(f.reference)}\n")
    if f.fix:
        out.write(f"  = fix: {shown(f.fix)}\n")
    out.write("\n")


#: The most of a source line ``full`` shows; a longer line is cut around the column, with "…".
SOURCE_WIDTH = 120


def source_window(line: str, column: int, width: int = SOURCE_WIDTH) -> tuple[str, int]:
    """The part of ``line`` to show and the caret's column in it (a minified file is one long line)."""
    if len(line) <= width:
        return line, column
    start = max(0, min(column - 1 - width // 2, len(line) - width))
    end = start + width
    prefix, suffix = ("…" if start > 0 else ""), ("…" if end < len(line) else "")
    return prefix + line[start:end] + suffix, column - start + len(prefix)


def summary(result: Result) -> str:
    counts = result.counts()
    scope = (
        f"{len(result.files)} file{'s' * (len(result.files) != 1)}, "
        f"{result.activities} activit{'ies' if result.activities != 1 else 'y'}, {result.rules} rules"
    )
    suppressed = len(result.findings) - len(result.active)
    extra = f"; {suppressed} suppressed" if suppressed else ""
    if not result.active:
        return f"All checks passed ({scope}{extra})."
    total = len(result.active)
    if result.input_failed:
        errors = sum(1 for f in result.active if f.code in INPUT_CODES)
        others = total - errors
        where = f"{len(result.files)} file{'s' * (len(result.files) != 1)}"
        besides = f", and {others} finding{'s' * (others != 1)} in what could be checked" if others else ""
        return (
            f"Could not check the record: {errors} input error{'s' * (errors != 1)} in {where}{besides}; "
            "fix them and run again."
        )
    parts = ", ".join(f"{n} {_plural(sev, n)}" for sev, n in counts.items())
    return f"Found: {total} finding{'s' * (total != 1)} ({parts}{extra}) in {scope}."


def _plural(sev: Severity, n: int) -> str:
    return str(sev) if sev is Severity.INFO or n == 1 else f"{sev}s"


def _source_line(cache: dict[str, list[str]], f: Finding) -> str | None:
    # A path ropa-check refused to read (a link out of the record, a pipe) is never shown: its first line
    # could be any file on the machine that runs the check, printed into a public CI log.
    if f.code == UNREADABLE.code:
        return None
    if f.file not in cache:
        try:
            text = read_regular_file(f.file).decode("utf-8-sig", errors="replace")
            cache[f.file] = text.splitlines()
        except (OSError, ValueError):  # ValueError: a name no file can have (a NUL, from a plugin's finding)
            cache[f.file] = []
    lines = cache[f.file]
    return lines[f.line - 1] if 0 < f.line <= len(lines) else None
