"""The ``render`` command's arguments; the work is imported only when it runs.

``ropa-check render PATH -o record.html`` checks the record, then writes it
with its findings as one self-contained HTML file or as GitHub-flavoured
Markdown (``-o record.md``; ``--format`` overrides the extension). Exit status
0 when the document is written (findings are in it, not in the status), 2 when
the record cannot be read or the output cannot be written.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = "Render the record as one self-contained HTML file or GitHub-flavoured Markdown, with its findings."
FORMATS = ("html", "markdown")
#: The format a file name's extension asks for.


EXIT_STATUSES = """exit status:
  0  the document is written (findings are in it; they do not change the status)
  2  the record could not be read or checked, the output cannot be written, or a usage error
  3  an internal error: a bug in ropa-check or a plugin (--debug shows the traceback)
130  interrupted (Ctrl-C)"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments, and its exit statuses (not a check's: findings do not make it fail)."""
    parser.epilog = EXIT_STATUSES
    parser.add_argument(
        "paths",
        nargs="*",
        default=None,
        help="the record's folder, or a file or subfolder of it (default: config 'paths')",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="the file to write (.html or .md); '-' writes to standard output (then --format is needed)",
    )
    parser.add_argument(
        "--format", choices=FORMATS, default=None, help="html or markdown (default: from FILE's extension)"
    )
    parser.add_argument(
        "--no-findings", action="store_true", help="render the record alone, without its findings (for the authority)"
    )
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        default=None,
        help="the language of headings and labels (default: from the "
        "controller's country: sv for SE, else en); the record's own text is shown as written",
    )
    parser.add_argument(
        "--today",
        default=None,
        metavar="DATE",
        help="the date the document is as of, and that rules and waivers are judged against "
        "(default: $ROPA_CHECK_TODAY, else $SOURCE_DATE_EPOCH's date, else today)",
    )
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: the closest one)")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--no-waivers", action="store_true", help="ignore waivers in the record: show every finding")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    from ropa_check.render.run import render_command

    return render_command(args, out, sys.stderr)
