"""The ``render`` command's arguments; the work is imported only when it runs."""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

DESCRIPTION = "Render the record as one self-contained HTML file or GitHub-flavoured Markdown, with its findings."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The command's arguments."""


def run(args: argparse.Namespace, out: TextIO) -> int:
    """Run the command; return the exit status."""
    print("ropa-check: error: `render` is not built yet", file=sys.stderr)
    return 2
