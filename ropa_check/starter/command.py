"""The ``init`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = (
    "Write a starter record whose findings are the to-do list, with the schema, pre-commit and CI configuration."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    print("ropa-check: error: `init` is not built yet", file=sys.stderr)
    return 2
