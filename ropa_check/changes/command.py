"""The ``diff`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = (
    "Compare two versions of a record as data (by ids): what changed, its risk class and legal reason, "
    "and the findings introduced and fixed."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    print("ropa-check: error: `diff` is not built yet", file=sys.stderr)
    return 2
