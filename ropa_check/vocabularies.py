"""The controlled vocabularies shipped with ropa-check (``data/vocabularies.yaml``)."""

from __future__ import annotations

import functools

from ropa_check import data_files

NAMES = ("purpose", "data_subject", "data_category")


@functools.cache
def shipped() -> dict[str, dict[str, str]]:
    """The shipped tags, by vocabulary name, with their descriptions."""
    data = data_files.load("vocabularies.yaml")
    return {name: dict(data[name]) for name in NAMES}
