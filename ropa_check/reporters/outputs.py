"""Where a check's reports go: ``--output-format``, repeatable ``-o FORMAT[=FILE]``, ``--statistics``.

Which format is used when none is named: ``ROPA_CHECK_OUTPUT_FORMAT``, else
``github`` inside GitHub Actions (``GITHUB_ACTIONS=true``), else ``full``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from ropa_check.options import UsageError
from ropa_check.reporters import COLOURED, NAMES, get
from ropa_check.result import Result


class OutputError(UsageError):
    """An output cannot be used: an unknown format, or a file that cannot or must not be written."""


@dataclass(frozen=True)
class Output:
    """One report: a format, and the file it goes to (None for stdout)."""

    format: str
    file: str | None = None


def parse(spec: str) -> Output:
    """``sarif=ropa.sarif`` -> Output("sarif", "ropa.sarif"); ``full`` -> Output("full")."""
    name, sep, file = spec.partition("=")
    name = name.strip()
    if name not in NAMES:
        raise OutputError(f"unknown output format {name!r}; choose from {', '.join(NAMES)}")
    if sep and not file:
        raise OutputError(f"output {spec!r} names no file after '='")
    return Output(name, file or None)


def choose(
    specs: Sequence[str],
    output_format: str | None,
    *,
    statistics: bool = False,
    quiet: bool = False,
    environ: Mapping[str, str] | None = None,
) -> list[Output]:
    """The outputs of a run, from the options given and the environment.

    ``quiet`` replaces what would go to stdout with the summary line; reports
    to files are written as asked.
    """
    env = os.environ if environ is None else environ
    outputs = [parse(spec) for spec in specs]
    if output_format is not None:
        outputs.insert(0, parse(output_format))
    if not outputs:
        if statistics:
            return [Output("statistics")]
        if env.get("ROPA_CHECK_OUTPUT_FORMAT"):
            try:
                outputs = [parse(env["ROPA_CHECK_OUTPUT_FORMAT"])]
            except OutputError as exc:
                raise OutputError(f"ROPA_CHECK_OUTPUT_FORMAT: {exc}") from None
        elif env.get("GITHUB_ACTIONS") == "true":
            outputs = [Output("github")]
        else:
            outputs = [Output("full")]
    if statistics:
        outputs.append(Output("statistics"))
    if quiet:
        outputs = [o for o in outputs if o.file is not None] + [Output("summary")]
    files = [o.file for o in outputs if o.file is not None]
    for file in files:
        if files.count(file) > 1:
            raise OutputError(f"two outputs write to {file!r}; give each its own file")
    return outputs


def check_targets(outputs: Sequence[Output], checked: Sequence[str]) -> None:
    """Refuse to overwrite a checked file: ropa-check never writes to what it checks."""
    checked_real = {os.path.realpath(name) for name in checked}
    for o in outputs:
        if o.file is not None and os.path.realpath(o.file) in checked_real:
            raise OutputError(f"output file {o.file!r} is one of the files being checked; choose another name")


def write(result: Result, outputs: Sequence[Output], out: TextIO | None = None, *, color: bool = False) -> None:
    """Render ``result`` to every output. Raises OutputError when a file cannot be written.

    ``color`` applies to the text formats written to ``out`` (never to files).
    """
    stdout = sys.stdout if out is None else out
    for o in outputs:
        reporter = get(o.format)
        if o.file is None:
            if color and o.format in COLOURED:
                reporter(result, stdout, color=True)  # type: ignore[call-arg]
            else:
                reporter(result, stdout)
            continue
        try:
            # A file name that is not UTF-8 (kept by Python as surrogates) is written as \xNN.
            with open(o.file, "w", encoding="utf-8", errors="backslashreplace", newline="\n") as fh:
                reporter(result, fh)
        except OSError as exc:
            raise OutputError(f"cannot write {o.format} output to {o.file!r}: {exc.strerror or exc}") from None
