"""Where a check's reports go: ``--output-format``, repeatable ``-o FORMAT[=FILE]``, ``--statistics``.

Which format is used when none is named: ``ROPA_CHECK_OUTPUT_FORMAT``, else
``github`` inside GitHub Actions (``GITHUB_ACTIONS=true``), else ``full``.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO

from ropa_check.files import writing
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
    """Refuse to write a report over a file the run read, or into a checked record's folder as a record file.

    ropa-check never writes to what it checks, and a report written as
    ``records/report.json`` would be read as a record file by the next run.
    ``checked`` are the files and folders of the run; their record folders are
    worked out from them (see :func:`ropa_check.files.writing.refusal`).
    """
    for o in outputs:
        if o.file is not None and (why := writing.refusal(o.file, checked)) is not None:
            raise OutputError(
                f"output file {o.file!r} {why}; choose another name (outside the record's folders, "
                "or in a dot-folder such as .ropa-check/)"
            )


def write(result: Result, outputs: Sequence[Output], out: TextIO | None = None, *, color: bool = False) -> None:
    """Render ``result`` to every output. Raises OutputError when a file cannot be written.

    ``color`` applies to the text formats written to ``out`` (never to files).
    A file is replaced only once its report is written whole: an interrupted
    run leaves the previous report, never a truncated one.
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
            writing.write_whole(o.file, functools.partial(reporter, result), newline="\n")
        except OSError as exc:
            why = writing.reason(exc, o.file)
            raise OutputError(f"cannot write {o.format} output to {o.file!r}: {why}") from None
