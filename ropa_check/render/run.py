"""``ropa-check render``: check the record, then write it as a document.

The record is checked exactly as ``ropa-check check`` checks it (the same
configuration, plugins, waivers and date), so the findings beside each
activity are the ones the gate reports. The output is written whole or not at
all (:func:`ropa_check.files.writing.write_whole`) and never onto a file of
the record or into its folder as a record file.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from ropa_check import __version__, config, plugins
from ropa_check.files import writing
from ropa_check.finding import Finding
from ropa_check.input_errors import INPUT_CODES
from ropa_check.options import Options, UsageError
from ropa_check.pipeline import check_paths
from ropa_check.render.labels import Labels, default_language
from ropa_check.reporters.escape import shown
from ropa_check.result import EXIT_CLEAN, EXIT_INPUT

if TYPE_CHECKING:
    from ropa_check.record import Record

#: The formats, by the output's extension (``--format`` overrides it).
EXTENSIONS = {".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown"}


def render_record(
    record: Record,
    findings: Sequence[Finding],
    *,
    fmt: str = "html",
    lang: str | None = None,
    as_of: dt.date,
    show_findings: bool = True,
) -> str:
    """The document of ``record`` (a checked :class:`ropa_check.record.Record`) and its ``findings``.

    ``fmt`` is ``html`` or ``markdown``; ``lang`` ``sv`` or ``en`` (None: from
    the controller's country). The same arguments give the same text.
    """
    from ropa_check.render.view import document

    labels = Labels(lang or default_language(record.controller_country))
    doc = document(record, findings, labels, as_of=as_of, version=__version__, show_findings=show_findings)
    if fmt == "markdown":
        from ropa_check.render import markdown

        return markdown.render(doc)
    from ropa_check.render import html

    return html.render(doc)


def as_of_date(today: str | None, options_today: dt.date | None) -> dt.date | None:
    """The document's date: ``--today``, else ``ROPA_CHECK_TODAY`` (in ``options_today``), else
    ``SOURCE_DATE_EPOCH`` (reproducible builds' variable, in UTC); None: the real today.

    Raises :class:`UsageError` for a value that is not a date.
    """
    if today is not None:
        try:
            return config.date(today)
        except ValueError as exc:
            raise UsageError(f"--today: {exc}") from None
    if options_today is not None:
        return options_today
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
        except (ValueError, OverflowError, OSError):
            raise UsageError(f"SOURCE_DATE_EPOCH: '{shown(epoch)}' is not a number of seconds since 1970") from None
    return None


def output_format(output: str | None, chosen: str | None) -> str:
    """The format to write: ``--format``, else the output file's extension. Raises :class:`UsageError`."""
    if chosen is not None:
        return chosen
    if output is None or output == "-":
        raise UsageError("render needs -o FILE (.html or .md), or --format html|markdown to write to standard output")
    suffix = Path(output).suffix.lower()
    if suffix not in EXTENSIONS:
        raise UsageError(
            f"cannot tell the format of '{shown(output)}' from its extension; name it .html or .md, "
            "or give --format html|markdown"
        )
    return EXTENSIONS[suffix]


def render_command(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``ropa-check render``: exit status 0 when written, 2 for unreadable input or an unwritable output."""
    fmt = output_format(args.output, args.format)
    overrides = {
        "paths": tuple(args.paths) if args.paths else None,
        "waivers": False if args.no_waivers else None,
    }
    options: Options = config.resolve(overrides, config=args.config, isolated=args.isolated)
    as_of = as_of_date(args.today, options.today)
    if as_of is not None:
        options = options.replace(today=as_of)  # the date shown is the date the rules and waivers were judged on
    loaded = plugins.load(options)
    from ropa_check import selection

    rules = selection.selected_rules(loaded.rules, options)
    paths = _whole_records(options.paths)
    result = check_paths(paths, rules, loaded.vocabularies, options, known=loaded.codes, keep_records=True)
    if result.input_failed:
        for f in result.findings:
            if f.code in INPUT_CODES:
                err.write(f"{shown(f.file)}:{f.line}:{f.column}: {f.code} {shown(f.message)}\n")
        err.write("ropa-check: error: the record could not be read, so it was not rendered; nothing was written\n")
        return EXIT_INPUT
    if len(result.records) != 1:
        raise UsageError(
            f"the paths given make {len(result.records)} records; render takes one record "
            "(a folder, or the files of one record)"
        )
    target = args.output
    if target is not None and target != "-" and (why := writing.refusal(target, [*result.files, *paths])) is not None:
        raise UsageError(
            f"output file '{shown(target)}' {why}; choose another name (outside the record's folders, "
            "or in a dot-folder such as .ropa-check/)"
        )
    # The checked record is millions of long-lived objects; each full collection while the document's
    # hundreds of thousands of small strings are made would walk them all again (a third of the time).
    gc.disable()
    try:
        text = render_record(
            result.records[0],
            result.findings,
            fmt=fmt,
            lang=args.lang,
            as_of=as_of or dt.date.today(),
            show_findings=not args.no_findings,
        )
    finally:
        for record in result.records:
            record.release()  # freed by reference counting, not left to the collector (see Record.release)
        gc.enable()
    if target is None or target == "-":
        out.write(text)
        out.flush()
        return EXIT_CLEAN
    try:
        writing.write_whole(target, lambda fh: _write(fh, text), newline="\n")
    except OSError as exc:
        raise UsageError(f"cannot write {fmt} to '{shown(target)}': {writing.reason(exc, target)}") from None
    return EXIT_CLEAN


def _whole_records(paths: Sequence[str]) -> list[str]:
    """Each path as the whole record it belongs to: a document shows a record and all its findings.

    ``check`` given one file of a record reports that file's findings only; a
    document of the record with the other activities' findings left out would
    show them as clean.
    """
    from ropa_check.files import record_roots

    out: dict[str, None] = {}
    with record_roots.one_run():
        for raw in paths:
            try:
                root = record_roots.record_root(Path(raw)) if os.path.exists(raw) else None
            except (OSError, ValueError):
                root = None
            if root is None or (os.path.isdir(raw) and root == Path(raw).resolve()):
                out[raw] = None
                continue
            # The record's files as `check` reads them for a part of it: not the root folder, whose subfolders
            # may hold records of their own (docs/examples/format-1.1/), which `check` leaves out.
            files, _ = record_roots.record_files(root, [])
            out.update(dict.fromkeys(os.path.relpath(f) for f in files))
    return list(out)


def _write(fh: TextIO, text: str) -> None:
    fh.write(text)


__all__ = ["as_of_date", "output_format", "render_command", "render_record"]
