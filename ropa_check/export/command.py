"""The ``export`` command's arguments; the work is imported only when it runs.

``ropa-check check`` builds every command's parser, so this module imports
argparse only; openpyxl and the export modules are imported by :func:`run`.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    import datetime as dt

DESCRIPTION = "Export the record in a regulator's spreadsheet layout (ICO, SKR, CNIL) as .xlsx or .csv."

#: The layouts (ropa_check/export/layouts/NAME.yaml); a test holds this to ropa_check.export.layout.NAMES.
TEMPLATES = ("ico", "skr", "cnil")

EPILOG_NOTE = """\
layouts:
  ico    the UK ICO's documentation template for controllers: one row per activity and data category
  skr    a Swedish register (Art. 30(1) in Swedish; not SKR's own file, which was not available)
  cnil   the CNIL's register: the list of activities, then one sheet per activity (XLSX only)

The format follows the extension of -o (.xlsx or .csv). CSV is UTF-8 with a byte order mark. A cell that
a spreadsheet would run as a formula (it starts with =, +, -, @, tab or carriage return) is written as
text. The same record and date give the same bytes (--today, or SOURCE_DATE_EPOCH).

exit status:
  0  written (findings are `ropa-check check`'s business: a record with gaps is exported as it is)
  2  nothing written: the record could not be read, FILE is refused (a folder, a file of the record,
     an existing file without --force, not .xlsx or .csv, CSV for the cnil layout), or a usage error
  3  an internal error: a bug in ropa-check (--debug shows the traceback)
130  interrupted (Ctrl-C); FILE is left as it was
"""


def _date(value: str) -> dt.date:
    from ropa_check import config

    try:
        return config.date(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.epilog = EPILOG_NOTE  # its own exit statuses: an export never exits 1
    parser.add_argument("paths", nargs="*", metavar="PATH", help="record files or folders (default: configured paths)")
    parser.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write: .xlsx or .csv")
    parser.add_argument("--template", required=True, choices=TEMPLATES, help="the layout: ico, skr or cnil")
    parser.add_argument("--force", action="store_true", help="replace FILE if it exists")
    parser.add_argument(
        "--today", type=_date, metavar="YYYY-MM-DD", help="the date the workbook is stamped with (default: today)"
    )
    parser.add_argument("--config", metavar="FILE", help="read this configuration file")
    parser.add_argument("--isolated", action="store_true", help="read no configuration file")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status (0 written; 2 not: bad input, a refused target)."""
    from ropa_check.export import work

    return work.run(args, out, sys.stderr)


__all__ = ["DESCRIPTION", "TEMPLATES", "add_arguments", "run"]
