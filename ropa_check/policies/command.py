"""The ``test-policies`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = "Run the organisation's policies against the cases that must and must not make them fire."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    print("ropa-check: error: `test-policies` is not built yet", file=sys.stderr)
    return 2
