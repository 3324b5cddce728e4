"""``ropa-check export``: load the record, refuse what must not be written, write the file whole.

A record that does not load (exit-2 input errors) is never exported: a partial
sheet would look like the whole record to whoever receives it. The target is
refused before anything is written when it is a folder, a file of the record or
inside a record folder where the next check would read it, or an existing file
without ``--force``.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import os
from typing import TextIO

from ropa_check import config, plugins
from ropa_check.export import write
from ropa_check.export.layout import load
from ropa_check.files import writing
from ropa_check.pipeline import check_paths
from ropa_check.reporters import get as reporter
from ropa_check.reporters.escape import shown
from ropa_check.result import EXIT_CLEAN, EXIT_INPUT

_PREFIX = "ropa-check: error: "


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Export as ``args`` ask; messages to ``err``, the line saying what was written to ``out``."""
    target: str = args.output

    def fail(message: str) -> int:
        print(_PREFIX + message, file=err)
        return EXIT_INPUT

    if os.path.isdir(target):
        return fail(f"{shown(target)!r} is a folder; -o names the file to write")
    fmt = write.format_of(target)
    if fmt is None:
        return fail(f"cannot tell the format of {shown(target)!r} from its name: end it in .xlsx or .csv")
    layout = load(args.template)
    if fmt == "csv" and layout.multi_sheet:
        return fail(
            f"the {layout.name} layout has a sheet per activity, which one CSV file cannot hold; "
            "export it as .xlsx, or use --template ico or skr for CSV"
        )
    options = config.resolve(
        {"paths": tuple(args.paths) or None, "today": args.today}, config=args.config, isolated=args.isolated
    )
    when = _when(options.today)
    if isinstance(when, str):
        return fail(when)
    paths = list(options.paths)
    loaded = plugins.load(options)
    # Rules are not run: an export shows the record, and `check` says what is wrong with it.
    result = check_paths(paths, [], loaded.vocabularies, options, known=loaded.codes, keep_records=True)
    if result.input_failed:
        failed = dataclasses.replace(result, findings=[f for f in result.findings if f.code in _input_codes()])
        reporter("full")(failed, err)
        return fail("the record could not be read, so nothing was exported (the errors are above)")
    if not result.records:
        return fail(f"no record in {shown(', '.join(paths))}: no file with an `organisation:` block or activities")
    if len(result.records) > 1:
        return fail(f"the paths hold {len(result.records)} records; export one record at a time")
    why = writing.refusal(target, [*result.files, *paths])
    if why is not None:
        return fail(f"will not write {shown(target)!r}: it {why}")
    if os.path.lexists(target) and not args.force:
        return fail(f"{shown(target)!r} exists; --force replaces it")
    try:
        write.export_record(result.records[0], target, template=layout.name, when=when, fmt=fmt)
    except write.ExportError as exc:
        return fail(str(exc))
    except OSError as exc:
        return fail(f"cannot write {shown(target)!r}: {writing.reason(exc, target)}; nothing was written")
    record = result.records[0]
    sheets = 1 + (len(record.activities) if layout.multi_sheet else 0)
    out.write(
        f"Wrote {shown(target)}: {len(record.activities)} activities in the {layout.name} layout "
        f"({fmt.upper()}, {sheets} sheet{'s' if sheets != 1 else ''}).\n"
    )
    return EXIT_CLEAN


def _input_codes() -> frozenset[str]:
    from ropa_check.input_errors import INPUT_CODES

    return INPUT_CODES


def _when(today: dt.date | None) -> dt.datetime | str:
    """The date the file is stamped with (a message if it cannot be read).

    ``--today`` (or ``ROPA_CHECK_TODAY``, or ``today`` in the configuration), else ``SOURCE_DATE_EPOCH``
    (reproducible-builds.org), else today: the same record exported on the same day gives the same bytes.
    """
    if today is not None:
        return write.midnight(today)
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            stamp = dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
        except (ValueError, OverflowError, OSError):
            return f"SOURCE_DATE_EPOCH={shown(epoch)!r} is not a number of seconds since 1970-01-01"
        return stamp.replace(tzinfo=None)
    return write.midnight(dt.date.today())
