"""The ``import`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = "Import a record from a spreadsheet (a regulator's layout or a mapping) or from Fides manifests."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    print("ropa-check: error: `import` is not built yet", file=sys.stderr)
    return 2
