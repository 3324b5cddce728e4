"""The data files shipped in ``ropa_check/data/`` (vocabularies, phrases, adequacy decisions).

Read from the package folder: ``importlib.resources`` would add about 10 ms
of imports to every run for the zip installs that ropa-check does not support.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).with_name("data")


def read(name: str) -> str:
    """The text of ``ropa_check/data/<name>``."""
    return (DATA / name).read_text(encoding="utf-8")
