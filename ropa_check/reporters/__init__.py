"""Reporters render a :class:`~ropa_check.result.Result`; they never decide the exit status."""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from ropa_check.result import Result

Reporter = Callable[[Result, TextIO], None]


def get(name: str) -> Reporter:
    """The reporter called ``name`` (imported only when used)."""
    if name in ("full", "concise"):
        from ropa_check.reporters import text

        return text.full if name == "full" else text.concise
    if name == "json":
        from ropa_check.reporters import json_report

        return json_report.render
    raise KeyError(name)


NAMES = ("full", "concise", "json")
