"""The ``init`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = (
    "Write a starter record whose findings are the to-do list, with the schema, pre-commit and CI configuration."
)
LANGUAGES = ("sv", "en")
EXIT_STATUSES = """exit status:
  0  the starter record is written (its findings are the to-do list; they do not change the status)
  2  a usage error, or a file that exists (--force overwrites it); nothing is written
  3  an internal error: a bug in ropa-check (--debug shows the traceback)
130  interrupted (Ctrl-C)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments, and its exit statuses (not a check's)."""
    parser.epilog = EXIT_STATUSES
    parser.add_argument(
        "folder",
        nargs="?",
        default=".",
        help="the project folder: the record goes into FOLDER/records (default: the current folder)",
    )
    parser.add_argument("--org", required=True, metavar="NAME", help="the organisation's name (the controller)")
    parser.add_argument(
        "--country",
        required=True,
        metavar="CC",
        help="the country the organisation is established in (ISO 3166-1 alpha-2: SE, IE, DE...); "
        "SE adds the Swedish pack's fields",
    )
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        help="the language of the comments and names (default: sv for SE, en otherwise)",
    )
    parser.add_argument("--force", action="store_true", help="overwrite files that exist")
    parser.add_argument(
        "--today",
        metavar="YYYY-MM-DD",
        help="the date the record is created on and checked against (default: $ROPA_CHECK_TODAY, else today)",
    )
    parser.add_argument(
        "--hook-repo",
        metavar="URL",
        help="the ropa-check repository the pre-commit hook and CI install from "
        "(default: the one this ropa-check was installed from, if pip recorded it)",
    )
    parser.add_argument("--hook-rev", metavar="REV", help="the full commit id of --hook-repo to use")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    from ropa_check.starter import init

    try:
        return init.run(args, out)
    except init.Refused as exc:
        from ropa_check.reporters.escape import shown

        print(f"ropa-check: error: {shown(str(exc))}", file=sys.stderr)
        return 2
