"""The ``diff`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = (
    "Compare two versions of a record as data (by ids): what changed, its risk class and legal reason,\n"
    "and the findings introduced and fixed. BASE and HEAD are git refs (default BASE: the merge base with\n"
    "the target or default branch; default HEAD: the working tree) or two folders. See docs/diff.md.\n\n"
    "For diff, exit status 1 means a change has a risk class named by --fail-on-risk, and 2 also that\n"
    "HEAD's record does not load (its load errors are the report)."
)
FORMATS = ("text", "markdown", "json")


def _risk_classes(value: str) -> tuple[str, ...]:
    from ropa_check.changes.risks import parse

    try:
        return parse(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""
    parser.add_argument("base", nargs="?", metavar="BASE", help="git ref or folder (default: merge base)")
    parser.add_argument("head", nargs="?", metavar="HEAD", help="git ref or folder (default: the working tree)")
    parser.add_argument("--output-format", choices=FORMATS, default="text", help="text (default), markdown or json")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument(
        "--fail-on-risk",
        type=_risk_classes,
        action="extend",
        default=[],
        metavar="CLASS[,CLASS]",
        help="exit 1 when a change has one of these risk classes ('any': every class); see docs/diff.md",
    )
    parser.add_argument(
        "--record",
        action="append",
        default=None,
        metavar="PATH",
        help="the record's files or folders in the repository (default: config 'paths', else records)",
    )
    parser.add_argument("--config", metavar="FILE", help="configuration file (default: the closest one)")
    parser.add_argument("--isolated", action="store_true", help="ignore every configuration file")
    parser.add_argument("--packs", default=None, help="comma-separated rule packs to load (default: all)")
    parser.add_argument("--today", default=None, help="the date rules are judged against (default: today)")


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    from ropa_check.changes.run import diff_command

    return diff_command(args, out, sys.stderr)
