"""The data files shipped in ``ropa_check/data/`` (vocabularies, phrases, adequacy decisions).

Read from the package folder: ``importlib.resources`` would add about 10 ms
of imports to every run for the zip installs that ropa-check does not support.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).with_name("data")


def load(name: str) -> Any:
    """The parsed YAML of ``ropa_check/data/<name>``: our own files, so the plain safe loader serves."""
    text = (DATA / name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
