"""GitHub Actions workflow commands (``--output-format github``), with the full report beside them.

Each file gets a ``::group::``; inside it every active finding is an
``::error``/``::warning``/``::notice`` annotation followed by its full text.
Suppressed findings are shown as text only, never as annotations. GitHub shows
at most 10 annotations of a kind per step, so past that a warning on stderr
points to SARIF upload, and the log still holds every finding.

Text from input is shown escaped (:func:`~ropa_check.reporters.escape.shown`)
before the workflow-command escapes are applied: a line break in a record
becomes a visible ``\\n``, in the annotation as in the text beside it, so no
record can write a line, let alone a command, of its own.
"""

from __future__ import annotations

import sys
from collections import Counter
from typing import TextIO

from ropa_check.finding import Finding, Severity
from ropa_check.reporters.escape import shown
from ropa_check.reporters.text import summary, write_full_finding
from ropa_check.result import Result

ANNOTATION_CAP = 10
_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value: as data, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding) -> str:
    """The workflow command for one finding."""
    props = ",".join(
        f"{key}={escape_property(value)}"
        for key, value in (
            ("file", shown(f.file)),
            ("line", str(max(1, f.line))),
            ("col", str(max(1, f.column))),
            ("title", f"ropa-check ({shown(f.code)})"),
        )
    )
    json_path = shown(f.json_path)
    where = f" [activity '{shown(f.activity)}', {json_path}]" if f.activity else f" [{json_path}]"
    return f"::{_COMMAND[f.severity]} {props}::{escape_data(shown(f.message) + where)}"


def render(result: Result, out: TextIO, err: TextIO | None = None) -> None:
    by_file: dict[str, list[Finding]] = {}
    for f in result.findings:
        by_file.setdefault(f.file, []).append(f)
    sources: dict[str, list[str]] = {}
    kinds: Counter[str] = Counter()
    for file, findings in by_file.items():
        active = sum(1 for f in findings if f.suppression is None)
        out.write(f"::group::{escape_data(shown(file))} ({active} finding{'s' * (active != 1)})\n")
        for f in findings:
            if f.suppression is None:
                out.write(annotation(f) + "\n")
                kinds[_COMMAND[f.severity]] += 1
            write_full_finding(f, out, sources)
        out.write("::endgroup::\n")
    out.write(summary(result) + "\n")
    over = [f"{n} {kind} annotations" for kind, n in kinds.items() if n > ANNOTATION_CAP]
    if over:
        print(
            f"ropa-check: warning: {', '.join(over)}; GitHub shows only {ANNOTATION_CAP} of each kind "
            "per step. Every finding is in the log above; upload SARIF (-o sarif=ropa.sarif with "
            "github/codeql-action/upload-sarif) to see them all in code scanning.",
            file=err if err is not None else sys.stderr,
        )
