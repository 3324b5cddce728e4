"""Reporters render a :class:`~ropa_check.result.Result`; they never decide the exit status.

Each format lives in its own module, imported only when that format is used.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TextIO

from ropa_check.result import Result

Reporter = Callable[[Result, TextIO], None]

#: Format name -> (module, function).
_REPORTERS = {
    "full": ("text", "full"),
    "concise": ("text", "concise"),
    "json": ("json_report", "render"),
    "json-lines": ("json_lines", "render"),
    "sarif": ("sarif", "render"),
    "junit": ("junit", "render"),
    "github": ("github", "render"),
    "gitlab": ("gitlab", "render"),
    "statistics": ("statistics", "render"),
    "summary": ("text", "summary_only"),
}

#: The formats ``--output-format`` and ``-o`` accept (``statistics`` and ``summary`` come from flags).
NAMES = tuple(name for name in _REPORTERS if name not in ("statistics", "summary"))
#: The formats that take ``color=True`` when they go to a terminal.
COLOURED = frozenset({"full", "concise", "summary"})


def get(name: str) -> Reporter:
    """The reporter called ``name`` (imported only when used)."""
    module_name, function = _REPORTERS[name]
    module = importlib.import_module(f"ropa_check.reporters.{module_name}")
    reporter: Reporter = getattr(module, function)
    return reporter
